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
  Hence ``copy_limit``: a store larger than the operator's memory budget allows
  (:func:`copy_limit`) is not copied, and its queries run on the checkpoint, so memory grows
  with the data once, not with the data times the workers.
"""

from __future__ import annotations

import asyncio
import contextlib
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

from nap_graph.errors import (
    QueryError,
    QueryQueueFullError,
    QueryRefusedError,
    QueryTimeoutError,
    ResultTooLargeError,
    StoreError,
)
from nap_graph.query_worker import (
    CHECKPOINT,
    DISK,
    MEMORY,
    READY,
    Task,
    _Worker,
)

BYTES_PER_QUAD = 750
"""What an in-memory copy costs per quad at its peak, while it loads (705 MB for 1,000,009
quads, docs/benchmarks.md): the figure :func:`copy_limit` plans with."""


def copy_limit(memory_mb: int, copies: int) -> int:
    """The most quads each of ``copies`` in-memory copies may hold so that together they
    stay within ``memory_mb`` megabytes (0: no copy at all)."""
    return memory_mb * 1_000_000 // (BYTES_PER_QUAD * max(copies, 1))


@dataclass
class _Lease:
    worker: _Worker
    answered: bool = False
    checkpoint: str | None = None


class QueryWorkers:
    """A pool of query worker processes over checkpoints of one on-disk store.

    Every query has a deadline, counted from when it was asked: time spent waiting for a
    free worker counts against it, and a query still waiting at its deadline gets
    :class:`QueryTimeoutError` without ever running. At most ``max_waiting`` queries wait;
    one more gets :class:`QueryQueueFullError` at once (the service answers 503 with
    ``Retry-After``). A waiting or running query whose caller is cancelled (a client that
    hung up) leaves the queue, and a running one has its worker killed.

    :meth:`query` blocks its thread; :meth:`query_async` waits on the event loop without a
    thread."""

    def __init__(
        self,
        store: Any,
        checkpoints: Path,
        *,
        workers: int = 2,
        timeout: float = 30.0,
        in_memory: bool = True,
        max_waiting: int = 64,
        isolate: bool = True,
        copy_limit: int | None = None,
    ) -> None:
        self.store = store
        self.folder = checkpoints
        self.timeout = timeout
        self.in_memory = in_memory
        self.copy_limit = copy_limit
        """The most quads a worker copies into memory (``None``: any; :func:`copy_limit`)."""
        self.max_waiting = max_waiting
        self.isolate = isolate
        """Whether the workers leave the network when they start (SERVICE then cannot
        reach any host); false only where an operator allowed SERVICE calls."""
        self.answered_from: Counter[str] = Counter()
        """How many answers came from in-memory copies and how many from checkpoints."""
        self._lock = threading.Lock()
        self._free: list[_Worker] = []
        self.size = workers
        self._available = threading.Semaphore(workers)
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()
        self._waiting = 0
        self._readers: Counter[str] = Counter()
        self._generation = 0
        shutil.rmtree(self.folder, ignore_errors=True)  # checkpoints left by a killed server
        self.folder.mkdir(parents=True, exist_ok=True)
        self.checkpoint = self._new_checkpoint()
        self._free = [_Worker.start(in_memory, isolate, copy_limit) for _ in range(workers)]

    @classmethod
    def for_store(
        cls,
        store: object,
        *,
        workers: int,
        timeout: float,
        in_memory: bool,
        max_waiting: int,
        isolate: bool = True,
        name: str = "checkpoints",
        copy_limit: int | None = None,
    ) -> QueryWorkers | None:
        """A pool for ``store`` if it can have one, else ``None``: workers read checkpoints,
        which only an embedded store on disk makes (an in-memory store has no files to copy,
        a SPARQL server answers its own queries). The checkpoints go in a folder beside the
        store, ``<store>.checkpoints``."""
        from nap_graph.store.oxigraph_store import OxigraphStore

        path = store.path if isinstance(store, OxigraphStore) else None
        if path is None or workers <= 0:
            return None
        return cls(
            store,
            path.with_name(f"{path.name}.{name}"),
            workers=workers,
            timeout=timeout,
            in_memory=in_memory,
            max_waiting=max_waiting,
            isolate=isolate,
            copy_limit=copy_limit,
        )

    def _new_checkpoint(self) -> str:
        self._generation += 1
        target = self.folder / f"checkpoint-{self._generation}-{time.monotonic_ns()}"
        try:
            self.store.oxigraph.backup(str(target))
        except OSError as exc:
            raise StoreError(f"cannot make a read-only checkpoint in {target}: {exc}") from exc
        return str(target)

    def refresh(self) -> None:
        """Make a new checkpoint after a write; later queries see it. An old checkpoint is
        removed as soon as no query reads it (at once when none does)."""
        fresh = self._new_checkpoint()
        with self._lock:
            self.checkpoint = fresh
            unread = [
                old
                for old in self.folder.iterdir()
                if str(old) != fresh and old.is_dir() and self._readers[str(old)] == 0
            ]
        for old in unread:
            shutil.rmtree(old, ignore_errors=True)

    def _stop_reading(self, checkpoint: str) -> None:
        """One query less reads ``checkpoint``; remove it when it was the last one and a
        newer checkpoint exists."""
        with self._lock:
            self._readers[checkpoint] -= 1
            remove = self._readers[checkpoint] <= 0 and checkpoint != self.checkpoint
            if remove:
                del self._readers[checkpoint]
        if remove:
            shutil.rmtree(checkpoint, ignore_errors=True)

    def saturation(self) -> dict[str, int]:
        """How loaded the pool is: workers, how many are busy, how many queries wait, and how
        many may wait before the next is refused."""
        with self._lock:
            free = len(self._free)
            waiting = self._waiting
        return {
            "workers": self.size,
            "busy": self.size - free,
            "waiting": waiting,
            "max_waiting": self.max_waiting,
        }

    def warm_up(self, wait: float = 0.0) -> bool:
        """Send every worker a trivial query so that it opens the current checkpoint and
        starts loading its in-memory copy; with ``wait``, repeat for up to that many seconds
        until the copies answer. True when every worker answered from where it will stay:
        its copy in memory, or the disk for a store over the memory budget."""
        deadline = time.monotonic() + wait
        while True:
            with contextlib.ExitStack() as stack:
                leases = [
                    stack.enter_context(self._lease(_Deadline.after(self.timeout)))
                    for _ in range(self.size)
                ]
                sources = [
                    self._ask(lease, "ASK {}", _Deadline.after(self.timeout))[1] for lease in leases
                ]
            ready = all(source in (MEMORY, DISK) for source in sources)
            if ready or time.monotonic() >= deadline:
                return ready
            time.sleep(0.2)

    def copies(self) -> dict[str, int]:
        """Where the free workers answer from right now (``memory``; ``checkpoint`` until
        their copy is loaded; ``disk`` for good, the store being over the memory budget) and
        how many are ``busy``: a trivial query to each free worker, none waited for."""
        counts = Counter({MEMORY: 0, CHECKPOINT: 0, DISK: 0, "busy": self.size})
        with contextlib.ExitStack() as stack:
            while True:
                lease = stack.enter_context(self._lease(None))
                if lease is None:
                    break
                counts["busy"] -= 1
                reply = self._ask(lease, "ASK {}", _Deadline.after(self.timeout))
                counts[reply[1] or CHECKPOINT] += 1
        return dict(counts)

    def _queue_up(self) -> None:
        """Count one more waiting query, or refuse it when the queue is full."""
        with self._lock:
            if self._waiting >= self.max_waiting:
                raise QueryQueueFullError(
                    f"all {self.size} query workers are busy and {self._waiting} queries are "
                    "waiting; try again in a few seconds"
                )
            self._waiting += 1

    def _leave_queue(self) -> None:
        with self._lock:
            self._waiting -= 1

    def _acquire(self, deadline: _Deadline) -> None:
        """Take a free worker, waiting until ``deadline`` at most."""
        if self._available.acquire(blocking=False):
            return
        self._queue_up()
        try:
            if not self._available.acquire(timeout=deadline.remaining()):
                raise self._timed_out(deadline.limit, waited=True)
        finally:
            self._leave_queue()

    @contextlib.contextmanager
    def _lease(self, deadline: _Deadline | None, *, acquired: bool = False) -> Iterator[Any]:
        """A free worker for one exchange: waited for until ``deadline``, or ``None`` at once
        when ``deadline`` is ``None`` and all are busy (``acquired`` when the caller holds
        the semaphore already). A worker that has started is preferred over one still
        starting. Unless the exchange ended with a reply, the worker may still be
        computing: it is killed and a fresh one given back in its place. Giving it back
        wakes one waiting coroutine, if any."""
        if not acquired:
            if deadline is None:
                if not self._available.acquire(blocking=False):
                    yield None
                    return
            else:
                self._acquire(deadline)
        with self._lock:
            chosen = next(
                (i for i, w in enumerate(self._free) if w.has_started()), len(self._free) - 1
            )
            lease = _Lease(self._free.pop(chosen))
        try:
            yield lease
        finally:
            if lease.checkpoint is not None:
                self._stop_reading(lease.checkpoint)
            if not lease.answered:
                lease.worker.kill()
                lease.worker = _Worker.start(self.in_memory, self.isolate, self.copy_limit)
            with self._lock:
                self._free.append(lease.worker)
                waiter = self._waiters.popleft() if self._waiters else None
            self._available.release()
            if waiter is not None:
                loop, future = waiter
                loop.call_soon_threadsafe(_wake, future)

    async def _acquire_async(self, deadline: _Deadline) -> None:
        """Wait on the event loop (no thread) until a worker is free, and take it; give up
        at ``deadline``, or when the caller is cancelled (passing on a wake-up meant for
        it)."""
        if self._available.acquire(blocking=False):
            return
        self._queue_up()
        loop = asyncio.get_running_loop()
        try:
            while True:
                future: asyncio.Future[None] = loop.create_future()
                with self._lock:
                    self._waiters.append((loop, future))
                if self._available.acquire(blocking=False):  # freed before we queued up
                    self._forget_waiter(loop, future)
                    return
                try:
                    done, _ = await asyncio.wait({future}, timeout=deadline.remaining())
                except asyncio.CancelledError:
                    self._forget_waiter(loop, future)
                    raise
                if not done:
                    self._forget_waiter(loop, future)
                    raise self._timed_out(deadline.limit, waited=True)
                if self._available.acquire(blocking=False):
                    return
        finally:
            self._leave_queue()

    def _forget_waiter(self, loop: asyncio.AbstractEventLoop, future: asyncio.Future[None]) -> None:
        """Take a waiter off the queue; if it was woken already, wake the next in its place."""
        with self._lock:
            with contextlib.suppress(ValueError):
                self._waiters.remove((loop, future))
            woken = future.done() and not future.cancelled()
            waiter = self._waiters.popleft() if woken and self._waiters else None
        if not future.done():
            future.cancel()
        if waiter is not None:
            waiter[0].call_soon_threadsafe(_wake, waiter[1])

    def _task(self, lease: _Lease, sparql: str, options: _Options) -> Task:
        """The task for ``lease``'s worker, over the current checkpoint (counted as read
        until the lease ends)."""
        with self._lock:
            checkpoint = self.checkpoint
            self._readers[checkpoint] += 1
        lease.checkpoint = checkpoint
        return (
            checkpoint,
            sparql,
            options.default_graphs,
            options.named_graphs,
            options.union_default_graph,
            options.media_type,
            options.max_bytes,
            options.base_iri,
        )

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
        media_type: str | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
        base_iri: str | None = None,
    ) -> Any:
        """Run one query in a worker; QueryTimeoutError once ``timeout`` seconds (the pool's
        by default) have passed since the call, waiting included. With ``media_type`` the
        worker answers the serialised bytes (at most ``max_bytes``), else the result
        objects."""
        deadline = _Deadline.after(self.timeout if timeout is None else timeout)
        options = _Options(
            default_graphs, named_graphs, union_default_graph, media_type, max_bytes, base_iri
        )
        with self._lease(deadline) as lease:
            reply = self._ask(lease, sparql, deadline, options)
        return self._answer(reply)

    async def query_async(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
        media_type: str | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
        base_iri: str | None = None,
    ) -> Any:
        """:meth:`query` for the event loop: waiting for a free worker and for its reply
        both happen on the loop (no thread), so a busy pool costs no thread per request."""
        deadline = _Deadline.after(self.timeout if timeout is None else timeout)
        options = _Options(
            default_graphs, named_graphs, union_default_graph, media_type, max_bytes, base_iri
        )
        await self._acquire_async(deadline)
        with self._lease(deadline, acquired=True) as lease:
            connection = lease.worker.connection
            try:
                connection.send(self._task(lease, sparql, options))
                while True:
                    await _readable(connection, deadline)
                    reply = connection.recv()  # the rest of a large reply follows at once
                    if reply[0] != READY:
                        break
                    lease.worker.ready, lease.worker.isolated = True, bool(reply[1])
            except (EOFError, OSError) as exc:
                raise StoreError(f"the query worker died: {exc}") from exc
            lease.answered = True
        return self._answer(reply)

    def _ask(
        self,
        lease: _Lease,
        sparql: str,
        deadline: _Deadline,
        options: _Options | None = None,
    ) -> tuple[str, str | None, Any]:
        """Send one task on a leased worker and wait for the reply (until ``deadline``)."""
        connection = lease.worker.connection
        try:
            connection.send(self._task(lease, sparql, options or _Options()))
            while True:
                if not connection.poll(deadline.remaining()):
                    raise self._timed_out(deadline.limit)
                reply: tuple[str, str | None, Any] = connection.recv()
                if reply[0] != READY:
                    break
                lease.worker.ready, lease.worker.isolated = True, bool(reply[1])
        except (EOFError, OSError) as exc:
            raise StoreError(f"the query worker died: {exc}") from exc
        lease.answered = True
        return reply

    @staticmethod
    def _timed_out(limit: float, waited: bool = False) -> QueryTimeoutError:
        if waited:
            return QueryTimeoutError(
                f"the query waited {limit:g} s (its time limit) for a free query worker and "
                "was not run; the service is busy: try again shortly"
            )
        return QueryTimeoutError(
            f"the query did not finish within {limit:g} s and was stopped; narrow it (LIMIT, "
            "more specific patterns) or ask the operators for a longer timeout"
        )

    def _answer(self, reply: tuple[str, str | None, Any]) -> Any:
        status, source, payload = reply
        if status == "ok":
            self.answered_from[source or CHECKPOINT] += 1
            return payload
        if status == "too-large":
            raise ResultTooLargeError(payload)
        if status == "query-error":
            raise QueryError(payload)
        if status == "refused":
            raise QueryRefusedError(payload)
        raise StoreError(f"the query failed in its worker: {payload}")

    def isolation(self) -> str:
        """``network namespace`` when every started worker has no network, ``none`` when
        isolation is off (an allowlist), ``strict text check`` when a worker could not be
        isolated (it then refuses SERVICE wherever it could be read)."""
        if not self.isolate:
            return "none"
        with self._lock:
            workers = [w for w in self._free if w.ready]
        if workers and not all(w.isolated for w in workers):
            return "strict text check"
        return "network namespace"

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


@dataclass(frozen=True, slots=True)
class _Deadline:
    """When a query's time is up: ``limit`` seconds after it was asked."""

    limit: float
    at: float

    @classmethod
    def after(cls, limit: float) -> _Deadline:
        return cls(limit, time.monotonic() + limit)

    def remaining(self) -> float:
        return max(0.0, self.at - time.monotonic())


@dataclass(frozen=True, slots=True)
class _Options:
    """How one query runs: its dataset, the answer's media type and its size limit."""

    default_graphs: Sequence[str] | None = None
    named_graphs: Sequence[str] | None = None
    union_default_graph: bool = True
    media_type: str | None = None
    max_bytes: int | None = None
    base_iri: str | None = None


async def _readable(connection: Connection, deadline: _Deadline) -> None:
    """Wait on the event loop until the worker's pipe has data, or raise
    :class:`QueryTimeoutError` at ``deadline``."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    descriptor = connection.fileno()
    loop.add_reader(descriptor, _wake, ready)
    try:
        await asyncio.wait_for(ready, deadline.remaining())
    except TimeoutError:
        raise QueryWorkers._timed_out(deadline.limit) from None
    finally:
        loop.remove_reader(descriptor)
        os.set_blocking(descriptor, True)  # uvloop made it non-blocking


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
