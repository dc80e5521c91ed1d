"""RDF sent to the service, parsed with bounds: an RDF/XML document that declares entities is
refused before the parser sees it (a few hundred bytes of nested entities expand to
gigabytes: the "billion laughs"), and a syntax error names the line."""

from __future__ import annotations

import re

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
