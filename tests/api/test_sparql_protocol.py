"""SPARQL 1.1 Protocol behaviour (https://www.w3.org/TR/sparql11-protocol/), checked against
the running server with SPARQLWrapper, rdflib's SPARQLStore and httpx."""

from __future__ import annotations

import io

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.api.conftest import ADMIN, SIGNATORY, Server

OUTCOMES = "PREFIX wps: <https://w3id.org/nap-graph/def/wps#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?n WHERE { ?o a wps:StrategicOutcome ; skos:inScheme <https://w3id.org/nap-graph/id/scheme/nld-nap-4-outcomes> ; skos:notation ?n } ORDER BY ?n"
PILLARS = "PREFIX wps: <https://w3id.org/nap-graph/def/wps#> CONSTRUCT { ?p a wps:Pillar } WHERE { ?p a wps:Pillar }"


def wrapper(server: Server, fmt: str, query: str = OUTCOMES, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{server.url}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json_and_xml(server: Server, method: str) -> None:
    data = wrapper(server, JSON, method=method).query().convert()
    assert [b["n"]["value"] for b in data["results"]["bindings"]] == ["1", "2", "3", "4", "5"]
    document = wrapper(server, XML, method=method).query().convert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]


def test_sparqlwrapper_csv_and_tsv(server: Server) -> None:
    csv_text = wrapper(server, CSV).query().convert().decode()
    assert csv_text.splitlines() == ["n", "1", "2", "3", "4", "5"]
    tsv_text = wrapper(server, TSV).query().convert().decode()
    assert tsv_text.splitlines()[0] == "?n" and tsv_text.splitlines()[1] == '"1"'


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML])
def test_sparqlwrapper_construct(server: Server, fmt: str) -> None:
    graph = wrapper(server, fmt, PILLARS).query().convert()
    if not isinstance(graph, Graph):
        graph = Graph().parse(data=graph, format="turtle")
    assert len(graph) == 4


def test_construct_as_json_ld_and_n_triples(server: Server) -> None:
    with server.client() as client:
        for accept, fmt in (("application/ld+json", "json-ld"), ("application/n-triples", "nt")):
            response = client.get("/sparql", params={"query": PILLARS}, headers={"Accept": accept})
            assert response.status_code == 200 and response.headers["content-type"].startswith(
                accept
            )
            assert len(Graph().parse(data=response.text, format=fmt)) == 4


def test_ask(server: Server) -> None:
    data = wrapper(server, JSON, "ASK { ?s ?p ?o }").query().convert()
    assert data["boolean"] is True
    with server.client() as client:
        response = client.get(
            "/sparql",
            params={"query": "ASK { <http://x> <http://y> <http://z> }"},
            headers={"Accept": "application/sparql-results+xml"},
        )
        assert Result.parse(io.StringIO(response.text), format="xml").askAnswer is False


def test_rdflib_sparqlstore(server: Server) -> None:
    graph = Graph(store=SPARQLStore(f"{server.url}/sparql"))
    rows = list(
        graph.query(
            "SELECT ?label WHERE { <https://w3id.org/nap-graph/id/pillar/protection> <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
        )
    )
    assert {r[0] for r in rows} == {
        Literal("Protection", lang="en"),
        Literal("Bescherming", lang="nl"),
    }


def test_rdflib_sparqlupdatestore_with_token(server: Server) -> None:
    store = SPARQLUpdateStore(
        f"{server.url}/sparql",
        f"{server.url}/sparql",
        auth=None,
        headers={"Authorization": f"Bearer {ADMIN}"},
    )
    graph = Graph(store=store, identifier=URIRef("http://example.org/updates"))
    graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/b"), Literal("c")))
    assert (URIRef("http://example.org/a"), URIRef("http://example.org/b"), Literal("c")) in graph
    store.update("DROP GRAPH <http://example.org/updates>")


def test_query_by_post_form_and_direct(server: Server) -> None:
    with server.client() as client:
        form = client.post("/sparql", data={"query": OUTCOMES}, headers={"Accept": "text/csv"})
        direct = client.post(
            "/sparql",
            content=OUTCOMES,
            headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
        )
        assert form.status_code == direct.status_code == 200
        assert form.text == direct.text


def test_dataset_parameters(server: Server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    pillars = "https://w3id.org/nap-graph/graph/reference/pillars"
    with server.client() as client:
        response = client.get(
            "/sparql",
            params={"query": count, "default-graph-uri": pillars},
            headers={"Accept": "text/csv"},
        )
        assert response.text.splitlines()[1] == "54"
        named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        response = client.get(
            "/sparql",
            params={"query": named, "named-graph-uri": pillars},
            headers={"Accept": "text/csv"},
        )
        assert response.text.splitlines()[1:] == [pillars]


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("GET", {"params": {"query": "SELECT * WHERE { ?s"}}, 400),
        (
            "POST",
            {"content": "SELECT", "headers": {"Content-Type": "application/sparql-query"}},
            400,
        ),
        ("POST", {"content": OUTCOMES, "headers": {"Content-Type": "text/plain"}}, 415),
        ("POST", {"data": {"query": OUTCOMES, "update": "DROP ALL"}}, 400),
        ("POST", {"data": {"other": "x"}}, 400),
        ("GET", {"params": {"update": "DROP ALL"}}, 405),
        ("GET", {"params": {"query": OUTCOMES}, "headers": {"Accept": "image/png"}}, 406),
        ("GET", {"params": [("query", OUTCOMES), ("query", OUTCOMES)]}, 400),
    ],
)
def test_protocol_errors(server: Server, method: str, kwargs: dict, status: int) -> None:
    with server.client() as client:
        response = client.request(method, "/sparql", **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"]


def test_malformed_query_carries_the_parser_message(server: Server) -> None:
    with server.client() as client:
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s"})
    assert "error at" in response.json()["detail"]


def test_update_needs_an_admin_token(server: Server) -> None:
    update = 'INSERT DATA { GRAPH <http://example.org/t> { <http://example.org/s> <http://example.org/p> "o" } }'
    with server.client() as client:
        assert client.post("/sparql", data={"update": update}).status_code == 401
    with server.client("wrong") as client:
        assert client.post("/sparql", data={"update": update}).status_code == 401
    with server.client(SIGNATORY) as client:
        assert client.post("/sparql", data={"update": update}).status_code == 403
    with server.client(ADMIN) as client:
        assert (
            client.post(
                "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
            ).status_code
            == 204
        )
        assert (
            client.post("/sparql", data={"update": "DROP GRAPH <http://example.org/t>"}).status_code
            == 204
        )


def test_service_description_and_query_page(server: Server) -> None:
    with server.client() as client:
        turtle = client.get("/sparql", headers={"Accept": "text/turtle"})
        graph = Graph().parse(data=turtle.text, format="turtle")
        sd = "http://www.w3.org/ns/sparql-service-description#"
        assert (None, URIRef(sd + "endpoint"), URIRef(f"{server.url}/sparql")) in graph
        jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
        assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)
        page = client.get(
            "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
        )
        assert (
            page.headers["content-type"].startswith("text/html")
            and "Who works on sub-outcome 3.2" in page.text
        )


def test_format_parameter_overrides_accept(server: Server) -> None:
    with server.client() as client:
        response = client.get(
            "/sparql",
            params={"query": OUTCOMES, "format": "csv"},
            headers={"Accept": "application/sparql-results+json"},
        )
    assert response.headers["content-type"].startswith("text/csv")


def test_health(server: Server) -> None:
    with server.client() as client:
        body = client.get("/health").json()
    assert body["status"] == "ok" and body["version"]
    workers = body["query_workers"]  # an on-disk store: queries run in two workers
    assert set(workers) == {"memory", "checkpoint", "disk", "busy"}
    assert sum(workers.values()) == 2, workers


def test_update_with_using_graph_uri(server: Server) -> None:
    source, target = "http://example.org/using/source", "http://example.org/using/target"
    with server.client(ADMIN) as client:
        client.post(
            "/sparql",
            data={
                "update": f'INSERT DATA {{ GRAPH <{source}> {{ <http://example.org/x> <http://example.org/p> "v" }} }}'
            },
        )
        copy = f"INSERT {{ GRAPH <{target}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
        response = client.post("/sparql", data={"update": copy, "using-graph-uri": source})
        assert response.status_code == 204
        count = client.get(
            "/sparql",
            params={
                "query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}"
            },
            headers={"Accept": "text/csv"},
        )
        assert count.text.splitlines()[1] == "1"
        both = client.post(
            "/sparql",
            data={
                "update": f"DELETE {{ ?s ?p ?o }} USING <{source}> WHERE {{ ?s ?p ?o }}",
                "using-graph-uri": source,
            },
        )
        assert both.status_code == 400
        client.post("/sparql", data={"update": f"DROP GRAPH <{source}> ; DROP GRAPH <{target}>"})
