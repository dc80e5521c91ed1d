"""Reading the world table of National Action Plans (``naps-world.tsv``): one row per plan of a
country or a regional organisation, each fact as precise as its source states it.

Columns (``docs/interoperability.md``): ``country``, ``iso3`` (empty for a regional
organisation), ``generation``, ``title``, ``start_year``, ``end_year``, ``adopted`` (``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``), ``lead_body``, ``budget`` and ``monitoring`` (``yes``,
``no``, ``partial`` or empty = not stated), ``region`` (UN M49 regions, ``; ``-separated),
``source`` (the page the facts come from), ``note``. A row that breaks a rule is refused
with its line and column; nothing is read from a table with such a row.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pycountry

from nap_graph.errors import DataFileError

COLUMNS = (
    "country",
    "iso3",
    "generation",
    "title",
    "start_year",
    "end_year",
    "adopted",
    "lead_body",
    "budget",
    "monitoring",
    "region",
    "source",
    "note",
)
PROVISIONS = ("yes", "partial", "no")
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")
"""The UN M49 continents, as the table names them (``data/reference/regions.ttl``)."""
EXTRA_CODES = {"XKX": "Kosovo"}
"""Codes the table uses that ISO 3166-1 does not assign."""
DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class WorldPlan:
    """One row: a plan with the facts its source states; ``None`` is "not stated"."""

    line: int
    owner_name: str
    iso3: str | None
    generation: int
    title: str | None
    start_year: int | None
    end_year: int | None
    adopted: str | None
    lead_body: str | None
    budget: str | None
    monitoring: str | None
    regions: tuple[str, ...]
    source: str

    @property
    def regional(self) -> bool:
        return self.iso3 is None


class WorldTableError(DataFileError):
    """The table cannot be read; ``problems`` lists ``(line, column, message)``."""

    def __init__(self, path: Path, problems: list[tuple[int, str, str]]) -> None:
        self.problems = problems
        shown = "; ".join(f"line {line}, {column}: {text}" for line, column, text in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"{path}: {shown}{more}; nothing was read")


def read_world_table(path: Path) -> list[WorldPlan]:
    """Every row of the table at ``path``, checked; :class:`WorldTableError` names each
    broken row's line and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise WorldTableError(
            path,
            [(1, "header", f"expected the columns {', '.join(COLUMNS)}; missing {missing}")],
        )
    plans: list[WorldPlan] = []
    problems: list[tuple[int, str, str]] = []
    seen: dict[tuple[str, int], int] = {}
    for line, row in enumerate(reader, start=2):
        plan = _plan(line, row, problems)
        if plan is None:
            continue
        owner = plan.iso3 or plan.owner_name
        if (owner, plan.generation) in seen:
            problems.append(
                (
                    line,
                    "generation",
                    f"{owner} has generation {plan.generation} twice "
                    f"(also on line {seen[(owner, plan.generation)]})",
                )
            )
        seen[(owner, plan.generation)] = line
        plans.append(plan)
    if problems:
        raise WorldTableError(path, problems)
    return plans


def _plan(line: int, row: dict[str, str | None], problems: list) -> WorldPlan | None:
    cell = {c: (row.get(c) or "").strip() for c in COLUMNS}
    before = len(problems)

    def problem(column: str, expected: str) -> None:
        problems.append((line, column, f"expected {expected}, found {cell[column]!r}"))

    if not cell["country"]:
        problem("country", "the country's or regional organisation's name")
    iso3 = cell["iso3"] or None
    if iso3 and not (pycountry.countries.get(alpha_3=iso3) or iso3 in EXTRA_CODES):
        problem("iso3", "an ISO 3166-1 alpha-3 code (or XKX for Kosovo)")
    generation = int(cell["generation"]) if cell["generation"].isdigit() else 0
    if generation < 1:
        problem("generation", "a whole number of at least 1")
    years = {}
    for column in ("start_year", "end_year"):
        value = cell[column]
        if value and not YEAR.fullmatch(value):
            problem(column, "a year (YYYY) or nothing")
        years[column] = int(value) if YEAR.fullmatch(value) else None
    if years["start_year"] and years["end_year"] and years["end_year"] < years["start_year"]:
        problem("end_year", f"a year not before the start year {years['start_year']}")
    if cell["adopted"] and not DATE.fullmatch(cell["adopted"]):
        problem("adopted", "YYYY, YYYY-MM or YYYY-MM-DD, or nothing")
    for column in ("budget", "monitoring"):
        if cell[column] and cell[column] not in PROVISIONS:
            problem(column, "yes, partial, no or nothing (not stated)")
    regions = tuple(r.strip() for r in cell["region"].split(";") if r.strip())
    if not regions or any(r not in REGIONS for r in regions):
        problem("region", f"one or more of {', '.join(REGIONS)} separated by '; '")
    if not re.fullmatch(r"https?://\S+", cell["source"]):
        problem("source", "the address (http or https) of the page the facts come from")
    if len(problems) > before:
        return None
    return WorldPlan(
        line=line,
        owner_name=cell["country"],
        iso3=iso3,
        generation=generation,
        title=cell["title"] or None,
        start_year=years["start_year"],
        end_year=years["end_year"],
        adopted=cell["adopted"] or None,
        lead_body=cell["lead_body"] or None,
        budget=cell["budget"] or None,
        monitoring=cell["monitoring"] or None,
        regions=regions,
        source=cell["source"],
    )
