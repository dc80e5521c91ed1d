"""A pathological query is stopped: 503 within the timeout plus a second, while a simple
query is still answered meanwhile; the server keeps working afterwards."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from tests.api.conftest import running_server

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT = 3.0


def test_cross_product_is_stopped_while_other_queries_are_served(tmp_path: Path) -> None:
    with running_server(tmp_path, query_timeout=str(TIMEOUT), query_workers="2") as server:
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
            start = time.monotonic()
            quick = client.get(
                "/sparql",
                params={
                    "query": "SELECT ?n WHERE { ?o a <https://w3id.org/nap-graph/def/wps#Pillar> ; <http://www.w3.org/2004/02/skos/core#notation> ?n }"
                },
                headers={"Accept": "text/csv"},
            )
            quick_elapsed = time.monotonic() - start
            thread.join(60)
            assert quick.status_code == 200 and len(quick.text.splitlines()) == 5
            assert quick_elapsed < TIMEOUT, "the simple query waited for the slow one"
            assert outcome["status"] == 503, outcome
            assert outcome["elapsed"] <= TIMEOUT + 1.0, outcome["elapsed"]
            assert "did not finish within 3 s" in str(outcome["body"])
            after = client.get(
                "/sparql",
                params={"query": "ASK { ?s ?p ?o }"},
                headers={"Accept": "application/sparql-results+json"},
            )
            assert after.json()["boolean"] is True
