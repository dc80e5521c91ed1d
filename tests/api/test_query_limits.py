"""The query path's limits over HTTP, on the real server: what broke before is named in each
test. None of them asserts on a timing; waits are bounded by a count of polls."""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import httpx

from tests.api.conftest import ADMIN, Server, running_server

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = {"Accept": "application/sparql-results+json"}


def _until_saturation(client: httpx.Client, key: str, value: int) -> None:
    """Poll /health (bounded by a count, not a timing) until saturation[key] == value."""
    for _ in range(600):
        if client.get("/health").json()["saturation"][key] == value:
            return
        time.sleep(0.05)
    raise AssertionError(f"/health never showed {key} = {value}")


def test_a_variable_named_service_and_sd_service_are_not_refused(server: Server) -> None:
    with server.client() as client:
        named = client.get(
            "/sparql",
            params={"query": "SELECT ?service WHERE { ?service a wps:Pillar } LIMIT 1"},
            headers=JSON,
        )
        described = client.get(
            "/sparql",
            params={
                "query": "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>\n"
                "ASK { ?s a sd:Service }"
            },
            headers=JSON,
        )
    assert named.status_code == 200 and len(named.json()["results"]["bindings"]) == 1
    assert described.status_code == 200, described.text


def test_a_query_s_own_from_is_honoured(server: Server) -> None:
    pillars = "https://w3id.org/nap-graph/graph/reference/pillars"
    query = (
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) (COUNT(*) AS ?t) FROM <{pillars}> WHERE {{ ?s ?p ?o }}"
    )
    with server.client() as client:
        answer = client.get("/sparql", params={"query": query}, headers=JSON).json()
        everything = client.get(
            "/sparql", params={"query": "SELECT (COUNT(*) AS ?t) WHERE { ?s ?p ?o }"}, headers=JSON
        ).json()
    within = int(answer["results"]["bindings"][0]["t"]["value"])
    total = int(everything["results"]["bindings"][0]["t"]["value"])
    assert within == 54 and total > within  # the pillars graph only, not the whole view


def test_deep_nesting_is_400_and_the_server_keeps_answering(server: Server) -> None:
    deep = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    with server.client(ADMIN) as client:
        query = client.post(
            "/sparql", content=deep, headers={"Content-Type": "application/sparql-query"}
        )
        update = client.post(
            "/sparql",
            content="INSERT { <http://a> <http://b> 1 } WHERE " + "{" * 5000 + "}" * 5000,
            headers={"Content-Type": "application/sparql-update"},
        )
        after = client.get("/sparql", params={"query": "ASK {}"}, headers=JSON)
    assert query.status_code == 400 and "nested 5000 deep" in query.json()["detail"]
    assert update.status_code == 400 and "nested" in update.json()["detail"]
    assert after.json()["boolean"] is True


def test_load_to_a_host_not_allowed_is_refused(server: Server) -> None:
    with server.client(ADMIN) as client:
        response = client.post(
            "/sparql",
            content="LOAD <http://127.0.0.1:9/data.ttl>",
            headers={"Content-Type": "application/sparql-update"},
        )
    assert response.status_code == 403 and "LOAD" in response.json()["detail"]


def test_syntax_errors_name_the_user_s_own_line(server: Server) -> None:
    with server.client() as client:
        response = client.get("/sparql", params={"query": "SELECT *\nWHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "2:" in response.json()["detail"], response.json()["detail"]


def test_abandoned_slow_queries_are_dropped(tmp_path: Path) -> None:
    """Before: fifty abandoned slow queries kept the workers busy until each timed out, and
    a trivial query waited behind them. Now a client that hangs up has its query stopped."""
    with (
        running_server(
            tmp_path,
            query_timeout="600",
            anonymous_query_timeout="600",
            query_workers="2",
            queries_per_client="10",
        ) as started,
        started.client() as client,
    ):
        client.get("/sparql", params={"query": "ASK {}"}, headers=JSON)

        def abandon() -> None:
            with contextlib.suppress(httpx.TimeoutException):  # the client gives up
                httpx.get(f"{started.url}/sparql", params={"query": CROSS}, headers=JSON, timeout=2)

        threads = [threading.Thread(target=abandon) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        for _ in range(600):  # each poll is a request; bounded, not timed
            health = client.get("/health").json()
            if health["saturation"]["busy"] == 0 and health["saturation"]["waiting"] == 0:
                break
            time.sleep(0.1)
        assert health["saturation"]["busy"] == 0, health
        answer = client.get("/sparql", params={"query": "ASK {}"}, headers=JSON)
    assert answer.json()["boolean"] is True


def test_a_full_queue_answers_503_with_retry_after(tmp_path: Path) -> None:
    with running_server(
        tmp_path,
        query_timeout="600",
        anonymous_query_timeout="600",
        query_workers="1",
        query_max_waiting="1",
        queries_per_client="10",
    ) as started:
        results: list[httpx.Response] = []

        def slow() -> None:
            with httpx.Client(timeout=5) as own, contextlib.suppress(httpx.TimeoutException):
                results.append(
                    own.get(f"{started.url}/sparql", params={"query": CROSS}, headers=JSON)
                )

        with started.client() as client:
            hog = threading.Thread(target=slow)
            hog.start()
            _until_saturation(client, "busy", 1)
            waiter = threading.Thread(target=slow)
            waiter.start()
            _until_saturation(client, "waiting", 1)
            health = client.get("/health").json()
            refused = client.get("/sparql", params={"query": "ASK {}"}, headers=JSON)
            hog.join(60)
            waiter.join(60)
    assert health["status"] == "saturated", health
    assert refused.status_code == 503 and refused.headers["Retry-After"] == "2"
    assert "queries are waiting" in refused.json()["detail"]


def test_oversized_heads_are_refused_at_once_and_others_are_served(server: Server) -> None:
    """Before: an 80 MB header blocked the event loop for 13 s, no token needed."""
    import socket

    def raw(request: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1]))) as s:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                s.sendall(request)  # may be refused while we are still sending
            return s.recv(65536)

    header = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 8_000_000 + b"\r\n\r\n"
    assert raw(header).startswith(b"HTTP/1.1 431")
    long_url = b"GET /sparql?query=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert raw(long_url).startswith(b"HTTP/1.1 414")
    with server.client() as client:
        assert client.get("/health").status_code == 200


def test_update_with_using_graph_uri_and_a_with_clause_is_400(server: Server) -> None:
    """W3C protocol test "update with both using-graph-uri/using-named-graph-uri parameter
    and USING/WITH clause", WITH case (was 204)."""
    with server.client(ADMIN) as client:
        response = client.post(
            "/sparql",
            params={"using-graph-uri": "http://example.org/g"},
            content="WITH <http://example.org/h> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
            headers={"Content-Type": "application/sparql-update"},
        )
    assert response.status_code == 400 and "WITH" in response.json()["detail"]


def test_the_site_stays_up_while_anonymous_clients_hog_the_sparql_workers(
    tmp_path: Path,
) -> None:
    """Before: three anonymous cross-product queries made the home page, resource pages and
    /coverage wait the whole query timeout and answer 503 (they shared the capacity). Now the
    pages have workers of their own, one address may run two queries at once, and an
    anonymous query has a shorter deadline than a token holder's."""
    with running_server(
        tmp_path, query_timeout="600", anonymous_query_timeout="600", query_workers="2"
    ) as started:
        results: list[httpx.Response] = []

        def hog() -> None:
            with httpx.Client(timeout=5) as own, contextlib.suppress(httpx.TimeoutException):
                results.append(
                    own.get(f"{started.url}/sparql", params={"query": CROSS}, headers=JSON)
                )

        with started.client() as client:
            hogs = [threading.Thread(target=hog) for _ in range(3)]
            for thread in hogs:
                thread.start()
            _until_saturation(client, "busy", 2)
            for path in ("/", "/doc/organisation/jenv", "/coverage", "/browse/activities"):
                page = client.get(path, headers={"Accept": "text/html"})
                assert page.status_code == 200, (path, page.status_code)
            for thread in hogs:
                thread.join(60)
    assert [r.status_code for r in results] == [429]  # the third of one address
