"""Query workers: answers from in-memory copies once loaded, from the checkpoint until then,
every write visible to the next query, a hard timeout, and the event-loop path."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from pathlib import Path

import pytest

from nap_graph.errors import QueryError, QueryTimeoutError
from nap_graph.query_workers import CHECKPOINT, MEMORY, QueryWorkers
from nap_graph.store import OxigraphStore

EX = "http://example.org/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _count(workers: QueryWorkers) -> int:
    result = workers.query(COUNT)
    return int(result.rows[0]["n"].value)


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    store = OxigraphStore(tmp_path / "store")
    store.update(
        "INSERT DATA { GRAPH <http://example.org/g> { "
        + " ".join(f"<{EX}s{i}> <{EX}p> {i} ." for i in range(200))
        + " } }"
    )
    return store


def test_answers_come_from_memory_once_the_copies_are_loaded(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=2, timeout=20)
    try:
        assert workers.warm_up(wait=20), workers.copies()
        assert workers.copies() == {MEMORY: 2, CHECKPOINT: 0, "busy": 0}
        assert _count(workers) == 200
        assert workers.answered_from[MEMORY] >= 1
    finally:
        workers.close()


def test_every_write_is_seen_by_the_next_query(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=2, timeout=20)
    try:
        workers.warm_up(wait=20)
        for i in range(3):
            store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}new{i}> <{EX}p> 1 }} }}")
            workers.refresh()
            assert _count(workers) == 201 + i  # the checkpoint answers until memory is ready
        assert workers.warm_up(wait=20)
        assert _count(workers) == 203
    finally:
        workers.close()


def test_without_in_memory_copies_the_checkpoint_answers(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=1, in_memory=False)
    try:
        assert not workers.warm_up(wait=1)
        assert _count(workers) == 200
        assert workers.answered_from[MEMORY] == 0
    finally:
        workers.close()


def test_a_query_over_the_timeout_is_stopped_and_the_worker_replaced(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=1, timeout=1)
    try:
        start = time.monotonic()
        with pytest.raises(QueryTimeoutError, match="did not finish within 1 s"):
            workers.query(CROSS)
        assert time.monotonic() - start < 3
        assert _count(workers) == 200
    finally:
        workers.close()


def test_the_event_loop_path_answers_times_out_and_reports_errors(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=2, timeout=1)

    async def scenario() -> None:
        body = await workers.query_async(COUNT, media_type="text/csv")
        assert body.decode().splitlines() == ["n", "200"]
        big = await workers.query_async(
            "SELECT ?s ?o WHERE { ?s ?p ?o }", media_type="application/sparql-results+json"
        )
        rows = json.loads(big)["results"]["bindings"]
        assert len(rows) == 200  # a reply larger than one pipe read arrives whole
        with pytest.raises(QueryTimeoutError):
            await workers.query_async(CROSS, media_type="text/csv")
        with pytest.raises(QueryError, match="malformed"):
            await workers.query_async("SELECT WHERE", media_type="text/csv")
        assert (await workers.query_async(COUNT, media_type="text/csv")).endswith(b"200\r\n")

    try:
        asyncio.run(scenario())
    finally:
        workers.close()


def test_more_concurrent_queries_than_workers_wait_on_the_loop(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=2, timeout=20)

    async def scenario() -> list[bytes]:
        async def one(i: int) -> bytes:
            query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(?o >= {i}) }}"
            return await workers.query_async(query, media_type="text/csv")

        waiting = asyncio.ensure_future(one(0))
        waiting.cancel()  # a client gone while queued must not keep others waiting
        with contextlib.suppress(asyncio.CancelledError):
            await waiting
        return await asyncio.gather(*(one(i) for i in range(24)))

    try:
        answers = asyncio.run(scenario())
        assert [answer.decode().split()[-1] for answer in answers] == [
            str(200 - i) for i in range(24)
        ]
        assert workers.copies()["busy"] == 0
    finally:
        workers.close()
