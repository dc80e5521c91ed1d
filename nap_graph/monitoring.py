"""Monitoring a plan (its MEAL framework's annual overview): per outcome, the activities, the
targets they aim at (value, unit, by when) and the values they report (value, unit, year),
per signatory and year, and what is missing: targets with no reported value for their
indicator (``queries/monitoring.rq`` over the current view)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.coverage import Outcome, plan_outcomes
from nap_graph.i18n import DEFAULT
from nap_graph.linked_data import labels_for
from nap_graph.spreadsheets import csv_text
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.store.sparql_text import bind_values


@dataclass(frozen=True, slots=True)
class Measure:
    """A target or an observed value of an activity."""

    iri: str
    kind: str  # "target" or "observed"
    indicator: str | None
    value: str | None
    unit: str | None
    year: str | None


@dataclass(slots=True)
class Activity:
    iri: str
    organisation: str | None
    outcomes: list[str] = field(default_factory=list)
    targets: list[Measure] = field(default_factory=list)
    observed: list[Measure] = field(default_factory=list)

    @property
    def missing(self) -> list[Measure]:
        """Targets whose indicator has no observed value (the year does not matter)."""
        seen = {m.indicator for m in self.observed}
        return [t for t in self.targets if t.indicator is None or t.indicator not in seen]


@dataclass(slots=True)
class Monitoring:
    plan: str
    outcomes: list[Outcome]
    activities: dict[str, Activity]
    labels: dict[str, str]
    year: str | None = None

    def label(self, iri: str | None) -> str:
        return self.labels.get(iri or "", iri or "")

    def of(self, outcome: str) -> list[Activity]:
        return sorted(
            (a for a in self.activities.values() if outcome in a.outcomes),
            key=lambda a: self.label(a.iri).casefold(),
        )

    @property
    def years(self) -> list[str]:
        return sorted(
            {m.year for a in self.activities.values() for m in a.targets + a.observed if m.year}
        )

    SORTS = ("name", "activities", "targets", "observed", "missing")
    """What the per-signatory table can be ordered by."""

    def per_signatory(self, sort: str = "name", order: str = "asc") -> dict[str, Counter[str]]:
        """Per organisation: its activities, targets, observed values and missing values,
        ordered by ``sort`` (:data:`SORTS`; ties by name), ``asc`` or ``desc``.
        ``ValueError`` naming what is allowed for anything else."""
        if sort not in self.SORTS:
            raise ValueError(f"sort: expected one of {', '.join(self.SORTS)}; found {sort!r}")
        if order not in ("asc", "desc"):
            raise ValueError(f"order: expected asc or desc; found {order!r}")
        out: dict[str, Counter[str]] = {}
        for a in self.activities.values():
            counts = out.setdefault(a.organisation or "", Counter())
            counts["activities"] += 1
            counts["targets"] += len(a.targets)
            counts["observed"] += len(a.observed)
            counts["missing"] += len(a.missing)
        by_name = sorted(out.items(), key=lambda kv: self.label(kv[0]).casefold())
        if sort == "name":
            return dict(by_name[::-1] if order == "desc" else by_name)
        return dict(sorted(by_name, key=lambda kv: kv[1][sort], reverse=order == "desc"))

    @property
    def missing(self) -> list[tuple[Activity, Measure]]:
        return [(a, t) for a in self.activities.values() for t in a.missing]

    CSV_COLUMNS = (
        "outcome",
        "activity",
        "activity_iri",
        "organisation",
        "kind",
        "indicator",
        "value",
        "unit",
        "year",
        "reported",
    )

    def csv(self) -> str:
        """One row per target and observed value (``reported``: whether a target's indicator
        has an observed value)."""
        return csv_text(self.CSV_COLUMNS, self.csv_rows())

    def csv_rows(self) -> list[dict[str, str]]:
        """The rows of :meth:`csv`, by column."""
        notation = {o.iri: o.notation for o in self.outcomes}
        rows = []
        for a in self.activities.values():
            missing = {m.iri for m in a.missing}
            for m in a.targets + a.observed:
                rows.append(
                    {
                        "outcome": " ".join(sorted(notation.get(o, "") for o in a.outcomes)),
                        "activity": self.label(a.iri),
                        "activity_iri": a.iri,
                        "organisation": self.label(a.organisation),
                        "kind": m.kind,
                        "indicator": self.label(m.indicator),
                        "value": m.value or "",
                        "unit": self.label(m.unit),
                        "year": m.year or "",
                        "reported": ""
                        if m.kind == "observed"
                        else str(m.iri not in missing).lower(),
                    }
                )
        return rows


def monitoring_query(plan: str) -> str:
    """The SPARQL behind the monitoring of ``plan``, with the plan bound."""
    return bind_values(queries.load("monitoring.rq"), {"plan": ox.NamedNode(plan)})


def monitoring(
    store: Queryable,
    plan: str,
    *,
    graphs: Sequence[str] | None = None,
    lang: str = DEFAULT,
    year: str | None = None,
) -> Monitoring:
    """The monitoring overview of ``plan`` (``year``: only targets and values of that year)."""
    outcomes = plan_outcomes(store, plan, graphs=graphs, lang=lang)
    result = store.query(
        queries.load("monitoring.rq"), bindings={"plan": ox.NamedNode(plan)}, default_graphs=graphs
    )
    activities: dict[str, Activity] = {}
    seen: set[tuple[str, str]] = set()
    for row in result.rows if isinstance(result, SelectResult) else []:
        iri = row["activity"].value
        activity = activities.setdefault(
            iri, Activity(iri, row["organisation"].value if "organisation" in row else None)
        )
        outcome = row["outcome"].value
        if outcome not in activity.outcomes:
            activity.outcomes.append(outcome)
        if "measure" not in row or (iri, row["measure"].value) in seen:
            continue
        seen.add((iri, row["measure"].value))
        measure = Measure(
            row["measure"].value,
            row["type"].value,
            *(row[k].value if k in row else None for k in ("indicator", "value", "unit", "year")),
        )
        if year is not None and measure.year != year:
            continue
        (activity.targets if measure.kind == "target" else activity.observed).append(measure)
    named = [plan] + [
        i
        for a in activities.values()
        for i in (
            a.iri,
            a.organisation,
            *(m.indicator for m in a.targets + a.observed),
            *(m.unit for m in a.targets + a.observed),
        )
        if i
    ]
    labels = labels_for(store, named, graphs, lang)
    labels.update({o.iri: o.label for o in outcomes})
    return Monitoring(plan, outcomes, activities, labels, year)
