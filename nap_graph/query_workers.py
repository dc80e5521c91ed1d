"""Queries with a hard timeout: worker processes over read-only copies of the store.

pyoxigraph has no query timeout, and a thread cannot be stopped, so a pathological query (a
cross product of the whole store, say) would hold a core until it ends. Here each query runs
in a worker process. A query that is not done within the timeout gets its worker killed
(SIGKILL frees the core at once) and replaced, and the caller a
:class:`~nap_graph.errors.QueryTimeoutError`; other queries keep running in the other
workers meanwhile. Results come back whole or not at all: never a cut-off answer.

What a worker reads:

- a read-only *checkpoint* of the on-disk store (``Store.backup``: cheap hard links, made
  after each write, so workers never read files the writer is changing), which it can open
  at once; and
- with ``in_memory`` (the default), an in-memory copy of that checkpoint, which it loads in
  a background thread when it first sees the checkpoint. Oxigraph answers from memory
  2-16x faster than from disk. Until the copy is ready the worker answers from the
  checkpoint, so a query never waits for a copy and always sees every write made before it
  was sent (read-your-writes), at the price of memory: each worker holds the whole store.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import os
import shutil
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from nap_graph.errors import QueryError, QueryTimeoutError, StoreError

_CONTEXT = mp.get_context("spawn")
MEMORY = "memory"
CHECKPOINT = "checkpoint"
Task = tuple[str, str, Sequence[str] | None, Sequence[str] | None, str | None]


class _Copies:
    """What one worker reads: the newest checkpoint it was told about, opened read-only, and
    (loaded in the background) an in-memory copy of it."""

    SETTLE = 0.5
    """Seconds a load waits for more writes, so that a burst of writes costs one load."""

    def __init__(self, in_memory: bool) -> None:
        from nap_graph.store.oxigraph_store import OxigraphStore

        self._open = OxigraphStore.read_only
        self._copy = OxigraphStore.in_memory_copy
        self.in_memory = in_memory
        self.checkpoint: tuple[str, Any] | None = None
        self.memory: tuple[str, Any] | None = None
        self._loading = False
        self._lock = threading.Lock()

    def for_checkpoint(self, checkpoint: str) -> tuple[str, Any]:
        """The fastest store holding ``checkpoint``, and which kind it is."""
        with self._lock:
            if self.memory is not None and self.memory[0] == checkpoint:
                return MEMORY, self.memory[1]
            if self.checkpoint is None or self.checkpoint[0] != checkpoint:
                self.checkpoint = (checkpoint, self._open(Path(checkpoint)))
            store = self.checkpoint[1]
            start = self.in_memory and not self._loading
            self._loading = self._loading or start
        if start:
            threading.Thread(target=self._load, daemon=True).start()
        return CHECKPOINT, store

    def _load(self) -> None:
        """Copy the newest checkpoint into memory; again while newer ones keep coming."""
        while True:
            time.sleep(self.SETTLE)
            with self._lock:
                assert self.checkpoint is not None
                checkpoint, store = self.checkpoint
            try:
                copy = self._copy(store)
            except Exception:  # a checkpoint removed under us: the next task starts anew
                copy = None
            with self._lock:
                if copy is not None:
                    self.memory = (checkpoint, copy)
                if copy is None or self.checkpoint[0] == checkpoint:
                    self._loading = False
                    return


def _serve(connection: Connection, in_memory: bool) -> None:
    """The worker loop: answer queries over the checkpoint each task names until told to
    stop (``None``). Each answer says whether it came from memory or from the checkpoint."""
    copies = _Copies(in_memory)
    while True:
        task: Task | None = connection.recv()
        if task is None:
            return
        checkpoint, sparql, default_graphs, named_graphs, media_type = task
        try:
            source, store = copies.for_checkpoint(checkpoint)
            if media_type is None:
                result = store.query(
                    sparql, default_graphs=default_graphs, named_graphs=named_graphs
                )
            else:
                result = store.query_serialized(
                    sparql, media_type, default_graphs=default_graphs, named_graphs=named_graphs
                )
            connection.send(("ok", source, result))
        except QueryError as exc:
            connection.send(("query-error", None, str(exc)))
        except Exception as exc:
            connection.send(("error", None, f"{type(exc).__name__}: {exc}"))


@dataclass
class _Worker:
    process: Any
    connection: Connection

    @classmethod
    def start(cls, in_memory: bool) -> _Worker:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=_serve, args=(child, in_memory), daemon=True)
        process.start()
        child.close()
        return cls(process, parent)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


@dataclass
class _Lease:
    worker: _Worker
    answered: bool = False


class QueryWorkers:
    """A pool of query worker processes over checkpoints of one on-disk store.

    :meth:`query` blocks its thread; :meth:`query_async` waits on the event loop without a
    thread when a worker is free (the common case, and the cheap one)."""

    def __init__(
        self,
        store: Any,
        checkpoints: Path,
        *,
        workers: int = 2,
        timeout: float = 30.0,
        in_memory: bool = True,
    ) -> None:
        self.store = store
        self.folder = checkpoints
        self.timeout = timeout
        self.in_memory = in_memory
        self.answered_from: Counter[str] = Counter()
        """How many answers came from in-memory copies and how many from checkpoints."""
        self._lock = threading.Lock()
        self._free: list[_Worker] = []
        self.size = workers
        self._available = threading.Semaphore(workers)
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()
        self._generation = 0
        shutil.rmtree(self.folder, ignore_errors=True)  # checkpoints left by a killed server
        self.folder.mkdir(parents=True, exist_ok=True)
        self.checkpoint = self._new_checkpoint()
        self._free = [_Worker.start(in_memory) for _ in range(workers)]

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

    def warm_up(self, wait: float = 0.0) -> bool:
        """Send every worker a trivial query so that it opens the current checkpoint and
        starts loading its in-memory copy; with ``wait``, repeat for up to that many seconds
        until the copies answer. True when every worker answered from memory."""
        deadline = time.monotonic() + wait
        while True:
            with contextlib.ExitStack() as stack:
                leases = [stack.enter_context(self._lease()) for _ in range(self.size)]
                sources = [self._ask(lease, "ASK {}", None, None, None)[1] for lease in leases]
            ready = all(source == MEMORY for source in sources)
            if ready or time.monotonic() >= deadline:
                return ready
            time.sleep(0.2)

    def copies(self) -> dict[str, int]:
        """Where the free workers answer from right now (``memory``, ``checkpoint``) and how
        many are ``busy``: a trivial query to each free worker, none waited for."""
        counts = Counter({MEMORY: 0, CHECKPOINT: 0, "busy": self.size})
        with contextlib.ExitStack() as stack:
            while True:
                lease = stack.enter_context(self._lease(blocking=False))
                if lease is None:
                    break
                counts["busy"] -= 1
                counts[self._ask(lease, "ASK {}", None, None, None)[1] or CHECKPOINT] += 1
        return dict(counts)

    @contextlib.contextmanager
    def _lease(self, *, blocking: bool = True, acquired: bool = False) -> Iterator[Any]:
        """A free worker for one exchange (``None`` when not ``blocking`` and all are busy;
        ``acquired`` when the caller holds the semaphore already). Unless the exchange ended
        with a reply, the worker may still be computing: it is killed and a fresh one given
        back in its place. Giving it back wakes one waiting coroutine, if any."""
        if not acquired and not self._available.acquire(blocking=blocking):
            yield None
            return
        with self._lock:
            lease = _Lease(self._free.pop())
        try:
            yield lease
        finally:
            if not lease.answered:
                lease.worker.kill()
                lease.worker = _Worker.start(self.in_memory)
            with self._lock:
                self._free.append(lease.worker)
                waiter = self._waiters.popleft() if self._waiters else None
            self._available.release()
            if waiter is not None:
                loop, future = waiter
                loop.call_soon_threadsafe(_wake, future)

    async def _acquire_async(self) -> None:
        """Wait on the event loop (no thread) until a worker is free, and take it."""
        loop = asyncio.get_running_loop()
        while not self._available.acquire(blocking=False):
            future: asyncio.Future[None] = loop.create_future()
            with self._lock:
                self._waiters.append((loop, future))
            if self._available.acquire(blocking=False):  # freed before we queued up
                with self._lock, contextlib.suppress(ValueError):
                    self._waiters.remove((loop, future))
                return
            try:
                await future
            except asyncio.CancelledError:  # pass a wake-up meant for us on to the next
                with self._lock:
                    with contextlib.suppress(ValueError):
                        self._waiters.remove((loop, future))
                    waiter = self._waiters.popleft() if future.done() and self._waiters else None
                if waiter is not None:
                    waiter[0].call_soon_threadsafe(_wake, waiter[1])
                raise

    def _task(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        media_type: str | None,
    ) -> Task:
        with self._lock:
            return (self.checkpoint, sparql, default_graphs, named_graphs, media_type)

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
        with self._lease() as lease:
            reply = self._ask(lease, sparql, default_graphs, named_graphs, media_type)
        return self._answer(reply)

    async def query_async(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        media_type: str | None = None,
    ) -> Any:
        """:meth:`query` for the event loop: waiting for a free worker and for its reply
        both happen on the loop (no thread), so a busy pool costs no thread per request."""
        await self._acquire_async()
        with self._lease(acquired=True) as lease:
            connection = lease.worker.connection
            task = self._task(sparql, default_graphs, named_graphs, media_type)
            try:
                connection.send(task)
                loop = asyncio.get_running_loop()
                ready = loop.create_future()
                descriptor = connection.fileno()
                loop.add_reader(descriptor, _wake, ready)
                try:
                    await asyncio.wait_for(ready, self.timeout)
                except TimeoutError:
                    raise self._timed_out() from None
                finally:
                    loop.remove_reader(descriptor)
                    os.set_blocking(descriptor, True)  # uvloop made it non-blocking
                reply = connection.recv()  # the rest of a large reply follows at once
            except (EOFError, OSError) as exc:
                raise StoreError(f"the query worker died: {exc}") from exc
            lease.answered = True
        return self._answer(reply)

    def _ask(
        self,
        lease: _Lease,
        sparql: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        media_type: str | None,
    ) -> tuple[str, str | None, Any]:
        """Send one task on a leased worker and wait for the reply (up to the timeout)."""
        connection = lease.worker.connection
        try:
            connection.send(self._task(sparql, default_graphs, named_graphs, media_type))
            if not connection.poll(self.timeout):
                raise self._timed_out()
            reply: tuple[str, str | None, Any] = connection.recv()
        except (EOFError, OSError) as exc:
            raise StoreError(f"the query worker died: {exc}") from exc
        lease.answered = True
        return reply

    def _timed_out(self) -> QueryTimeoutError:
        return QueryTimeoutError(
            f"the query did not finish within {self.timeout:g} s and was stopped; "
            "narrow it (LIMIT, more specific patterns) or ask the operators for a "
            "longer timeout"
        )

    def _answer(self, reply: tuple[str, str | None, Any]) -> Any:
        status, source, payload = reply
        if status == "ok":
            self.answered_from[source or CHECKPOINT] += 1
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


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _remove_later(path: Path, delay: float = 60.0) -> None:
    """Remove an old checkpoint after queries that may still read it had time to finish."""
    timer = threading.Timer(delay, shutil.rmtree, args=(path,), kwargs={"ignore_errors": True})
    timer.daemon = True
    timer.start()
