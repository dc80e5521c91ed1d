"""Drafting a curation document from a record's texts, deterministically.

Every contribution paragraph (and the main-activities text) becomes one candidate activity:
named by its first sentence, described by the paragraph, contributing to the paragraph's
outcome. The organisations it mentions are its candidate partners (units of the submitting
organisation: who carries it out), the countries it mentions its places (other countries than
the plan's own: partner countries). Quantities become candidate targets and observed values,
each with the sentence it came from:

- percentages ("a 30% participation rate of women in peace missions"): 30 percent;
- counts in digits or words ("six gender focal points"): 6;
- frequencies ("three times"): 3, and "annual"/"every year": the activity's frequency;
- durations ("a three-day gender training"): the activity's duration (P3D);
- "all of our deployed police staff will ...": 100 percent;
- a year in a sentence in the past tense ("have been active during deployment in 2021") makes
  its quantities observed values of that year; other quantities are targets.

Every drafted activity has ``"draft": true`` until a person confirms it (and removes the flag);
nothing is guessed that the text does not say. The draft is a curation document
(:mod:`nap_graph.submissions.curation`): check it with ``nap-graph curate --check``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from nap_graph import iris
from nap_graph.reference import ReferenceIndex, reference_index
from nap_graph.submissions.mentions import find_mentions
from nap_graph.submissions.model import Activity, ParsedSubmission, Quantity
from nap_graph.submissions.organisations import organisation_key, resolve_organisation

UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS = {w: n for n, w in enumerate(UNITS_WORDS.split(" "))}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100})
NUMBER = r"(?:\d+(?:[.,]\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'\u2018\u201c])")
PERCENT = re.compile(
    rf"\b(?P<n>{NUMBER})\s*(?:%|percent\b|per cent\b|procent\b)\s*(?P<what>[^.,;:()]*)", re.I
)
TIMES = re.compile(rf"\b(?P<n>{NUMBER})\s+times\b(?P<what>[^.,;:()]*)", re.I)
DURATION = re.compile(rf"\b(?P<n>{NUMBER})[- ](?P<unit>day|week|month|year|hour)s?\b", re.I)
COUNT = re.compile(
    rf"\b(?P<n>{NUMBER})\s+(?P<what>(?:[a-z][\w-]*\s+){{0,3}}?(?:[a-z][\w-]*s))\b", re.I
)
ALL = re.compile(
    r"\ball (?:of )?(?:our |the )?(?P<what>(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*) will\b", re.I
)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
PAST = re.compile(r"\b(?:have been|has been|were|was|so far|in the past|reached|achieved)\b", re.I)
ANNUAL = re.compile(r"\b(?:annual|annually|yearly|every year|each year)\b", re.I)
DURATION_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H"}
MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class Found:
    """A quantity read from a sentence."""

    value: float
    unit: str
    what: str
    sentence: str
    year: int | None
    observed: bool


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph."""
    return [s.strip() for s in SENTENCE.split(text) if s.strip()]


def _number(word: str) -> float:
    key = word.lower()
    if key in NUMBER_WORDS:
        return float(NUMBER_WORDS[key])
    return float(word.replace(",", "."))


def _what(text: str) -> str:
    words = text.split()[:8]
    return " ".join(words).strip(" -")


def quantities(sentence: str) -> Iterator[Found]:
    """The quantities one sentence states (see the module docstring)."""
    years = [int(y) for y in YEAR.findall(sentence)]
    observed = bool(years) and bool(PAST.search(sentence))
    year = years[-1] if years else None
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return not any(span[0] < e and s < span[1] for s, e in taken)

    for pattern, unit in ((PERCENT, "percent"), (TIMES, "number")):
        for match in pattern.finditer(sentence):
            taken.append(match.span())
            what = _what(match["what"]) or "share"
            yield Found(_number(match["n"]), unit, what, sentence, year, observed)
    for match in DURATION.finditer(sentence):
        taken.append(match.span())
    for match in ALL.finditer(sentence):
        if free(match.span()):
            taken.append(match.span())
            yield Found(100.0, "percent", _what(match["what"]), sentence, year, observed)
    for match in COUNT.finditer(sentence):
        value = match["n"]
        if not free(match.span()) or YEAR.fullmatch(value) or re.fullmatch(r"\d{4,}", value):
            continue
        if match.start() > 0 and sentence[match.start() - 1] in ".-/":
            continue  # part of a code such as 3.2 or 1325-IV
        if match["what"].lower().startswith("of "):
            continue  # "one of the main topics" counts nothing
        taken.append(match.span())
        yield Found(_number(value), "number", _what(match["what"]), sentence, year, observed)


def _duration(text: str) -> str | None:
    match = DURATION.search(text)
    if not match:
        return None
    unit = DURATION_UNITS[match["unit"].lower()]
    amount = int(_number(match["n"]))
    return f"PT{amount}H" if unit == "H" else f"P{amount}{unit}"


def _name(paragraph: str) -> str:
    first = sentences(paragraph)[0] if paragraph.strip() else paragraph
    if len(first) <= MAX_NAME:
        return first.rstrip(".")
    return first[:MAX_NAME].rsplit(" ", 1)[0] + "..."


def _quantity(found: Found) -> Quantity:
    value = found.value
    number = int(value) if value.is_integer() else value
    return Quantity(
        value=str(number),  # type: ignore[arg-type]
        unit=found.unit,
        indicator=found.what,
        year=found.year,
        source_text=found.sentence,
    )


def draft_activity(
    index: ReferenceIndex,
    plan: str,
    organisation: str,
    key: str,
    outcome: str | None,
    paragraph: str,
) -> Activity:
    """One candidate activity from one paragraph."""
    own_country = index.plan_countries.get(plan)
    mentioned = find_mentions(paragraph)
    units = [i for i in mentioned if index.unit_of.get(i) == organisation]
    partners = [
        i
        for i in mentioned
        if i in index.organisation_names and i != organisation and i not in units
    ]
    countries = [i for i in mentioned if i in index.country_names]
    regions = [i for i in mentioned if i in index.region_names]
    found = [q for s in sentences(paragraph) for q in quantities(s)]
    return Activity(
        key=key,
        name=_name(paragraph),
        description=paragraph,
        outcomes=[outcome] if outcome else [],
        carried_out_by=[index.organisation_names[u] for u in units],
        partners=[index.organisation_names[p] for p in partners],
        partner_countries=[c.rsplit("/", 1)[-1] for c in countries if c != own_country],
        countries=[c.rsplit("/", 1)[-1] for c in countries]
        + [index.region_names[r] for r in regions],
        duration=_duration(paragraph),
        frequency="annual" if ANNUAL.search(paragraph) else None,
        reported_in=[outcome] if outcome else ["record"],
        targets=[_quantity(q) for q in found if not q.observed],
        observed_values=[_quantity(q) for q in found if q.observed],
        draft=True,
    )


def draft_document(parsed: ParsedSubmission, *, curated_by: str) -> dict[str, object]:
    """A curation document (as JSON-ready data) drafted from a record: one candidate activity
    per contribution paragraph and one for the main-activities text."""
    index = reference_index()
    record = parsed.record
    resolved = resolve_organisation(index, record.organisation)
    version = iris.submission_iri(
        iris.plan_iri_for_key(record.plan), organisation_key(resolved.iri), parsed.source.sha256
    )
    texts: list[tuple[str | None, str, str]] = []
    if record.activities_description:
        texts.append((None, "main-activities", record.activities_description))
    for contribution in record.contributions:
        key = f"outcome-{contribution.outcome.replace('.', '-')}"
        texts.append((contribution.outcome, key, contribution.text))
    activities = [
        draft_activity(index, record.plan, resolved.iri, key, outcome, text)
        for outcome, key, text in texts
    ]
    return {
        "curates": version,
        "curated_by": curated_by,
        "language": record.language,
        "note": "Drafted by nap-graph draft from the record's texts: check every activity, "
        'target and observed value against its source text, then remove "draft".',
        "activities": [
            a.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {"draft": True}
            for a in activities
        ],
    }
