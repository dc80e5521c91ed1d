"""Validation reports for people and programs: text (one line per problem), JSON, and the
SHACL validation report in Turtle."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rdflib import Graph

from nap_graph.i18n import N_
from nap_graph.i18n import gettext as _
from nap_graph.submissions.model import Problem, Severity

if TYPE_CHECKING:
    from nap_graph.submissions.validation import SubmissionReport

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


SEVERITY_WORDS = {
    Severity.error: N_("error"),
    Severity.violation: N_("violation"),
    Severity.warning: N_("warning"),
}
"""How a report line names a problem's severity, in the report's language."""


def problem_line(file: str, problem: Problem) -> str:
    """``file:27: violation: Sub-outcome 3: '3.9' is not ... [found: 3.9]``."""
    loc = problem.location
    where = file
    if loc and loc.line is not None:
        where = f"{file}:{loc.line}"
    elif loc and loc.pointer is not None:
        where = f"{file}#{loc.pointer or '/'}"
    elif loc and loc.row is not None:
        where = f"{file}:row {loc.row}" + (f", column {loc.column}" if loc.column else "")
    field = f"{loc.field}: " if loc and loc.field else ""
    return f"{where}: {_(SEVERITY_WORDS[problem.severity])}: {field}{problem.message}"


def record_summary(report: SubmissionReport) -> dict[str, object]:
    """What was read: the organisation (as given, its IRI and kind), the outcomes, the
    countries and regions (IRIs), the geographic focus and how many activities."""
    from nap_graph.reference import reference_index
    from nap_graph.terms import WPS

    record, built = report.parsed.record, report.submission
    graph, sub, org = built.graph, built.submission, built.organisation
    kinds = [o.value for o in graph.objects(org, WPS.organisationKind)]
    kind = kinds[0] if kinds else reference_index().organisation_kind_of.get(org.value)
    places = [o.value for p in (WPS.focusCountry, WPS.focusRegion) for o in graph.objects(sub, p)]
    focus = sorted(o.value.rsplit("/", 1)[-1] for o in graph.objects(sub, WPS.geographicFocus))
    return {
        "organisation": record.organisation,
        "organisation_iri": org.value,
        "organisation_kind": kind,
        "strategic_outcomes": list(record.strategic_outcomes),
        "sub_outcomes": list(record.sub_outcomes),
        "countries": sorted(set(places), key=places.index),
        "geographic_focus": focus,
        "activities": len(record.activities),
    }


def summary_line(file: str, record: dict[str, object]) -> str:
    """``file: read: Ministry of Justice and Security <...jenv> (government-body); outcomes
    1, 2, 3, 5; sub-outcomes 3.1, 3.2; countries NLD; focus national, international; 0
    activities``."""

    none = _("none")

    def tail(value: object) -> str:
        return str(value).rsplit("/", 1)[-1] if value else none

    def codes(key: str) -> str:
        return ", ".join(record[key]) or none  # type: ignore[arg-type]

    read = _(
        "read: {organisation} <{iri}> ({kind}); outcomes {outcomes}; sub-outcomes {subs}; "
        "countries {countries}; focus {focus}; {activities} activities"
    ).format(
        organisation=record["organisation"] or _("(no name)"),
        iri=record["organisation_iri"],
        kind=tail(record["organisation_kind"]),
        outcomes=codes("strategic_outcomes"),
        subs=codes("sub_outcomes"),
        countries=", ".join(tail(c) for c in record["countries"]) or none,  # type: ignore[attr-defined]
        focus=codes("geographic_focus"),
        activities=record["activities"],
    )
    return f"{file}: {read}"


def in_report_order(problems: Sequence[Problem]) -> list[Problem]:
    """Errors, then violations, then warnings, each in input order."""
    order = {Severity.error: 0, Severity.violation: 1, Severity.warning: 2}

    def key(p: Problem) -> tuple[int, int, str]:
        loc = p.location
        position = (loc.line or loc.row or 0) if loc else 0
        return order[p.severity], position, loc.pointer or "" if loc else ""

    return sorted(problems, key=key)


def text_report(
    file: str, problems: Sequence[Problem], record: dict[str, object] | None = None
) -> str:
    """A one-line summary of what was read (when something was), one line per problem
    (errors, then violations, then warnings, each in input order), then the verdict."""
    lines = [summary_line(file, record)] if record else []
    lines += [problem_line(file, p) for p in in_report_order(problems)]
    counts = {s: sum(p.severity is s for p in problems) for s in Severity}
    if counts[Severity.error]:
        verdict = _("unreadable")
    elif counts[Severity.violation]:
        verdict = _("invalid")
    else:
        verdict = _("valid")
    tally = _("{errors} error(s), {violations} violation(s), {warnings} warning(s)").format(
        errors=counts[Severity.error],
        violations=counts[Severity.violation],
        warnings=counts[Severity.warning],
    )
    lines.append(f"{file}: {verdict}: {tally}")
    return "\n".join(lines)


def json_report(
    file: str, problems: Sequence[Problem], record: dict[str, object] | None = None
) -> dict[str, object]:
    """The same as :func:`text_report`, as a JSON-ready dict (``record`` is null when the
    file could not be read)."""
    return {
        "file": file,
        "valid": exit_code(problems) == EXIT_VALID,
        "record": record,
        "problems": [p.as_dict(file) for p in problems],
    }


def json_text(reports: list[dict[str, object]]) -> str:
    return json.dumps(reports[0] if len(reports) == 1 else reports, ensure_ascii=False, indent=2)


def turtle_report(report_graph: Graph) -> str:
    """The SHACL validation report as Turtle."""
    return report_graph.serialize(format="turtle")


def exit_code(problems: Sequence[Problem]) -> int:
    """0 valid (warnings allowed), 1 invalid, 2 unreadable."""
    if any(p.severity is Severity.error for p in problems):
        return EXIT_UNREADABLE
    if any(p.severity is Severity.violation for p in problems):
        return EXIT_INVALID
    return EXIT_VALID
