"""Bad input is a 4xx problem that names what was wrong, never a 500 (each case below was a
500 before)."""

from __future__ import annotations

import pytest

from tests.api.conftest import ADMIN, Server
from tests.submissions.helpers import SEED

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("path", "params", "named"),
    [
        ("/doc/organisation/a b", {}, "the path after /id/ or /doc/"),
        ("/id/organisation/%zz", {}, "the path after /id/ or /doc/"),
        ("/graph/a b", {}, "the path after /graph/"),
        ("/store", {"graph": "not an iri"}, "?graph="),
        ("/store", {"graph": "http://a b"}, "?graph="),
        ("/submissions", {"organisation": "not a key!"}, "filter"),
        ("/submissions", {"organisation": "http://a b"}, "organisation"),
        ("/submissions", {"plan": "nld-nap-4", "outcome": "x y"}, "filter"),
        ("/sparql", {"query": "ASK {}", "default-graph-uri": "no iri"}, "default-graph-uri"),
        ("/sparql", {"query": "ASK {}", "named-graph-uri": "http://a b"}, "named-graph-uri"),
    ],
)
def test_invalid_iris_are_400_naming_the_parameter(
    server: Server, path: str, params: dict[str, str], named: str
) -> None:
    with server.client() as client:
        response = client.get(path, params=params)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert named in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nests arrays or objects too deeply"),
        (b'{"organisation": ' + b"9" * 5000 + b"}", "cannot be read"),
    ],
    ids=["nested-100000-deep", "5000-digit-number"],
)
def test_unreadable_json_is_422(server: Server, body: bytes, expected: str) -> None:
    with server.client() as client:
        response = client.post(
            "/submissions/validate", content=body, headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 422, response.text
    assert expected in response.text


def test_a_paragraph_over_the_field_limit_is_422_naming_the_field(server: Server) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "International and national focus",
        "International and national focus\n" + "word " * 24_000,
    )
    with server.client(ADMIN) as client:
        response = client.post(
            "/submissions/validate",
            content=text.encode(),
            headers={"Content-Type": "text/plain"},
        )
    assert response.status_code == 422, response.text
    assert "focus_description" in response.text and "100000 characters" in response.text


def test_rdf_xml_with_entity_declarations_is_refused_before_parsing(server: Server) -> None:
    """Before: a 930-byte document of nested entities grew the server to 24 GB."""
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{lol}]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:e="http://e/"><rdf:Description rdf:about="http://e/a"><e:p>&l9;</e:p>'
        "</rdf:Description></rdf:RDF>"
    )
    with server.client(ADMIN) as client:
        response = client.put(
            "/store",
            params={"graph": "http://example.org/bomb"},
            content=bomb.encode(),
            headers={"Content-Type": "application/rdf+xml"},
        )
        after = client.get("/health")
    assert response.status_code == 400 and "declares entities" in response.json()["detail"]
    assert after.status_code == 200


def test_an_oversized_submission_is_413_before_validation(server: Server) -> None:
    with server.client() as client:
        response = client.post(
            "/submissions/validate",
            content=b"@prefix e: <http://e/> .\n" + b"e:a e:b e:c .\n" * 100_000,
            headers={"Content-Type": "text/turtle"},
        )
    assert response.status_code == 413 and "the limit is" in response.json()["detail"]


def test_non_http_iris_are_text_not_links_and_links_are_relative() -> None:
    from nap_graph_api.links import local_link as link

    assert link("javascript:alert(1)") is None and link("data:text/html,x") is None
    assert link("https://w3id.org/nap-graph/id/organisation/jenv") == "/doc/organisation/jenv"
    assert link("http://www.w3.org/ns/org#hasUnit") == "http://www.w3.org/ns/org#hasUnit"
    country = "http://publications.europa.eu/resource/authority/country/SEN"
    assert link(country) == "/country/SEN"


def test_csv_for_spreadsheets_neutralises_formulas() -> None:
    from nap_graph.compare import spreadsheet_safe

    cells = ("=1+1", "+x", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "Prevention", "-2", "-12.5")
    assert [spreadsheet_safe(c) for c in cells] == [
        "'=1+1",
        "'+x",
        "'-2+3+cmd|' /C calc'!A0",
        "'@SUM(A1)",
        "Prevention",
        "-2",  # a plain number cannot be a formula: it stays a number
        "-12.5",
    ]


def test_pages_never_build_links_from_the_host_header(server: Server) -> None:
    with server.client() as client:
        for path in ("/sparql", "/doc/organisation/jenv"):
            page = client.get(path, headers={"Accept": "text/html", "Host": "evil.example"})
            assert page.status_code == 200 and "evil.example" not in page.text, path
