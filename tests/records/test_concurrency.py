"""Writes and reads at once, with real threads: every write refreshes the query side under
the write lock before it returns, so no query fails, no checkpoint in use is deleted, and
the next read sees the write (issue 23: two writers' refreshes used to delete the current
checkpoint in 175 of 200 rounds). The two-process test is in tests/api/test_workers.py."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from nap_graph.access import Principal
from nap_graph.default_data import load_files
from nap_graph.query_workers import QueryWorkers
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.query_path import QueryPath
from nap_graph.workspace import Workspace

ROUNDS = 200
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <urn:x:round> ?o } }"


@pytest.fixture
def workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = OxigraphStore(tmp_path / "store")
    load_files(store)
    workers = QueryWorkers.for_store(store, workers=2, timeout=60, in_memory=False, max_waiting=64)
    assert workers is not None
    workers.warm_up()
    yield Workspace(store, QueryPath(store, workers))
    workers.close()
    store.close()


def test_two_writers_and_a_reader_for_200_rounds(workspace: Workspace) -> None:
    admin = Principal.local()
    failures: list[BaseException] = []

    def guarded(action):  # type: ignore[no-untyped-def]
        def run() -> None:
            try:
                action()
            except BaseException as exc:
                failures.append(exc)

        return run

    def write(writer: str, n: int) -> None:
        workspace.update(
            f"INSERT DATA {{ GRAPH <urn:x:{writer}> {{ <urn:x:{writer}{n}> <urn:x:round> {n} }} }}",
            admin,
        )

    for n in range(ROUNDS):
        threads = [
            threading.Thread(target=guarded(lambda n=n: write("a", n))),
            threading.Thread(target=guarded(lambda n=n: write("b", n))),
            threading.Thread(target=guarded(lambda: workspace.view.query(COUNT))),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, f"round {n}: {failures[0]!r}"
        workers = workspace.view.workers
        assert workers is not None and Path(workers.checkpoint).is_dir(), f"round {n}"
        seen = workspace.view.query(COUNT)
        assert int(seen.rows[0]["n"].value) == 2 * (n + 1), f"round {n}"  # type: ignore[union-attr]
