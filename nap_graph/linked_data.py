"""Describing one resource for linked-data pages: its statements with the blank nodes it owns
(a concise bounded description), who points at it, the graphs they come from, and readable
labels for everything shown, in the reader's language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.i18n import DEFAULT
from nap_graph.namespaces import PREFIXES, prefixed
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.store.sparql_text import with_terms

LABEL_BATCH = 200
RDF_TYPE = PREFIXES["rdf"] + "type"
Subject = ox.NamedNode | ox.BlankNode


@dataclass(slots=True)
class Description:
    """One resource as the store knows it."""

    iri: str
    triples: list[ox.Triple]
    incoming: list[tuple[str, str]]
    graphs: list[str]
    labels: dict[str, str] = field(default_factory=dict)
    lang: str = DEFAULT

    @property
    def exists(self) -> bool:
        return bool(self.triples or self.incoming)

    def label(self, iri: str) -> str:
        """A label in the reader's language, else a prefixed name, else the IRI."""
        return self.labels.get(iri) or prefixed(iri) or iri

    @property
    def types(self) -> list[str]:
        node = ox.NamedNode(self.iri)
        return [
            t.object.value
            for t in self.triples
            if t.subject == node and t.predicate.value == RDF_TYPE
        ]

    def groups(self, subject: Subject | None = None) -> list[tuple[str, list[ox.Term]]]:
        """The subject's values grouped by property (the resource itself by default):
        properties in label order, the reader's language first within each."""
        node = subject if subject is not None else ox.NamedNode(self.iri)
        grouped: dict[str, list[ox.Term]] = defaultdict(list)
        for t in self.triples:
            if t.subject == node and not (subject is None and t.predicate.value == RDF_TYPE):
                grouped[t.predicate.value].append(t.object)

        def order(term: ox.Term) -> tuple[int, str]:
            lang = getattr(term, "language", None)
            return (0 if lang in (self.lang, None) else 1, str(term))

        return [
            (p, sorted(grouped[p], key=order))
            for p in sorted(grouped, key=lambda p: self.label(p).lower())
        ]

    def owns(self, term: ox.Term) -> bool:
        """Whether ``term`` is a blank node described here (shown inline)."""
        return isinstance(term, ox.BlankNode) and any(t.subject == term for t in self.triples)


def _rows(result: object) -> list[dict[str, str]]:
    return result.values() if isinstance(result, SelectResult) else []


def _rank(lang: str) -> dict[str, int]:
    return {lang: 0, DEFAULT: 1, "": 2}


def labels_for(
    store: Queryable,
    iris: Sequence[str],
    graphs: Sequence[str] | None,
    lang: str = DEFAULT,
) -> dict[str, str]:
    """Labels of the given IRIs in ``lang``, else English, else untagged, else any."""
    rank = _rank(lang)
    best: dict[str, tuple[int, str]] = {}
    unique = list(dict.fromkeys(iris))
    for start in range(0, len(unique), LABEL_BATCH):
        batch = [ox.NamedNode(i) for i in unique[start : start + LABEL_BATCH]]
        result = store.query(
            queries.load("labels.rq"), bindings={"x": batch}, default_graphs=graphs
        )
        rows = result.rows if isinstance(result, SelectResult) else []
        for row in rows:
            label = row["label"]
            key = (rank.get(getattr(label, "language", None) or "", 3), label.value)
            x = row["x"].value
            if x not in best or key < best[x]:
                best[x] = key
    return {x: key[1] for x, key in best.items()}


LINKS = 500
"""At most this many links pointing at a resource are read (``incoming.rq``'s LIMIT)."""


def describe(
    store: Queryable,
    iri: str,
    *,
    graphs: Sequence[str] | None = None,
    lang: str = DEFAULT,
    links: int = LINKS,
) -> Description:
    """The resource's concise bounded description and the first ``links`` links pointing at
    it (at most :data:`LINKS`) in the current view (``graphs``), labelled in ``lang``."""
    resource = {"resource": ox.NamedNode(iri)}
    result = store.query(queries.load("describe.rq"), bindings=resource, default_graphs=graphs)
    triples = result if isinstance(result, list) else []
    incoming = [
        (r["s"], r["p"])
        for r in _rows(
            store.query(
                with_terms(queries.load("incoming.rq"), resource),
                default_graphs=graphs,
            )
        )
    ][:links]
    sources = [
        r["graph"] for r in _rows(store.query(queries.load("source-graphs.rq"), bindings=resource))
    ]
    shown = [iri] + [t.predicate.value for t in triples]
    shown += [t.object.value for t in triples if isinstance(t.object, ox.NamedNode)]
    shown += [s for s, _ in incoming] + [p for _, p in incoming]
    description = Description(
        iri=iri, triples=triples, incoming=incoming, graphs=sources, lang=lang
    )
    description.labels = labels_for(store, shown, graphs, lang)
    return description
