"""The partner database's export, and the public signatory pages' layout of the same record:
questions on their own lines, answers below them.

Reading is driven by :data:`QUESTIONS` (English and Dutch wordings), never by line positions,
and is tolerant of the variations records show in the wild (``docs/submissions.md``):

- fields in any order, optional ones missing, blank lines and surrounding whitespace, CRLF and
  a UTF-8 byte-order mark; lines before the first question (the page header: the name, a
  "Database" line or none) are not read;
- a question the reader does not know is a warning naming it and its line, and its answer is
  skipped; the rest of the record is read. "Website URL" is known (the organisation's
  homepage);
- outcome items one a line or several on a line separated by ", ", ending in ",", ";" or ".",
  with or without a space after the number ("1.Participation");
- "Organization details" holds the database's wording of the kind, nothing, or a description
  (a warning; the text is kept as the organisation's description);
- a record copied from a web page that stops mid-field is read up to the cut, and the report
  says where the record appears cut off.

Each selected outcome is resolved by its number; the visible text must agree with one of the
outcome's titles (official title, the database's short label, cut off at any point): a warning
only when it is another outcome's text. ``Description/comments`` is split into contributions
at "Strategic outcome N:" and "Sub-outcome N.M:" headings; ``Country/Region`` gives the
national and international focus and the countries and regions named. The only record that
cannot be read at all is one without a single known question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nap_graph.i18n import gettext as _
from nap_graph.reference import ReferenceIndex, folded, reference_index
from nap_graph.submissions.mentions import find_mentions
from nap_graph.submissions.model import (
    Contribution,
    Focus,
    Location,
    ParsedSubmission,
    Problem,
    Severity,
    SourceInfo,
    SubmissionRecord,
)

QUESTIONS: dict[str, tuple[str, ...]] = {
    "organisation": ("Name of organization/institution", "Naam van de organisatie/instelling"),
    "website": ("Website URL", "Website", "Website-URL", "Url van de website"),
    "organisation_kind": ("Organization details", "Gegevens van de organisatie"),
    "organisation_description": (
        "Description of your organization/institution",
        "Beschrijving van uw organisatie/instelling",
    ),
    "activities_description": (
        "Description of your main WPS related activities",
        "Beschrijving van uw belangrijkste VVV-activiteiten",
    ),
    "strategic_outcomes": ("Strategic outcome", "Strategic outcomes", "Strategische doelstelling"),
    "investment_types": (
        "What type of investments will you make to contribute to the selected outcome(s)?",
        "Welk type investeringen doet u om bij te dragen aan de gekozen doelstelling(en)?",
    ),
    "contributions": ("Description/comments", "Beschrijving/opmerkingen"),
    "focus_description": ("Country/Region", "Land/regio"),
}
"""Field of the model -> the question's wordings, English first (the one written out)."""

_KEYS = list(QUESTIONS)
ORDER = (
    *_KEYS[: _KEYS.index("strategic_outcomes") + 1],
    "sub_outcomes",
    *_KEYS[_KEYS.index("strategic_outcomes") + 1 :],
)
"""The order the database writes its questions in (used to tell what a cut-off record lacks)."""
EXPECTED = ("organisation", "strategic_outcomes", "contributions", "focus_description")
"""Questions every complete record has."""

SUB_OUTCOME_QUESTION = re.compile(
    r"^(?:sub[- ]?outcomes?|subdoelstelling(?:en)?)\s+(\d+)$", re.IGNORECASE
)
HEADING = re.compile(
    r"^(?:strategic outcome|sub[- ]?outcome|strategische doelstelling|subdoelstelling)\s+"
    r"(?P<code>\d+(?:\.\d+)?)\s*(?::|\s-|\.(?!\d))\s*(?P<text>.*)$",
    re.IGNORECASE,
)
STRATEGIC_ITEM = re.compile(r"^(?P<code>\d+)\s*[.)](?!\d)\s*(?P<text>.*)$")
SUB_ITEM = re.compile(r"^(?P<code>\d+\.\d+)\.?(?!\d)\s*(?P<text>.*)$")
STRATEGIC_SPLIT = re.compile(r"[,;]\s+(?=\d+\s*[.)](?!\d)\s*[^\W\d])")
SUB_SPLIT = re.compile(r"[,;]\s+(?=\d+\.\d+\.?\s*[^\W\d])")
ITEM_END = re.compile(r"[\s,;.]+$")
NATIONAL = re.compile(r"\b(?:national|nationaal|nationale)\b", re.IGNORECASE)
INTERNATIONAL = re.compile(r"\b(?:international|internationaal|internationale)\b", re.IGNORECASE)
QUESTION_LIKE = re.compile(
    r"^(?:(?:name|naam|description|beschrijving|type|kind|soort|contact|e-?mail|phone|telefoon|"
    r"address|adres|website|url|number|aantal|what|which|how|who|when|where|wat|welk|welke|hoe|"
    r"wie|wanneer|waar)\b.{0,100}|.{1,120}[?:])$",
    re.IGNORECASE,
)
"""A line that reads as a question rather than an answer."""
SENTENCE_END = re.compile(r"[.!?)\]\"'\u2019\u201d]$")
SINGLE_LINE_FIELDS = {"organisation", "website", "investment_types"}
PROSE_FIELDS = {
    "organisation_description",
    "activities_description",
    "contributions",
    "focus_description",
}
_WORDINGS = {folded(w): key for key, words in QUESTIONS.items() for w in words}


@dataclass(slots=True)
class _Section:
    key: str
    label: str
    line: int
    answers: list[tuple[int, str]] = field(default_factory=list)


def _at_line(
    severity: Severity, message: str, label: str, number: int, found: str | None = None
) -> Problem:
    """A problem at a line of the export, under the question ``label``."""
    return Problem(severity, message, Location(label, line=number), found=found)


def known_question(line: str) -> tuple[str, str] | None:
    """(field key, the question as written) if ``line`` is a known question."""
    text = " ".join(line.split()).rstrip(":").strip()
    key = _WORDINGS.get(folded(text))
    if key:
        return key, text
    match = SUB_OUTCOME_QUESTION.match(text)
    if match:
        return f"sub_outcomes:{match[1]}", text
    return None


def _looks_like_question(line: str) -> bool:
    return len(line) <= 120 and bool(QUESTION_LIKE.match(line)) and not line.endswith(".")


def _sections(lines: list[str], problems: list[Problem]) -> list[_Section]:
    sections: list[_Section] = []
    seen: dict[str, _Section] = {}
    current: _Section | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        found = known_question(line)
        if found:
            key, label = found
            current = _Section(key=key, label=label, line=number)
            if key in seen:
                problems.append(
                    _at_line(
                        Severity.violation,
                        _(
                            "duplicate section '{label}' (first at line {line}); "
                            "expected each question once"
                        ).format(label=label, line=seen[key].line),
                        label,
                        number,
                    )
                )
            seen.setdefault(key, current)
            sections.append(current)
        elif current is not None:
            if _unknown_question(current, line):
                problems.append(
                    Problem(
                        Severity.warning,
                        _(
                            "unknown question '{question}' at line {line}: its answer is not "
                            "read (the rest of the record is)"
                        ).format(question=line[:80], line=number),
                        Location(line[:80], line=number),
                        found=line,
                    )
                )
                current = _Section(key="unknown", label=line, line=number)
                sections.append(current)
            else:
                current.answers.append((number, line))
    if not sections:
        known = ", ".join(f"'{q[0]}'" for q in QUESTIONS.values())
        problems.append(
            Problem.error(
                _("no known question found; expected lines such as {known}").format(known=known),
                Location("file", line=1),
            )
        )
    return sections


def _unknown_question(current: _Section, line: str) -> bool:
    """Whether ``line``, under ``current``, is a question the reader does not know: a line
    that reads as a question after a one-line answer, or after an unknown question's."""
    if current.key == "unknown":
        return _looks_like_question(line) and len(current.answers) >= 1
    if not _looks_like_question(line) or HEADING.match(line):
        return False
    if current.key in SINGLE_LINE_FIELDS or current.key == "organisation_kind":
        return len(current.answers) >= 1 or current.key == "website"
    return line.endswith("?")


def _visible(text: str) -> str:
    """An item's visible text without the export's trailing separator and a dangling dash."""
    return ITEM_END.sub("", text).rstrip(" -").strip()


def _titles(index: ReferenceIndex, plan: str, code: str) -> list[str]:
    info = index.outcome(plan, code)
    if info is None:
        return []
    titles = list(index.outcome_titles.get(info.iri, []))
    if info.strategic and info.definition:
        titles.insert(0, f"{info.label} - {info.definition}")
    return titles


def _agrees(visible: str, titles: list[str]) -> bool:
    seen = folded(visible)
    return any(
        folded(t).startswith(seen) or (seen.startswith(folded(t)) and folded(t)) for t in titles
    )


def _known_title(index: ReferenceIndex, plan: str, code: str) -> str | None:
    info = index.outcome(plan, code)
    if info is None:
        return None
    return f"{info.label} - {info.definition}" if info.strategic else info.label


def parse_export(text: str, source: SourceInfo, *, plan: str = "nld-nap-4") -> ParsedSubmission:
    """Read the export's text (already decoded) into a :class:`ParsedSubmission`.

    Only a text without any known question gives a ``Severity.error`` problem (the caller
    stops, see :mod:`nap_graph.submissions.reading`); anything else is read as far as it goes,
    with warnings and violations at their lines.
    """
    index = reference_index()
    problems: list[Problem] = []
    lines = text.splitlines()
    sections = _sections(lines, problems)
    fields: dict[str, object] = {"plan": plan}
    locations: dict[str, Location] = {}
    strategic: list[str] = []
    subs: list[str] = []
    contributions: list[Contribution] = []

    for section in sections:
        key, label = section.key, section.label
        answers = section.answers
        if not answers or key == "unknown":
            continue
        where = Location(label, line=answers[0][0])
        if key == "strategic_outcomes" or key.startswith("sub_outcomes:"):
            parent = key.split(":", 1)[1] if ":" in key else None
            target, name = (
                (strategic, "strategic_outcomes") if parent is None else (subs, "sub_outcomes")
            )
            for number, line in _items(answers, parent):
                code_and_text = _outcome_line(line, parent, label, number, problems)
                if code_and_text is None:
                    continue
                code, visible = code_and_text
                if code in target:
                    continue
                locations[f"{name}[{len(target)}]"] = Location(label, line=number)
                target.append(code)
                _check_visible_text(index, plan, code, visible, label, number, problems)
        elif key == "investment_types":
            number, line = answers[0]
            for part in (p.strip(" .") for p in re.split(r"[,;]", line)):
                if part:
                    position = len(fields.setdefault("investment_types", []))  # type: ignore[arg-type]
                    locations[f"investment_types[{position}]"] = Location(label, line=number)
                    fields["investment_types"].append(part)  # type: ignore[union-attr]
            locations["investment_types"] = where
        elif key == "contributions":
            contributions = _contributions(answers, label, locations, problems)
            locations["contributions"] = where
        elif key == "organisation_kind":
            _organisation_details(index, answers, label, fields, locations, problems)
        else:
            fields[key] = "\n\n".join(line for _number, line in answers)
            locations[key] = where

    _cut_off(lines, sections, problems)
    if "focus_description" in fields:
        focus_text = str(fields["focus_description"])
        fields["geographic_focus"] = [
            f
            for f, pattern in ((Focus.national, NATIONAL), (Focus.international, INTERNATIONAL))
            if pattern.search(focus_text)
        ]
        fields["countries"] = [
            iri.rsplit("/", 1)[-1] if iri in index.country_names else index.region_names[iri]
            for iri in find_mentions(focus_text)
            if iri in index.country_names or iri in index.region_names
        ]
    fields["strategic_outcomes"] = strategic
    fields["sub_outcomes"] = subs
    fields["contributions"] = contributions
    record = SubmissionRecord.model_validate(fields)
    for name in ("organisation", "organisation_kind", "strategic_outcomes"):
        locations.setdefault(name, Location(_label_of(name)))
    return ParsedSubmission(record=record, source=source, locations=locations, problems=problems)


def _items(answers: list[tuple[int, str]], parent: str | None) -> list[tuple[int, str]]:
    """Answer lines split into outcome items (several may share a line, ", "-separated)."""
    splitter = STRATEGIC_SPLIT if parent is None else SUB_SPLIT
    return [(number, part) for number, line in answers for part in splitter.split(line)]


def _organisation_details(
    index: ReferenceIndex,
    answers: list[tuple[int, str]],
    label: str,
    fields: dict[str, object],
    locations: dict[str, Location],
    problems: list[Problem],
) -> None:
    """The kind, in the database's wording; or a description written under the question."""
    number, first = answers[0]
    text = "\n\n".join(line for _number, line in answers)
    if len(answers) == 1 and (index.organisation_kinds.get(folded(first)) or not _is_prose(first)):
        fields["organisation_kind"] = first.strip().rstrip(".")
        locations["organisation_kind"] = Location(label, line=number)
        return
    problems.append(
        _at_line(
            Severity.warning,
            _(
                "'{label}' holds a description, not a kind of organisation; it is kept as the "
                "organisation's description (the kind is taken from the reference data for a "
                "known organisation)"
            ).format(label=label),
            label,
            number,
            found=first,
        )
    )
    described = fields.get("organisation_description")
    fields["organisation_description"] = f"{text}\n\n{described}" if described else text
    locations.setdefault("organisation_description", Location(label, line=number))


def _is_prose(text: str) -> bool:
    return len(text.split()) > 6 or text.rstrip().endswith((".", "!", "?"))


def _cut_off(lines: list[str], sections: list[_Section], problems: list[Problem]) -> None:
    """A warning when the record appears cut off: it stops mid-sentence in a text field,
    right after a question (no answer follows it), or before questions every complete
    record has."""
    read = [s for s in sections if s.key != "unknown"]
    if not read:
        return
    last = read[-1]
    keys = {s.key.split(":")[0] for s in read}
    last_key = last.key.split(":")[0]
    after = ORDER[ORDER.index(last_key) + 1 :] if last_key in ORDER else ()
    missing = [k for k in EXPECTED if k in after and k not in keys]
    final_line, final_text = last.answers[-1] if last.answers else (last.line, last.label)
    mid_sentence = (
        last_key in PROSE_FIELDS
        and bool(last.answers)
        and len(final_text) > 40
        and not SENTENCE_END.search(final_text)
    )
    unanswered = not last.answers
    if not (missing or mid_sentence or unanswered):
        return
    lacking = (
        _("; missing after it: {questions}").format(
            questions=", ".join(f"'{QUESTIONS.get(k, (k,))[0]}'" for k in missing)
        )
        if missing
        else ""
    )
    problems.append(
        Problem(
            Severity.warning,
            _("the record appears cut off at line {line}, in '{label}'").format(
                line=final_line, label=last.label
            )
            + (_(" (the text stops mid-sentence)") if mid_sentence else "")
            + (_(" (the question has no answer)") if unanswered else "")
            + lacking
            + _("; was it copied from a web page in full?"),
            Location(last.label, line=final_line),
            found=final_text[-80:],
        )
    )


def _outcome_line(
    line: str, parent: str | None, label: str, number: int, problems: list[Problem]
) -> tuple[str, str] | None:
    """(code, visible text) of an item under "Strategic outcome" (``parent`` None) or under
    "Sub-outcome <parent>"; a violation and ``None`` when the item does not fit."""
    match = (STRATEGIC_ITEM if parent is None else SUB_ITEM).match(line)
    example = "3. Protection - ..." if parent is None else f"{parent}.1 ..."
    if not match:
        problems.append(
            _at_line(
                Severity.violation,
                _("expected an item such as '{example}' under '{label}'").format(
                    example=example, label=label
                ),
                label,
                number,
                found=line,
            )
        )
        return None
    code = match["code"]
    if parent is not None and not code.startswith(f"{parent}."):
        problems.append(
            _at_line(
                Severity.violation,
                _(
                    "sub-outcome {code} is listed under '{label}'; "
                    "expected codes {parent}.1, {parent}.2, ..."
                ).format(code=code, label=label, parent=parent),
                label,
                number,
                found=code,
            )
        )
        return None
    return code, match["text"]


def _label_of(name: str) -> str:
    return QUESTIONS[name][0] if name in QUESTIONS else name


def _check_visible_text(
    index: ReferenceIndex,
    plan: str,
    code: str,
    visible: str,
    label: str,
    number: int,
    problems: list[Problem],
) -> None:
    """A warning when an item's text is that of another outcome than its number's."""
    shown = _visible(visible)
    titles = _titles(index, plan, code)
    if not titles or not folded(shown) or _agrees(shown, titles):
        return  # unknown codes are reported by the shapes, with the known ones
    strategic = "." not in code
    others = [
        other
        for other, info in index.outcomes.get(plan, {}).items()
        if other != code
        and info.strategic == strategic
        and _agrees(shown, _titles(index, plan, other))
    ]
    if others:
        problems.append(
            _at_line(
                Severity.warning,
                _(
                    "the text of outcome {code} is that of outcome {other}: expected it to "
                    "start with '{title}...'; check which outcome is meant"
                ).format(code=code, other=others[0], title=titles[0][:60]),
                label,
                number,
                found=shown[:80],
            )
        )


def _contributions(
    answers: list[tuple[int, str]],
    label: str,
    locations: dict[str, Location],
    problems: list[Problem],
) -> list[Contribution]:
    found: list[tuple[str, list[str], int]] = []
    for number, line in answers:
        heading = HEADING.match(line)
        if heading:
            found.append((heading["code"], [heading["text"]] if heading["text"] else [], number))
        elif found:
            found[-1][1].append(line)
        else:
            problems.append(
                _at_line(
                    Severity.violation,
                    _(
                        "text under '{label}' must start with a heading such as "
                        "'Strategic outcome 3:' or 'Sub-outcome 3.2:'"
                    ).format(label=label),
                    label,
                    number,
                    found=line[:80],
                )
            )
    contributions = []
    for code, paragraphs, number in found:
        if not paragraphs:
            problems.append(
                _at_line(
                    Severity.violation,
                    _("the heading for outcome {code} has no text").format(code=code),
                    label,
                    number,
                )
            )
            continue
        if any(c.outcome == code for c in contributions):
            problems.append(
                _at_line(
                    Severity.violation,
                    _("outcome {code} has two paragraphs; expected one heading per outcome").format(
                        code=code
                    ),
                    label,
                    number,
                    found=code,
                )
            )
            continue
        locations[f"contributions[{len(contributions)}]"] = Location(
            f"{'Sub-outcome' if '.' in code else 'Strategic outcome'} {code}", line=number
        )
        contributions.append(Contribution(outcome=code, text="\n\n".join(paragraphs)))
    return contributions


def render_export(record: SubmissionRecord) -> str:
    """Write a record in the partner database's export layout (without the width cut-off)."""
    index = reference_index()
    out: list[str] = [record.organisation or "", "Database"]

    def ask(key: str, *answers: str) -> None:
        if answers:
            out.extend([QUESTIONS[key][0], *answers])

    if record.organisation:
        ask("organisation", record.organisation)
    if record.organisation_kind:
        ask("organisation_kind", record.organisation_kind)
    for key in ("organisation_description", "activities_description"):
        value = getattr(record, key)
        if value:
            ask(key, *value.split("\n\n"))
    if record.strategic_outcomes:
        ask(
            "strategic_outcomes",
            *(
                f"{c}. {_known_title(index, record.plan, c) or ''}".rstrip()
                for c in record.strategic_outcomes
            ),
        )
    parents: dict[str, list[str]] = {}
    for code in record.sub_outcomes:
        parents.setdefault(code.split(".")[0], []).append(code)
    for parent, codes in parents.items():
        out.append(f"Sub-outcome {parent}")
        out.extend(f"{c} {_known_title(index, record.plan, c) or ''}".rstrip() for c in codes)
    if record.investment_types:
        ask("investment_types", ", ".join(record.investment_types))
    if record.contributions:
        ask(
            "contributions",
            *(
                f"{'Sub-outcome' if '.' in c.outcome else 'Strategic outcome'} {c.outcome}: "
                + c.text.replace("\n\n", "\n")
                for c in record.contributions
            ),
        )
    if record.focus_description:
        ask("focus_description", *record.focus_description.split("\n\n"))
    return "\n\n".join(out) + "\n"
