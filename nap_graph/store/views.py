"""The current view of a store: every named graph but superseded submission versions."""

from __future__ import annotations

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.iris import PROVENANCE_GRAPH
from nap_graph.store.protocol import GraphStore
from nap_graph.store.results import SelectResult


def superseded_graphs(store: GraphStore) -> set[str]:
    """The named graphs of superseded submission versions."""
    superseded = store.query(
        queries.load("superseded-graphs.rq"),
        bindings={"provenance": ox.NamedNode(PROVENANCE_GRAPH)},
        union_default_graph=False,
    )
    return (
        {row["graph"].value for row in superseded.rows}
        if isinstance(superseded, SelectResult)
        else set()
    )


def current_graphs(store: GraphStore) -> list[str]:
    """The named graphs of the current view: everything but superseded submission versions."""
    old = superseded_graphs(store)
    return [g for g in store.named_graphs() if g not in old]


def curated_from(store: GraphStore, version: str) -> list[str]:
    """The graphs other than its own version graph that restate a submission version: the
    curated graphs made from it. Once the version is superseded they are out of date and
    leave the current view (:func:`superseded_graphs`)."""
    from nap_graph import iris

    result = store.query(
        queries.load("curated-from.rq"),
        bindings={"version": ox.NamedNode(version)},
        union_default_graph=False,
    )
    own = iris.submission_graph_iri(version)
    assert isinstance(result, SelectResult)
    return sorted(row["graph"].value for row in result.rows if row["graph"].value != own)
