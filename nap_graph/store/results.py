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


SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def to_sparql_xml(result: SelectResult | bool) -> str:
    """SPARQL Query Results XML Format (https://www.w3.org/TR/rdf-sparql-XMLres/)."""
    from xml.etree import ElementTree as ET

    root = ET.Element("sparql", xmlns=SPARQL_RESULTS_NS)
    head = ET.SubElement(root, "head")
    if isinstance(result, bool):
        ET.SubElement(root, "boolean").text = "true" if result else "false"
    else:
        for name in result.variables:
            ET.SubElement(head, "variable", name=name)
        results = ET.SubElement(root, "results")
        for row in result.rows:
            solution = ET.SubElement(results, "result")
            for name, term in row.items():
                binding = ET.SubElement(solution, "binding", name=name)
                if isinstance(term, ox.NamedNode):
                    ET.SubElement(binding, "uri").text = term.value
                elif isinstance(term, ox.BlankNode):
                    ET.SubElement(binding, "bnode").text = term.value
                else:
                    attributes = {}
                    if term.language:
                        attributes["xml:lang"] = term.language
                    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                        attributes["datatype"] = term.datatype.value
                    ET.SubElement(binding, "literal", attributes).text = term.value
    return '<?xml version="1.0"?>\n' + ET.tostring(root, encoding="unicode")


def to_sparql_json(result: SelectResult | bool) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/)."""
    if isinstance(result, bool):
        return {"head": {}, "boolean": result}
    bindings = []
    for row in result.rows:
        solution: dict[str, dict[str, str]] = {}
        for name, term in row.items():
            if isinstance(term, ox.NamedNode):
                solution[name] = {"type": "uri", "value": term.value}
            elif isinstance(term, ox.BlankNode):
                solution[name] = {"type": "bnode", "value": term.value}
            else:
                literal = {"type": "literal", "value": term.value}
                if term.language:
                    literal["xml:lang"] = term.language
                elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                    literal["datatype"] = term.datatype.value
                solution[name] = literal
        bindings.append(solution)
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


def to_sparql_csv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results CSV (plain values; https://www.w3.org/TR/sparql11-results-csv-tsv/)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(
            [
                (f"_:{row[v].value}" if isinstance(row[v], ox.BlankNode) else row[v].value)
                if v in row
                else ""
                for v in result.variables
            ]
        )
    return out.getvalue()


def to_sparql_tsv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results TSV (terms in their N-Triples/Turtle form)."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(str(row[v]) if v in row else "" for v in result.variables))
    return "\n".join(lines) + "\n"


RESULT_MEDIA_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
"""The SPARQL results formats :func:`serialize_result` writes (CSV and TSV for SELECT only)."""


def serialize_result(result: QueryResult, media_type: str) -> bytes:
    """A query's answer in ``media_type``: a SPARQL results format for SELECT and ASK, an
    RDF format (``text/turtle``, ``application/n-triples``, ``application/ld+json``, ...) for
    CONSTRUCT and DESCRIBE. ``ValueError`` for a media type the answer cannot be written in."""
    if isinstance(result, list):
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None:
            raise ValueError(f"{media_type} is not an RDF format")
        data: list[ox.Triple] | list[ox.Quad] = (
            [ox.Quad(t.subject, t.predicate, t.object) for t in result]
            if fmt.supports_datasets
            else result
        )
        return ox.serialize(data, format=fmt) or b""
    if media_type == "application/sparql-results+xml":
        return to_sparql_xml(result).encode("utf-8")
    if media_type == "application/sparql-results+json":
        import json

        return json.dumps(to_sparql_json(result), ensure_ascii=False).encode("utf-8")
    if isinstance(result, SelectResult) and media_type == "text/csv":
        return to_sparql_csv(result).encode("utf-8")
    if isinstance(result, SelectResult) and media_type == "text/tab-separated-values":
        return to_sparql_tsv(result).encode("utf-8")
    raise ValueError(f"the answer cannot be written as {media_type}")
