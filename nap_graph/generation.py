"""The store's generation: a token, kept in the store itself, that every write replaces.

Whatever is computed from the store (the current view, cached summaries, the search index,
the query workers' checkpoint) is keyed by the generation read from the store, so that any
number of server processes and the command line agree on what is current: a process that
reads a generation it has not seen recomputes. The token is a random UUID (no
read-modify-write, so two writers cannot hand out the same one), stated as
``<id/dataset> wps:generation "..."`` in the graph ``graph/generation``; a store without it
(before the first write, or after a ``DROP ALL``) has the generation ``""``.
"""

from __future__ import annotations

import uuid

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.terms import WPS

GENERATION_GRAPH = iris.graph_path_iri("generation")
DATASET = iris.id_iri("dataset")


def read_generation(store: Queryable) -> str:
    """The store's current generation (``""`` when it has none yet)."""
    result = store.query(
        queries.load("generation.rq"),
        bindings={"graph": ox.NamedNode(GENERATION_GRAPH), "dataset": ox.NamedNode(DATASET)},
        union_default_graph=False,
    )
    if isinstance(result, SelectResult) and result.rows:
        return str(result.rows[0]["generation"].value)
    return ""


def next_generation_update() -> str:
    """A SPARQL update that gives the store a new generation; appended (after ``;``) to the
    update of a write, so that the data and the generation change together."""
    graph, subject = ox.NamedNode(GENERATION_GRAPH), ox.NamedNode(DATASET)
    token, predicate = ox.Literal(str(uuid.uuid4())), WPS.generation
    return (
        f"DELETE WHERE {{ GRAPH {graph} {{ {subject} {predicate} ?old }} }} ;\n"
        f"INSERT DATA {{ GRAPH {graph} {{ {subject} {predicate} {token} }} }}"
    )
