"""CSV submissions: one row per submission, many rows per file, and rows for activities.

The columns are the fields of the submission model (:data:`COLUMNS`, template in
``docs/submission-template.csv``); lists (outcome codes, investment types, focus, countries)
are ``;``-separated; ``contributions`` holds the Description/comments text with its
"Strategic outcome N:" / "Sub-outcome N.M:" headings, each heading starting a new line.

Activities are rows of their own, below the record they belong to: a row with an
``activity.name`` is an activity of the nearest record row above it (its record columns are
left empty, or repeat the record's organisation). The ``activity.<field>`` columns are the
fields of :class:`~nap_graph.submissions.model.Activity` (:data:`ACTIVITY_COLUMNS`), lists
``;``-separated; ``activity.targets`` and ``activity.observed_values`` hold ``;``-separated
items of the form ``<value> <unit> | <what is measured> | <year>``, e.g.
``30 percent | Participation rate of women in peace missions | 2025``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import get_origin

from pydantic import ValidationError

from nap_graph.submissions.export_format import HEADING
from nap_graph.submissions.json_format import validation_problems
from nap_graph.submissions.model import (
    Activity,
    Location,
    ParsedSubmission,
    Problem,
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
OPTIONAL_COLUMNS = ("website",)
ACTIVITY_FIELDS = tuple(name for name in Activity.model_fields if name != "draft")
"""The activity columns, in the model's order (a draft flag is for curation documents only)."""
ACTIVITY_COLUMNS = tuple(f"activity.{name}" for name in ACTIVITY_FIELDS)
QUANTITY_LISTS = {"targets", "observed_values"}
ACTIVITY_LISTS = {
    name
    for name, info in Activity.model_fields.items()
    if get_origin(info.annotation) is list and name not in QUANTITY_LISTS
}
"""The activity columns that hold several names, separated by ``|``."""
KNOWN_COLUMNS = (*COLUMNS, *OPTIONAL_COLUMNS, *ACTIVITY_COLUMNS)
QUANTITY = re.compile(r"^\s*(?P<value>-?\d+(?:[.,]\d+)?)\s*(?P<unit>[^|]*?)\s*$")


class CellError(ValueError):
    """A cell that cannot be read, with its column."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _quantities(cell: str) -> list[dict[str, object]]:
    """``30 percent | Participation rate of women | 2025; ...`` as quantity objects."""
    items = []
    for part in (p.strip() for p in cell.split(";")):
        if not part:
            continue
        pieces = [p.strip() for p in part.split("|")]
        match = QUANTITY.match(pieces[0])
        if not match or len(pieces) < 2 or not pieces[1]:
            raise ValueError(
                f"expected '<value> <unit> | <what is measured> | <year>', found '{part[:60]}'"
            )
        item: dict[str, object] = {
            "value": match["value"].replace(",", "."),
            "unit": match["unit"] or "number",
            "indicator": pieces[1],
        }
        if len(pieces) > 2 and pieces[2]:
            item["year"] = pieces[2]
        items.append(item)
    return items


def _activity(row: dict[str, str]) -> dict[str, object]:
    document: dict[str, object] = {}
    for name in ACTIVITY_FIELDS:
        value = (row.get(f"activity.{name}") or "").strip()
        if not value:
            continue
        if name in ACTIVITY_LISTS:
            document[name] = [part.strip() for part in value.split(";") if part.strip()]
        elif name in ("targets", "observed_values"):
            try:
                document[name] = _quantities(value)
            except ValueError as exc:
                raise CellError(f"activity.{name}", str(exc)) from exc
        else:
            document[name] = value
    return document


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
    for name in (*COLUMNS, *OPTIONAL_COLUMNS):
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
    unknown = [h for h in header if h not in KNOWN_COLUMNS]
    if missing:
        problems.append(
            Problem.error(
                f"missing column(s) {', '.join(missing)}; the header must name columns from: "
                + ", ".join(COLUMNS),
                Location("header", row=1),
                found=",".join(header)[:120],
            )
        )
    for name in unknown:
        problems.append(
            Problem.error(
                f"unknown column '{name}'; known: {', '.join(KNOWN_COLUMNS)}",
                Location(name, row=1, column=name),
            )
        )
    if problems:
        return problems
    parsed: list[ParsedSubmission] = []
    try:
        rows = list(reader)
    except csv.Error as exc:
        return [Problem.error(f"not valid CSV: {exc}", Location("file", row=reader.line_num))]
    for number, row in enumerate(rows, start=2):
        if None not in row and (row.get("activity.name") or "").strip():
            _attach_activity(row, number, parsed, problems)
            continue
        if None in row:
            message = f"row has {len(header) + len(row[None])} values for {len(header)} columns"
            problems.append(Problem.error(message, Location("row", row=number)))
            continue
        try:
            record = SubmissionRecord.model_validate(_row_record(row))
        except ValueError as exc:
            problems += _row_problems(
                exc, number, lambda path: path.split("[")[0], "contributions", str(exc)
            )
            continue
        locations = {
            name: Location(name, row=number, column=name) for name in (*COLUMNS, *OPTIONAL_COLUMNS)
        }
        for name in LIST_COLUMNS | {"contributions"}:
            for i, _ in enumerate(getattr(record, name)):
                locations[f"{name}[{i}]"] = Location(name, row=number, column=name)
        parsed.append(ParsedSubmission(record=record, source=source, locations=locations))
    if not rows:
        problems.append(Problem.error("the CSV has a header but no rows", Location("file", row=2)))
    return problems or parsed


def _row_problems(
    exc: ValueError,
    number: int,
    column_of: Callable[[str], str],
    fallback_column: str,
    fallback_message: str,
) -> list[Problem]:
    """A row's reading error as problems at its row and column: each pydantic error at the
    column ``column_of`` its field path names, anything else at ``fallback_column``."""
    if not isinstance(exc, ValidationError):
        where = Location(fallback_column, row=number, column=fallback_column)
        return [Problem.error(fallback_message, where)]
    out = []
    for problem in validation_problems(exc):
        column = column_of(problem.location.field) if problem.location else None
        where = Location(column or "row", row=number, column=column)
        out.append(Problem(problem.severity, problem.message, where, found=problem.found))
    return out


def _attach_activity(
    row: dict[str, str], number: int, parsed: list[ParsedSubmission], problems: list[Problem]
) -> None:
    """An activity row: checked, and added to the record row above it."""
    where = Location("activity.name", row=number, column="activity.name")
    if not parsed:
        problems.append(
            Problem.error(
                "an activity row must come below the row of the record it belongs to",
                where,
            )
        )
        return
    record_row = {
        k: v for k, v in row.items() if k in COLUMNS and k != "plan" and (v or "").strip()
    }
    owner = parsed[-1]
    if set(record_row) - {"organisation"} or (
        record_row and record_row["organisation"].strip() != (owner.record.organisation or "")
    ):
        message = (
            "an activity row leaves the record columns empty (or repeats the record's "
            f"organisation '{owner.record.organisation}'); found: {', '.join(record_row)}"
        )
        problems.append(Problem.error(message, Location("row", row=number)))
        return
    try:
        activity = Activity.model_validate(_activity(row))
    except ValueError as exc:
        column = exc.column if isinstance(exc, CellError) else "activity.name"
        problems += _row_problems(
            exc,
            number,
            lambda path: f"activity.{path.split('[')[0].split('.')[0]}",
            column,
            str(exc),
        )
        return
    position = len(owner.record.activities)
    owner.record.activities.append(activity)
    for name in ACTIVITY_FIELDS:
        column = f"activity.{name}"
        owner.locations[f"activities[{position}].{name}"] = Location(
            column, row=number, column=column
        )
    owner.locations[f"activities[{position}]"] = where


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
