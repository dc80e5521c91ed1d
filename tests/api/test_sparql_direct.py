"""/sparql is answered by the route functions directly (api/sparql_direct.py): FastAPI's
router is skipped, errors still come from the app's exception handlers, and every other
method or path still goes through FastAPI."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request
from starlette.responses import Response

from nap_graph_api import ApiSettings, create_app
from nap_graph_api.routers import sparql


@pytest.fixture
def client() -> Any:
    with TestClient(create_app(ApiSettings(memory=True)), raise_server_exceptions=False) as c:
        yield c


def test_queries_skip_fastapi_routing(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, Any]] = []
    original_get, original_post = sparql.sparql_get, sparql.sparql_post

    async def spy_get(request: Request, *args: Any) -> Response:
        seen.append({"method": "GET", "routed": "route" in request.scope, "args": args})
        return await original_get(request, *args)

    async def spy_post(request: Request, *args: Any) -> Response:
        seen.append({"method": "POST", "routed": "route" in request.scope, "args": args})
        return await original_post(request, *args)

    monkeypatch.setattr(sparql, "sparql_get", spy_get)
    monkeypatch.setattr(sparql, "sparql_post", spy_post)
    got = client.get("/sparql", params={"query": "ASK {}"})
    posted = client.post(
        "/sparql", content="ASK {}", headers={"Content-Type": "application/sparql-query"}
    )
    assert got.status_code == posted.status_code == 200
    assert got.json()["boolean"] is True and posted.json()["boolean"] is True
    # FastAPI sets scope["route"] when its router matched; here nothing routed the request
    assert [(s["method"], s["routed"]) for s in seen] == [("GET", False), ("POST", False)]
    view = client.app.state.view  # type: ignore[attr-defined]
    assert seen[0]["args"][0] is view and seen[1]["args"][1] is view


def test_errors_come_from_the_app_handlers(client: TestClient) -> None:
    malformed = client.get("/sparql", params={"query": "SELEC ?s"})
    assert malformed.status_code == 400
    assert malformed.headers["content-type"] == "application/problem+json"
    assert malformed.json()["title"] == "Malformed query"
    # the problem's type is the specification section that defines it
    assert malformed.json()["type"] == "https://www.w3.org/TR/sparql11-query/#sparqlGrammar"
    refused = client.get(
        "/sparql", params={"query": "SELECT * { SERVICE <http://192.0.2.1/sparql> { ?s ?p ?o } }"}
    )
    assert refused.status_code == 403
    assert refused.json()["type"] == "https://www.w3.org/TR/sparql11-federated-query/#service"
    update_by_get = client.get("/sparql", params={"update": "CLEAR ALL"})
    assert update_by_get.status_code == 405 and update_by_get.headers["allow"] == "POST"


def test_an_unhandled_error_is_a_500(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_args: Any) -> Response:
        raise RuntimeError("boom")

    monkeypatch.setattr(sparql, "sparql_get", broken)
    machine = client.get("/sparql", params={"query": "ASK {}"})
    assert machine.status_code == 500
    assert machine.headers["content-type"] == "application/problem+json"
    assert "boom" not in machine.text  # nothing of the failure leaks out
    browser = client.get(
        "/sparql", params={"query": "ASK {}", "lang": "nl"}, headers={"Accept": "text/html"}
    )
    assert browser.status_code == 500 and browser.headers["content-type"].startswith("text/html")
    assert "Er ging aan onze kant iets mis" in browser.text and 'href="/"' in browser.text


def test_other_methods_and_paths_go_through_fastapi(client: TestClient) -> None:
    put = client.put("/sparql", content="ASK {}")
    assert put.status_code == 405
    assert client.get("/health").status_code == 200
    assert "/sparql" in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize(
    "raw",
    [
        "query=a+b%20c",
        "query=",
        "query",
        "a=1&a=2&b=",
        "a=1;b=2",
        "q=%zz",
        "q=%ff%fe",
        "q=%E2%82%AC",
        "&&a=1&",
        "a=%2B+",
        "=x",
        "a==b",
        "q=%3D%26&default-graph-uri=http%3A%2F%2Fx%2Fg",
    ],
)
def test_params_read_as_parse_qs_does(raw: str) -> None:
    assert sparql._params(raw) == parse_qs(raw, keep_blank_values=True)
