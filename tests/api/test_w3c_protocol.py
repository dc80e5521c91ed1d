"""The SPARQL 1.1 Protocol tests of the W3C test suite (w3c/rdf-tests,
sparql/sparql11/protocol/manifest.ttl, 34 tests), encoded against a server of their own
(some start with DROP ALL). Update requests carry an admin token, which the suite does not
know about; everything else is as the manifest states it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.api.conftest import ADMIN, Server, running_server

K = "http://kasei.us/2009/09/sparql/data/"
FOAF = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nPREFIX dc: <http://purl.org/dc/terms/>\n"
SETUP = (
    FOAF
    + "DROP ALL ;\nINSERT DATA {\n"
    + "\n".join(
        f"  GRAPH <{K}data{i}.rdf> {{ <{K}data{i}.rdf> a foaf:Document }}" for i in range(4)
    )
    + "\n}"
)
BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = (*BOOLEAN_TYPES, "text/csv", "text/tab-separated-values")
RDF_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")


@pytest.fixture(scope="module")
def w3c(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("w3c-protocol")) as started:
        yield started


@pytest.fixture
def client(w3c: Server) -> Iterator[httpx.Client]:
    with w3c.client() as plain:
        with w3c.client(ADMIN) as admin:
            assert (
                admin.post(
                    "/sparql", content=SETUP, headers={"Content-Type": "application/sparql-update"}
                ).status_code
                == 204
            )
        yield plain


def ask(response: httpx.Response) -> bool:
    assert response.status_code < 400, response.text
    assert response.headers["content-type"].split(";")[0] in BOOLEAN_TYPES
    return bool(response.json()["boolean"])


def update(w3c: Server, body: str, params: dict | None = None, **headers: str) -> httpx.Response:
    with w3c.client(ADMIN) as admin:
        return admin.post(
            "/sparql",
            params=params,
            content=body,
            headers={"Content-Type": "application/sparql-update", **headers},
        )


def test_query_post_form(client: httpx.Client) -> None:
    response = client.post(
        "/sparql",
        params={"default-graph-uri": f"{K}data0.rdf"},
        content="query=ASK%20%7B%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert ask(response) is True


BOTH = f"ASK {{ <{K}data1.rdf> a ?type . <{K}data2.rdf> a ?type . }}"
NAMED = f"ASK {{ GRAPH ?g1 {{ <{K}data1.rdf> a ?type }} GRAPH ?g2 {{ <{K}data2.rdf> a ?type }} }}"


def test_query_dataset_default_graphs_get(client: httpx.Client) -> None:
    assert (
        ask(
            client.get(
                "/sparql",
                params=[
                    ("query", BOTH),
                    ("default-graph-uri", f"{K}data1.rdf"),
                    ("default-graph-uri", f"{K}data2.rdf"),
                ],
            )
        )
        is True
    )


def test_query_dataset_default_graphs_post(client: httpx.Client) -> None:
    params = [("default-graph-uri", f"{K}data1.rdf"), ("default-graph-uri", f"{K}data2.rdf")]
    assert (
        ask(
            client.post(
                "/sparql",
                params=params,
                content=BOTH,
                headers={"Content-Type": "application/sparql-query"},
            )
        )
        is True
    )


def test_query_dataset_named_graphs_post(client: httpx.Client) -> None:
    params = [("named-graph-uri", f"{K}data1.rdf"), ("named-graph-uri", f"{K}data2.rdf")]
    assert (
        ask(
            client.post(
                "/sparql",
                params=params,
                content=NAMED,
                headers={"Content-Type": "application/sparql-query"},
            )
        )
        is True
    )


def test_query_dataset_named_graphs_get(client: httpx.Client) -> None:
    params = [
        ("query", NAMED),
        ("named-graph-uri", f"{K}data1.rdf"),
        ("named-graph-uri", f"{K}data2.rdf"),
    ]
    assert ask(client.get("/sparql", params=params)) is True


def test_query_dataset_full(client: httpx.Client) -> None:
    query = f"ASK {{ <{K}data3.rdf> a ?type GRAPH ?g1 {{ <{K}data1.rdf> a ?type }} GRAPH ?g2 {{ <{K}data2.rdf> a ?type }} }}"
    params = [
        ("default-graph-uri", f"{K}data3.rdf"),
        ("named-graph-uri", f"{K}data1.rdf"),
        ("named-graph-uri", f"{K}data2.rdf"),
    ]
    assert (
        ask(
            client.post(
                "/sparql",
                params=params,
                content=query,
                headers={"Content-Type": "application/sparql-query"},
            )
        )
        is True
    )


def test_query_multiple_dataset(client: httpx.Client) -> None:
    """The protocol's dataset overrides the query's FROM."""
    query = f"ASK FROM <{K}data2.rdf> {{ <{K}data1.rdf> ?p ?o }}"
    assert (
        ask(client.get("/sparql", params={"query": query, "default-graph-uri": f"{K}data1.rdf"}))
        is True
    )


def test_query_get(client: httpx.Client) -> None:
    assert ask(client.get("/sparql", params={"query": "ASK {}"})) is True


def test_query_content_type_select(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT (1 AS ?value) {}"})
    assert (
        response.status_code == 200
        and response.headers["content-type"].split(";")[0] in TABULAR_TYPES
    )


def test_query_content_type_ask(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"})
    assert response.headers["content-type"].split(";")[0] in BOOLEAN_TYPES


def test_query_content_type_describe(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "DESCRIBE <http://example.org/>"})
    assert (
        response.status_code == 200 and response.headers["content-type"].split(";")[0] in RDF_TYPES
    )


def test_query_content_type_construct(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"})
    assert (
        response.status_code == 200 and response.headers["content-type"].split(";")[0] in RDF_TYPES
    )


def _dataset_update(
    w3c: Server, client: httpx.Client, params: list, where: str, expected: str, absent: list[int]
) -> None:
    body = (
        SETUP
        + " ;\nINSERT { GRAPH <http://example.org/protocol-update-dataset-test/> { ?s a dc:BibliographicResource } } WHERE "
        + where
    )
    assert update(w3c, body, params).status_code < 300
    check = (
        FOAF + "ASK { GRAPH <http://example.org/protocol-update-dataset-test/> { " + expected + " }"
    )
    check += (
        "".join(
            f" FILTER NOT EXISTS {{ GRAPH <http://example.org/protocol-update-dataset-test/> {{ <{K}data{i}.rdf> a dc:BibliographicResource }} }}"
            for i in absent
        )
        + " }"
    )
    assert (
        ask(
            client.post(
                "/sparql", content=check, headers={"Content-Type": "application/sparql-query"}
            )
        )
        is True
    )


def test_update_dataset_default_graph(w3c: Server, client: httpx.Client) -> None:
    _dataset_update(
        w3c,
        client,
        [("using-graph-uri", f"{K}data1.rdf")],
        "{ ?s a foaf:Document }",
        f"<{K}data1.rdf> a dc:BibliographicResource",
        [2, 3],
    )


def test_update_dataset_default_graphs(w3c: Server, client: httpx.Client) -> None:
    params = [("using-graph-uri", f"{K}data1.rdf"), ("using-graph-uri", f"{K}data2.rdf")]
    expected = (
        f"<{K}data1.rdf> a dc:BibliographicResource . <{K}data2.rdf> a dc:BibliographicResource"
    )
    _dataset_update(w3c, client, params, "{ ?s a foaf:Document }", expected, [3])


def test_update_dataset_named_graphs(w3c: Server, client: httpx.Client) -> None:
    params = [
        ("using-named-graph-uri", f"{K}data1.rdf"),
        ("using-named-graph-uri", f"{K}data2.rdf"),
    ]
    expected = (
        f"<{K}data1.rdf> a dc:BibliographicResource . <{K}data2.rdf> a dc:BibliographicResource"
    )
    _dataset_update(w3c, client, params, "{ GRAPH ?g { ?s a foaf:Document } }", expected, [3])


def test_update_dataset_full(w3c: Server, client: httpx.Client) -> None:
    body = (
        SETUP
        + """ ;
INSERT { GRAPH <http://example.org/protocol-update-dataset-full-test/> { ?s <http://example.org/in> ?in } }
WHERE { { GRAPH ?g { ?s a foaf:Document } BIND(?g AS ?in) } UNION { ?s a foaf:Document . BIND("default" AS ?in) } }"""
    )
    params = [("using-graph-uri", f"{K}data1.rdf"), ("using-named-graph-uri", f"{K}data2.rdf")]
    assert update(w3c, body, params).status_code < 300
    check = f"""ASK {{
      GRAPH <http://example.org/protocol-update-dataset-full-test/> {{
        <{K}data1.rdf> <http://example.org/in> "default" .
        <{K}data2.rdf> <http://example.org/in> <{K}data2.rdf> . }}
      FILTER NOT EXISTS {{ GRAPH <http://example.org/protocol-update-dataset-full-test/> {{ <{K}data3.rdf> ?p ?o }} }} }}"""
    assert (
        ask(
            client.post(
                "/sparql", content=check, headers={"Content-Type": "application/sparql-query"}
            )
        )
        is True
    )


def test_update_post_form(w3c: Server) -> None:
    with w3c.client(ADMIN) as admin:
        assert (
            admin.post(
                "/sparql",
                content="update=CLEAR+ALL",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ).status_code
            < 300
        )


def test_update_post_direct(w3c: Server) -> None:
    assert update(w3c, "CLEAR ALL").status_code < 300


def test_update_base_uri(w3c: Server, client: httpx.Client) -> None:
    body = "CLEAR GRAPH <http://example.org/protocol-base-test/> ;\nINSERT DATA { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> <test> } }"
    assert update(w3c, body).status_code < 300
    response = client.post(
        "/sparql",
        content="SELECT ?o WHERE { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> ?o } }",
        headers={"Content-Type": "application/sparql-query"},
    )
    bindings = response.json()["results"]["bindings"]
    assert (
        len(bindings) == 1
        and bindings[0]["o"]["type"] == "uri"
        and bindings[0]["o"]["value"] != "test"
    )


def test_query_post_direct(client: httpx.Client) -> None:
    assert (
        ask(
            client.post(
                "/sparql", content="ASK {}", headers={"Content-Type": "application/sparql-query"}
            )
        )
        is True
    )


@pytest.mark.parametrize(
    ("name", "method", "kwargs"),
    [
        (
            "bad_query_method",
            "PUT",
            {
                "params": {"query": "ASK {}"},
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
        ),
        (
            "bad_multiple_queries",
            "GET",
            {"params": [("query", "ASK {}"), ("query", "SELECT * {}")]},
        ),
        (
            "bad_query_wrong_media_type",
            "POST",
            {"content": "ASK {}", "headers": {"Content-Type": "text/plain"}},
        ),
        ("bad_query_missing_form_type", "POST", {"content": "query=ASK%20%7B%7D"}),
        ("bad_query_missing_direct_type", "POST", {"content": "ASK {}"}),
        (
            "bad_query_non_utf8",
            "POST",
            {
                "content": 'ASK { FILTER("\xe9" = "\xe9") }'.encode("latin-1"),
                "headers": {"Content-Type": "application/sparql-query; charset=ISO-8859-1"},
            },
        ),
        ("bad_query_syntax", "GET", {"params": {"query": "ASK {"}}),
        ("bad_update_get", "GET", {"params": {"update": "CLEAR ALL"}}),
        (
            "bad_multiple_updates",
            "POST",
            {
                "content": "update=CLEAR+NAMED&update=CLEAR+DEFAULT",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
        ),
        (
            "bad_update_wrong_media_type",
            "POST",
            {"content": "update=CLEAR%20NAMED", "headers": {"Content-Type": "text/plain"}},
        ),
        ("bad_update_missing_form_type", "POST", {"content": "update=CLEAR%20NAMED"}),
        (
            "bad_update_non_utf8",
            "POST",
            {
                "content": "CLEAR GRAPH <http://example.org/\xe9>".encode("latin-1"),
                "headers": {"Content-Type": "application/sparql-update; charset=ISO-8859-1"},
            },
        ),
        (
            "bad_update_syntax",
            "POST",
            {"content": "CLEAR XYZ", "headers": {"Content-Type": "application/sparql-update"}},
        ),
        (
            "bad_update_dataset_conflict",
            "POST",
            {
                "params": {"using-graph-uri": f"{K}data1.rdf"},
                "content": f"DELETE {{ ?s ?p ?o }} USING <{K}data2.rdf> WHERE {{ ?s ?p ?o }}",
                "headers": {"Content-Type": "application/sparql-update"},
            },
        ),
    ],
)
def test_bad_requests_are_4xx(w3c: Server, name: str, method: str, kwargs: dict) -> None:
    with w3c.client(ADMIN) as admin:
        response = admin.request(method, "/sparql", **kwargs)
    assert 400 <= response.status_code < 500, f"{name}: {response.status_code} {response.text}"
