"""The plans in the store as rows (``queries/world-plans.rq``), filtered and counted: what the
world page shows, what ``/compare`` and ``nap-graph compare`` choose plans from, and what the
world downloads hold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.errors import BadRequestError
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult

QUERY = "world-plans.rq"
PROVISION_VALUES = ("yes", "partial", "no", "unknown")


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One plan; empty text is "not stated"."""

    plan: str
    title: str
    owner: str
    country: str
    organisation: str
    regions: str
    generation: int | None
    start: str
    end: str
    adopted: str
    lead: str
    budget: str
    monitoring: str
    predecessor: str
    source: str
    has_outcomes: bool
    region_keys: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Each region's name here -> its key (``Afrika`` -> ``africa``): colours and links that do
    not depend on the reader's language."""

    @property
    def key(self) -> str:
        return iris.plan_key(self.plan)

    @property
    def adoption_year(self) -> int | None:
        return int(self.adopted[:4]) if self.adopted[:4].isdigit() else None

    def in_force(self, year: int) -> bool:
        """Whether the plan's stated period holds ``year`` (open-ended: from its start)."""
        if not self.start[:4].isdigit():
            return False
        end = int(self.end[:4]) if self.end[:4].isdigit() else 9999
        return int(self.start[:4]) <= year <= end

    def as_dict(self) -> dict[str, object]:
        return {c: getattr(self, c) for c in COLUMNS}


COLUMNS = (*(f for f in PlanRow.__dataclass_fields__ if f != "region_keys"), "key")


def world_plans(store: Queryable, lang: str = "en") -> list[PlanRow]:
    """Every plan in the store, names in ``lang`` (English where there is none)."""
    result = store.query(queries.load(QUERY), bindings={"lang": ox.Literal(lang)})
    assert isinstance(result, SelectResult)
    rows = []
    for r in result.values():
        rows.append(
            PlanRow(
                plan=r["plan"],
                title=r["title"],
                owner=r["owner"],
                country=r["countryCode"],
                organisation=r["organisation"],
                regions=r["regions"],
                generation=int(r["generation"]) if r["generation"].isdigit() else None,
                start=r["from"][:4],
                end=r["to"][:4],
                adopted=r["adopted"],
                lead=r["lead"],
                budget=r["budget"],
                monitoring=r["monitoring"],
                predecessor=r["predecessor"],
                source=r["source"],
                has_outcomes=bool(r["outcomes"]),
                region_keys=dict(
                    reversed(pair.split("=", 1))  # type: ignore[misc]
                    for pair in r["regionPairs"].split("; ")
                    if "=" in pair
                ),
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class PlanFilter:
    """Which plans: by key or IRI, country code, region name, year in force or adopted,
    generation, budget, monitoring, lead body (words in its name); every given part must
    hold, and within a part any value does."""

    plans: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    adopted: tuple[int, ...] = ()
    generations: tuple[int, ...] = ()
    budget: tuple[str, ...] = ()
    monitoring: tuple[str, ...] = ()
    lead: str = ""
    with_outcomes: bool = False

    @classmethod
    def parse(cls, **given: Sequence[str] | str | bool | None) -> PlanFilter:
        """From request or command-line values; :class:`BadRequestError` names the part."""

        def many(name: str) -> tuple[str, ...]:
            value = given.get(name) or ()
            values = [value] if isinstance(value, str) else list(value)  # type: ignore[arg-type]
            return tuple(v.strip() for item in values for v in item.split(",") if v.strip())

        def numbers(name: str) -> tuple[int, ...]:
            out = []
            for v in many(name):
                if not v.isdigit():
                    raise BadRequestError(f"{name}: expected a whole number, found {v!r}")
                out.append(int(v))
            return tuple(out)

        for name in ("budget", "monitoring"):
            wrong = [v for v in many(name) if v not in PROVISION_VALUES]
            if wrong:
                raise BadRequestError(
                    f"{name}: expected {', '.join(PROVISION_VALUES)}, found {wrong[0]!r}"
                )
        return cls(
            plans=many("plan"),
            countries=tuple(c.upper() for c in many("country")),
            regions=many("region"),
            years=numbers("year"),
            adopted=numbers("adopted"),
            generations=numbers("generation"),
            budget=many("budget"),
            monitoring=many("monitoring"),
            lead=str(given.get("lead") or "").strip(),
            with_outcomes=bool(given.get("with_outcomes")),
        )

    def __bool__(self) -> bool:
        return any(
            (
                self.plans,
                self.countries,
                self.regions,
                self.years,
                self.adopted,
                self.generations,
                self.budget,
                self.monitoring,
                self.lead,
                self.with_outcomes,
            )
        )

    def keeps(self, row: PlanRow) -> bool:
        regions = {r.strip().casefold() for r in row.regions.split(";")}
        checks = (
            not self.plans or row.plan in self.plans or row.key in self.plans,
            not self.countries
            or row.country in self.countries
            or iris.organisation_key_of(row.organisation).upper() in self.countries,
            not self.regions or any(r.casefold() in regions for r in self.regions),
            not self.years or any(row.in_force(y) for y in self.years),
            not self.adopted or row.adoption_year in self.adopted,
            not self.generations or row.generation in self.generations,
            not self.budget or (row.budget or "unknown") in self.budget,
            not self.monitoring or (row.monitoring or "unknown") in self.monitoring,
            not self.lead or self.lead.casefold() in row.lead.casefold(),
            not self.with_outcomes or row.has_outcomes,
        )
        return all(checks)

    def apply(self, rows: Iterable[PlanRow]) -> list[PlanRow]:
        return [r for r in rows if self.keeps(r)]


@dataclass(frozen=True, slots=True)
class WorldCounts:
    """How many plans per region, per adoption year and region, per generation; how many
    countries have one."""

    plans: int
    countries: int
    organisations: int
    per_region: list[tuple[str, int]]
    per_year: list[tuple[int, dict[str, int]]]
    per_generation: list[tuple[int, int]]


def count(rows: Sequence[PlanRow]) -> WorldCounts:
    regions: Counter[str] = Counter()
    years: dict[int, Counter[str]] = {}
    for row in rows:
        for region in filter(None, (r.strip() for r in row.regions.split(";"))):
            regions[region] += 1
            if row.adoption_year:
                years.setdefault(row.adoption_year, Counter())[region] += 1
    generations = Counter(r.generation for r in rows if r.generation)
    return WorldCounts(
        plans=len(rows),
        countries=len({r.country for r in rows if r.country}),
        organisations=len({r.organisation for r in rows if r.organisation}),
        per_region=sorted(regions.items()),
        per_year=[(y, dict(sorted(years[y].items()))) for y in sorted(years)],
        per_generation=sorted(generations.items()),
    )


def latest_per_owner(rows: Iterable[PlanRow]) -> dict[str, PlanRow]:
    """Each country's (code) or organisation's (IRI) plan of the highest generation."""
    out: dict[str, PlanRow] = {}
    for row in rows:
        owner = row.country or row.organisation
        if owner and (owner not in out or (row.generation or 0) > (out[owner].generation or 0)):
            out[owner] = row
    return out


def plans_rdf(store: Queryable, rows: Iterable[PlanRow]) -> list[ox.Triple]:
    """The chosen plans' own statements (and their periods') as triples."""
    wanted = {r.plan for r in rows}
    result = store.query(queries.load("world-plan-facts.rq"))
    assert isinstance(result, list)
    triples = list(dict.fromkeys(result))
    periods = {
        t.object
        for t in triples
        if t.subject.value in wanted and isinstance(t.object, ox.BlankNode)
    }
    return [
        t
        for t in triples
        if (isinstance(t.subject, ox.NamedNode) and t.subject.value in wanted)
        or t.subject in periods
    ]


def country_names(store: Queryable, lang: str = "en") -> dict[str, str]:
    """Every country's name in ``lang`` by alpha-3 code."""
    result = store.query(queries.load("country-names.rq"), bindings={"lang": ox.Literal(lang)})
    assert isinstance(result, SelectResult)
    return {r["code"]: r["name"] for r in result.values()}
