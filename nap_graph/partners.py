"""The network of organisations: units and the organisations they belong to, partners in
activities, partner countries (``queries/partners.rq``), as nodes and edges for the partners
page's graph and its table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.i18n import DEFAULT
from nap_graph.iris import thing_kind
from nap_graph.linked_data import labels_for
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult

MAX_EDGES = 1000
"""The query's ``LIMIT``: a network larger than this is cut (and the page says so)."""


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    relation: str
    target: str
    activity: str | None


@dataclass(slots=True)
class Network:
    edges: list[Edge]
    labels: dict[str, str]
    kinds: dict[str, str]

    def label(self, iri: str | None) -> str:
        return self.labels.get(iri or "", iri or "")

    @property
    def nodes(self) -> list[str]:
        return sorted(
            {e.source for e in self.edges} | {e.target for e in self.edges},
            key=lambda n: self.label(n).casefold(),
        )

    @property
    def cut(self) -> bool:
        return len(self.edges) >= MAX_EDGES

    def elements(self) -> list[dict[str, object]]:
        """Cytoscape.js elements: a node per organisation or country (with its label, the
        kind of thing and the organisation's kind), an edge per relation."""
        nodes = [
            {
                "data": {
                    "id": n,
                    "label": self.label(n),
                    "type": thing_kind(n) or "other",
                    "kind": self.label(self.kinds[n]) if n in self.kinds else "",
                }
            }
            for n in self.nodes
        ]
        edges = [
            {
                "data": {
                    "id": f"e{i}",
                    "source": e.source,
                    "target": e.target,
                    "relation": e.relation,
                }
            }
            for i, e in enumerate(self.edges)
        ]
        return nodes + edges


def network(
    store: Queryable,
    *,
    graphs: Sequence[str] | None = None,
    lang: str = DEFAULT,
    focus: str | None = None,
) -> Network:
    """The network (``focus``: only the relations of that organisation and its units)."""
    bindings = {"focus": ox.NamedNode(focus)} if focus else None
    result = store.query(queries.load("partners.rq"), bindings=bindings, default_graphs=graphs)
    rows = result.rows if isinstance(result, SelectResult) else []
    edges = [
        Edge(
            r["source"].value,
            r["relation"].value,
            r["target"].value,
            r["activity"].value if "activity" in r else None,
        )
        for r in rows
    ]
    things = sorted({e.source for e in edges} | {e.target for e in edges})
    kinds: dict[str, str] = {}
    for start in range(0, len(things), 200):
        batch = [ox.NamedNode(t) for t in things[start : start + 200]]
        found = store.query(
            queries.load("partner-kinds.rq"), bindings={"x": batch}, default_graphs=graphs
        )
        for row in found.rows if isinstance(found, SelectResult) else []:
            kinds[row["x"].value] = row["kind"].value
    named = things + [e.activity for e in edges if e.activity] + list(kinds.values())
    return Network(edges, labels_for(store, named, graphs, lang), kinds)
