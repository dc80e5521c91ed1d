"""The versions of a record: which is current, carrying the curation over to a new current
version, and making an earlier version current again.

A record's versions form one history (``id/submission/<plan>/<org>``, in the provenance
graph). Each version keeps its received graph; what curation adds (activities, targets,
observed values) belongs to the organisation's record, not to one version: whenever another
version becomes current (a new submission, a revert), the curation of the version that was
current is stated again against it (:func:`carry_over`), with the same activity IRIs, in the
same update. Activities whose outcomes the new current version no longer selects stay in
view, marked ``wps:needsReview`` for a coordinator (:mod:`nap_graph.review`).
docs/model.md#the-life-of-a-record draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.agents import named_agent
from nap_graph.errors import NotFoundError, RefusedError
from nap_graph.i18n import gettext as _
from nap_graph.iris import PROVENANCE_GRAPH
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.protocol import GraphStore, Queryable
from nap_graph.store.results import SelectResult
from nap_graph.submissions.curation import carried_over, stored_document
from nap_graph.terms import WPS, XSD, Triples, literal

SELECTS, ABOUT = WPS.selectsOutcome, WPS.aboutOutcome


@dataclass(frozen=True, slots=True)
class VersionPlace:
    """Where a version stands in its history."""

    version: str
    history: str
    current: str
    organisation: str | None

    @property
    def is_current(self) -> bool:
        return self.version == self.current


def place_of(store: Queryable, version: str) -> VersionPlace | None:
    """The version's history and that history's current version (``None``: not stored)."""
    result = store.query(
        queries.load("version-history.rq"),
        bindings={"provenance": ox.NamedNode(PROVENANCE_GRAPH), "version": ox.NamedNode(version)},
        union_default_graph=False,
    )
    if not isinstance(result, SelectResult) or not result.rows:
        return None
    row = result.rows[0]
    org = row.get("org")
    return VersionPlace(
        version, row["history"].value, row["current"].value, org.value if org else None
    )


def timestamp(now: datetime | None = None) -> ox.Literal:
    return literal(
        (now or datetime.now(UTC)).isoformat(timespec="microseconds"), datatype=XSD.dateTime
    )


def carry_over(
    store: Queryable,
    previous: str | None,
    version: str,
    version_graph: Triples | None = None,
    *,
    now: datetime | None = None,
) -> tuple[str, list[ox.Triple]] | None:
    """The curation of ``previous`` (the version that was current) stated against
    ``version``: its named graph and triples, or ``None`` when ``previous`` had none.
    ``version_graph``: the new version's triples when they are not in ``store`` yet (they
    are read from there otherwise)."""
    if previous is None:
        return None
    document = stored_document(store, previous)
    if document is None:
        return None
    facts: Queryable = store
    if version_graph is not None:  # the new version and its outcomes' codes, in a scratch store
        outcomes = [t.object for t in version_graph if t.predicate in (SELECTS, ABOUT)]
        codes = store.query(queries.load("outcome-notations.rq"), bindings={"outcome": outcomes})
        scratch = ox.Store()
        scratch.extend(
            ox.Quad(t.subject, t.predicate, t.object)
            for t in [*version_graph, *(codes if isinstance(codes, list) else [])]
        )
        facts = OxigraphStore.around(scratch)
    built = carried_over(document, version, facts, now=now)
    return iris.curation_graph_iri(version), list(built.graph)


def revert(
    store: GraphStore, version: str, *, by: str, now: datetime | None = None
) -> VersionPlace:
    """Make ``version`` (an earlier version of its record) current again, with a
    ``wps:Reversion`` saying who, when and from which version, and the current curation
    carried over to it, in one update under the write lock. :class:`NotFoundError` when no
    such version is stored, :class:`RefusedError` when it is current already. The place the
    version had before (its ``current`` is the version it replaced)."""
    with store.write_lock():
        place = place_of(store, version)
        if place is None:
            raise NotFoundError(
                _("no stored version {version}; the record's history lists them").format(
                    version=version
                )
            )
        if place.is_current:
            raise RefusedError(
                _("{version} is the current version already; nothing to revert").format(
                    version=version
                )
            )
        stamp = timestamp(now)
        update = queries.update_with_values(
            "revert.ru",
            {
                "provenance": ox.NamedNode(PROVENANCE_GRAPH),
                "history": ox.NamedNode(place.history),
                "version": ox.NamedNode(version),
                "reversion": ox.NamedNode(iris.reversion_iri(version, stamp.value)),
                "now": stamp,
                "by": named_agent(by),
                "byName": literal(by),
                "org": ox.NamedNode(place.organisation) if place.organisation else None,
            },
        )
        moved = carry_over(store, place.current, version, now=now)
        if moved is not None:
            from nap_graph.store.sparql_text import replace_graph

            update += " ;\n" + replace_graph(*moved)
        store.update(update)
    return place
