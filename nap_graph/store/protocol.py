"""The one store interface. Two backends implement it: :class:`OxigraphStore` (embedded,
on disk or in memory) and :class:`SparqlServerStore` (any SPARQL 1.1 server over the standard
protocols). Both return the types of :mod:`nap_graph.store.results`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

from nap_graph.store.results import QueryResult
from nap_graph.store.sparql_text import Binding
from nap_graph.store.write_lock import WriteLock

GraphName = str | None
"""A named graph's IRI, or ``None`` for the default graph."""


@runtime_checkable
class Queryable(Protocol):
    """What a function that only reads needs: a store, or the service's
    :class:`~nap_graph.store.query_path.QueryPath` (which adds its limits)."""

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
        """Evaluate a SPARQL query. ``default_graphs`` makes the default graph the union of
        those graphs; otherwise it is the union of all named graphs (``union_default_graph``)
        or the store's own default graph (which honours the query's own ``FROM``).
        ``named_graphs`` limits what ``GRAPH`` sees. ``bindings`` binds variables to terms.
        Relative IRIs resolve against ``base_iri``."""
        ...


@runtime_checkable
class GraphStore(Queryable, Protocol):
    """What nap-graph needs from a triple store."""

    write_lock: WriteLock
    """Held by every write from its first read to its last update (one writer at a time)."""

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Execute a SPARQL update; one call is applied whole or not at all (see each
        backend for the guarantee it can give). Relative IRIs resolve against ``base_iri``."""
        ...

    def bump_generation(self) -> None:
        """Give the store a new generation (:mod:`nap_graph.generation`). Every write method
        calls it when it returns; callers never need to."""
        ...

    def get_graph(self, graph: GraphName) -> list[ox.Triple]:
        """Graph Store Protocol GET: the triples of one graph (empty if it does not exist)."""
        ...

    def put_graph(self, graph: GraphName, triples: Iterable[ox.Triple]) -> None:
        """Graph Store Protocol PUT: replace the graph's content."""
        ...

    def post_graph(self, graph: GraphName, triples: Iterable[ox.Triple]) -> None:
        """Graph Store Protocol POST: add triples to the graph."""
        ...

    def delete_graph(self, graph: GraphName) -> None:
        """Graph Store Protocol DELETE: drop the graph."""
        ...

    def named_graphs(self, keep: Callable[[str], bool] | None = None) -> list[str]:
        """The IRIs of the named graphs that hold triples (only those ``keep`` accepts: a
        store of 160,000 submission graphs checks only those for triples)."""
        ...

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
        """A query's answer written in ``media_type`` (a SPARQL results or RDF format), at
        most ``max_bytes`` long (:class:`~nap_graph.errors.ResultTooLargeError` past it).
        ``max_rows`` caps the SELECT solutions of a backend that holds the answer whole
        before writing it (a SPARQL server's); Oxigraph writes while it evaluates and is
        capped by bytes alone."""
        ...

    def load_file(
        self, path: Path, rdf_format: ox.RdfFormat, graph: str | None, *, replace: bool = False
    ) -> int:
        """Load an RDF file: a triple format into ``graph`` (``replace``: instead of what it
        holds), a dataset format by its own graphs. The number of quads loaded;
        :class:`~nap_graph.errors.DataFileError` naming the file when it is not valid RDF."""
        ...

    def dump(self) -> list[ox.Quad]:
        """Every quad of the store (named graphs and default graph)."""
        ...

    def stats(self) -> dict[str, int]:
        """Triples per named graph."""
        ...

    def close(self) -> None:
        """Release the store (files, connections)."""
        ...
