"""/docs and /redoc open offline: their pages load only what the server itself serves."""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import Server, Watched


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_load_nothing_from_elsewhere(server: Server, path: str) -> None:
    with server.client() as client:
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        loaded = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', page.text)
        assert loaded, page.text
        assert all(url.startswith("/") for url in loaded), loaded
        assert "fonts.googleapis" not in page.text and "cdn.jsdelivr" not in page.text
        for url in loaded:
            assert client.get(url).status_code == 200, url
        assert client.get("/openapi.json").status_code == 200
        assert client.head(path).status_code == 200


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_fetch_nothing_from_elsewhere_in_a_browser(
    server: Server, tab: Watched, path: str
) -> None:
    """What the pages' scripts load once running (ReDoc's bundle loaded Redocly's logo from a
    CDN: nap_graph_api/static/redoc/README.md)."""
    tab.page.goto(f"{server.url}{path}")
    tab.page.wait_for_load_state("networkidle")
    tab.page.wait_for_timeout(500)
    elsewhere = [u for u in tab.requests if not u.startswith((server.url, "data:"))]
    assert not elsewhere, elsewhere
    assert len(tab.requests) > 2


def test_every_operation_has_examples(server: Server) -> None:
    with server.client() as client:
        spec = client.get("/openapi.json").json()
    missing, bodies = [], []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            contents = [
                content
                for response in operation.get("responses", {}).values()
                for content in response.get("content", {}).values()
            ]
            if not any("example" in c or "examples" in c for c in contents):
                missing.append(f"{method.upper()} {path}")
            body = operation.get("requestBody")
            if body and not any("example" in c for c in body.get("content", {}).values()):
                bodies.append(f"{method.upper()} {path}")
    assert not missing, f"no example answer: {missing}"
    assert not bodies, f"no example request: {bodies}"


def test_head_answers_every_get_route(server: Server) -> None:
    """HEAD gives a GET's status and headers without its body (RFC 9110 9.3.2), on every
    GET route of the OpenAPI description (one concrete address each)."""
    concrete = {
        "/": "/",
        "/browse": "/browse",
        "/browse/{name}": "/browse/outcomes",
        "/search": "/search?q=gender",
        "/check/template.{suffix}": "/check/template.json",
        "/sparql": "/sparql",
        "/store": "/store?default",
        "/store/{path}": "/store/nothing-here",
        "/submissions": "/submissions",
        "/submissions/{plan}/{organisation}/{version}": "/submissions/nld-nap-4/jenv/0000000000000000",
        "/id/{path}": "/id/organisation/jenv",
        "/doc/{path}": "/doc/organisation/jenv",
        "/country/{code}": "/country/NLD",
        "/def/wps": "/def/wps",
        "/def/shapes": "/def/shapes",
        "/graph/{path}": "/graph/ontology/wps",
        "/context.jsonld": "/context.jsonld",
        "/dumps": "/dumps",
        "/dumps/{name}": "/dumps/nap-graph.ttl.gz",
        "/.well-known/void": "/.well-known/void",
        "/compare": "/compare",
        "/world": "/world",
        "/plans/import": "/plans/import",
        "/plans/template.csv": "/plans/template.csv",
        "/plans/schema.json": "/plans/schema.json",
        "/health": "/health",
        "/check": "/check",
        "/coverage": "/coverage",
        "/monitoring": "/monitoring",
        "/partners": "/partners",
        "/record-form": "/record-form",
        "/sign-in": "/sign-in",
        "/review": "/review",
        "/my/records": "/my/records",
        "/my/records/diff": "/my/records/diff?old=x&new=y",
    }
    with server.client() as client:
        spec = client.get("/openapi.json").json()
        routes = {p for p, ops in spec["paths"].items() if "get" in ops}
        assert routes <= set(concrete), routes - set(concrete)
        for route in sorted(routes):
            address = concrete[route]
            got = client.get(address)
            head = client.head(address)
            assert head.status_code == got.status_code, address
            assert head.content == b"", address
            assert head.headers.get("content-type") == got.headers.get("content-type"), address
