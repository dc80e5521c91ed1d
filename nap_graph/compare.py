"""Cross-country comparison: which outcome areas of each chosen plan map onto each UNSCR 1325
pillar and how, which plans have no area for a pillar, and how many areas each has per
pillar. Plans are chosen by :class:`~nap_graph.world.plans.PlanFilter` (by plan, country,
region, year ...) among the plans whose outcome areas the graph holds; one row per plan,
named by its title and period, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.spreadsheets import csv_text, spreadsheet_safe  # noqa: F401 (re-exported)
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.world.plans import PlanFilter, PlanRow, world_plans

MATCH_ORDER = ("exact", "close", "broad", "narrow", "related")
"""How closely an area matches a pillar, closest first (SKOS mapping properties)."""
FOUR_PILLARS = ("participation", "prevention", "protection", "relief-and-recovery")


@dataclass(frozen=True, slots=True)
class AreaMapping:
    """One outcome area of one plan, mapped onto one pillar."""

    pillar: str
    pillar_name: str
    country: str
    plan: str
    plan_name: str
    code: str
    area: str
    match: str
    area_iri: str = ""


@dataclass(frozen=True, slots=True)
class GridCell:
    """One plan on one pillar: how many of its areas map onto it, the closest match."""

    areas: int
    closest: str | None
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    plans: list[PlanRow]
    mappings: list[AreaMapping]
    missing: list[tuple[str, str, str]]
    counts: list[tuple[str, str, int]] = field(default_factory=list)
    pillar_names: dict[str, str] = field(default_factory=dict)

    def pillars(self) -> list[str]:
        """The pillars' names in the comparison, in pillar order."""
        return list(dict.fromkeys(m.pillar_name for m in self.mappings))

    def grid(self) -> list[tuple[PlanRow, dict[str, GridCell]]]:
        """Per plan: per pillar, its areas and their closest match (the chart)."""
        rank = {match: i for i, match in enumerate(MATCH_ORDER)}
        out = []
        for plan in self.plans:
            cells = {}
            for pillar in self.pillars():
                areas = [
                    m for m in self.mappings if m.plan == plan.plan and m.pillar_name == pillar
                ]
                closest = min((a.match for a in areas), key=lambda x: rank.get(x, 9), default=None)
                cells[pillar] = GridCell(len(areas), closest, tuple(a.code for a in areas))
            out.append((plan, cells))
        return out

    CSV_COLUMNS = ("pillar", "country", "plan", "plan_iri", "code", "area", "match")

    def csv(self) -> str:
        """The table as spreadsheet-safe CSV (:mod:`nap_graph.spreadsheets`)."""
        return csv_text(self.CSV_COLUMNS, self.csv_rows())

    def csv_rows(self) -> list[dict[str, str]]:
        """The rows of :meth:`csv`, by column."""
        return [
            dict(
                zip(
                    self.CSV_COLUMNS,
                    (m.pillar_name, m.country, m.plan_name, m.plan, m.code, m.area, m.match),
                    strict=True,
                )
            )
            for m in self.mappings
        ]

    def text(self) -> str:
        lines: list[str] = [f"{p.owner}: {p.title}" for p in self.plans]
        pillar = None
        for m in self.mappings:
            if m.pillar_name != pillar:
                pillar = m.pillar_name
                lines.append(f"\n{pillar}")
            lines.append(f"  {m.country or '-':3}  {m.code:>4}  {m.area}  ({m.match})")
        if self.missing:
            lines.append("\nNo area for a pillar")
            lines += [
                f"  {country or '-':3}  {name}: {pillar}" for country, name, pillar in self.missing
            ]
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, object]:
        from dataclasses import asdict

        return {
            "plans": [p.as_dict() for p in self.plans],
            "mappings": [asdict(m) for m in self.mappings],
            "missing": self.missing,
            "counts": self.counts,
        }


def compare(
    store: Queryable,
    *,
    pillar: str | None = None,
    chosen: PlanFilter | None = None,
    lang: str = "en",
    rows: list[PlanRow] | None = None,
) -> Comparison:
    """The comparison of the chosen plans (default: every plan with outcome areas), for every
    pillar or one (a key such as ``protection``, or an IRI); ``rows`` the store's plans when
    the caller has read them already."""
    rows = rows if rows is not None else world_plans(store, lang)
    plans = [p for p in (chosen or PlanFilter()).apply(rows) if p.has_outcomes]
    plans.sort(key=lambda p: (p.owner.casefold(), p.start, p.plan))
    by_iri = {p.plan: p for p in plans}
    result = store.query(queries.load("compare-areas.rq"), bindings={"lang": ox.Literal(lang)})
    assert isinstance(result, SelectResult)
    wanted = None
    if pillar:
        wanted = pillar if pillar.startswith("http") else iris.pillar_iri(pillar)
    found = []
    names: dict[str, tuple[str, str]] = {}
    for r in result.values():
        names[r["pillar"]] = (r["pillarCode"], r["pillarName"])
        plan = by_iri.get(r["plan"])
        if plan is None or (wanted and r["pillar"] != wanted):
            continue
        found.append(
            (
                r["pillarCode"],
                plans.index(plan),
                r["code"],
                AreaMapping(
                    r["pillar"],
                    r["pillarName"],
                    plan.country,
                    plan.plan,
                    plan.title,
                    r["code"],
                    r["areaName"],
                    r["match"],
                    r["area"],
                ),
            )
        )
    found.sort(key=lambda item: (item[0], item[1], _code_order(item[2])))
    mappings = [m for *_, m in found]
    four = {iris.pillar_iri(k) for k in FOUR_PILLARS}
    covered = {(m.plan, m.pillar) for m in mappings}
    missing = [
        (p.country, p.title, names[pillar_iri][1])
        for p in plans
        for pillar_iri in sorted(four & names.keys(), key=lambda i: names[i][0])
        if (p.plan, pillar_iri) not in covered and (not wanted or pillar_iri == wanted)
    ]
    counts: dict[tuple[str, str], int] = {}
    for m in mappings:
        counts[(m.plan, m.pillar_name)] = counts.get((m.plan, m.pillar_name), 0) + 1
    return Comparison(
        plans=plans,
        mappings=mappings,
        missing=missing,
        counts=[(iris.plan_key(plan), name, n) for (plan, name), n in counts.items()],
        pillar_names={i: n for i, (_, n) in names.items()},
    )


def _code_order(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in code.split("."))
