"""The remote backend: any SPARQL 1.1 server, over the SPARQL 1.1 Protocol (query, update)
and the Graph Store HTTP Protocol.

Tested against the Oxigraph server (a conformant reference) and OpenLink Virtuoso 7.2 (the
kind of store ministries run), whose quirks this backend lives with:

- queries go by GET, or form-encoded POST when long; never ``application/sparql-query``
  POST (Virtuoso never answers it);
- every request names the result format it wants in ``Accept`` (Virtuoso answers ASK with
  HTML otherwise), and SPARQL JSON results with ``typed-literal`` are read;
- the Graph Store endpoint is configurable (Virtuoso: ``/sparql-graph-crud``, which needs
  the SPARQL_UPDATE grant and has no ``?default``; Oxigraph: ``/store``; Fuseki:
  ``/<dataset>/data``);
- variable bindings are sent as a trailing ``VALUES`` clause (servers do not substitute).

One HTTP client (httpx) does all of it: connection pooling, a timeout on every request,
retries on connection errors, basic or bearer authentication. SPARQLWrapper, the usual
choice, cannot speak the Graph Store Protocol, so it is used by the tests as a client of
nap-graph's own endpoint instead. Errors: :class:`StoreUnavailableError` when the server is
down or too slow after the retries, :class:`StoreRefusedError` when it refuses (401, 403,
5xx, with its message), :class:`QueryError` for a malformed query (400).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import httpx
import pyoxigraph as ox

from nap_graph import queries
from nap_graph.errors import (
    QueryError,
    ResultTooLargeError,
    StoreRefusedError,
    StoreUnavailableError,
)
from nap_graph.generation import next_generation_update
from nap_graph.namespaces import sparql_prologue
from nap_graph.store.protocol import GraphName
from nap_graph.store.rdf_parsing import parse_file
from nap_graph.store.results import QueryResult, SelectResult, parse_sparql_json, serialize_result
from nap_graph.store.sparql_text import (
    Binding,
    bind_values,
    drop_graph,
    insert_data,
    query_form,
    replace_graph,
)
from nap_graph.store.write_lock import WriteLock, locked

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
MAX_GET_LENGTH = 2000
LEADING_BASE = re.compile(r"\s*BASE\s*<[^>]*>\s*", re.IGNORECASE)
SYSTEM_GRAPH = re.compile(
    r"^(http://www\.openlinksw\.com/|http://www\.w3\.org/ns/ldp#$|http://localhost(:\d+)?/(sparql|DAV/)$)"
)
"""Graphs a server keeps for itself (Virtuoso's), left out of named_graphs, stats and dump."""


class SparqlServerStore:
    """A :class:`~nap_graph.store.protocol.GraphStore` on a remote SPARQL 1.1 server."""

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        username: str | None = None,
        password: str | None = None,
        token: str | None = None,
        timeout: float = 30.0,
        retries: int = 2,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.graph_store_url = graph_store_url
        self.write_lock = WriteLock(f"sparql-server {self.update_url}")
        """Held by every write: threads of this process and processes on this machine take
        turns (:mod:`nap_graph.store.write_lock`)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        auth = httpx.BasicAuth(username, password or "") if username else None
        self._client = httpx.Client(
            timeout=timeout,
            headers=headers,
            auth=auth,
            transport=httpx.HTTPTransport(retries=retries),
        )

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException as exc:
            raise StoreUnavailableError(
                f"the SPARQL server at {url} did not answer within {self._client.timeout.read} s"
            ) from exc
        except httpx.TransportError as exc:
            raise StoreUnavailableError(
                f"the SPARQL server at {url} is unreachable: {exc}"
            ) from exc
        if response.status_code == 400:
            raise QueryError(f"the server refused the request as malformed: {response.text[:500]}")
        if response.status_code >= 400:
            raise StoreRefusedError(
                f"the SPARQL server at {url} answered {response.status_code} "
                f"{response.reason_phrase}: {response.text[:500]}"
            )
        return response

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
        bound = bind_values(sparql, bindings or {})
        if base_iri is not None:
            bound = f"BASE {ox.NamedNode(base_iri)}\n{bound}"
        base = LEADING_BASE.match(bound)  # Virtuoso wants BASE before the PREFIX declarations
        text = (
            (base.group() if base else "") + sparql_prologue() + bound[base.end() if base else 0 :]
        )
        form = query_form(sparql)
        accept = N_TRIPLES if form in ("CONSTRUCT", "DESCRIBE") else RESULTS_JSON
        params: list[tuple[str, str]] = [("query", text)]
        params += [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        headers = {"Accept": accept}
        if len(str(httpx.QueryParams(params))) <= MAX_GET_LENGTH:
            response = self._send("GET", self.query_url, params=params, headers=headers)
        else:
            form: dict[str, str | list[str]] = {"query": text}
            if default_graphs:
                form["default-graph-uri"] = list(default_graphs)
            if named_graphs:
                form["named-graph-uri"] = list(named_graphs)
            response = self._send("POST", self.query_url, data=form, headers=headers)
        if accept == N_TRIPLES:
            return [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]
        try:
            return parse_sparql_json(response.json())
        except (ValueError, KeyError) as exc:
            raise StoreRefusedError(
                f"the server at {self.query_url} did not send SPARQL JSON results: "
                f"{response.headers.get('content-type')} {response.text[:200]}"
            ) from exc

    @locked
    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        base = f"BASE {ox.NamedNode(base_iri)}\n" if base_iri else ""
        self._send(
            "POST",
            self.update_url,
            data={"update": base + sparql_prologue() + sparql},
            headers={"Accept": f"{RESULTS_JSON}, */*;q=0.1"},
        )

    def bump_generation(self) -> None:
        """A new generation (:mod:`nap_graph.generation`); called by every write."""
        self._send(
            "POST",
            self.update_url,
            data={"update": next_generation_update()},
            headers={"Accept": f"{RESULTS_JSON}, */*;q=0.1"},
        )

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
        """The answer in ``media_type``, as :meth:`OxigraphStore.query_serialized` gives it:
        fetched from the server as SPARQL JSON or N-Triples and written here. The server's
        answer is held whole, so ``max_rows`` (SELECT solutions) is checked before it is
        written and ``max_bytes`` after (:class:`ResultTooLargeError` either way)."""
        result = self.query(
            sparql,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            union_default_graph=union_default_graph,
            base_iri=base_iri,
        )
        if (
            max_rows is not None
            and isinstance(result, SelectResult)
            and len(result.rows) > max_rows
        ):
            raise ResultTooLargeError(
                f"the query has more than {max_rows:,} results; add LIMIT or narrow it"
            )
        body = serialize_result(result, media_type)
        if max_bytes is not None and len(body) > max_bytes:
            raise ResultTooLargeError(
                f"the answer is over {max_bytes:,} bytes; add LIMIT or narrow the query"
            )
        return body

    def _graph_params(self, graph: GraphName) -> dict[str, str]:
        if self.graph_store_url is None:
            raise StoreRefusedError("no Graph Store endpoint configured for this SPARQL server")
        return {"default": ""} if graph is None else {"graph": graph}

    def get_graph(self, graph: GraphName) -> list[ox.Triple]:
        if self.graph_store_url is None:
            result = (
                self.query(queries.load("default-graph.rq"), union_default_graph=False)
                if graph is None
                else self.query(
                    queries.load("named-graph.rq"), bindings={"graph": ox.NamedNode(graph)}
                )
            )
            return result if isinstance(result, list) else []
        try:
            response = self._send(
                "GET",
                self.graph_store_url,
                params=self._graph_params(graph),
                headers={"Accept": N_TRIPLES},
            )
        except StoreRefusedError as exc:
            if "404" in str(exc):
                return []
            raise
        return [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]

    def _send_graph(self, method: str, graph: GraphName, triples: Iterable[ox.Triple]) -> None:
        body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
        self._send(
            method,
            self.graph_store_url or "",
            params=self._graph_params(graph),
            content=body,
            headers={"Content-Type": N_TRIPLES},
        )

    @locked
    def put_graph(self, graph: GraphName, triples: Iterable[ox.Triple]) -> None:
        """By the Graph Store Protocol where configured (blank nodes are fine there), else by
        one SPARQL update."""
        if self.graph_store_url is not None:
            self._send_graph("PUT", graph, triples)
            return
        self.update(replace_graph(graph, triples))

    @locked
    def post_graph(self, graph: GraphName, triples: Iterable[ox.Triple]) -> None:
        if self.graph_store_url is not None:
            self._send_graph("POST", graph, triples)
            return
        self.update(insert_data({graph: triples}))

    @locked
    def delete_graph(self, graph: GraphName) -> None:
        self.update(drop_graph(graph))

    @locked
    def load_file(
        self, path: Path, rdf_format: ox.RdfFormat, graph: str | None, *, replace: bool = False
    ) -> int:
        """Parsed here, then written graph by graph (Graph Store Protocol or SPARQL update)."""
        by_graph: dict[str | None, list[ox.Triple]] = {}
        quads = parse_file(path, rdf_format, graph)
        for q in quads:
            key = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
            by_graph.setdefault(key, []).append(q.triple)
        for name, triples in by_graph.items():
            (self.put_graph if replace else self.post_graph)(name, triples)
        return len(quads)

    def named_graphs(self, keep: Callable[[str], bool] | None = None) -> list[str]:
        result = self.query(queries.load("named-graphs.rq"))
        assert isinstance(result, SelectResult)
        return sorted(
            row["graph"].value
            for row in result.rows
            if "graph" in row
            and not SYSTEM_GRAPH.match(row["graph"].value)
            and (keep is None or keep(row["graph"].value))
        )

    def dump(self) -> list[ox.Quad]:
        """Every quad: the named graphs' and the server's own default graph's (a server that
        shows the union of its named graphs as the default graph gives them once, named)."""
        every = self.query(queries.load("named-graphs.rq"))
        graphs = [r["graph"].value for r in every.rows] if isinstance(every, SelectResult) else []
        named = {t for graph in graphs for t in self.get_graph(graph)}  # system graphs too
        own_default = self.query(queries.load("default-graph.rq"), union_default_graph=False)
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
            for t in (own_default if isinstance(own_default, list) else [])
            if t not in named
        ]
        for graph in self.named_graphs():
            name = ox.NamedNode(graph)
            quads += [
                ox.Quad(t.subject, t.predicate, t.object, name) for t in self.get_graph(graph)
            ]
        return quads

    def stats(self) -> dict[str, int]:
        result = self.query(queries.load("triples-per-graph.rq"))
        assert isinstance(result, SelectResult)
        return dict(
            sorted(
                (row["graph"].value, int(row["triples"].value))
                for row in result.rows
                if not SYSTEM_GRAPH.match(row["graph"].value)
            )
        )

    def close(self) -> None:
        self._client.close()
