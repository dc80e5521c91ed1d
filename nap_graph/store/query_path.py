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
versions, recomputed for each store generation (:meth:`refresh`,
:mod:`nap_graph.generation`). A :class:`QueryPath` answers the read half of
:class:`~nap_graph.store.protocol.GraphStore`, so library functions that
only read (``linked_data.describe``, ``compare.comparison``, ...) take it in place of a
store and so run under its limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.errors import TooManyQueriesError
from nap_graph.generation import read_generation
from nap_graph.iris import checked_iri
from nap_graph.query_workers import QueryWorkers
from nap_graph.search.index import SearchIndex, SearchResults
from nap_graph.store.protocol import GraphName, GraphStore
from nap_graph.store.query_guard import QueryPolicy, has_dataset_clause
from nap_graph.store.results import QueryResult, SelectResult
from nap_graph.store.sparql_text import Binding, bind_values
from nap_graph.store.views import current_graphs, superseded_graphs

CACHED = 256
"""At most this many values computed once per store generation are kept (QueryPath.cached)."""


class QueryPath:
    """Where and how every read runs; see the module's documentation."""

    def __init__(
        self,
        store: GraphStore,
        workers: QueryWorkers | None = None,
        *,
        max_result_bytes: int | None = None,
        max_results: int | None = None,
        policy: QueryPolicy | None = None,
        search: SearchIndex | None = None,
        page_workers: QueryWorkers | None = None,
        per_client: int | None = None,
        anonymous_timeout: float | None = None,
    ) -> None:
        self.store = store
        self.search_index = search
        """Full-text search over the store's texts, synced after every write."""
        self.workers = workers
        """Where users' queries run (their own capacity)."""
        self.page_workers = page_workers
        """Where the library's own reads (the pages, the API's lists) run, so that they
        never wait behind users' queries; the users' pool when there is none."""
        self.per_client = per_client
        """How many users' queries one client may have running at once (``None``: any)."""
        self.anonymous_timeout = anonymous_timeout
        """The deadline of a query without a token (shorter than pages need); ``None``: the
        pool's."""
        self._running: dict[str, int] = {}
        self.max_result_bytes = max_result_bytes
        self.max_results = max_results
        """SELECT solutions a SPARQL server's answer may have (it is held whole before it is
        written; the embedded store's is capped by bytes while written)."""
        self.policy = policy or QueryPolicy()
        """What users' queries and updates may do (SERVICE, LOAD, nesting)."""
        self.generation: str | None = None
        """The store generation the view and the caches were computed for
        (:mod:`nap_graph.generation`); ``None`` before the first read."""
        self._checkpoint_generation = read_generation(store) if workers is not None else None
        """The generation the query workers' checkpoint was made at (when they started)."""
        self._graphs: list[str] | None = None
        self._superseded: set[str] | None = None
        self._lock = threading.Lock()
        self._refreshing = threading.Lock()
        self._cache: OrderedDict[str, tuple[str | None, Any, Callable[[str], bool] | None]] = (
            OrderedDict()
        )

    # -- the current view -------------------------------------------------------------

    def current_generation(self) -> str:
        """The store's generation now; when it is not the one the view was computed for (a
        write by another process, or by a library call that went around the workspace),
        the view is brought up to date first."""
        generation = read_generation(self.store)
        if generation != self.generation:
            self.refresh()
        return generation

    def graphs(self) -> list[str]:
        """Every named graph of the current view."""
        self.current_generation()
        with self._lock:
            if self._graphs is None:
                self._graphs = current_graphs(self.store)
            return list(self._graphs)

    def default_graphs(self) -> list[str] | None:
        """What to pass as a query's default graph for the current view: ``None`` (the union
        of all named graphs, which the store answers fastest) while no version is
        superseded, else the list of current graphs."""
        self.current_generation()
        with self._lock:
            superseded = self._superseded
        if not superseded:
            return None
        return self.graphs()

    def refresh(self, written: Sequence[str] | None = None) -> None:
        """Bring everything computed from the store up to its generation: the search index
        (``written``: the named graphs a write touched, when the writer knows them), the
        current view, the caches and the query workers' checkpoint. The workspace calls it
        under the write lock before a write returns; one refresh runs at a time, so two
        writers' refreshes cannot undo each other."""
        with self._refreshing:
            generation = read_generation(self.store)
            if written is None and generation == self.generation:
                return  # another thread brought it up to date while this one waited
            if self.search_index is not None:
                self.search_index.sync(self.store, written)
            superseded = set(superseded_graphs(self.store))
            graphs = current_graphs(self.store) if superseded else None
            if self.workers is not None and generation != self._checkpoint_generation:
                self.workers.refresh()
                if self.page_workers is not None:
                    self.page_workers.refresh()
                self._checkpoint_generation = generation
            with self._lock:
                before = self.generation
                self._superseded = superseded
                self._graphs = graphs
                self.generation = generation
                # kept only from the generation just before this write (the workspace brings
                # the view up to date when it takes the write lock), so that another
                # process's write in between is never carried over
                kept = {
                    key: (generation, value, reads)
                    for key, (seen, value, reads) in self._cache.items()
                    if reads is not None
                    and written is not None
                    and seen == before
                    and not any(map(reads, written))
                }
                self._cache = OrderedDict(kept)

    def cached(self, key: str, compute: Any, *, reads: Callable[[str], bool] | None = None) -> Any:
        """``compute()`` once per store generation (for costly public reads such as the VoID
        statistics, the lists, a plan's coverage): later calls until the next write get the
        same value. At most :data:`CACHED` values are kept, the least recently used dropped
        first (keys may carry a reader's filters). ``reads`` says which named graphs the
        value comes from: a write through the workspace that touched none of them keeps it
        (the reference data outlives every record written); a write whose graphs are not
        known, or another process's, does not."""
        generation = self.current_generation()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == generation:
                self._cache.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            if self.generation == generation:
                self._cache[key] = (generation, value, reads)
                self._cache.move_to_end(key)
                while len(self._cache) > CACHED:
                    self._cache.popitem(last=False)
        return value

    # -- users' queries ------------------------------------------------------------------

    def dataset(
        self,
        text: str,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> tuple[Sequence[str] | None, Sequence[str] | None, bool]:
        """The dataset a user's query runs on, as (default graphs, named graphs, union):
        the protocol's ``default-graph-uri`` / ``named-graph-uri`` when given (they take
        precedence, SPARQL 1.1 Protocol 2.1.4); else the query's own ``FROM`` / ``FROM
        NAMED`` when it may have them; else the current view."""
        if default_graphs or named_graphs:
            return default_graphs or None, named_graphs or None, True
        if has_dataset_clause(text):
            return None, None, False
        return self.default_graphs(), None, True

    async def answer(
        self,
        text: str,
        media_type: str,
        *,
        base_iri: str | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        client: str | None = None,
        anonymous: bool = True,
    ) -> bytes:
        """A user's query, checked by the policy and answered on the event loop: the bytes
        in ``media_type``, from the query workers or the store (every backend writes its
        answer, :meth:`GraphStore.query_serialized`), under the size limits. ``client``
        (an address) may have at most :attr:`per_client` queries running
        (:class:`TooManyQueriesError` beyond); an ``anonymous`` query gets
        :attr:`anonymous_timeout`."""
        with self._client_slot(client):
            return await self._answer(
                text, media_type, base_iri, default_graphs, named_graphs, anonymous
            )

    @contextlib.contextmanager
    def _client_slot(self, client: str | None) -> Iterator[None]:
        if client is None or self.per_client is None:
            yield
            return
        with self._lock:
            running = self._running.get(client, 0)
            if running >= self.per_client:
                raise TooManyQueriesError(
                    f"this address has {running} queries running; at most {self.per_client} "
                    "at once (wait for one to finish)"
                )
            self._running[client] = running + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._running[client] - 1
                if left:
                    self._running[client] = left
                else:
                    del self._running[client]

    async def _answer(
        self,
        text: str,
        media_type: str,
        base_iri: str | None,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        anonymous: bool,
    ) -> bytes:
        for name, graphs in (
            ("default-graph-uri", default_graphs),
            ("named-graph-uri", named_graphs),
        ):
            for graph in graphs or ():
                checked_iri(graph, name)
        isolated = self.workers is not None and self.workers.isolate
        self.policy.check_query(text, base=base_iri, isolated=isolated)
        default, named, union = self.dataset(text, default_graphs, named_graphs)
        if self.workers is not None:
            return await self.workers.query_async(  # type: ignore[no-any-return]
                text,
                default_graphs=default,
                named_graphs=named,
                union_default_graph=union,
                media_type=media_type,
                max_bytes=self.max_result_bytes,
                base_iri=base_iri,
                timeout=self.anonymous_timeout if anonymous else None,
            )
        store = self.store
        return await asyncio.to_thread(
            lambda: store.query_serialized(
                text,
                media_type,
                default_graphs=default,
                named_graphs=named,
                union_default_graph=union,
                max_bytes=self.max_result_bytes,
                base_iri=base_iri,
                max_rows=self.max_results,
            )
        )

    # -- the library's own reads -----------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Binding] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
        base_iri: str | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """A query's answer as result objects, under the limits (blocks the thread). The
        library's own queries come here unchecked, in their own pool; users' queries go
        through :meth:`answer`."""
        pool = self.page_workers or self.workers
        if pool is not None:
            return pool.query(  # type: ignore[no-any-return]
                bind_values(sparql, bindings or {}),
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                union_default_graph=union_default_graph,
                base_iri=base_iri,
                timeout=timeout,
            )
        return self.store.query(
            sparql,
            bindings=bindings,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            union_default_graph=union_default_graph,
            base_iri=base_iri,
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

    def has_graph(self, graph: GraphName) -> bool:
        """Whether a named graph holds triples (the default graph always exists)."""
        if graph is None:
            return True
        return bool(
            self.query(queries.load("graph-exists.rq"), bindings={"graph": ox.NamedNode(graph)})
        )

    def triples_per_graph(self) -> dict[str, int]:
        """Triples per named graph, counted under the limits once per store generation."""

        def count() -> dict[str, int]:
            result = self.query(queries.load("triples-per-graph.rq"))
            assert isinstance(result, SelectResult)
            return {row["graph"].value: int(row["triples"].value) for row in result.rows}

        return dict(self.cached("triples-per-graph", count))

    def search(
        self,
        query: str,
        *,
        lang: str = "en",
        filters: Mapping[str, str] | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Full-text search over the current view (superseded versions left out)."""
        if self.search_index is None:
            return SearchResults(query, 0, [])
        self.current_generation()
        with self._lock:
            excluded = frozenset(self._superseded or ())
        return self.search_index.search(
            query, lang=lang, filters=filters, exclude_graphs=excluded, limit=limit, offset=offset
        )

    def saturation(self) -> dict[str, int] | None:
        """How loaded the query workers are (``None`` without workers)."""
        return None if self.workers is None else self.workers.saturation()
