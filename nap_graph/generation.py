"""The store's generation: a token, kept in the store itself, that every write replaces.

Whatever is computed from the store (the current view, cached summaries, the search index,
the query workers' checkpoint) is keyed by the generation read from the store, so that any
number of server processes and the command line agree on what is current: a process that
reads a generation it has not seen recomputes. The token is a random UUID (no
read-modify-write, so two writers cannot hand out the same one), stated as
``<id/dataset> wps:generation "..."`` (and ``dcterms:modified``, when it began) in the graph
``graph/generation``; a store without it
(before the first write, or after a ``DROP ALL``) has the generation ``""``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.terms import DCTERMS, WPS, XSD

GENERATION_GRAPH = iris.graph_path_iri("generation")
DATASET = iris.id_iri("dataset")


def read_generation(store: Queryable) -> str:
    """The store's current generation (``""`` when it has none yet)."""
    return read_state(store)[0]


def read_state(store: Queryable) -> tuple[str, str | None]:
    """The store's generation and when it began (an ``xsd:dateTime``, ``None`` when unknown):
    what HTTP validators (``ETag``, ``Last-Modified``) are made of. Every request reads it:
    from an embedded store straight from its index (4 against 80 microseconds as a query)."""
    embedded = getattr(store, "oxigraph", None)
    if isinstance(embedded, ox.Store):
        return _read_state_embedded(embedded)
    result = store.query(
        queries.load("generation.rq"),
        bindings={"graph": ox.NamedNode(GENERATION_GRAPH), "dataset": ox.NamedNode(DATASET)},
        union_default_graph=False,
    )
    if isinstance(result, SelectResult) and result.rows:
        row = result.rows[0]
        modified = row.get("modified")
        return str(row["generation"].value), (str(modified.value) if modified else None)
    return "", None


def _read_state_embedded(store: ox.Store) -> tuple[str, str | None]:
    graph, subject = ox.NamedNode(GENERATION_GRAPH), ox.NamedNode(DATASET)
    generation = next(iter(store.quads_for_pattern(subject, WPS.generation, None, graph)), None)
    if generation is None:
        return "", None
    modified = next(iter(store.quads_for_pattern(subject, DCTERMS.modified, None, graph)), None)
    return generation.object.value, (modified.object.value if modified else None)


def next_generation_update() -> str:
    """A SPARQL update that gives the store a new generation; appended (after ``;``) to the
    update of a write, so that the data and the generation change together."""
    graph, subject = ox.NamedNode(GENERATION_GRAPH), ox.NamedNode(DATASET)
    token, predicate = ox.Literal(str(uuid.uuid4())), WPS.generation
    now = ox.Literal(datetime.now(UTC).isoformat(timespec="seconds"), datatype=XSD.dateTime)
    return (
        f"DELETE WHERE {{ GRAPH {graph} {{ {subject} {predicate} ?old }} }} ;\n"
        f"DELETE WHERE {{ GRAPH {graph} {{ {subject} {DCTERMS.modified} ?when }} }} ;\n"
        f"INSERT DATA {{ GRAPH {graph} {{ {subject} {predicate} {token} ; "
        f"{DCTERMS.modified} {now} }} }}"
    )
