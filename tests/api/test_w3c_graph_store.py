"""The SPARQL 1.1 Graph Store Protocol tests of the W3C suite (w3c/rdf-tests,
sparql/sparql11/graph-store-protocol/manifest.ttl: PUT/GET repetition with direct and
indirect identification, the default graph, DELETE, POST with multipart/form-data, POST to
create a graph, HEAD), run in order against the live server with ``/gsp`` mapped to
``/store``. Writes carry an admin token, which the suite does not know about."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.api.conftest import ADMIN, Server

PREFIXES = "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix v: <http://www.w3.org/2006/vcard/ns#> .\n"
JOHN = (
    PREFIXES
    + '<http://www.example/gsp/person/1> a foaf:Person; foaf:businessCard [ a v:VCard; v:fn "John Doe" ].'
)
JANE = (
    PREFIXES
    + '<http://www.example/gsp/person/1> a foaf:Person; foaf:businessCard [ a v:VCard; v:fn "Jane Doe" ].'
)
ALICE = PREFIXES + '[] a foaf:Person; foaf:businessCard [ a v:VCard; v:given-name "Alice" ] .'
TURTLE = {"Content-Type": "text/turtle; charset=utf-8"}


def same(text: str, expected: str) -> bool:
    return isomorphic(
        Graph().parse(data=text, format="turtle"), Graph().parse(data=expected, format="turtle")
    )


@pytest.fixture(scope="module")
def gsp(server: Server):
    with server.client(ADMIN) as client:
        yield client
        for path in ("/store/person/1.ttl", "/store/person/2.ttl"):
            client.delete(path)


def test_put_get_repeat(gsp, server: Server) -> None:
    direct = "/store/person/1.ttl"
    assert gsp.put(direct, content=JOHN, headers=TURTLE).status_code == 201
    got = gsp.get(
        "/store", params={"graph": f"{server.url}{direct}"}, headers={"Accept": "text/turtle"}
    )
    assert got.status_code == 200 and got.headers["content-type"] == "text/turtle; charset=utf-8"
    assert same(got.text, JOHN)
    assert gsp.put(
        "/store", params={"graph": f"{server.url}{direct}"}, content=JANE, headers=TURTLE
    ).status_code in (200, 204)
    assert same(gsp.get(direct, headers={"Accept": "text/turtle"}).text, JANE)


def test_put_get_default(gsp) -> None:
    assert gsp.put("/store?default", content=ALICE, headers=TURTLE).status_code in (200, 204)
    got = gsp.get("/store?default", headers={"Accept": "text/turtle"})
    assert got.status_code == 200 and same(got.text, ALICE)
    gsp.delete("/store?default")


def test_put_delete_get_delete(gsp) -> None:
    path = "/store/person/2.ttl"
    assert gsp.put(path, content=ALICE, headers=TURTLE).status_code in (200, 201, 204)
    assert gsp.delete(path).status_code in (200, 204)
    assert gsp.get(path).status_code == 404
    assert gsp.delete(path).status_code in (200, 204, 404)


def test_post_get_post_get(gsp) -> None:
    path = "/store/person/1.ttl"
    gsp.put(path, content=PREFIXES, headers=TURTLE)  # an existing, empty graph: POST merges into it
    assert gsp.post(path, content=JANE, headers=TURTLE).status_code in (200, 201, 204)
    assert same(gsp.get(path, headers={"Accept": "text/turtle"}).text, JANE)
    more = PREFIXES + '<http://www.example/gsp/person/1> foaf:name "Jane Doe" .'
    files = {"file": ("added.ttl", more, "text/turtle")}
    assert gsp.post(path, files=files).status_code in (200, 204)
    merged = Graph().parse(
        data=gsp.get(path, headers={"Accept": "text/turtle"}).text, format="turtle"
    )
    assert len(merged) == 5


def test_post_get_new_graph(gsp) -> None:
    created = gsp.post("/store", content=ALICE, headers=TURTLE)
    assert created.status_code == 201
    location = created.headers["location"]
    got = gsp.get(location, headers={"Accept": "text/turtle"})
    assert got.status_code == 200 and same(got.text, ALICE)
    gsp.delete(location)


def test_head_existing(gsp) -> None:
    gsp.put("/store/person/1.ttl", content=JANE, headers=TURTLE)
    head = gsp.head("/store/person/1.ttl", headers={"Accept": "text/turtle"})
    assert (
        head.status_code == 200
        and head.headers["content-type"] == "text/turtle; charset=utf-8"
        and head.content == b""
    )


def test_head_non_existing(gsp) -> None:
    assert gsp.head("/store/person/4.ttl").status_code == 404
