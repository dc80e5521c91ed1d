"""One query worker: the process that answers users' queries over a read-only checkpoint of
the store (:mod:`nap_graph.query_workers` runs a pool of them), and the handle the pool
keeps of it. A worker leaves the network when it starts (:mod:`nap_graph.isolation`), loads
an in-memory copy of each checkpoint it sees in the background, and answers each task from
the copy once ready, from the checkpoint until then."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
import threading
import time
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from nap_graph.errors import QueryError, QueryRefusedError, ResultTooLargeError
from nap_graph.isolation import isolate_network
from nap_graph.store.query_guard import check_remote_calls

_CONTEXT = mp.get_context("spawn")
MEMORY = "memory"
CHECKPOINT = "checkpoint"
DISK = "disk"
"""Answered from the checkpoint for good: the store is over the memory budget."""
READY = "ready"
Task = tuple[str, str, Sequence[str] | None, Sequence[str] | None, bool, str | None, int | None]
"""checkpoint, query, default graphs, named graphs, union default graph, media type, byte
limit of the answer."""


class _Copies:
    """What one worker reads: the newest checkpoint it was told about, opened read-only, and
    (loaded in the background) an in-memory copy of it."""

    SETTLE = 0.5
    """Seconds a load waits for more writes, so that a burst of writes costs one load."""

    def __init__(self, in_memory: bool, copy_limit: int | None = None) -> None:
        from nap_graph.store.oxigraph_store import OxigraphStore

        self._open = OxigraphStore.read_only
        self._copy = OxigraphStore.in_memory_copy
        self.in_memory = in_memory
        self.copy_limit = copy_limit
        """The most quads a copy may hold (``None``: any); a larger checkpoint is answered
        from disk, so that memory stays within the operator's budget."""
        self.checkpoint: tuple[str, Any] | None = None
        self.memory: tuple[str, Any] | None = None
        self._declined: str | None = None
        """The checkpoint found too large to copy (not counted again)."""
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
            if self._declined == checkpoint:
                return DISK, store
            start = self.in_memory and not self._loading
            self._loading = self._loading or start
        if start:
            threading.Thread(target=self._load, daemon=True).start()
        return CHECKPOINT, store

    def _fits(self, store: Any) -> bool:
        """Whether a copy of ``store`` stays within :attr:`copy_limit`."""
        return self.copy_limit is None or len(store.oxigraph) <= self.copy_limit

    def _load(self) -> None:
        """Copy the newest checkpoint into memory; again while newer ones keep coming. A
        checkpoint over :attr:`copy_limit` is not copied, and a copy of an older one is let
        go: answers come from the checkpoint on disk, which is as new as the data."""
        while True:
            time.sleep(self.SETTLE)
            with self._lock:
                assert self.checkpoint is not None
                checkpoint, store = self.checkpoint
            try:
                fits = self._fits(store)
                copy = self._copy(store) if fits else None
            except Exception:  # a checkpoint removed under us: the next task starts anew
                fits, copy = True, None
            with self._lock:
                if copy is not None:
                    self.memory = (checkpoint, copy)
                elif not fits:
                    self.memory, self._declined = None, checkpoint
                if copy is None or self.checkpoint[0] == checkpoint:
                    self._loading = False
                    return


_MAIN_LOCK = threading.Lock()


@contextlib.contextmanager
def _without_main_module() -> Iterator[None]:
    """Start a process without it importing this process's ``__main__``. A spawned child
    runs the parent's main script again first (``nap-graph serve`` is ``nap_graph.cli``,
    which imports the web service, the search engine and the validators: 85 MB a worker
    never uses). A worker needs nothing of it: its target lives in this module. So while
    the child's preparation data is taken, ``__main__`` is a bare module."""
    with _MAIN_LOCK:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            sys.modules["__main__"] = main


def _exit_with_parent(parent: int) -> None:
    """End this worker as soon as the process that started it has gone (killed with
    SIGKILL, say, so that it never told its workers to stop): an orphaned worker would go on
    computing a query nobody waits for. Linux delivers SIGKILL at the parent's death;
    elsewhere (and in case that was missed) a thread checks once a second."""
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _serve(
    connection: Connection,
    in_memory: bool,
    parent: int,
    isolate: bool = True,
    copy_limit: int | None = None,
) -> None:
    """The worker loop: leave the network (``isolate``, :mod:`nap_graph.isolation`), say it
    is ready, then answer queries over the checkpoint each task names until told to stop
    (``None``), or until its parent has gone. Each answer says whether it came from memory
    or from the checkpoint. A worker that was to be isolated but could not be refuses every
    query in which the engine might see ``SERVICE``."""
    _exit_with_parent(parent)
    isolated = isolate_network() if isolate else False
    strict = isolate and not isolated
    copies = _Copies(in_memory, copy_limit)
    connection.send((READY, isolated, None))
    while True:
        task: Task | None = connection.recv()
        if task is None:
            return
        checkpoint, sparql, default_graphs, named_graphs, union, media_type, _max, base = task
        try:
            if strict:
                check_remote_calls(sparql, service_allowlist=(), base=base, strict=True)
            source, store = copies.for_checkpoint(checkpoint)
            if media_type is None:
                result = store.query(
                    sparql,
                    default_graphs=default_graphs,
                    named_graphs=named_graphs,
                    union_default_graph=union,
                    base_iri=base,
                )
            else:
                result = store.query_serialized(
                    sparql,
                    media_type,
                    default_graphs=default_graphs,
                    named_graphs=named_graphs,
                    union_default_graph=union,
                    max_bytes=_max,
                    base_iri=base,
                )
            connection.send(("ok", source, result))
        except ResultTooLargeError as exc:
            connection.send(("too-large", None, str(exc)))
        except QueryRefusedError as exc:
            connection.send(("refused", None, str(exc)))
        except QueryError as exc:
            connection.send(("query-error", None, str(exc)))
        except Exception as exc:
            connection.send(("error", None, f"{type(exc).__name__}: {exc}"))


@dataclass
class _Worker:
    process: Any
    connection: Connection
    ready: bool = False
    """True once the worker said it has started (its imports done)."""
    isolated: bool = False
    """True once the worker said it has no network (:mod:`nap_graph.isolation`)."""

    @classmethod
    def start(cls, in_memory: bool, isolate: bool = True, copy_limit: int | None = None) -> _Worker:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_serve, args=(child, in_memory, os.getpid(), isolate, copy_limit), daemon=True
        )
        with _without_main_module():
            process.start()
        child.close()
        return cls(process, parent)

    def has_started(self) -> bool:
        """Whether the worker is ready, reading its ready message if it has come."""
        if not self.ready and self.connection.poll(0):
            status, isolated, _ = self.connection.recv()
            self.ready, self.isolated = status == READY, bool(isolated)
        return self.ready

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()
