"""Content negotiation as a table: Accept header (and format parameter) -> the media type
answered, or None for 406. The expectations follow RFC 9110 12.5.1 (q-values, specificity)
with the server's order breaking ties."""

from __future__ import annotations

import pytest

from nap_graph_api import negotiation as media

RESULTS = media.RESULT_TYPES
DOCUMENTS = [media.TURTLE, media.HTML, media.JSON_LD, media.N_TRIPLES, media.RDF_XML]


@pytest.mark.parametrize(
    ("offers", "accept", "fmt", "expected"),
    [
        (RESULTS, None, None, media.SPARQL_JSON),
        (RESULTS, "", None, media.SPARQL_JSON),
        (RESULTS, "*/*", None, media.SPARQL_JSON),
        (RESULTS, "text/csv", None, media.SPARQL_CSV),
        (RESULTS, "text/*", None, media.SPARQL_CSV),  # csv is offered before tsv
        (RESULTS, "text/tab-separated-values, text/csv;q=0.5", None, media.SPARQL_TSV),
        (RESULTS, "application/sparql-results+xml;q=0.9, */*;q=0.1", None, media.SPARQL_XML),
        (RESULTS, "image/png", None, None),
        (RESULTS, "text/csv;q=0", None, None),
        (RESULTS, "text/csv", "json", media.SPARQL_JSON),  # format= overrides Accept
        (RESULTS, None, "text/tab-separated-values", media.SPARQL_TSV),
        (RESULTS, None, "ttl", None),  # a graph format for a SELECT: 406
        (DOCUMENTS, "text/html,application/xhtml+xml,*/*;q=0.8", None, media.HTML),
        (DOCUMENTS, "*/*", None, media.TURTLE),
        (DOCUMENTS, "application/ld+json", None, media.JSON_LD),
        (DOCUMENTS, "application/json", None, media.JSON_LD),  # JSON-LD is JSON (issue 26)
        (DOCUMENTS, "text/turtle;q=0.5, application/n-triples", None, media.N_TRIPLES),
    ],
)
def test_accept_header_table(
    offers: list[str], accept: str | None, fmt: str | None, expected: str | None
) -> None:
    assert media.choose(offers, accept, fmt) == expected
