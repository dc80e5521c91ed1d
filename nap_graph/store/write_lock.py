"""Writes to one store, one at a time.

Every write nap-graph makes (an ingest, a SPARQL update, a Graph Store write, loading or
importing data) holds its store's :class:`WriteLock` from the moment it reads what it needs
to decide (is this version stored already? which version is current?) until its update has
landed. So two writers can never both see the same "current version" and both supersede it:
versions stay a single chain.

- Threads of one process share the store object's lock.
- Processes: an embedded on-disk store can only be opened by one process at a time (Oxigraph
  locks its folder), so its lock needs nothing more. Stores that several processes can reach
  (a SPARQL server) add an exclusive ``flock`` on a lock file named after the endpoint, in
  the system's temporary folder, so that the CLI and a server on the same machine also take
  turns. Writers on other machines are beyond this lock (docs/store.md).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class WriteLock:
    """A re-entrant write lock for one store; ``key`` names it across processes (``None``:
    this process only)."""

    def __init__(self, key: str | None = None) -> None:
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._file: int | None = None
        self.path: Path | None = None
        if key is not None:
            digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
            self.path = Path(tempfile.gettempdir()) / "nap-graph-locks" / f"{digest}.lock"

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        """Hold the lock (waiting for other threads and processes) for the block."""
        with self._thread_lock:
            self._depth += 1
            try:
                if self._depth == 1 and self.path is not None:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    self._file = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                    fcntl.flock(self._file, fcntl.LOCK_EX)
                yield
            finally:
                if self._depth == 1 and self._file is not None:
                    fcntl.flock(self._file, fcntl.LOCK_UN)
                    os.close(self._file)
                    self._file = None
                self._depth -= 1


def locked(method: Callable[..., T]) -> Callable[..., T]:
    """A store's write method, run under its ``write_lock`` (re-entrant: a caller holding
    the lock for a whole decision, such as an ingest, keeps it). When the outermost write
    method returns, the store gets a new generation (``bump_generation``,
    :mod:`nap_graph.generation`), so that every process sees that it changed. A store that
    has ``write_failed`` turns an :class:`OSError` of the disk into its own error (which
    names no path)."""

    @functools.wraps(method)
    def under_lock(self: Any, *args: Any, **kwargs: Any) -> T:
        with self.write_lock():
            depth = getattr(self, "_write_depth", 0)
            self._write_depth = depth + 1
            try:
                result = method(self, *args, **kwargs)
                if depth == 0:
                    self.bump_generation()
            except OSError as exc:  # the disk: full, read-only, gone
                failed = getattr(self, "write_failed", None)
                if failed is None:
                    raise
                raise failed(exc) from exc
            finally:
                self._write_depth = depth
            return result

    return under_lock
