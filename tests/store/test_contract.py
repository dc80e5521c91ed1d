"""The store contract: every backend answers the same way, with the same result types."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from nap_graph.errors import QueryError, StoreRefusedError, StoreUnavailableError
from nap_graph.store import SelectResult, SparqlServerStore
from nap_graph.store.protocol import GraphStore
from tests.store.servers import free_port

EX = "http://example.org/"
G1, G2 = f"{EX}g1", f"{EX}g2"
NASTY = 'He said "hi" \\ <b> } ; DROP ALL #\nnext line'


def n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def triples() -> list[ox.Triple]:
    return [
        ox.Triple(n("a"), n("name"), ox.Literal("Alpha", language="en")),
        ox.Triple(
            n("a"),
            n("count"),
            ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ),
        ox.Triple(n("a"), n("knows"), n("b")),
        ox.Triple(n("b"), n("name"), ox.Literal(NASTY)),
    ]


def test_is_a_graph_store(backend: GraphStore) -> None:
    assert isinstance(backend, GraphStore)


def test_put_get_post_delete_graph(backend: GraphStore) -> None:
    backend.put_graph(G1, triples())
    assert set(backend.get_graph(G1)) == set(triples())
    backend.post_graph(G1, [ox.Triple(n("c"), n("name"), ox.Literal("Gamma"))])
    assert len(backend.get_graph(G1)) == 5
    backend.put_graph(G1, triples()[:1])
    assert backend.get_graph(G1) == triples()[:1]
    backend.delete_graph(G1)
    assert backend.get_graph(G1) == []
    assert G1 not in backend.named_graphs()


def test_select_returns_terms(backend: GraphStore) -> None:
    backend.put_graph(G1, triples())
    result = backend.query(f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ <{EX}a> <{EX}name> ?o }} }}")
    assert isinstance(result, SelectResult)
    assert result.variables == ["o"]
    assert result.rows == [{"o": ox.Literal("Alpha", language="en")}]


def test_union_default_graph_and_named_graphs(backend: GraphStore) -> None:
    backend.put_graph(G1, triples()[:2])
    backend.put_graph(G2, triples()[2:])
    # Virtuoso's union also holds its own system graphs: count only this test's triples
    result = backend.query(
        f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER STRSTARTS(STR(?s), "{EX}") }}'
    )
    assert isinstance(result, SelectResult) and result.rows[0]["n"].value == "4"
    only_g2 = backend.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graphs=[G2])
    assert isinstance(only_g2, SelectResult) and only_g2.rows[0]["n"].value == "2"
    assert {G1, G2} <= set(backend.named_graphs())
    assert backend.stats()[G1] == 2 and backend.stats()[G2] == 2


def test_ask_and_construct(backend: GraphStore) -> None:
    backend.put_graph(G1, triples())
    assert backend.query(f"ASK {{ <{EX}a> <{EX}knows> <{EX}b> }}") is True
    assert backend.query(f"ASK {{ <{EX}b> <{EX}knows> <{EX}a> }}") is False
    built = backend.query(f"CONSTRUCT {{ ?s <{EX}label> ?o }} WHERE {{ ?s <{EX}name> ?o }}")
    assert isinstance(built, list)
    assert {t.object for t in built} == {ox.Literal("Alpha", language="en"), ox.Literal(NASTY)}


def test_bindings_are_values_not_text(backend: GraphStore) -> None:
    backend.put_graph(G1, triples())
    result = backend.query("SELECT ?s WHERE { ?s ?p ?name }", bindings={"name": ox.Literal(NASTY)})
    assert isinstance(result, SelectResult)
    assert [r["s"] for r in result.rows] == [n("b")]
    assert backend.named_graphs() != []  # the "DROP ALL" in the value did nothing


def test_update_is_applied(backend: GraphStore) -> None:
    backend.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <{EX}x> <{EX}y> "z" }} }}')
    assert backend.get_graph(G1) == [ox.Triple(n("x"), n("y"), ox.Literal("z"))]


def test_dump_holds_every_quad(backend: GraphStore) -> None:
    backend.put_graph(G1, triples()[:2])
    backend.put_graph(G2, triples()[2:])
    quads = [q for q in backend.dump() if q.graph_name in (ox.NamedNode(G1), ox.NamedNode(G2))]
    assert len(quads) == 4


def test_dump_holds_the_default_graph(backend: GraphStore) -> None:
    """The Protocol promises every quad, the default graph's too (on a server whose default
    graph is the union of its named graphs, those come once, named)."""
    backend.put_graph(G1, triples()[:1])
    extra = ox.Triple(n("d"), n("name"), ox.Literal("Delta"))
    try:
        backend.put_graph(None, [extra])
    except StoreRefusedError as exc:  # Virtuoso: its default graph is the union of the others
        assert "default graph" in str(exc)
        extra = None
    try:
        dumped = backend.dump()
        default = [q.triple for q in dumped if q.graph_name == ox.DefaultGraph()]
        assert default == ([extra] if extra else [])
        assert ox.Quad(*triples()[0], ox.NamedNode(G1)) in dumped  # named, not twice
    finally:
        if extra:
            backend.put_graph(None, [])


def test_bindings_bind_a_list_as_rows(backend: GraphStore) -> None:
    backend.put_graph(G1, triples())
    result = backend.query(
        "SELECT ?s ?name WHERE { ?s <http://example.org/name> ?name }",
        bindings={"s": [n("a"), n("b"), n("nobody")]},
    )
    assert isinstance(result, SelectResult)
    assert sorted(r["s"].value for r in result.rows) == [f"{EX}a", f"{EX}b"]


def test_load_file_adds_or_replaces_a_graph(backend: GraphStore, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from nap_graph.errors import DataFileError

    turtle = tmp_path / "x.ttl"
    turtle.write_text(f'<{EX}a> <{EX}name> "Alpha" .\n', encoding="utf-8")
    backend.put_graph(G1, triples()[2:3])
    assert backend.load_file(turtle, ox.RdfFormat.TURTLE, G1) == 1
    assert len(backend.get_graph(G1)) == 2
    assert backend.load_file(turtle, ox.RdfFormat.TURTLE, G1, replace=True) == 1
    assert backend.get_graph(G1) == [ox.Triple(n("a"), n("name"), ox.Literal("Alpha"))]
    trig = tmp_path / "x.trig"
    trig.write_text(f'<{G2}> {{ <{EX}b> <{EX}name> "Beta" }}\n', encoding="utf-8")
    assert backend.load_file(trig, ox.RdfFormat.TRIG, None) == 1
    assert backend.get_graph(G2) == [ox.Triple(n("b"), n("name"), ox.Literal("Beta"))]
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> ", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"broken\.ttl"):
        backend.load_file(broken, ox.RdfFormat.TURTLE, G1, replace=True)
    assert backend.get_graph(G1) == [ox.Triple(n("a"), n("name"), ox.Literal("Alpha"))]


def test_query_serialized_writes_every_format_under_the_caps(backend: GraphStore) -> None:
    import json

    from nap_graph.errors import ResultTooLargeError

    backend.put_graph(G1, triples())
    select = f"SELECT ?s ?o WHERE {{ GRAPH <{G1}> {{ ?s <{EX}name> ?o }} }} ORDER BY ?s"
    answer = json.loads(backend.query_serialized(select, "application/sparql-results+json"))
    assert [b["s"]["value"] for b in answer["results"]["bindings"]] == [f"{EX}a", f"{EX}b"]
    assert b"Alpha" in backend.query_serialized(select, "text/csv")
    assert b"<sparql" in backend.query_serialized(select, "application/sparql-results+xml")
    construct = (
        f"CONSTRUCT {{ ?s <{EX}knows> ?o }} WHERE {{ GRAPH <{G1}> {{ ?s <{EX}knows> ?o }} }}"
    )
    turtle = backend.query_serialized(construct, "text/turtle")
    assert f"{EX}b".encode() in turtle
    with pytest.raises(ResultTooLargeError):
        backend.query_serialized(select, "text/csv", max_bytes=10)
    if isinstance(backend, SparqlServerStore):  # holds the answer whole: capped by rows too
        with pytest.raises(ResultTooLargeError, match="more than 1 results"):
            backend.query_serialized(select, "text/csv", max_rows=1)


def test_malformed_query_is_a_query_error(backend: GraphStore) -> None:
    with pytest.raises(QueryError):
        backend.query("SELECT ?x WHERE { ?x")


def test_long_query_goes_by_post(backend: GraphStore) -> None:
    backend.put_graph(G1, triples())
    filler = " ".join(f"<{EX}v{i}>" for i in range(300))
    result = backend.query(
        f"SELECT ?s WHERE {{ ?s <{EX}knows> ?o VALUES ?x {{ {filler} }} }} LIMIT 1"
    )
    assert isinstance(result, SelectResult) and len(result.rows) == 1


def test_server_down_is_a_clear_error() -> None:
    store = SparqlServerStore(f"http://127.0.0.1:{free_port()}/sparql", timeout=2, retries=1)
    with pytest.raises(StoreUnavailableError, match="unreachable"):
        store.query("ASK {}")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?s WHERE { ?s ?p ?x }", 'SELECT ?s WHERE { VALUES (?x) { ("v") }  ?s ?p ?x }'),
        (
            "SELECT * { ?s ?p ?x } ORDER BY ?s",
            'SELECT * { VALUES (?x) { ("v") }  ?s ?p ?x } ORDER BY ?s',
        ),
        (
            'CONSTRUCT { ?s <http://p> "}" } WHERE { ?s ?p ?x }',
            'CONSTRUCT { ?s <http://p> "}" } WHERE { VALUES (?x) { ("v") }  ?s ?p ?x }',
        ),
        ("# where {\nASK { ?s ?p '{' }", "# where {\nASK { VALUES (?x) { (\"v\") }  ?s ?p '{' }"),
    ],
)
def test_bind_values_finds_the_where_clause(query: str, expected: str) -> None:
    from nap_graph.store.sparql_text import bind_values

    assert bind_values(query, {"x": ox.Literal("v")}) == expected


def test_refused_request_names_the_status(oxigraph_endpoints: dict[str, str]) -> None:
    from nap_graph.errors import StoreRefusedError

    # the query endpoint does not take updates: the server refuses, and the error says how
    store = SparqlServerStore(
        oxigraph_endpoints["store"] + "-missing", update_url=oxigraph_endpoints["query"]
    )
    with pytest.raises((StoreRefusedError, QueryError)) as info:
        store.update("INSERT DATA { <http://a> <http://b> <http://c> }")
    assert "answered" in str(info.value) or "malformed" in str(info.value)


def test_credentials_and_timeout_are_sent(tmp_path) -> None:
    """A local listener records what the backend sends: the bearer token, the Accept header,
    and that a server that never answers gives StoreUnavailableError after the timeout."""
    import http.server
    import threading

    seen: list[dict[str, str]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(dict(self.headers))
            body = b'{"head": {}, "boolean": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        assert SparqlServerStore(url, token="s3cret").query("ASK {}") is True
        assert seen[-1]["Authorization"] == "Bearer s3cret"
        assert seen[-1]["Accept"] == "application/sparql-results+json"
        SparqlServerStore(url, username="nap", password="pw").query("ASK {}")
        assert seen[-1]["Authorization"].startswith("Basic ")
    finally:
        server.shutdown()

    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    try:
        store = SparqlServerStore(
            f"http://127.0.0.1:{silent.getsockname()[1]}/sparql", timeout=1, retries=0
        )
        with pytest.raises(StoreUnavailableError, match="did not answer within"):
            store.query("ASK {}")
    finally:
        silent.close()


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("PREFIX s: <http://x/select> # CONSTRUCT\nASK {}", "ASK"),
        ("BASE <http://x/> construct { ?s ?p ?o } WHERE { { SELECT * {} } }", "CONSTRUCT"),
        ("DESCRIBE <http://x/ask>", "DESCRIBE"),
        ('SELECT ("ASK" AS ?x) {}', "SELECT"),
        ("not a query", "SELECT"),
        ("# comment\nPREFIX : <http://x/>\nprefix a-b.c: <http://x/>\n  describe :x", "DESCRIBE"),
        ("PREFIX x: <http://x/ASK> SELECTED", "SELECT"),
        ("PREFIX x: <http://x/> # ASK\n CONSTRUCTED {} ASK {}", "ASK"),
        ('PREFIX x: "ASK" CONSTRUCT {}', "CONSTRUCT"),
    ],
)
def test_query_form(query: str, form: str) -> None:
    from nap_graph.store.sparql_text import query_form

    assert query_form(query) == form
