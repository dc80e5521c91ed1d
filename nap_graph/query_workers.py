"""Queries with a hard timeout: worker processes over a read-only checkpoint of the store.

pyoxigraph has no query timeout, and a thread cannot be stopped, so a pathological query (a
cross product of the whole store, say) would hold a core until it ends. Here each query runs
in a worker process that opens a read-only *checkpoint* of the on-disk store
(``Store.backup``: cheap hard links, made after each write, so workers never read files the
writer is changing). A query that is not done within the timeout gets its worker killed
(SIGKILL frees the core at once) and replaced, and the caller a
:class:`~nap_graph.errors.QueryTimeoutError`; other queries keep running in the other
workers meanwhile. Results come back whole or not at all: never a cut-off answer.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import shutil
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from nap_graph.errors import QueryError, QueryTimeoutError, StoreError

_CONTEXT = mp.get_context("spawn")


def _serve(connection: Connection) -> None:
    """The worker loop: open the checkpoint it is told, answer queries until told to stop."""
    from nap_graph.store.oxigraph_store import OxigraphStore

    store: OxigraphStore | None = None
    opened: str | None = None
    while True:
        task = connection.recv()
        if task is None:
            return
        checkpoint, sparql, default_graphs, named_graphs, media_type = task
        try:
            if store is None or checkpoint != opened:
                store = OxigraphStore.read_only(Path(checkpoint))
                opened = checkpoint
            if media_type is None:
                result = store.query(
                    sparql, default_graphs=default_graphs, named_graphs=named_graphs
                )
            else:
                result = store.query_serialized(
                    sparql, media_type, default_graphs=default_graphs, named_graphs=named_graphs
                )
            connection.send(("ok", result))
        except QueryError as exc:
            connection.send(("query-error", str(exc)))
        except Exception as exc:
            connection.send(("error", f"{type(exc).__name__}: {exc}"))


@dataclass
class _Worker:
    process: Any
    connection: Connection

    @classmethod
    def start(cls) -> _Worker:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        child.close()
        return cls(process, parent)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class QueryWorkers:
    """A pool of query worker processes over checkpoints of one on-disk store."""

    def __init__(
        self, store: Any, checkpoints: Path, *, workers: int = 2, timeout: float = 30.0
    ) -> None:
        self.store = store
        self.folder = checkpoints
        self.timeout = timeout
        self._lock = threading.Lock()
        self._free: list[_Worker] = []
        self._available = threading.Semaphore(workers)
        self._generation = 0
        shutil.rmtree(self.folder, ignore_errors=True)  # checkpoints left by a killed server
        self.folder.mkdir(parents=True, exist_ok=True)
        self.checkpoint = self._new_checkpoint()
        self._free = [_Worker.start() for _ in range(workers)]

    def _new_checkpoint(self) -> str:
        self._generation += 1
        target = self.folder / f"checkpoint-{self._generation}-{time.monotonic_ns()}"
        try:
            self.store.oxigraph.backup(str(target))
        except OSError as exc:
            raise StoreError(f"cannot make a read-only checkpoint in {target}: {exc}") from exc
        return str(target)

    def refresh(self) -> None:
        """Make a new checkpoint after a write; later queries see it. Old checkpoints are
        removed once no query can be reading them."""
        fresh = self._new_checkpoint()
        with self._lock:
            self.checkpoint = fresh
        for old in self.folder.iterdir():
            if str(old) != fresh and old.is_dir():
                _remove_later(old)

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        media_type: str | None = None,
    ) -> Any:
        """Run one query in a worker; QueryTimeoutError after ``timeout`` seconds. With
        ``media_type`` the worker answers the serialised bytes, else the result objects."""
        self._available.acquire()
        with self._lock:
            worker = self._free.pop()
            checkpoint = self.checkpoint
        try:
            worker.connection.send((checkpoint, sparql, default_graphs, named_graphs, media_type))
            if not worker.connection.poll(self.timeout):
                worker.kill()
                worker = _Worker.start()
                raise QueryTimeoutError(
                    f"the query did not finish within {self.timeout:g} s and was stopped; "
                    "narrow it (LIMIT, more specific patterns) or ask the operators for a "
                    "longer timeout"
                )
            status, payload = worker.connection.recv()
        except (EOFError, OSError) as exc:
            worker.kill()
            worker = _Worker.start()
            raise StoreError(f"the query worker died: {exc}") from exc
        finally:
            with self._lock:
                self._free.append(worker)
            self._available.release()
        if status == "ok":
            return payload
        if status == "query-error":
            raise QueryError(payload)
        raise StoreError(f"the query failed in its worker: {payload}")

    def close(self) -> None:
        with self._lock:
            workers, self._free = self._free, []
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
            worker.process.join(5)
            if worker.process.is_alive():
                worker.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def _remove_later(path: Path, delay: float = 60.0) -> None:
    """Remove an old checkpoint after queries that may still read it had time to finish."""
    timer = threading.Timer(delay, shutil.rmtree, args=(path,), kwargs={"ignore_errors": True})
    timer.daemon = True
    timer.start()
