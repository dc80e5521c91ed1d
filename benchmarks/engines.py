"""The engines the benchmark compares, behind one interface: load a dump, run a query
(rows and milliseconds, or :class:`QueryTimedOutError`), restart after a timeout, report peak
memory, and (for servers) the URL a load generator can hit.

In-process engines (nap-graph's library, rdflib) run in a child process so that a query
over the limit can be stopped (SIGKILL) and so that each has its own peak memory; they time
their queries themselves, so the pipe to the child is not counted. Servers are timed from
the client, HTTP included, as a researcher would see them."""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing as mp
import resource
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from benchmarks import servers
from benchmarks.servers import Server
from nap_graph.store.sparql_text import query_form

_CONTEXT = mp.get_context("spawn")
GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
RESULTS_ACCEPT = "application/sparql-results+json"


class QueryTimedOutError(Exception):
    """The query did not finish within the limit."""


@dataclass
class Load:
    """How long loading took (the engine's own loader), and until it answered queries."""

    seconds: float
    triples: int
    ready: float = 0.0

    @property
    def rate(self) -> float:
        return self.triples / self.seconds if self.seconds else float("nan")


class Engine:
    """One engine under test. ``start`` loads the data and returns how long that took."""

    name = ""
    http = False

    def start(self, dump: Path, triples: int, folder: Path, limit: float) -> Load:
        raise NotImplementedError

    def run(self, query: str) -> tuple[int, float]:
        """Rows and milliseconds of one execution; QueryTimedOutError over the limit."""
        raise NotImplementedError

    def peak_rss_mb(self) -> float:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    @property
    def url(self) -> str | None:
        return None


# --- in-process engines, each in a child process ---------------------------------------


def _open_nap_graph(dump: Path, folder: Path, on_disk: bool) -> Callable[[str], int]:
    from nap_graph.store import OxigraphStore, SelectResult

    store = OxigraphStore(folder / "library-store" if on_disk else None)
    store.oxigraph.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)

    def run(query: str) -> int:
        result = store.query(query)
        if isinstance(result, SelectResult):
            return len(result.rows)
        if isinstance(result, bool):
            return int(result)
        return len(result)

    return run


def _open_rdflib(dump: Path, folder: Path, on_disk: bool) -> Callable[[str], int]:
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(dump, format="nquads")

    def run(query: str) -> int:
        result = dataset.query(query)
        if result.type == "ASK":
            return int(bool(result.askAnswer))
        return sum(1 for _ in result)

    return run


OPENERS: dict[str, Callable[[Path, Path, bool], Callable[[str], int]]] = {
    "nap-graph": _open_nap_graph,
    "rdflib": _open_rdflib,
}


def _child(kind: str, dump: str, folder: str, on_disk: bool, connection: Connection) -> None:
    start = time.perf_counter()
    run = OPENERS[kind](Path(dump), Path(folder), on_disk)
    connection.send(time.perf_counter() - start)
    while True:
        query = connection.recv()
        if query is None:
            connection.send(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            return
        try:
            begin = time.perf_counter()
            rows = run(query)
            connection.send(("ok", rows, (time.perf_counter() - begin) * 1000))
        except Exception as exc:
            connection.send(("error", 0, f"{type(exc).__name__}: {exc}"))


class InProcessEngine(Engine):
    """A library in a child process: nap-graph (in memory or on disk) or rdflib."""

    def __init__(self, name: str, kind: str, *, on_disk: bool = False) -> None:
        self.name, self.kind, self.on_disk = name, kind, on_disk
        self.process: Any = None
        self.connection: Connection | None = None
        self.peak = 0.0

    def start(self, dump: Path, triples: int, folder: Path, limit: float) -> Load:
        self.args = (dump, triples, folder, limit)
        self.limit = limit
        parent, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(
            target=_child, args=(self.kind, str(dump), str(folder), self.on_disk, child)
        )
        self.process.start()
        child.close()
        self.connection = parent
        seconds = parent.recv()
        return Load(seconds, triples, seconds)

    def run(self, query: str) -> tuple[int, float]:
        assert self.connection is not None
        self.connection.send(query)
        if not self.connection.poll(self.limit):
            self._kill()
            self.start(*self.args)  # fresh child, data reloaded, for the next query
            raise QueryTimedOutError
        status, rows, detail = self.connection.recv()
        if status != "ok":
            raise RuntimeError(f"{self.name}: {detail}")
        return rows, detail

    def _kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.peak = max(self.peak, servers.peak_rss_mb(self.process.pid))

    def peak_rss_mb(self) -> float:
        return self.peak

    def stop(self) -> None:
        if self.connection is None:
            return
        self.connection.send(None)
        self.peak = max(self.peak, self.connection.recv())
        self.process.join(30)
        self.connection = None


# --- servers over HTTP ------------------------------------------------------------------


def count_rows(response: httpx.Response, graph_query: bool) -> int:
    """Rows of a SPARQL JSON answer, or triples of an RDF answer (parsed, not guessed). An
    RDF answer under a media type that is not RDF (rdflib-endpoint labels its RDF/XML
    ``application/sparql-results+xml``) is read by its first characters."""
    if not graph_query:
        document = response.json()
        if "boolean" in document:
            return int(document["boolean"])
        return len(document["results"]["bindings"])
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    rdf_format = ox.RdfFormat.from_media_type(media_type)
    if media_type == "text/plain":
        rdf_format = ox.RdfFormat.N_TRIPLES
    if rdf_format is None:
        start = response.content.lstrip()[:20]
        rdf_format = (
            ox.RdfFormat.RDF_XML
            if start.startswith((b"<?xml", b"<rdf:"))
            else ox.RdfFormat.JSON_LD
            if start.startswith((b"{", b"["))
            else ox.RdfFormat.TURTLE
        )
    try:
        return sum(1 for _ in ox.parse(response.content, format=rdf_format))
    except SyntaxError as exc:
        raise RuntimeError(f"the answer is not {rdf_format} as announced: {exc}") from exc


def ask(client: httpx.Client, url: str, query: str, timeout: float) -> int:
    """POST one query (form-encoded, as the SPARQL Protocol allows everywhere) and count
    the answer; QueryTimedOutError on a client timeout or a 503 from the server."""
    graph_query = query_form(query) in ("CONSTRUCT", "DESCRIBE")
    try:
        response = client.post(
            url,
            data={"query": query},
            headers={"Accept": GRAPH_ACCEPT if graph_query else RESULTS_ACCEPT},
            timeout=timeout,
        )
    except httpx.TimeoutException as exc:
        raise QueryTimedOutError from exc
    if response.status_code == 503:
        raise QueryTimedOutError
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}: {response.text[:300]}")
    return count_rows(response, graph_query)


class ServerEngine(Engine):
    """A SPARQL server over HTTP. ``launch(folder, first)`` starts it (loading the data the
    first time); a query over the limit restarts it, since most servers keep computing a
    query whose client has gone."""

    http = True

    def __init__(
        self,
        name: str,
        launch: Callable[[Path, Path, bool, float], AbstractContextManager[Server]],
        prepare: Callable[[Path, Path], None] | None = None,
    ) -> None:
        self.name, self.launch, self.prepare = name, launch, prepare
        self.stack = ExitStack()
        self.server: Server | None = None
        self.client = httpx.Client()
        self.peak = 0.0

    def start(self, dump: Path, triples: int, folder: Path, limit: float) -> Load:
        self.dump, self.folder, self.limit = dump, folder, limit
        begin = time.perf_counter()
        if self.prepare is not None:
            self.prepare(folder, dump)
        prepared = time.perf_counter() - begin
        self.server = self.stack.enter_context(self.launch(folder, dump, True, limit))
        ready = time.perf_counter() - begin
        if self.server.load_seconds is not None:
            return Load(self.server.load_seconds, triples, ready)
        return Load(prepared if self.prepare is not None else ready, triples, ready)

    def restart(self) -> None:
        self._note_peak()
        self.stack.close()
        self.stack = ExitStack()
        self.server = self.stack.enter_context(
            self.launch(self.folder, self.dump, False, self.limit)
        )

    def run(self, query: str) -> tuple[int, float]:
        assert self.server is not None
        begin = time.perf_counter()
        try:
            rows = ask(self.client, self.server.query, query, self.limit)
        except QueryTimedOutError:
            self.restart()
            raise
        return rows, (time.perf_counter() - begin) * 1000

    @property
    def url(self) -> str | None:
        return self.server.query if self.server else None

    def _note_peak(self) -> None:
        if self.server is not None:
            self.peak = max(self.peak, tree_peak_rss_mb(self.server.process.pid))

    def peak_rss_mb(self) -> float:
        self._note_peak()
        return self.peak

    def stop(self) -> None:
        self._note_peak()
        self.stack.close()
        self.client.close()
        self.server = None


def tree_peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a process and all its descendants (query workers), in MB."""
    total = servers.peak_rss_mb(pid)
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += tree_peak_rss_mb(int(child))
    return total


# --- the engines by name ----------------------------------------------------------------


@contextlib.contextmanager
def _nap_graph_http(
    folder: Path, dump: Path, first: bool, limit: float, memory_mb: int | None = None
) -> Iterator[Server]:
    """The service as shipped, but for the limits a benchmark must lift: the query timeout
    (the runner's own), the answer size, and the queries one address may run at once (the
    load generator's clients all come from 127.0.0.1, where they stand for many users).
    ``memory_mb``: the query workers' memory budget (default: the shipped one)."""
    env = {
        "NAP_GRAPH_QUERY_TIMEOUT": str(limit),
        "NAP_GRAPH_ANONYMOUS_QUERY_TIMEOUT": str(limit),
        "NAP_GRAPH_MAX_RESULT_BYTES": str(2**31),
        "NAP_GRAPH_QUERIES_PER_CLIENT": "64",
    }
    if memory_mb is not None:
        env["NAP_GRAPH_QUERY_MEMORY_MB"] = str(memory_mb)
    with servers.nap_graph_server(folder, folder / "nap-graph-store", env) as server:
        yield server


def _nap_graph_http_memory(
    folder: Path, dump: Path, first: bool, limit: float
) -> AbstractContextManager[Server]:
    """The service with a memory budget large enough for every worker's copy of the data
    at these scales (the speed bought with memory, docs/api.md)."""
    return _nap_graph_http(folder, dump, first, limit, memory_mb=16_000)


def _nap_graph_load(folder: Path, dump: Path) -> None:
    subprocess.run(
        [
            servers.binary("nap-graph", "nap-graph"),
            "load",
            str(dump),
            "--store",
            str(folder / "nap-graph-store"),
        ],
        check=True,
        capture_output=True,
    )


def _oxigraph(
    folder: Path, dump: Path, first: bool, limit: float
) -> AbstractContextManager[Server]:
    return servers.oxigraph_server(folder, location=folder / "oxigraph-store", read_only=True)


def _oxigraph_load(folder: Path, dump: Path) -> None:
    servers.oxigraph_load(folder / "oxigraph-store", dump)


def _virtuoso(
    folder: Path, dump: Path, first: bool, limit: float
) -> AbstractContextManager[Server]:
    home = folder / "virtuoso"
    home.mkdir(exist_ok=True)
    if first:  # the bulk loader reads from an allowed folder: the database's own
        (home / dump.name).unlink(missing_ok=True)
        (home / dump.name).hardlink_to(dump)
    return servers.virtuoso_server(home, bulk_load=home / dump.name if first else None, tuned=True)


@contextlib.contextmanager
def _nap_graph_on_virtuoso(folder: Path, dump: Path, first: bool, limit: float) -> Iterator[Server]:
    """`nap-graph serve --endpoint` in front of a Virtuoso holding the data: what nap-graph's
    service costs in front of a large store."""
    with _virtuoso(folder, dump, first, limit) as virtuoso:
        env = {
            "NAP_GRAPH_ENDPOINT": virtuoso.query,
            "NAP_GRAPH_UPDATE_ENDPOINT": virtuoso.update,
            "NAP_GRAPH_TIMEOUT": str(limit),
            "NAP_GRAPH_MAX_RESULTS": str(2**31),
        }
        with servers.nap_graph_server(folder, None, env) as server:
            yield dataclasses.replace(server, load_seconds=virtuoso.load_seconds)


def _rdflib_endpoint(
    folder: Path, dump: Path, first: bool, limit: float
) -> AbstractContextManager[Server]:
    return servers.rdflib_endpoint(folder, dump)


ENGINES: dict[str, Callable[[], Engine]] = {
    "nap-graph-http": lambda: ServerEngine("nap-graph HTTP", _nap_graph_http, _nap_graph_load),
    "nap-graph-http-memory": lambda: ServerEngine(
        "nap-graph HTTP (copies in memory)", _nap_graph_http_memory, _nap_graph_load
    ),
    "nap-graph-memory": lambda: InProcessEngine("nap-graph library (memory)", "nap-graph"),
    "nap-graph-disk": lambda: InProcessEngine(
        "nap-graph library (disk)", "nap-graph", on_disk=True
    ),
    "oxigraph-server": lambda: ServerEngine("Oxigraph server", _oxigraph, _oxigraph_load),
    "virtuoso": lambda: ServerEngine("Virtuoso 7", _virtuoso),
    "nap-graph-on-virtuoso": lambda: ServerEngine(
        "nap-graph HTTP on Virtuoso", _nap_graph_on_virtuoso
    ),
    "rdflib": lambda: InProcessEngine("rdflib (memory)", "rdflib"),
    "rdflib-endpoint": lambda: ServerEngine("rdflib-endpoint", _rdflib_endpoint),
}
"""Every engine the runner knows, by the name ``--engines`` takes."""
