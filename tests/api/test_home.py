"""The home page: HTML for browsers with a link to every part, a JSON summary for machines
whose figures are what SPARQL counts, HEAD, and a 406 for what it cannot give."""

from __future__ import annotations

import re

from tests.api.conftest import Server

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def _count(server: Server, query: str) -> int:
    with server.client() as client:
        answer = client.get(
            "/sparql",
            params={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_browsers_get_a_page_that_links_to_every_part(server: Server) -> None:
    with server.client() as client:
        page = client.get("/", headers={"Accept": BROWSER_ACCEPT})
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert '<meta name="viewport"' in page.text
        links = set(re.findall(r'href="(/[^"#]*)"', page.text))
        assert {"/sparql", "/compare", "/submissions", "/def/wps", "/dumps", "/docs"} <= links
        assert "/doc/plan/nld-nap-4" in links
        for link in sorted(links):
            assert client.get(link, follow_redirects=True).status_code == 200, link
    assert "2021" in page.text and "2025" in page.text and "2027" in page.text


def test_machines_get_the_summary_sparql_would_count(server: Server) -> None:
    with server.client() as client:
        summary = client.get("/", headers={"Accept": "application/json"}).json()
        assert client.get("/?format=json").json() == summary
    nap4 = next(p for p in summary["plans"] if p["iri"].endswith("/plan/nld-nap-4"))
    # the years DOMAIN.md states, as years (xsd:gYear), not invented days
    assert (nap4["start"], nap4["end"], nap4["extended_to"]) == ("2021", "2025", "2027")
    assert summary["activities"] == _count(
        server,
        "PREFIX wps: <https://w3id.org/nap-graph/def/wps#> "
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a wps:Activity }",
    )
    assert len(summary["plans"]) == _count(
        server,
        "PREFIX wps: <https://w3id.org/nap-graph/def/wps#> "
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a wps:NationalActionPlan }",
    )


def test_head_and_unacceptable(server: Server) -> None:
    with server.client() as client:
        head = client.head("/", headers={"Accept": BROWSER_ACCEPT})
        assert head.status_code == 200 and head.content == b""
        refused = client.get("/", headers={"Accept": "image/png"})
        assert refused.status_code == 406
        assert refused.headers["content-type"] == "application/problem+json"
        assert client.get("/?format=pdf").status_code == 406


def test_errors_are_pages_for_browsers_and_problems_for_machines(server: Server) -> None:
    with server.client() as client:
        for path in ("/no/such/page", "/doc/organisation/nobody-at-all"):
            page = client.get(path, headers={"Accept": BROWSER_ACCEPT})
            assert page.status_code == 404, path
            assert page.headers["content-type"].startswith("text/html")
            assert 'href="/"' in page.text and "Error 404" in page.text
            machine = client.get(path, headers={"Accept": "*/*"})
            assert machine.status_code == 404
            assert machine.headers["content-type"] == "application/problem+json"
            assert machine.json()["status"] == 404
        bad = client.get("/sparql", params={"query": "SELEC"}, headers={"Accept": BROWSER_ACCEPT})
        assert bad.status_code == 400 and "Malformed query" in bad.text
        assert bad.headers["content-type"].startswith("text/html")


def test_a_browser_gets_a_page_for_a_body_over_the_limit(server: Server) -> None:
    with server.client() as client:
        page = client.post(
            "/submissions/validate",
            content=b"x" * 2_100_000,
            headers={"Content-Type": "text/plain", "Accept": "text/html"},
        )
        machine = client.post(
            "/submissions/validate",
            content=b"x" * 2_100_000,
            headers={"Content-Type": "text/plain"},
        )
    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")
    assert "Too large" in page.text and "over the limit" in page.text
    assert machine.status_code == 413
    assert machine.headers["content-type"] == "application/problem+json"
