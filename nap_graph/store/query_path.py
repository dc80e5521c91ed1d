"""The one query path: every read the service makes (SPARQL, linked-data pages, compare,
Graph Store reads, VoID, dumps) goes through a :class:`QueryPath`, which decides where it
runs and under which limits.

- An on-disk embedded store with query workers: in a worker process, with a hard timeout
  counted from the call (waiting for a worker included), a bounded queue (503 with
  ``Retry-After`` when full), cancellation when the caller goes away, and answers capped
  while they are written (:mod:`nap_graph.query_workers`).
- An embedded store without workers (in memory, or ``query_workers = 0``): in the store
  itself; answers capped while written; no hard timeout (pyoxigraph has none).
- A SPARQL server: over its protocol, under the client's timeout.

It also knows the *current view*: the named graphs that are not superseded submission
versions, recomputed after each write (:meth:`invalidate`). A :class:`QueryPath` answers
the read half of :class:`~nap_graph.store.protocol.GraphStore`, so library functions that
only read (``linked_data.describe``, ``compare.comparison``, ...) take it in place of a
store and so run under its limits.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.query_workers import QueryWorkers
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.protocol import GraphName, GraphStore
from nap_graph.store.results import QueryResult, Term
from nap_graph.store.sparql_text import bind_values
from nap_graph.store.views import current_graphs, superseded_graphs


class QueryPath:
    """Where and how every read runs; see the module's documentation."""

    def __init__(
        self,
        store: GraphStore,
        workers: QueryWorkers | None = None,
        *,
        max_result_bytes: int | None = None,
    ) -> None:
        self.store = store
        self.workers = workers
        self.max_result_bytes = max_result_bytes
        self.generation = 0
        """Counts the writes seen; what is computed once per generation is cached by it."""
        self._graphs: list[str] | None = None
        self._superseded: set[str] | None = None
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[int, Any]] = {}

    # -- the current view -------------------------------------------------------------

    def graphs(self) -> list[str]:
        """Every named graph of the current view."""
        with self._lock:
            if self._graphs is None:
                self._graphs = current_graphs(self.store)
            return list(self._graphs)

    def default_graphs(self) -> list[str] | None:
        """What to pass as a query's default graph for the current view: ``None`` (the union
        of all named graphs, which the store answers fastest) while no version is
        superseded, else the list of current graphs."""
        with self._lock:
            if self._superseded is None:
                self._superseded = superseded_graphs(self.store)
            if not self._superseded:
                return None
        return self.graphs()

    def invalidate(self) -> None:
        """After a write: recompute the view (in the writing thread, so that queries on the
        event loop never wait for it), forget what was cached for the old generation, and
        give the query workers a fresh checkpoint."""
        superseded = set(superseded_graphs(self.store))
        graphs = current_graphs(self.store) if superseded else None
        with self._lock:
            self._superseded = superseded
            self._graphs = graphs
            self.generation += 1
            self._cache.clear()
        if self.workers is not None:
            self.workers.refresh()

    def cached(self, key: str, compute: Any) -> Any:
        """``compute()`` once per store generation (for costly public reads such as the VoID
        statistics): later calls until the next write get the same value."""
        with self._lock:
            hit = self._cache.get(key)
            generation = self.generation
        if hit is not None and hit[0] == generation:
            return hit[1]
        value = compute()
        with self._lock:
            if self.generation == generation:
                self._cache[key] = (generation, value)
        return value

    # -- queries -----------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
        timeout: float | None = None,
    ) -> QueryResult:
        """A query's answer as result objects, under the limits (blocks the thread)."""
        if self.workers is not None:
            return self.workers.query(  # type: ignore[no-any-return]
                bind_values(sparql, bindings or {}),
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                union_default_graph=union_default_graph,
                timeout=timeout,
            )
        return self.store.query(
            sparql,
            bindings=bindings,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            union_default_graph=union_default_graph,
        )

    def query_serialized(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> bytes | None:
        """The answer serialised by Oxigraph itself (workers or an embedded store) and capped
        at ``max_result_bytes`` while written, or ``None`` when the store cannot (a SPARQL
        server: use :meth:`query`)."""
        if self.workers is not None:
            return self.workers.query(  # type: ignore[no-any-return]
                sparql,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                media_type=media_type,
                max_bytes=self.max_result_bytes,
            )
        if isinstance(self.store, OxigraphStore):
            return self.store.query_serialized(
                sparql,
                media_type,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                max_bytes=self.max_result_bytes,
            )
        return None

    async def query_serialized_async(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> bytes | None:
        """:meth:`query_serialized` from the event loop: straight to a query worker (no
        thread; cancelled with its caller), else in a thread."""
        if self.workers is not None:
            return await self.workers.query_async(  # type: ignore[no-any-return]
                sparql,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                media_type=media_type,
                max_bytes=self.max_result_bytes,
            )
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(
            lambda: self.query_serialized(
                sparql, media_type, default_graphs=default_graphs, named_graphs=named_graphs
            )
        )

    def get_graph(self, graph: GraphName) -> list[ox.Triple]:
        """Graph Store read of one graph (empty if it does not exist), under the limits."""
        if graph is None:
            result = self.query(queries.load("default-graph.rq"), union_default_graph=False)
        else:
            result = self.query(
                queries.load("named-graph.rq"), bindings={"graph": ox.NamedNode(graph)}
            )
        assert isinstance(result, list)
        return result

    def saturation(self) -> dict[str, int] | None:
        """How loaded the query workers are (``None`` without workers)."""
        return None if self.workers is None else self.workers.saturation()
