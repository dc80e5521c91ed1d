"""A pathological query is stopped with 503 at its timeout, while a simple query is answered
meanwhile; the server keeps working afterwards. No assertion depends on how fast the machine
is: the timeout is long enough that the simple query is answered while the slow one still
runs, even on a loaded machine."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from tests.api.conftest import running_server

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT = 8.0


def test_cross_product_is_stopped_while_other_queries_are_served(tmp_path: Path) -> None:
    with running_server(
        tmp_path,
        query_timeout=str(TIMEOUT),
        anonymous_query_timeout=str(TIMEOUT),
        query_workers="2",
        queries_per_client="10",
    ) as server:
        url = server.url
        with httpx.Client(base_url=url, timeout=60) as client:
            client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})  # warm the workers
            outcome: dict[str, object] = {}

            def slow() -> None:
                start = time.monotonic()
                response = client.get("/sparql", params={"query": CROSS_PRODUCT})
                outcome["status"] = response.status_code
                outcome["elapsed"] = time.monotonic() - start
                outcome["body"] = response.text

            thread = threading.Thread(target=slow)
            thread.start()
            time.sleep(0.5)
            quick = client.get(
                "/sparql",
                params={
                    "query": "SELECT ?n WHERE { ?o a <https://w3id.org/nap-graph/def/wps#Pillar> ; <http://www.w3.org/2004/02/skos/core#notation> ?n }"
                },
                headers={"Accept": "text/csv"},
            )
            slow_still_running = thread.is_alive()
            thread.join(120)
            assert quick.status_code == 200 and len(quick.text.splitlines()) == 5
            assert slow_still_running, "the simple query waited for the slow one"
            assert outcome["status"] == 503, outcome
            assert outcome["elapsed"] >= TIMEOUT - 0.5, outcome["elapsed"]  # not stopped early
            assert "did not finish within 8 s" in str(outcome["body"])
            after = client.get(
                "/sparql",
                params={"query": "ASK { ?s ?p ?o }"},
                headers={"Accept": "application/sparql-results+json"},
            )
            assert after.json()["boolean"] is True
