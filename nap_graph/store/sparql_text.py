"""SPARQL text built from terms, never from raw strings: every IRI and literal is written in
its N-Triples form by pyoxigraph (escaped), so no value can change the query's meaning."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from nap_graph.store.results import Term


def triples_text(triples: Iterable[ox.Triple]) -> str:
    """Triples in N-Triples syntax, one per line (valid inside INSERT DATA / DELETE DATA)."""
    return "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


def graph_block(graph: str | None, triples: Iterable[ox.Triple]) -> str:
    """``GRAPH <g> { ... }`` (or the bare triples for the default graph)."""
    body = triples_text(triples)
    return body if graph is None else f"GRAPH {ox.NamedNode(graph)} {{\n{body}\n}}"


def insert_data(graphs: Mapping[str | None, Iterable[ox.Triple]]) -> str:
    """One ``INSERT DATA`` operation for triples in several graphs."""
    blocks = "\n".join(graph_block(g, ts) for g, ts in graphs.items())
    return f"INSERT DATA {{\n{blocks}\n}}"


def values_clause(bindings: Mapping[str, Term]) -> str:
    """A trailing ``VALUES`` clause binding variables to terms (SPARQL 1.1 allows one after
    the query's solution modifiers); used where a server cannot substitute variables."""
    if not bindings:
        return ""
    names = " ".join(f"?{ox.Variable(name).value}" for name in bindings)
    values = " ".join(str(term) for term in bindings.values())
    return f"\nVALUES ({names}) {{ ({values}) }}"
