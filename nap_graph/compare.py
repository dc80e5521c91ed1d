"""Cross-country comparison: which outcome areas of each plan map onto each UNSCR 1325
pillar and how, which plans have no area for a pillar, and how many areas each has per
pillar. The questions are the ``compare-*.rq`` files of docs/queries, answered over any
store."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from nap_graph import iris
from nap_graph.resources import example_queries_dir
from nap_graph.spreadsheets import csv_text, spreadsheet_safe  # noqa: F401 (re-exported)
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult


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


MATCH_ORDER = ("exact", "close", "broad", "related")
"""How closely an area matches a pillar, closest first (SKOS mapping properties)."""


@dataclass(frozen=True, slots=True)
class GridCell:
    """One plan on one pillar: how many of its areas map onto it, the closest match."""

    areas: int
    closest: str | None
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    mappings: list[AreaMapping]
    missing: list[tuple[str, str, str]]
    counts: list[tuple[str, str, int]]

    def pillars(self) -> list[str]:
        """The pillars in the comparison, in the mappings' order."""
        return list(dict.fromkeys(m.pillar_name for m in self.mappings))

    def grid(self) -> list[tuple[str, str, dict[str, GridCell]]]:
        """Per plan (country, name): per pillar, its areas and their closest match: what the
        comparison chart draws."""
        plans: dict[tuple[str, str], dict[str, list[AreaMapping]]] = {}
        for m in self.mappings:
            plans.setdefault((m.country, m.plan_name), {}).setdefault(m.pillar_name, []).append(m)
        rank = {match: i for i, match in enumerate(MATCH_ORDER)}
        out = []
        for (country, name), by_pillar in sorted(plans.items()):
            cells = {}
            for pillar in self.pillars():
                areas = by_pillar.get(pillar, [])
                closest = min((a.match for a in areas), key=lambda x: rank.get(x, 9), default=None)
                cells[pillar] = GridCell(len(areas), closest, tuple(a.code for a in areas))
            out.append((country, name, cells))
        return out

    def csv(self) -> str:
        """The table as spreadsheet-safe CSV (:mod:`nap_graph.spreadsheets`)."""
        columns = ["pillar", "country", "plan", "code", "area", "match"]
        return csv_text(
            columns,
            (
                dict(
                    zip(
                        columns,
                        (m.pillar_name, m.country, m.plan_name, m.code, m.area, m.match),
                        strict=True,
                    )
                )
                for m in self.mappings
            ),
        )

    def text(self) -> str:
        lines: list[str] = []
        pillar = None
        for m in self.mappings:
            if m.pillar_name != pillar:
                pillar = m.pillar_name
                lines.append(f"\n{pillar}")
            lines.append(f"  {m.country}  {m.code:>4}  {m.area}  ({m.match})")
        if self.missing:
            lines.append("\nNo area for a pillar")
            lines += [f"  {country}  {pillar_name}" for country, _plan, pillar_name in self.missing]
        return "\n".join(lines).lstrip("\n") + "\n"


def _select(
    store: Queryable, name: str, bindings: dict[str, ox.NamedNode] | None = None
) -> list[dict[str, str]]:
    text = (example_queries_dir() / f"{name}.rq").read_text(encoding="utf-8")
    result = store.query(text, bindings=bindings)
    return result.values() if isinstance(result, SelectResult) else []


def compare(store: Queryable, *, pillar: str | None = None) -> Comparison:
    """The comparison, for every pillar or one (a key such as ``protection``, or an IRI)."""
    bindings = None
    if pillar:
        iri = pillar if pillar.startswith("http") else iris.pillar_iri(pillar)
        bindings = {"pillar": ox.NamedNode(iri)}
    mappings = [
        AreaMapping(
            r["pillar"],
            r["pillarName"],
            r["country"],
            r["plan"],
            r["planName"],
            r["code"],
            r["areaName"],
            r["match"],
        )
        for r in _select(store, "compare-pillar-areas", bindings)
    ]
    missing = [
        (r["country"], r["planName"], r["pillarName"])
        for r in _select(store, "compare-missing-pillars")
    ]
    counts = [
        (r["country"], r["pillarName"], int(r["areas"])) for r in _select(store, "compare-counts")
    ]
    if pillar:
        names = {m.pillar_name for m in mappings}
        missing = [row for row in missing if row[2] in names]
        counts = [row for row in counts if row[1] in names]
    return Comparison(mappings=mappings, missing=missing, counts=counts)
