"""Coverage of a plan: its signatories' records against its outcomes and sub-outcomes: who
contributes to what (with which kind of investment, through how many activities), how many
contribute to each outcome, which outcomes nobody covers (``queries/coverage.rq`` over the
current view)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.i18n import DEFAULT
from nap_graph.linked_data import labels_for
from nap_graph.profiles import profile
from nap_graph.spreadsheets import csv_text
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.store.sparql_text import bind_values


@dataclass(frozen=True, slots=True)
class Cell:
    """One organisation's contribution to one outcome."""

    submission: str
    contribution: str | None
    investments: tuple[str, ...]
    activities: int


@dataclass(frozen=True, slots=True)
class Outcome:
    iri: str
    notation: str
    label: str
    strategic: bool


@dataclass(slots=True)
class Coverage:
    """The matrix of a plan: organisations (rows) by outcomes (columns)."""

    plan: str
    outcomes: list[Outcome]
    organisations: list[str]
    cells: dict[tuple[str, str], Cell]
    labels: dict[str, str]
    kinds: dict[str, str] = field(default_factory=dict)
    """The kind of each organisation (IRI)."""
    filters: dict[str, list[str]] = field(default_factory=dict)
    """What the matrix can be narrowed to: the kinds and investment types of all records."""

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri)

    def count(self, outcome: str) -> int:
        """How many organisations contribute to the outcome."""
        return sum(1 for (_org, o) in self.cells if o == outcome)

    @property
    def uncovered(self) -> list[Outcome]:
        """The outcomes nobody contributes to."""
        return [o for o in self.outcomes if self.count(o.iri) == 0]

    SORTS = ("name", "outcomes", "activities", "kind")
    """What the rows can be ordered by: the organisation's name, how many outcomes it
    contributes to, how many activities it names for them, its kind's name."""

    def sorted_by(self, sort: str = "name", order: str = "asc") -> list[str]:
        """The organisations ordered by ``sort`` (:data:`SORTS`), ``asc`` or ``desc``; ties
        by name. ``ValueError`` naming what is allowed for anything else."""
        if sort not in self.SORTS:
            raise ValueError(f"sort: expected one of {', '.join(self.SORTS)}; found {sort!r}")
        if order not in ("asc", "desc"):
            raise ValueError(f"order: expected asc or desc; found {order!r}")
        outcomes: Counter[str] = Counter(org for org, _ in self.cells)
        activities: Counter[str] = Counter()
        for (org, _), cell in self.cells.items():
            activities[org] += cell.activities
        value = {
            "name": lambda o: 0,
            "outcomes": lambda o: outcomes[o],
            "activities": lambda o: activities[o],
            "kind": lambda o: self.label(self.kinds[o]).casefold() if o in self.kinds else "",
        }[sort]
        by_name = sorted(self.organisations, key=lambda o: self.label(o).casefold())
        ordered = sorted(by_name, key=value, reverse=order == "desc")
        return ordered if sort != "name" or order == "asc" else by_name[::-1]

    def outcomes_of(self, organisation: str) -> int:
        """How many outcomes the organisation contributes to."""
        return sum(1 for org, _ in self.cells if org == organisation)

    def activities_of(self, organisation: str) -> int:
        """How many activities the organisation names for its outcomes (summed per outcome)."""
        return sum(c.activities for (org, _), c in self.cells.items() if org == organisation)

    def by_kind(self) -> dict[str, Counter[str]]:
        """Per outcome, how many organisations of each kind contribute."""
        out: dict[str, Counter[str]] = {o.iri: Counter() for o in self.outcomes}
        for org, outcome in self.cells:
            out.setdefault(outcome, Counter())[self.kinds.get(org, "")] += 1
        return out

    CSV_COLUMNS = (
        "organisation",
        "organisation_iri",
        "kind",
        "outcome",
        "outcome_iri",
        "investments",
        "activities",
        "submission",
        "contribution",
    )

    def csv(self) -> str:
        """The contributions as spreadsheet-safe CSV, one row per organisation and outcome."""
        return csv_text(self.CSV_COLUMNS, self.csv_rows())

    def csv_rows(self) -> list[dict[str, str]]:
        rows = []
        notation = {o.iri: o.notation for o in self.outcomes}
        for (org, outcome), cell in sorted(self.cells.items()):
            rows.append(
                {
                    "organisation": self.label(org),
                    "organisation_iri": org,
                    "kind": self.label(self.kinds.get(org, "")) if org in self.kinds else "",
                    "outcome": notation.get(outcome, ""),
                    "outcome_iri": outcome,
                    "investments": "; ".join(self.label(i) for i in cell.investments),
                    "activities": str(cell.activities),
                    "submission": cell.submission,
                    "contribution": cell.contribution or "",
                }
            )
        return rows


def coverage_query(plan: str) -> str:
    """The SPARQL behind the coverage of ``plan``, with the plan bound (runnable as is)."""
    return bind_values(queries.load("coverage.rq"), {"plan": ox.NamedNode(plan)})


def plans(store: Queryable, graphs: Sequence[str] | None = None) -> list[str]:
    """The plans that have an outcome framework."""
    result = store.query(queries.load("plans-with-frameworks.rq"), default_graphs=graphs)
    return [r["plan"].value for r in result.rows] if isinstance(result, SelectResult) else []


def plan_outcomes(
    store: Queryable, plan: str, *, graphs: Sequence[str] | None = None, lang: str = DEFAULT
) -> list[Outcome]:
    """The plan's outcomes and sub-outcomes in notation order (1, 1.1, 1.2, 2, ...)."""
    framework = profile(store, plan, "plan", graphs=graphs, lang=lang)
    rows_of = framework.sections.get("framework", []) if framework else []
    outcomes = [
        Outcome(
            r["outcome"][0].iri or "",
            r["notation"][0].text if r.get("notation") else "",
            r["outcome"][0].text,
            not r.get("broader"),
        )
        for r in rows_of
    ]
    return sorted(
        outcomes, key=lambda o: tuple(int(p) if p.isdigit() else 0 for p in o.notation.split("."))
    )


def coverage(
    store: Queryable,
    plan: str,
    *,
    graphs: Sequence[str] | None = None,
    lang: str = DEFAULT,
    kind: str | None = None,
    investment: str | None = None,
) -> Coverage:
    """The coverage of ``plan``, optionally only organisations of one ``kind`` or records
    with one ``investment`` type (IRIs)."""
    outcomes = plan_outcomes(store, plan, graphs=graphs, lang=lang)
    result = store.query(
        queries.load("coverage.rq"), bindings={"plan": ox.NamedNode(plan)}, default_graphs=graphs
    )
    cells: dict[tuple[str, str], Cell] = {}
    kinds: dict[str, str] = {}
    rows = result.rows if isinstance(result, SelectResult) else []
    for row in rows:
        org = row["organisation"].value
        if "kind" in row:
            kinds[org] = row["kind"].value
        investments = tuple(sorted(i for i in row["investments"].value.split(" ") if i))
        if kind is not None and kinds.get(org) != kind:
            continue
        if investment is not None and investment not in investments:
            continue
        cells[(org, row["outcome"].value)] = Cell(
            row["submission"].value,
            row["contribution"].value if "contribution" in row else None,
            investments,
            int(row["activities"].value),
        )
    available = {
        "kind": sorted(set(kinds.values())),
        "investment": sorted({i for r in rows for i in r["investments"].value.split(" ") if i}),
    }
    organisations = sorted({org for org, _ in cells})
    named = (
        organisations + list(kinds.values()) + [i for c in cells.values() for i in c.investments]
    )
    labels = labels_for(store, [plan, *named], graphs, lang)
    labels.update({o.iri: o.label for o in outcomes})
    organisations.sort(key=lambda o: labels.get(o, o).casefold())
    return Coverage(plan, outcomes, organisations, cells, labels, kinds, available)
