"""Content negotiation in one place: which media type to answer with, from the ``Accept``
header or a ``format`` parameter, with the server's preference breaking ties (the first
offer is preferred, as in W3C's DCAT server: Turtle before HTML for RDF documents)."""

from __future__ import annotations

from collections.abc import Iterable

import mimeparse
import pyoxigraph as ox

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
SPARQL_CSV = "text/csv"
SPARQL_TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
RDF_XML = "application/rdf+xml"
JSON_LD = "application/ld+json"
N_QUADS = "application/n-quads"
TRIG = "application/trig"
HTML = "text/html"

RESULT_TYPES = [SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV]
"""For SELECT and ASK, in the server's order of preference."""
GRAPH_TYPES = [TURTLE, N_TRIPLES, RDF_XML, JSON_LD, N_QUADS, TRIG]
"""For CONSTRUCT, DESCRIBE and graphs."""

FORMAT_NAMES = {
    "json": SPARQL_JSON,
    "xml": SPARQL_XML,
    "csv": SPARQL_CSV,
    "tsv": SPARQL_TSV,
    "ttl": TURTLE,
    "turtle": TURTLE,
    "nt": N_TRIPLES,
    "ntriples": N_TRIPLES,
    "rdfxml": RDF_XML,
    "rdf": RDF_XML,
    "jsonld": JSON_LD,
    "nq": N_QUADS,
    "nquads": N_QUADS,
    "trig": TRIG,
    "html": HTML,
}
"""Values of the ``format`` parameter (also accepted: a media type)."""

RDF_FORMATS = {
    TURTLE: ox.RdfFormat.TURTLE,
    N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    RDF_XML: ox.RdfFormat.RDF_XML,
    JSON_LD: ox.RdfFormat.JSON_LD,
    N_QUADS: ox.RdfFormat.N_QUADS,
    TRIG: ox.RdfFormat.TRIG,
}


def choose(
    offers: list[str], accept: str | None, format_parameter: str | None = None
) -> str | None:
    """The media type to answer with, or ``None`` when nothing acceptable is on offer (406).

    ``format_parameter`` (a short name such as ``ttl`` or a media type) overrides ``Accept``.
    """
    if format_parameter:
        wanted = FORMAT_NAMES.get(format_parameter.lower(), format_parameter.lower())
        return wanted if wanted in offers else None
    if not accept or not accept.strip():
        return offers[0]
    try:
        best = mimeparse.best_match(list(reversed(offers)), accept)
        if not best and JSON_LD in offers and mimeparse.quality("application/json", accept) > 0:
            return JSON_LD  # JSON-LD is JSON: a client that asks for JSON can read it
    except (ValueError, IndexError):
        return offers[0]
    return best or None


def sent_type(request: object, accepted: Iterable[str], what: str) -> str:
    """The request body's media type when it is one of ``accepted``; else 415 naming them
    and what was sent (``what``: "a submission", "a plan")."""
    from nap_graph_api.errors import ApiError

    sent = request.headers.get("content-type", "")  # type: ignore[attr-defined]
    content_type = sent.split(";")[0].strip().lower()
    known = list(accepted)
    if content_type not in known:
        raise ApiError(
            415,
            "Unsupported media type",
            f"send {what} as one of {', '.join(known)}; got '{content_type}'",
        )
    return content_type
