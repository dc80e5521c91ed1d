"""LOAD (issue 24): with the admin token it used to fetch any URL from the service's own
process, and an entity-laden RDF/XML document fetched so was expanded in the server. Now a
LOAD not on the allowlist is refused before anything is fetched; an allowed one is fetched
by nap-graph itself (no redirects, bounded size, entity declarations refused) and never by
the engine; LOAD beside other operations is refused."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient

from nap_graph_api.app import create_app
from nap_graph_api.settings import ApiSettings

ADMIN = "admin-token-for-load-tests"
UPDATE = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {ADMIN}"}
DOCUMENTS = {
    "/data.ttl": ("text/turtle", b"<urn:x:a> <urn:x:b> 1 ."),
    "/laughs.rdf": (
        "application/rdf+xml",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description rdf:about="urn:x:l"><rdf:value>&b;</rdf:value></rdf:Description>'
        b"</rdf:RDF>",
    ),
    "/big.ttl": ("text/turtle", b"<urn:x:a> <urn:x:b> " + b'"' + b"x" * 11_000_000 + b'" .'),
}


class Documents(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Documents.requests.append(self.path)
        media_type, body = DOCUMENTS.get(self.path, ("text/plain", b"no"))
        self.send_response(200 if self.path in DOCUMENTS else 404)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def documents() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Documents)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _client(tmp_path: Path, allowed: list[str]) -> TestClient:
    settings = ApiSettings(
        store=tmp_path / "store", query_workers=0, admin_token=ADMIN, load_allowlist=allowed
    )
    return TestClient(create_app(settings))


def test_a_load_not_allowed_fetches_nothing(tmp_path: Path, documents: str) -> None:
    Documents.requests.clear()
    with _client(tmp_path, []) as client:
        answer = client.post("/sparql", content=f"LOAD <{documents}/data.ttl>", headers=UPDATE)
    assert answer.status_code == 403 and Documents.requests == []


def test_an_allowed_load_is_fetched_by_nap_graph_bounded_and_without_entities(
    tmp_path: Path, documents: str
) -> None:
    allowed = [f"{documents}{path}" for path in DOCUMENTS]
    with _client(tmp_path, allowed) as client:
        loaded = client.post(
            "/sparql",
            content=f"LOAD <{documents}/data.ttl> INTO GRAPH <urn:x:loaded>",
            headers=UPDATE,
        )
        assert loaded.status_code == 204, loaded.text
        ask = "ASK { GRAPH <urn:x:loaded> { <urn:x:a> <urn:x:b> 1 } }"
        assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True
        laughs = client.post("/sparql", content=f"LOAD <{documents}/laughs.rdf>", headers=UPDATE)
        assert laughs.status_code == 403 and "entities" in laughs.text
        big = client.post("/sparql", content=f"LOAD <{documents}/big.ttl>", headers=UPDATE)
        assert big.status_code == 400 and "bytes" in big.text
        mixed = client.post(
            "/sparql",
            content=f"LOAD <{documents}/data.ttl> ; INSERT DATA {{ <urn:x:c> <urn:x:d> 1 }}",
            headers=UPDATE,
        )
        assert mixed.status_code == 403 and "LOAD operations only" in mixed.text
        silent = client.post(
            "/sparql", content=f"LOAD SILENT <{documents}/laughs.rdf>", headers=UPDATE
        )
        assert silent.status_code == 204
        gone = "ASK { <urn:x:l> ?p ?o }"
        assert client.get("/sparql", params={"query": gone}).json()["boolean"] is False
