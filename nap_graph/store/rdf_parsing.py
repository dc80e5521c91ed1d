"""RDF sent to the service, parsed with bounds: an RDF/XML document that declares entities is
refused before the parser sees it (a few hundred bytes of nested entities expand to
gigabytes: the "billion laughs"), and a syntax error names the line."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from nap_graph.errors import BadRequestError

_ENTITY_DECLARATION = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)


def parse_triples(body: bytes, rdf_format: ox.RdfFormat, what: str) -> list[ox.Triple]:
    """The triples of ``body`` in ``rdf_format`` (quads' graph names dropped); ``what`` names
    the input in errors (:class:`BadRequestError`)."""
    if rdf_format == ox.RdfFormat.RDF_XML and _ENTITY_DECLARATION.search(body):
        raise BadRequestError(
            f"{what}: the RDF/XML declares entities (<!ENTITY ...>), which are not accepted: "
            "write the values out"
        )
    try:
        return [q.triple for q in ox.parse(body, format=rdf_format)]
    except (SyntaxError, ValueError) as exc:
        raise BadRequestError(f"{what} is not valid {rdf_format.name}: {exc}") from exc


def parse_file(path: Path, rdf_format: ox.RdfFormat, graph: str | None) -> list[ox.Quad]:
    """Every quad of an RDF file (a triple format's into ``graph``);
    :class:`~nap_graph.errors.DataFileError` naming the file and position when it is not
    valid RDF or cannot be read."""
    from nap_graph.errors import DataFileError

    target = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
    try:
        quads = list(ox.parse(path=path, format=rdf_format))
    except SyntaxError as exc:
        raise DataFileError(f"{path}: not valid RDF: {exc}") from exc
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if rdf_format.supports_datasets:
        return quads
    return [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
