"""CSV submissions: one row per submission, many rows per file.

The columns are the fields of the submission model (:data:`COLUMNS`, template in
``docs/submission-template.csv``); lists (outcome codes, investment types, focus, countries)
are ``;``-separated; ``contributions`` holds the Description/comments text with its
"Strategic outcome N:" / "Sub-outcome N.M:" headings, each heading starting a new line.
"""

from __future__ import annotations

import csv
import io

from pydantic import ValidationError

from nap_graph.submissions.export_format import HEADING
from nap_graph.submissions.json_format import validation_problems
from nap_graph.submissions.model import (
    Location,
    ParsedSubmission,
    Problem,
    Severity,
    SourceInfo,
    SubmissionRecord,
)

COLUMNS = (
    "plan",
    "language",
    "organisation",
    "organisation_kind",
    "organisation_description",
    "activities_description",
    "strategic_outcomes",
    "sub_outcomes",
    "investment_types",
    "contributions",
    "focus_description",
    "geographic_focus",
    "countries",
)
LIST_COLUMNS = {
    "strategic_outcomes",
    "sub_outcomes",
    "investment_types",
    "geographic_focus",
    "countries",
}
REQUIRED_COLUMNS = {"organisation", "strategic_outcomes", "contributions"}


def _split_contributions(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        heading = HEADING.match(line)
        if heading:
            found.append({"outcome": heading["code"], "text": heading["text"]})
        elif found:
            found[-1]["text"] = f"{found[-1]['text']}\n\n{line}".strip()
        else:
            raise ValueError(
                "contributions must start with a heading such as 'Strategic outcome 3:'"
            )
    return found


def _row_record(row: dict[str, str]) -> dict[str, object]:
    document: dict[str, object] = {}
    for name in COLUMNS:
        value = (row.get(name) or "").strip()
        if not value:
            continue
        if name in LIST_COLUMNS:
            document[name] = [part.strip() for part in value.split(";") if part.strip()]
        elif name == "contributions":
            document[name] = _split_contributions(value)
        else:
            document[name] = value
    return document


def parse_csv(text: str, source: SourceInfo) -> list[ParsedSubmission] | list[Problem]:
    """Read every row; problems name the row (1 = header) and column."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    problems: list[Problem] = []
    missing = sorted(REQUIRED_COLUMNS - set(header))
    unknown = [h for h in header if h not in COLUMNS]
    if missing:
        problems.append(
            Problem(
                Severity.error,
                f"missing column(s) {', '.join(missing)}; the header must name columns from: "
                + ", ".join(COLUMNS),
                Location("header", row=1),
                found=",".join(header)[:120],
            )
        )
    for name in unknown:
        problems.append(
            Problem(
                Severity.error,
                f"unknown column '{name}'; known: {', '.join(COLUMNS)}",
                Location(name, row=1, column=name),
            )
        )
    if problems:
        return problems
    parsed: list[ParsedSubmission] = []
    try:
        rows = list(reader)
    except csv.Error as exc:
        return [
            Problem(Severity.error, f"not valid CSV: {exc}", Location("file", row=reader.line_num))
        ]
    for number, row in enumerate(rows, start=2):
        if None in row:
            problems.append(
                Problem(
                    Severity.error,
                    f"row has {len(header) + len(row[None])} values for {len(header)} columns",
                    Location("row", row=number),
                )
            )
            continue
        try:
            record = SubmissionRecord.model_validate(_row_record(row))
        except ValueError as exc:
            if isinstance(exc, ValidationError):
                for problem in validation_problems(exc):
                    column = problem.location.field.split("[")[0] if problem.location else None
                    problems.append(
                        Problem(
                            problem.severity,
                            problem.message,
                            Location(column or "row", row=number, column=column),
                            found=problem.found,
                        )
                    )
            else:
                problems.append(
                    Problem(
                        Severity.error,
                        str(exc),
                        Location("contributions", row=number, column="contributions"),
                    )
                )
            continue
        locations = {name: Location(name, row=number, column=name) for name in COLUMNS}
        for name in LIST_COLUMNS | {"contributions"}:
            for i, _ in enumerate(getattr(record, name)):
                locations[f"{name}[{i}]"] = Location(name, row=number, column=name)
        parsed.append(ParsedSubmission(record=record, source=source, locations=locations))
    if not rows:
        problems.append(
            Problem(Severity.error, "the CSV has a header but no rows", Location("file", row=2))
        )
    return problems or parsed


def render_csv(records: list[SubmissionRecord]) -> str:
    """Write records as CSV rows in the layout :func:`parse_csv` reads."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        row: dict[str, str] = {}
        for name in COLUMNS:
            value = getattr(record, name)
            if name == "contributions":
                row[name] = "\n".join(
                    f"{'Sub-outcome' if '.' in c.outcome else 'Strategic outcome'} {c.outcome}: "
                    + c.text.replace("\n\n", "\n")
                    for c in value
                )
            elif name in LIST_COLUMNS:
                row[name] = ";".join(str(v) for v in value)
            else:
                row[name] = value or ""
        writer.writerow(row)
    return out.getvalue()
