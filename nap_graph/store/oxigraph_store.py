"""The embedded backend: an Oxigraph store on disk (RocksDB) or in memory.

One process may open an on-disk store for writing at a time: Oxigraph locks the folder, and a
second writer gets :class:`~nap_graph.errors.StoreLockedError` naming the folder, instead of
corrupting anything. Every ``update`` is one Oxigraph transaction: all of it is written, or
nothing (also across a crash or ``kill -9``: RocksDB commits the batch atomically).
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from nap_graph.errors import (
    QueryError,
    ResultTooLargeError,
    StoreError,
    StoreLockedError,
    StoreUnavailableError,
)
from nap_graph.generation import next_generation_update
from nap_graph.namespaces import PREFIXES
from nap_graph.store.protocol import GraphName
from nap_graph.store.rdf_parsing import parse_file
from nap_graph.store.results import QueryResult, from_oxigraph
from nap_graph.store.sparql_text import Binding, bind_values, replace_graph
from nap_graph.store.write_lock import WriteLock, locked

log = logging.getLogger(__name__)
MISSING_GRAPH = re.compile(r"The graph <([^>]*)> does not exist")
MAX_MISSING_GRAPHS = 32


def dataset_arguments(
    default_graphs: Sequence[str] | None,
    named_graphs: Sequence[str] | None,
    union_default_graph: bool,
) -> dict[str, object]:
    """pyoxigraph's query arguments for a dataset."""
    dataset: dict[str, object] = {}
    if named_graphs is not None:
        dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if default_graphs is not None:
        dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        dataset["use_default_graph_as_union"] = union_default_graph
    return dataset


@contextlib.contextmanager
def oxigraph_errors(what: str = "query") -> Iterator[None]:
    """Oxigraph's parse and evaluation errors as :class:`QueryError` with the parser's words."""
    try:
        yield
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL {what}: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"the {what} could not be evaluated: {exc}") from exc


class _CappedOutput:
    """A file-like target for Oxigraph's writers that stops the answer once it passes
    ``limit`` bytes, so that a huge answer is never built whole."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.limit is not None and self.size > self.limit:
            raise ResultTooLargeError(
                f"the answer is over {self.limit:,} bytes; add LIMIT or narrow the query"
            )
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Oxigraph flushes its target when it is done; nothing is buffered here."""

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def _graph(graph: GraphName) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


class OxigraphStore:
    """A :class:`~nap_graph.store.protocol.GraphStore` on pyoxigraph."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.write_lock = WriteLock()
        """Held by every write (:mod:`nap_graph.store.write_lock`); other processes are
        kept out by Oxigraph's own lock on the folder."""
        try:
            self._store = ox.Store(str(path)) if path is not None else ox.Store()
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"the store at {path} is open for writing in another process (only one "
                    "writer at a time: stop the other nap-graph command or server, or send "
                    "the work to the running server)"
                ) from exc
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc

    @classmethod
    def around(cls, store: ox.Store) -> OxigraphStore:
        """A GraphStore over a pyoxigraph store the caller already has (in memory)."""
        wrapped = cls.__new__(cls)
        wrapped.path = None
        wrapped.write_lock = WriteLock()
        wrapped._store = store
        return wrapped

    @classmethod
    def read_only(cls, path: Path) -> OxigraphStore:
        """Open a store read-only: for checkpoints that no process writes any more (opening
        a store read-only while another process writes it is undefined in Oxigraph)."""
        store = cls.__new__(cls)
        store.path = path
        store.write_lock = WriteLock()
        try:
            store._store = ox.Store.read_only(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path} read-only: {exc}") from exc
        return store

    @classmethod
    def in_memory_copy(cls, source: OxigraphStore) -> OxigraphStore:
        """An in-memory store holding every quad of ``source`` (for query workers: Oxigraph
        answers from memory 2-16x faster than from disk). Costs the whole dataset in RAM.
        The quads stream from the source's index straight into the bulk loader, so no dump
        text is held (704 against 958 MB peak at 1M triples). The order quads go in changes
        how fast some joins run; no order measured wins on every heavy query, and this one
        is the cheapest to make (docs/benchmarks.md)."""
        store = cls()
        store._store.bulk_extend(source._store.quads_for_pattern(None, None, None, None))
        return store

    def is_empty(self) -> bool:
        """True when the store holds no quad at all."""
        return next(iter(self._store.quads_for_pattern(None, None, None)), None) is None

    @locked
    def bulk_load_new(self, path: Path, rdf_format: ox.RdfFormat, graph: str | None) -> int:
        """Fill an *empty* store from one RDF file with Oxigraph's bulk loader (not
        transactional, hence only into an empty store: on an error the store is emptied
        again and :class:`StoreError` raised, so nothing is left half-loaded). Triple
        formats go into ``graph``. Returns the number of quads in the store."""
        if not self.is_empty():
            raise StoreError("bulk loading needs an empty store; load into this one as usual")
        try:
            self._store.bulk_load(
                path=path,
                format=rdf_format,
                to_graph=ox.NamedNode(graph) if graph is not None else None,
            )
        except (SyntaxError, OSError, ValueError) as exc:
            self._store.clear()
            raise StoreError(f"{path}: not loaded, nothing stored: {exc}") from exc
        self._store.flush()
        return len(self._store)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk loading and backups)."""
        return self._store

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Binding] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
        base_iri: str | None = None,
    ) -> QueryResult:
        sparql = bind_values(sparql, bindings or {})
        dataset = dataset_arguments(default_graphs, named_graphs, union_default_graph)
        with oxigraph_errors():
            return from_oxigraph(
                self._store.query(sparql, prefixes=PREFIXES, base_iri=base_iri, **dataset)  # type: ignore[arg-type]
            )

    def select(
        self, sparql: str, *, bindings: Mapping[str, Binding] | None = None
    ) -> Iterator[ox.QuerySolution]:
        """A SELECT's solutions one at a time, over the union of the named graphs, for a
        reader that goes through many (the search index's first build: holding every row at
        once took 1.7 GB at 5M triples)."""
        with oxigraph_errors():
            result = self._store.query(
                bind_values(sparql, bindings or {}),
                prefixes=PREFIXES,
                use_default_graph_as_union=True,
            )
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("select() takes a SELECT query")
        return iter(result)

    def query_serialized(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default_graph: bool = True,
        max_bytes: int | None = None,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> bytes:
        """Evaluate a query and serialise the answer with Oxigraph's own writers, in the
        SPARQL results format (SELECT, ASK) or RDF format (CONSTRUCT, DESCRIBE) named by
        ``media_type``: no Python objects per row, which is what makes large results fast.
        The answer is written as the solutions come; past ``max_bytes`` it is stopped with
        :class:`ResultTooLargeError`, so a huge answer is never held whole (which is why
        ``max_rows``, the cap for backends that hold it, is not needed here)."""
        dataset = dataset_arguments(default_graphs, named_graphs, union_default_graph)
        output = _CappedOutput(max_bytes)
        with oxigraph_errors():
            self._write_answer(sparql, media_type, dict(dataset, base_iri=base_iri), output)
        return output.getvalue()

    def _write_answer(
        self, sparql: str, media_type: str, dataset: dict[str, object], output: _CappedOutput
    ) -> None:
        """Evaluate and write the answer into ``output``. The solutions are let go here
        whatever happens: an error's traceback must not carry them to another thread, where
        pyoxigraph refuses to drop them."""
        result: Any = self._store.query(sparql, prefixes=PREFIXES, **dataset)  # type: ignore[arg-type]
        triples: Any = None
        try:
            if isinstance(result, ox.QueryTriples):
                rdf_format = ox.RdfFormat.from_media_type(media_type)
                if rdf_format is None:
                    raise QueryError(f"{media_type} is not an RDF format")
                triples = (
                    (ox.Quad(t.subject, t.predicate, t.object) for t in result)
                    if rdf_format.supports_datasets
                    else result
                )
                ox.serialize(triples, output, format=rdf_format)
            else:
                results_format = ox.QueryResultsFormat.from_media_type(media_type)
                if results_format is None:
                    raise QueryError(f"{media_type} is not a SPARQL results format")
                result.serialize(output, format=results_format)
        finally:
            result = triples = None

    @locked
    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """One transaction. Graphs always exist, as in Fuseki and most stores: where
        Oxigraph refuses an operation on a graph it has never seen (``CLEAR GRAPH <g>``), the
        empty graph is created and the (wholly undone) update run again."""
        for _attempt in range(MAX_MISSING_GRAPHS + 1):
            try:
                self._store.update(sparql, prefixes=PREFIXES, base_iri=base_iri)
                return
            except SyntaxError as exc:
                raise QueryError(f"malformed SPARQL update: {exc}") from exc
            except RuntimeError as exc:
                missing = MISSING_GRAPH.search(str(exc))
                if missing is None:
                    raise QueryError(f"the update failed and nothing was written: {exc}") from exc
                self._store.add_graph(ox.NamedNode(missing.group(1)))
        raise QueryError("the update names too many graphs that do not exist yet")

    def bump_generation(self) -> None:
        """A new generation (:mod:`nap_graph.generation`); called by every write that
        succeeded, so the store is writable again."""
        self._store.update(next_generation_update())
        self._failed = False

    @property
    def writable(self) -> bool:
        """False after a write failed on the disk, until a write succeeds again."""
        return not getattr(self, "_failed", False)

    def write_failed(self, exc: OSError) -> StoreUnavailableError:
        """The error a write that failed on the disk raises: said without the store's path
        (which is logged); :attr:`writable` is false until a write succeeds again."""
        log.error("a write to the store at %s failed: %s", self.path, exc)
        self._failed = True
        return StoreUnavailableError(
            "the store cannot be written now (its disk may be full or read-only); nothing "
            "was written. Reads still work, and writes will again once the disk allows them"
        )

    def get_graph(self, graph: GraphName) -> list[ox.Triple]:
        return [q.triple for q in self._store.quads_for_pattern(None, None, None, _graph(graph))]

    @locked
    def put_graph(self, graph: GraphName, triples: Iterable[ox.Triple]) -> None:
        self.update(replace_graph(graph, triples))

    @locked
    def post_graph(self, graph: GraphName, triples: Iterable[ox.Triple]) -> None:
        name = _graph(graph)
        self._store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)

    @locked
    def delete_graph(self, graph: GraphName) -> None:
        if graph is None:
            self._store.clear_graph(ox.DefaultGraph())
        else:
            self._store.remove_graph(ox.NamedNode(graph))

    def named_graphs(self, keep: Callable[[str], bool] | None = None) -> list[str]:
        names = (g for g in self._store.named_graphs() if keep is None or keep(g.value))
        return sorted(g.value for g in names if self._has_triples(g))

    def _has_triples(self, graph: ox.NamedNode | ox.BlankNode) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, graph)), None) is not None

    def dump(self) -> list[ox.Quad]:
        return list(self._store)

    def stats(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for quad in self._store:
            if isinstance(quad.graph_name, ox.NamedNode):
                counts[quad.graph_name.value] = counts.get(quad.graph_name.value, 0) + 1
        return dict(sorted(counts.items()))

    @locked
    def load_file(
        self, path: Path, rdf_format: ox.RdfFormat, graph: str | None, *, replace: bool = False
    ) -> int:
        """Into an empty store, or replacing a graph, with Oxigraph's bulk loader (fast; a
        file that fails to parse is checked first, so nothing is left half-loaded); otherwise
        parsed first and added in one transaction."""
        if not replace and self.is_empty():  # a big dump into a new store: the bulk loader
            return self.bulk_load_new(path, rdf_format, graph)
        quads = parse_file(path, rdf_format, graph)
        if replace and graph is not None:
            self.delete_graph(graph)
        self._store.extend(quads)
        return len(quads)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError):  # a read-only store has nothing to flush
            self._store.flush()
        del self._store
