"""The partner database's export: questions on their own lines, answers below them.

Reading is driven by :data:`QUESTIONS` (English and Dutch wordings), never by line positions:
fields may come in any order, optional ones may be missing, blank lines and surrounding
whitespace do not matter, CRLF and a UTF-8 byte-order mark are fine. Lines before the first
question are the export's page header (the organisation's name and "Database") and are not
read. Each selected strategic outcome is resolved by its number; the visible text, which the
export cuts off at a fixed width and ends with a comma, must be the start of the known title
(a warning otherwise). ``Description/comments`` is split into contributions at
"Strategic outcome N:" and "Sub-outcome N.M:" headings; ``Country/Region`` gives the national
and international focus and the countries named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nap_graph.reference import ReferenceIndex, normalise, reference_index
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
    "organisation_kind": ("Organization details", "Gegevens van de organisatie"),
    "organisation_description": (
        "Description of your organization/institution",
        "Beschrijving van uw organisatie/instelling",
    ),
    "activities_description": (
        "Description of your main WPS related activities",
        "Beschrijving van uw belangrijkste VVV-activiteiten",
    ),
    "strategic_outcomes": ("Strategic outcome", "Strategische doelstelling"),
    "investment_types": (
        "What type of investments will you make to contribute to the selected outcome(s)?",
        "Welk type investeringen doet u om bij te dragen aan de gekozen doelstelling(en)?",
    ),
    "contributions": ("Description/comments", "Beschrijving/opmerkingen"),
    "focus_description": ("Country/Region", "Land/regio"),
}
"""Field of the model -> the question's wordings, English first (the one written out)."""

SUB_OUTCOME_QUESTION = re.compile(r"^(?:sub-outcome|subdoelstelling)\s+(\d+)$", re.IGNORECASE)
HEADING = re.compile(
    r"^(?:strategic outcome|sub-outcome|strategische doelstelling|subdoelstelling)\s+"
    r"(?P<code>\d+(?:\.\d+)?)\s*:\s*(?P<text>.*)$",
    re.IGNORECASE,
)
STRATEGIC_LINE = re.compile(r"^(?P<code>\d+)\s*[.)]\s*(?P<text>.*)$")
SUB_LINE = re.compile(r"^(?P<code>\d+\.\d+)\s+(?P<text>.*)$")
NATIONAL = re.compile(r"\b(?:national|nationaal|nationale)\b", re.IGNORECASE)
INTERNATIONAL = re.compile(r"\b(?:international|internationaal|internationale)\b", re.IGNORECASE)
SINGLE_LINE_FIELDS = {"organisation", "organisation_kind", "investment_types"}
_WORDINGS = {normalise(w): key for key, words in QUESTIONS.items() for w in words}


@dataclass(slots=True)
class _Section:
    key: str
    label: str
    line: int
    answers: list[tuple[int, str]] = field(default_factory=list)


def _question(line: str) -> tuple[str, str] | None:
    """(field key, the question as written) if ``line`` is a known question."""
    text = " ".join(line.split()).rstrip(":").strip()
    key = _WORDINGS.get(normalise(text))
    if key:
        return key, text
    match = SUB_OUTCOME_QUESTION.match(text)
    if match:
        return f"sub_outcomes:{match[1]}", text
    return None


def _sections(lines: list[str], problems: list[Problem]) -> list[_Section]:
    sections: list[_Section] = []
    seen: dict[str, _Section] = {}
    current: _Section | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        found = _question(line)
        if found:
            key, label = found
            current = _Section(key=key, label=label, line=number)
            if key in seen:
                problems.append(
                    Problem(
                        Severity.error,
                        f"duplicate section '{label}' (first at line {seen[key].line})",
                        Location(label, line=number),
                    )
                )
            seen.setdefault(key, current)
            sections.append(current)
        elif current is not None:
            current.answers.append((number, line))
    if not sections:
        known = ", ".join(f"'{q[0]}'" for q in QUESTIONS.values())
        problems.append(
            Problem(
                Severity.error,
                f"no known question found; expected lines such as {known}",
                Location("file", line=1),
            )
        )
    return sections


def _paragraphs(answers: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Answer lines as paragraphs: each non-blank line of the export is one paragraph."""
    return answers


def _outcome_text_matches(visible: str, known: str) -> bool:
    seen = normalise(visible.rstrip(",").rstrip())
    return bool(seen) and normalise(known).startswith(seen)


def _known_title(index: ReferenceIndex, plan: str, code: str) -> str | None:
    info = index.outcome(plan, code)
    if info is None:
        return None
    return f"{info.label} - {info.definition}" if info.strategic else info.label


def parse_export(text: str, source: SourceInfo, *, plan: str = "nld-nap-4") -> ParsedSubmission:
    """Read the export's text (already decoded) into a :class:`ParsedSubmission`.

    Structural problems (duplicate or unreadable sections) come back as ``Severity.error``
    problems; the caller decides to stop (see :mod:`nap_graph.submissions.reading`).
    """
    index = reference_index()
    problems: list[Problem] = []
    sections = _sections(text.splitlines(), problems)
    fields: dict[str, object] = {"plan": plan}
    locations: dict[str, Location] = {}
    strategic: list[str] = []
    subs: list[str] = []
    contributions: list[Contribution] = []

    for section in sections:
        key, label = section.key, section.label
        answers = section.answers
        if not answers:
            continue
        where = Location(label, line=answers[0][0])
        if key in SINGLE_LINE_FIELDS and len(answers) > 1:
            extra_line, extra = answers[1]
            problems.append(
                Problem(
                    Severity.error,
                    f"'{label}' takes one line, found {len(answers)}: is '{extra[:60]}' "
                    "an unknown question?",
                    Location(label, line=extra_line),
                    found=extra,
                )
            )
            continue
        if key == "strategic_outcomes" or key.startswith("sub_outcomes:"):
            parent = key.split(":", 1)[1] if ":" in key else None
            target, name = (
                (strategic, "strategic_outcomes") if parent is None else (subs, "sub_outcomes")
            )
            for number, line in answers:
                code_and_text = _outcome_line(line, parent, label, number, problems)
                if code_and_text is None:
                    continue
                code, visible = code_and_text
                locations[f"{name}[{len(target)}]"] = Location(label, line=number)
                target.append(code)
                _check_visible_text(index, plan, code, visible, label, number, problems)
        elif key == "investment_types":
            number, line = answers[0]
            for part in (p.strip() for p in re.split(r"[,;]", line)):
                if part:
                    position = len(fields.setdefault("investment_types", []))  # type: ignore[arg-type]
                    locations[f"investment_types[{position}]"] = Location(label, line=number)
                    fields["investment_types"].append(part)  # type: ignore[union-attr]
            locations["investment_types"] = where
        elif key == "contributions":
            contributions = _contributions(answers, label, locations, problems)
            locations["contributions"] = where
        else:
            fields[key] = "\n\n".join(line for _, line in _paragraphs(answers))
            locations[key] = where

    if "focus_description" in fields:
        focus_text = str(fields["focus_description"])
        fields["geographic_focus"] = [
            f
            for f, pattern in ((Focus.national, NATIONAL), (Focus.international, INTERNATIONAL))
            if pattern.search(focus_text)
        ]
        fields["countries"] = [
            iri.rsplit("/", 1)[-1] for iri in find_mentions(focus_text) if "/country/" in iri
        ]
    fields["strategic_outcomes"] = strategic
    fields["sub_outcomes"] = subs
    fields["contributions"] = contributions
    record = SubmissionRecord.model_validate(fields)
    for name in ("organisation", "organisation_kind", "strategic_outcomes"):
        locations.setdefault(name, Location(_label_of(name)))
    return ParsedSubmission(record=record, source=source, locations=locations, problems=problems)


def _outcome_line(
    line: str, parent: str | None, label: str, number: int, problems: list[Problem]
) -> tuple[str, str] | None:
    """(code, visible text) of a line under "Strategic outcome" (``parent`` None) or under
    "Sub-outcome <parent>"; a problem and ``None`` when the line does not fit."""
    match = (STRATEGIC_LINE if parent is None else SUB_LINE).match(line)
    example = "3. Protection - ..." if parent is None else f"{parent}.1 ..."
    if not match:
        problems.append(
            Problem(
                Severity.error,
                f"expected a line such as '{example}' under '{label}'",
                Location(label, line=number),
                found=line,
            )
        )
        return None
    code = match["code"]
    if parent is not None and not code.startswith(f"{parent}."):
        problems.append(
            Problem(
                Severity.error,
                f"sub-outcome {code} is listed under '{label}'; "
                f"expected codes {parent}.1, {parent}.2, ...",
                Location(label, line=number),
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
    known = _known_title(index, plan, code)
    if known is None or not visible.strip():
        return  # unknown codes are reported by the shapes, with the known ones
    if not _outcome_text_matches(visible, known):
        problems.append(
            Problem(
                Severity.warning,
                f"the text of outcome {code} does not match its number: expected it to start "
                f"with '{known[:60]}...'",
                Location(label, line=number),
                found=visible[:80],
            )
        )


def _contributions(
    answers: list[tuple[int, str]],
    label: str,
    locations: dict[str, Location],
    problems: list[Problem],
) -> list[Contribution]:
    found: list[tuple[str, list[str], int]] = []
    for number, line in _paragraphs(answers):
        heading = HEADING.match(line)
        if heading:
            found.append((heading["code"], [heading["text"]] if heading["text"] else [], number))
        elif found:
            found[-1][1].append(line)
        else:
            problems.append(
                Problem(
                    Severity.error,
                    f"text under '{label}' must start with a heading such as "
                    "'Strategic outcome 3:' or 'Sub-outcome 3.2:'",
                    Location(label, line=number),
                    found=line[:80],
                )
            )
    contributions = []
    for code, paragraphs, number in found:
        if not paragraphs:
            problems.append(
                Problem(
                    Severity.error,
                    f"the heading for outcome {code} has no text",
                    Location(label, line=number),
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
