"""Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/) against the
running server: the behaviours of the W3C graph-store-protocol tests, including the optional
ones (direct identification, POST to create a graph, multipart POST)."""

from __future__ import annotations

from rdflib import Graph

from tests.api.conftest import ADMIN, SIGNATORY, Server

PERSON = '<http://example.org/alice> <http://xmlns.com/foaf/0.1/name> "Alice" .\n'
MORE = '<http://example.org/bob> <http://xmlns.com/foaf/0.1/name> "Bob" .\n'
G = "http://example.org/gsp/person"


def parse(text: str, fmt: str = "turtle") -> Graph:
    return Graph().parse(data=text, format=fmt)


def test_put_get_head_post_delete(server: Server) -> None:
    with server.client(ADMIN) as client:
        created = client.put(
            "/store", params={"graph": G}, content=PERSON, headers={"Content-Type": "text/turtle"}
        )
        assert created.status_code == 201
        replaced = client.put(
            "/store", params={"graph": G}, content=PERSON, headers={"Content-Type": "text/turtle"}
        )
        assert replaced.status_code == 204
        got = client.get("/store", params={"graph": G}, headers={"Accept": "text/turtle"})
        assert got.status_code == 200 and len(parse(got.text)) == 1
        head = client.head("/store", params={"graph": G}, headers={"Accept": "text/turtle"})
        assert (
            head.status_code == 200
            and head.content == b""
            and int(head.headers["content-length"]) == len(got.content)
        )
        added = client.post(
            "/store",
            params={"graph": G},
            content=MORE,
            headers={"Content-Type": "application/n-triples"},
        )
        assert added.status_code == 204
        assert (
            len(
                parse(
                    client.get(
                        "/store", params={"graph": G}, headers={"Accept": "application/n-triples"}
                    ).text,
                    "nt",
                )
            )
            == 2
        )
        assert client.delete("/store", params={"graph": G}).status_code == 204
        assert client.get("/store", params={"graph": G}).status_code == 404
        assert client.delete("/store", params={"graph": G}).status_code == 404


def test_rdf_xml_and_json_ld_bodies(server: Server) -> None:
    data = parse(PERSON)
    with server.client(ADMIN) as client:
        for media, fmt in (("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")):
            response = client.put(
                "/store",
                params={"graph": G},
                content=data.serialize(format=fmt),
                headers={"Content-Type": media},
            )
            assert response.status_code in (201, 204)
            back = client.get("/store", params={"graph": G}, headers={"Accept": media})
            assert len(parse(back.text, fmt)) == 1
        client.delete("/store", params={"graph": G})


def test_default_graph(server: Server) -> None:
    with server.client(ADMIN) as client:
        assert (
            client.post(
                "/store?default", content=PERSON, headers={"Content-Type": "text/turtle"}
            ).status_code
            == 204
        )
        got = client.get("/store?default", headers={"Accept": "text/turtle"})
        assert (None, None, None) in parse(got.text)
        assert client.delete("/store?default").status_code == 204


def test_direct_identification(server: Server) -> None:
    path = "/store/people/alice"
    with server.client(ADMIN) as client:
        assert (
            client.put(path, content=PERSON, headers={"Content-Type": "text/turtle"}).status_code
            == 201
        )
        assert len(parse(client.get(path).text)) == 1
        graphs = client.get(
            "/sparql",
            params={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "text/csv"},
        )
        assert f"{server.url}{path}" in graphs.text
        assert client.delete(path).status_code == 204


def test_post_to_store_creates_a_graph(server: Server) -> None:
    with server.client(ADMIN) as client:
        response = client.post("/store", content=PERSON, headers={"Content-Type": "text/turtle"})
        assert response.status_code == 201
        location = response.headers["location"]
        assert location.startswith(f"{server.url}/store/")
        assert len(parse(client.get(location).text)) == 1
        assert client.delete(location).status_code == 204


def test_multipart_post(server: Server) -> None:
    files = {
        "one": ("one.ttl", PERSON, "text/turtle"),
        "two": ("two.nt", MORE, "application/n-triples"),
    }
    with server.client(ADMIN) as client:
        assert client.post("/store", params={"graph": G}, files=files).status_code == 201
        assert len(parse(client.get("/store", params={"graph": G}).text)) == 2
        client.delete("/store", params={"graph": G})


def test_errors(server: Server) -> None:
    with server.client(ADMIN) as client:
        assert (
            client.put(
                "/store",
                params={"graph": G},
                content="<a> <b>",
                headers={"Content-Type": "text/turtle"},
            ).status_code
            == 400
        )
        assert (
            client.put(
                "/store", params={"graph": G}, content=PERSON, headers={"Content-Type": "image/png"}
            ).status_code
            == 415
        )
        assert client.get("/store").status_code == 400
        assert (
            client.get("/store", params={"graph": "http://example.org/nothing"}).status_code == 404
        )
    with server.client() as client:
        assert (
            client.put(
                "/store",
                params={"graph": G},
                content=PERSON,
                headers={"Content-Type": "text/turtle"},
            ).status_code
            == 401
        )
    with server.client(SIGNATORY) as client:
        assert client.delete("/store", params={"graph": G}).status_code == 403
