"""What the graph holds, for the home page and its JSON summary: the plans with their
periods, how many organisations, outcome areas and activities, and the latest submissions.

Every figure comes from the store through the query path (``nap_graph/queries/overview-*.rq``),
so the home page shows what a SPARQL client would count."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.catalogue import SubmissionSummary, list_submissions
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """One plan: its IRI, name, period (ISO dates), extension and sizes."""

    iri: str
    name: str
    start: str | None
    end: str | None
    extended_to: str | None
    outcomes: int
    signatories: int


@dataclass(frozen=True, slots=True)
class Overview:
    """The graph at a glance."""

    plans: list[PlanSummary]
    organisations: int
    outcomes: int
    activities: int
    latest: list[SubmissionSummary]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _value(row: dict[str, ox.NamedNode | ox.Literal | ox.BlankNode], key: str) -> str | None:
    term = row.get(key)
    return term.value if term is not None else None


def overview(store: Queryable, *, lang: str = "en", latest: int = 5) -> Overview:
    """The plans (names in ``lang``, English where a plan has no such name), the counts, and
    the ``latest`` newest current submissions."""
    plans = []
    for language in dict.fromkeys((lang, "en")):
        result = store.query(
            queries.load("overview-plans.rq"), bindings={"lang": ox.Literal(language)}
        )
        assert isinstance(result, SelectResult)
        plans.append(result.rows)
    fallback = {_value(r, "plan"): _value(r, "name") for r in plans[-1]}
    summaries = [
        PlanSummary(
            iri=_value(row, "plan") or "",
            name=_value(row, "name") or fallback.get(_value(row, "plan")) or "",
            start=_value(row, "from"),
            end=_value(row, "to"),
            extended_to=_value(row, "extendedTo"),
            outcomes=int(_value(row, "outcomes") or 0),
            signatories=int(_value(row, "signatories") or 0),
        )
        for row in plans[0]
    ]
    counts = store.query(queries.load("overview-counts.rq"))
    assert isinstance(counts, SelectResult)
    first = counts.rows[0] if counts.rows else {}
    return Overview(
        plans=summaries,
        organisations=int(_value(first, "organisations") or 0),
        outcomes=int(_value(first, "outcomes") or 0),
        activities=int(_value(first, "activities") or 0),
        latest=list_submissions(store, lang=lang)[:latest],
    )
