"""Reading a plan from the CSV template (one row per outcome area, the plan's own columns
repeated) or from JSON; every problem names the row and column, or the JSON pointer."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pydantic import ValidationError

from nap_graph.errors import PlanReadError
from nap_graph.plans.model import PlanRecord
from nap_graph.submissions.json_format import field_path, json_pointer
from nap_graph.submissions.model import Location, Problem
from nap_graph.submissions.reading import decode

PLAN_COLUMNS = (
    "country",
    "title",
    "title_en",
    "title_nl",
    "language",
    "start",
    "end",
    "number",
    "coordinator",
    "predecessor",
    "sources",
)
AREA_COLUMNS = ("code", "area", "area_en", "area_nl", "parent", "mappings", "source")
COLUMNS = PLAN_COLUMNS + AREA_COLUMNS
REQUIRED = {"country", "title", "start", "code", "area", "mappings"}


def _error(message: str, location: Location, found: str | None = None) -> Problem:
    return Problem.error(message, location, found=found)


def _mappings(text: str) -> list[dict[str, str]]:
    """``protection:close;relief-and-recovery:related`` -> mapping objects."""
    out = []
    for part in (p.strip() for p in text.split(";")):
        if part:
            pillar, _, kind = part.partition(":")
            out.append({"pillar": pillar.strip(), "kind": kind.strip()})
    return out


def _from_csv(text: str, name: str) -> tuple[dict[str, object], dict[str, Location]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    problems = []
    missing = sorted(REQUIRED - set(header))
    if missing:
        problems.append(
            _error(
                f"missing column(s) {', '.join(missing)}; columns: {', '.join(COLUMNS)}",
                Location("header", row=1),
            )
        )
    problems += [
        _error(f"unknown column '{h}'; known: {', '.join(COLUMNS)}", Location(h, row=1, column=h))
        for h in header
        if h not in COLUMNS
    ]
    if problems:
        raise PlanReadError(name, problems)
    rows = list(reader)
    if not rows:
        raise PlanReadError(
            name, [_error("the CSV has a header but no rows", Location("file", row=2))]
        )
    document: dict[str, object] = {}
    locations: dict[str, Location] = {}
    for column in PLAN_COLUMNS:
        values = {(row.get(column) or "").strip() for row in rows}
        if len(values) > 1:
            row_number = next(
                i
                for i, row in enumerate(rows, start=2)
                if (row.get(column) or "").strip() != (rows[0].get(column) or "").strip()
            )
            problems.append(
                _error(
                    f"'{column}' must be the same on every row (the plan's own column)",
                    Location(column, row=row_number, column=column),
                    found=(rows[row_number - 2].get(column) or ""),
                )
            )
        value = (rows[0].get(column) or "").strip()
        if value:
            document[column] = (
                [s.strip() for s in value.split(";") if s.strip()] if column == "sources" else value
            )
        locations[column] = Location(column, row=2, column=column)
    areas = []
    for i, row in enumerate(rows):
        number = i + 2
        area = {
            "code": (row.get("code") or "").strip(),
            "title": (row.get("area") or "").strip(),
            "mappings": _mappings(row.get("mappings") or ""),
        }
        for column, key in (
            ("area_en", "title_en"),
            ("area_nl", "title_nl"),
            ("parent", "parent"),
            ("source", "source"),
        ):
            if (row.get(column) or "").strip():
                area[key] = (row.get(column) or "").strip()
        areas.append(area)
        for key, column in (
            ("code", "code"),
            ("title", "area"),
            ("title_en", "area_en"),
            ("title_nl", "area_nl"),
            ("parent", "parent"),
            ("mappings", "mappings"),
            ("source", "source"),
        ):
            locations[f"areas[{i}].{key}"] = Location(column, row=number, column=column)
        locations[f"areas[{i}]"] = Location("code", row=number, column="code")
    document["areas"] = areas
    if problems:
        raise PlanReadError(name, problems)
    return document, locations


def read_plan(data: bytes, name: str) -> tuple[PlanRecord, dict[str, Location]]:
    """A plan from CSV (by the ``.csv`` suffix) or JSON; :class:`PlanReadError` otherwise."""
    text = decode(data, name)
    if Path(name).suffix.lower() == ".csv":
        document, locations = _from_csv(text, name)
    else:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PlanReadError(
                name, [_error(f"not valid JSON: {exc.msg}", Location("document", line=exc.lineno))]
            ) from exc
        if not isinstance(document, dict):
            raise PlanReadError(
                name,
                [
                    _error(
                        "expected a JSON object with the fields of a plan",
                        Location("document", pointer=""),
                    )
                ],
            )
        locations = {}
        for key in document:
            locations[key] = Location(key, pointer=json_pointer((key,)))
        for i, _ in enumerate(document.get("areas") or []):
            for key in ("code", "title", "title_en", "title_nl", "parent", "mappings", "source"):
                locations[f"areas[{i}].{key}"] = Location(
                    f"areas[{i}].{key}", pointer=json_pointer(("areas", i, key))
                )
            locations[f"areas[{i}]"] = Location(f"areas[{i}]", pointer=json_pointer(("areas", i)))
    try:
        record = PlanRecord.model_validate(document)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            path = field_path(loc)
            where = (
                locations.get(path)
                or locations.get(path.rsplit(".", 1)[0])
                or locations.get(field_path(loc[:3]))
                or Location(path or "document", pointer=json_pointer(loc))
            )
            problems.append(
                _error(
                    f"{path}: {error['msg']}",
                    where,
                    found=None
                    if isinstance(error.get("input"), dict | list)
                    else str(error.get("input"))[:80],
                )
            )
        raise PlanReadError(name, problems) from exc
    return record, locations
