"""Query workers: answers from in-memory copies once loaded, from the checkpoint until then,
every write visible to the next query, a hard timeout, and the event-loop path."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from pathlib import Path

import pytest

from nap_graph.errors import (
    QueryError,
    QueryQueueFullError,
    QueryTimeoutError,
    ResultTooLargeError,
)
from nap_graph.query_workers import CHECKPOINT, DISK, MEMORY, QueryWorkers, copy_limit
from nap_graph.store import OxigraphStore

EX = "http://example.org/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }"
"""The test data only (every write also states the store's generation, in its own graph)."""
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
        assert workers.copies() == {MEMORY: 2, CHECKPOINT: 0, DISK: 0, "busy": 0}
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


def test_a_store_over_the_memory_budget_is_answered_from_disk(store, tmp_path):
    quads = len(store.oxigraph)
    workers = QueryWorkers(
        store, tmp_path / "checkpoints", workers=1, timeout=20, copy_limit=quads + 50
    )
    try:
        assert workers.warm_up(wait=20), "a store within the budget is copied"
        store.update(
            "INSERT DATA { GRAPH <http://example.org/g> { "
            + " ".join(f"<{EX}more{i}> <{EX}p> {i} ." for i in range(100))
            + " } }"
        )
        workers.refresh()
        assert _count(workers) == 300  # the checkpoint answers at once
        deadline = time.monotonic() + 60
        while workers.copies()[DISK] != 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        # grown past the budget: the old copy is let go, not kept beside the checkpoint
        assert workers.copies() == {MEMORY: 0, CHECKPOINT: 0, DISK: 1, "busy": 0}
        assert workers.warm_up(), "a worker that stays on disk is as ready as it will be"
        assert _count(workers) == 300
    finally:
        workers.close()


def test_the_memory_budget_is_shared_by_every_copy():
    assert copy_limit(512, 3) == 227_555  # 512 MB at 750 bytes a quad, three copies
    assert copy_limit(512, 1) == 682_666
    assert copy_limit(0, 3) == 0


def test_a_query_over_the_timeout_is_stopped_and_the_worker_replaced(store, tmp_path):
    # The pool's timeout is generous: the query after the stopped one may wait for the
    # replacement worker to start, which takes a second or more on a busy machine.
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=1, timeout=120)
    try:
        with pytest.raises(QueryTimeoutError, match="did not finish within 1 s"):
            workers.query(CROSS, timeout=1)
        assert workers.saturation()["busy"] == 0
        assert _count(workers) == 200  # answered by the replacement worker
    finally:
        workers.close()


def test_the_event_loop_path_answers_times_out_and_reports_errors(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=2, timeout=120)

    async def scenario() -> None:
        body = await workers.query_async(COUNT, media_type="text/csv")
        assert body.decode().splitlines() == ["n", "200"]
        big = await workers.query_async(
            "SELECT ?s ?o WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }",
            media_type="application/sparql-results+json",
        )
        rows = json.loads(big)["results"]["bindings"]
        assert len(rows) == 200  # a reply larger than one pipe read arrives whole
        with pytest.raises(QueryTimeoutError):
            await workers.query_async(CROSS, media_type="text/csv", timeout=1)
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
        waiting.cancel()  # gone before it ran (queued waiters: see the full-queue test below)
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


async def _until(condition, what: str) -> None:
    """Wait (bounded by a count of steps, not a timing) until ``condition()`` holds."""
    for _ in range(2_000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


def test_waiting_for_a_worker_counts_against_the_timeout(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=1, timeout=120)

    async def scenario() -> None:
        hog = asyncio.ensure_future(workers.query_async(CROSS, media_type="text/csv"))
        await _until(lambda: workers.saturation()["busy"] == 1, "the cross product runs")
        with pytest.raises(
            QueryTimeoutError, match=r"waited 0.5 s \(its time limit\) for a free query worker"
        ):
            await workers.query_async(COUNT, media_type="text/csv", timeout=0.5)
        assert workers.saturation()["waiting"] == 0
        hog.cancel()  # the client went away: its worker is killed and replaced
        with contextlib.suppress(asyncio.CancelledError):
            await hog
        assert (await workers.query_async(COUNT, media_type="text/csv")).endswith(b"200\r\n")

    try:
        asyncio.run(scenario())
    finally:
        workers.close()


def test_a_full_queue_refuses_at_once_and_cancelled_waiters_leave_it(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=1, timeout=120, max_waiting=2)

    async def scenario() -> None:
        hog = asyncio.ensure_future(workers.query_async(CROSS, media_type="text/csv"))
        await _until(lambda: workers.saturation()["busy"] == 1, "the cross product runs")
        waiting = [
            asyncio.ensure_future(workers.query_async(COUNT, media_type="text/csv"))
            for _ in range(2)
        ]
        await _until(lambda: workers.saturation()["waiting"] == 2, "two queries wait")
        with pytest.raises(QueryQueueFullError, match="2 queries are waiting"):
            await workers.query_async(COUNT, media_type="text/csv")
        with pytest.raises(QueryQueueFullError):
            await asyncio.to_thread(workers.query, COUNT)  # the blocking path too
        for task in waiting:
            task.cancel()
        await asyncio.gather(*waiting, return_exceptions=True)
        assert workers.saturation()["waiting"] == 0
        hog.cancel()
        await asyncio.gather(hog, return_exceptions=True)
        assert (await workers.query_async(COUNT, media_type="text/csv")).endswith(b"200\r\n")

    try:
        asyncio.run(scenario())
    finally:
        workers.close()


def test_old_checkpoints_go_once_unread_and_no_thread_is_left_per_write(store, tmp_path):
    import threading

    folder = tmp_path / "checkpoints"
    workers = QueryWorkers(store, folder, workers=1, timeout=120)
    try:
        before = threading.active_count()
        for i in range(20):
            store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}w{i}> <{EX}p> 1 }} }}")
            workers.refresh()
            assert _count(workers) == 201 + i
        assert [p.name for p in folder.iterdir()] == [Path(workers.checkpoint).name]
        assert threading.active_count() <= before + 1  # at most a loader thread of our own
    finally:
        workers.close()


def test_an_answer_over_the_byte_limit_is_stopped_while_written(store, tmp_path):
    workers = QueryWorkers(store, tmp_path / "checkpoints", workers=1, timeout=120)
    try:
        query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
        with pytest.raises(ResultTooLargeError, match="over 1,000 bytes"):
            workers.query(query, media_type="text/csv", max_bytes=1_000)
        assert len(workers.query(query, media_type="text/csv", max_bytes=100_000)) > 1_000
    finally:
        workers.close()


def test_workers_end_when_their_parent_is_killed(store, tmp_path):
    """Before: a server killed with SIGKILL left its workers computing a cross product for
    over an hour, holding both cores."""
    import os
    import signal
    import subprocess
    import sys

    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from nap_graph.query_workers import QueryWorkers\n"
        "from nap_graph.store import OxigraphStore\n"
        "store = OxigraphStore(Path(sys.argv[1]))\n"
        "workers = QueryWorkers(store, Path(sys.argv[2]), workers=1, timeout=600)\n"
        "print(workers._free[0].process.pid, flush=True)\n"
        "workers.query(sys.argv[3])\n"
    )
    store.close()
    parent = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "store"), str(tmp_path / "cp"), CROSS],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait(60)
    for _ in range(600):  # bounded polls, not a timing
        try:
            os.kill(worker, 0)
            state = Path(f"/proc/{worker}/stat").read_text().split()[2]
        except (ProcessLookupError, FileNotFoundError):
            return
        if state == "Z":  # ended, not yet reaped by init
            return
        time.sleep(0.1)
    os.kill(worker, signal.SIGKILL)
    raise AssertionError("the worker outlived its killed parent")
