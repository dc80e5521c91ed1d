"""The result types every store backend returns, whatever it talks to.

Terms are pyoxigraph terms (``NamedNode``, ``BlankNode``, ``Literal``) everywhere, so that a
caller never branches on the backend. :func:`parse_sparql_json` turns a SPARQL 1.1 Query
Results JSON document (including the ``typed-literal`` type older servers such as Virtuoso
still send) into the same types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Solution = dict[str, Term]


@dataclass(frozen=True, slots=True)
class SelectResult:
    """The answer to a SELECT: variable names and one dict per solution (unbound variables
    are absent from it)."""

    variables: list[str]
    rows: list[Solution]

    def values(self) -> list[dict[str, str]]:
        """Plain values (IRI or lexical form; ``""`` when unbound), for display and tests."""
        return [{v: row[v].value if v in row else "" for v in self.variables} for row in self.rows]


QueryResult = SelectResult | bool | list[ox.Triple]
"""SELECT -> :class:`SelectResult`; ASK -> ``bool``; CONSTRUCT/DESCRIBE -> triples."""


def term_from_json(binding: Mapping[str, Any]) -> Term:
    """One RDF term of the SPARQL JSON results format."""
    kind = binding["type"]
    value = binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


def parse_sparql_json(document: Mapping[str, Any]) -> SelectResult | bool:
    """A SPARQL 1.1 Query Results JSON document as a :class:`SelectResult` or a boolean."""
    if "boolean" in document:
        return bool(document["boolean"])
    variables = list(document["head"].get("vars", []))
    rows = [
        {name: term_from_json(b) for name, b in solution.items()}
        for solution in document["results"]["bindings"]
    ]
    return SelectResult(variables=variables, rows=rows)


def from_oxigraph(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    """A pyoxigraph query result as one of the common result types."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row: Solution = {}
            for name in variables:
                value = solution[name]
                if value is not None:
                    row[name] = value  # type: ignore[assignment]
            rows.append(row)
        return SelectResult(variables=variables, rows=rows)
    return list(result)
