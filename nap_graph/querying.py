"""``select`` and ``ask``: thin helpers over :meth:`GraphStore.query` for scripts and
notebooks that want plain strings.

There is one query API, :meth:`nap_graph.store.protocol.GraphStore.query`, which returns
terms (:class:`~nap_graph.store.results.SelectResult`, ``bool`` or triples). These helpers
run a query through it on a GraphStore or a plain ``pyoxigraph.Store`` and give each SELECT
row as a dict of plain values (``""`` when unbound). Values are never pasted into query text:
pass them as ``bindings``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from nap_graph.errors import QueryError
from nap_graph.store.protocol import GraphStore
from nap_graph.store.results import SelectResult
from nap_graph.store.sparql_text import Binding

Term = ox.NamedNode | ox.Literal | ox.BlankNode
Row = dict[str, str]


def _store(store: GraphStore | ox.Store) -> GraphStore:
    if isinstance(store, ox.Store):
        from nap_graph.store.oxigraph_store import OxigraphStore

        return OxigraphStore.around(store)
    return store


def term_value(term: Term | None) -> str:
    """The plain value of a term: the IRI, the lexical form, or ``""`` when unbound."""
    if term is None:
        return ""
    return term.value


def select(
    store: GraphStore | ox.Store,
    query: str,
    bindings: Mapping[str, Binding] | None = None,
    *,
    union_default_graph: bool = True,
) -> list[Row]:
    """Run a SELECT query; each row maps variable names to plain values (``""`` if unbound).

    The project's prefixes (``nap_graph.namespaces.PREFIXES``) are declared for you, and the
    default graph is the union of all named graphs unless ``union_default_graph=False``.
    """
    result = _store(store).query(query, bindings=bindings, union_default_graph=union_default_graph)
    if not isinstance(result, SelectResult):
        raise QueryError("expected a SELECT query, got another query form")
    return [{n: term_value(row.get(n)) for n in result.variables} for row in result.rows]  # type: ignore[arg-type]


def ask(
    store: GraphStore | ox.Store,
    query: str,
    bindings: Mapping[str, Binding] | None = None,
    *,
    union_default_graph: bool = True,
) -> bool:
    """Run an ASK query."""
    result = _store(store).query(query, bindings=bindings, union_default_graph=union_default_graph)
    if not isinstance(result, bool):
        raise QueryError("expected an ASK query, got another query form")
    return result
