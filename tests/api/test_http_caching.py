"""HTTP as caches and browsers expect (issue 26): validators from the store's generation,
304, Vary, OPTIONS that names every method, as a table."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from nap_graph_api.app import create_app
from nap_graph_api.settings import ApiSettings

ADMIN = "admin-token-for-caching"
CACHED = [
    ("/", {"Accept": "text/html"}),
    ("/doc/organisation/jenv", {"Accept": "text/turtle"}),
    ("/doc/organisation/jenv", {"Accept": "text/html"}),
    ("/.well-known/void", {"Accept": "text/turtle"}),
    ("/dumps/nap-graph.nq.gz", {}),
    ("/sparql?query=ASK%7B%7D", {"Accept": "application/sparql-results+json"}),
    ("/search?q=gender", {"Accept": "application/json"}),
    ("/compare", {"Accept": "application/json"}),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    settings = ApiSettings(
        store=tmp_path_factory.mktemp("caching") / "store", query_workers=0, admin_token=ADMIN
    )
    with TestClient(create_app(settings)) as started:
        yield started


@pytest.mark.parametrize(("path", "headers"), CACHED, ids=[f"{p} {h}" for p, h in CACHED])
def test_validators_and_304(client: TestClient, path: str, headers: dict[str, str]) -> None:
    first = client.get(path, headers=headers)
    assert first.status_code == 200, first.text[:200]
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('W/"') and "Accept" in first.headers["vary"]
    assert client.get(path, headers={**headers, "If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={**headers, "If-Modified-Since": modified}).status_code == 304
    other = {**headers, "Accept-Language": "nl", "If-None-Match": etag}
    assert client.get(path, headers=other).status_code == 200  # another variant


def test_a_write_changes_every_validator(client: TestClient) -> None:
    before = client.get("/doc/organisation/jenv", headers={"Accept": "text/turtle"})
    written = client.post(
        "/sparql",
        content="INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 1 } }",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {ADMIN}"},
    )
    assert written.status_code == 204
    after = client.get(
        "/doc/organisation/jenv",
        headers={"Accept": "text/turtle", "If-None-Match": before.headers["etag"]},
    )
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/sparql", {"GET", "POST", "HEAD", "OPTIONS"}),
        ("/store", {"GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS"}),
        ("/submissions", {"GET", "POST", "HEAD", "OPTIONS"}),
        ("/doc/organisation/jenv", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_options_names_every_method(client: TestClient, path: str, allowed: set[str]) -> None:
    answer = client.options(path)
    assert answer.status_code == 204
    assert {m.strip() for m in answer.headers["allow"].split(",")} >= allowed


def test_private_pages_are_not_cached(client: TestClient) -> None:
    page = client.get("/sign-in", headers={"Accept": "text/html"})
    assert "etag" not in page.headers and page.headers["cache-control"] == "private, no-store"
    with_token = client.get("/", headers={"Authorization": f"Bearer {ADMIN}"})
    assert "etag" not in with_token.headers


@pytest.mark.parametrize(
    "path", ["/doc/organisation/jenv", "/doc/plan/nld-nap-4", "/.well-known/void"]
)
def test_application_json_gets_json_ld(client: TestClient, path: str) -> None:
    answer = client.get(path, headers={"Accept": "application/json"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(
        "application/ld+json"
    )
    assert answer.json()
