"""Describing one resource for linked-data pages: its statements, who points at it, the
graphs they come from, and readable labels for everything shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult

LABEL_BATCH = 200


@dataclass(slots=True)
class Description:
    """One resource as the store knows it."""

    iri: str
    triples: list[ox.Triple]
    incoming: list[tuple[str, str]]
    graphs: list[str]
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return bool(self.triples or self.incoming)

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri)


def _rows(result: object) -> list[dict[str, str]]:
    return result.values() if isinstance(result, SelectResult) else []


def labels_for(
    store: Queryable, iris: Sequence[str], graphs: Sequence[str] | None
) -> dict[str, str]:
    """English (or untagged) labels of the given IRIs."""
    found: dict[str, str] = {}
    unique = list(dict.fromkeys(iris))
    for start in range(0, len(unique), LABEL_BATCH):
        batch = [ox.NamedNode(i) for i in unique[start : start + LABEL_BATCH]]
        result = store.query(
            queries.load("labels.rq"), bindings={"x": batch}, default_graphs=graphs
        )
        for row in _rows(result):
            found.setdefault(row["x"], row["label"])
    return found


def describe(store: Queryable, iri: str, *, graphs: Sequence[str] | None = None) -> Description:
    """The resource's statements and incoming links in the current view (``graphs``)."""
    resource = {"resource": ox.NamedNode(iri)}
    result = store.query(queries.load("describe.rq"), bindings=resource, default_graphs=graphs)
    triples = result if isinstance(result, list) else []
    incoming = [
        (r["s"], r["p"])
        for r in _rows(
            store.query(queries.load("incoming.rq"), bindings=resource, default_graphs=graphs)
        )
    ]
    sources = [
        r["graph"] for r in _rows(store.query(queries.load("source-graphs.rq"), bindings=resource))
    ]
    shown = [iri] + [t.predicate.value for t in triples]
    shown += [t.object.value for t in triples if isinstance(t.object, ox.NamedNode)]
    shown += [s for s, _ in incoming] + [p for _, p in incoming]
    description = Description(iri=iri, triples=triples, incoming=incoming, graphs=sources)
    description.labels = labels_for(store, shown, graphs)
    return description
