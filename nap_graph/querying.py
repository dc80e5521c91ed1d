"""Running SPARQL over an Oxigraph store, with the project's prefixes and bound values.

Values are never pasted into query text: pass them as ``bindings``, terms that are written
into a trailing ``VALUES`` clause in their escaped N-Triples form (pyoxigraph's own
``substitutions`` only bind variables that the SELECT projects).
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from nap_graph.errors import QueryError
from nap_graph.namespaces import sparql_prologue
from nap_graph.store.sparql_text import Binding, bind_values

Term = ox.NamedNode | ox.Literal | ox.BlankNode
Row = dict[str, str]


def _evaluate(
    store: ox.Store,
    query: str,
    bindings: Mapping[str, Binding] | None,
    *,
    union_default_graph: bool,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    try:
        return store.query(
            sparql_prologue() + bind_values(query, bindings or {}),
            use_default_graph_as_union=union_default_graph,
        )
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL query: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"the query could not be evaluated: {exc}") from exc


def term_value(term: Term | None) -> str:
    """The plain value of a term: the IRI, the lexical form, or ``""`` when unbound."""
    if term is None:
        return ""
    return term.value


def select(
    store: ox.Store,
    query: str,
    bindings: Mapping[str, Binding] | None = None,
    *,
    union_default_graph: bool = True,
) -> list[Row]:
    """Run a SELECT query; each row maps variable names to plain values (``""`` if unbound).

    The project's prefixes (``nap_graph.namespaces.PREFIXES``) are declared for you, and the
    default graph is the union of all named graphs unless ``union_default_graph=False``.
    """
    result = _evaluate(store, query, bindings, union_default_graph=union_default_graph)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT query, got another query form")
    names = [v.value for v in result.variables]
    return [{n: term_value(sol[n]) for n in names} for sol in result]


def ask(
    store: ox.Store,
    query: str,
    bindings: Mapping[str, Binding] | None = None,
    *,
    union_default_graph: bool = True,
) -> bool:
    """Run an ASK query."""
    result = _evaluate(store, query, bindings, union_default_graph=union_default_graph)
    if not isinstance(result, ox.QueryBoolean):
        raise QueryError("expected an ASK query, got another query form")
    return bool(result)
