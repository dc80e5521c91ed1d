"""Validation reports for people and programs: text (one line per problem), JSON, and the
SHACL validation report in Turtle."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rdflib import Graph

from nap_graph.submissions.model import Problem, Severity

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


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
    return f"{where}: {problem.severity.value}: {field}{problem.message}"


def text_report(file: str, problems: Sequence[Problem]) -> str:
    """One line per problem (errors, then violations, then warnings, each in input order),
    then a summary line."""
    order = {Severity.error: 0, Severity.violation: 1, Severity.warning: 2}

    def key(p: Problem) -> tuple[int, int, str]:
        loc = p.location
        position = (loc.line or loc.row or 0) if loc else 0
        return order[p.severity], position, loc.pointer or "" if loc else ""

    lines = [problem_line(file, p) for p in sorted(problems, key=key)]
    counts = {s: sum(p.severity is s for p in problems) for s in Severity}
    if counts[Severity.error]:
        verdict = "unreadable"
    elif counts[Severity.violation]:
        verdict = "invalid"
    else:
        verdict = "valid"
    lines.append(
        f"{file}: {verdict}: {counts[Severity.error]} error(s), "
        f"{counts[Severity.violation]} violation(s), {counts[Severity.warning]} warning(s)"
    )
    return "\n".join(lines)


def json_report(file: str, problems: Sequence[Problem]) -> dict[str, object]:
    """The same as :func:`text_report`, as a JSON-ready dict."""
    return {
        "file": file,
        "valid": exit_code(problems) == EXIT_VALID,
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
