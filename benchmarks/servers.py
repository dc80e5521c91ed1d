"""Real SPARQL servers started and stopped on 127.0.0.1, for the benchmarks and the tests:
the Oxigraph server (`oxigraph`, from the `oxigraph` package on PyPI), OpenLink Virtuoso 7
(Debian's `virtuoso-opensource-7`), rdflib-endpoint and `nap-graph serve` itself.

Each starter is a context manager that yields a :class:`Server` (its endpoints and process)
and stops the process on exit. A missing binary raises :class:`ServerMissingError`, which
the tests turn into a skip (or a failure in CI) and the benchmark runner into a note."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
BIN = Path(sys.executable).parent


class ServerMissingError(RuntimeError):
    """A server binary is not installed."""


@dataclass
class Server:
    """A running server: its SPARQL query, update and Graph Store endpoints, its process."""

    query: str
    update: str
    store: str
    process: subprocess.Popen[bytes]
    sql_port: int | None = None
    load_seconds: float | None = None
    """How long the server's own bulk loader took, where it loaded data on start."""

    def __getitem__(self, name: str) -> str:  # servers["query"], as the tests use them
        return str(getattr(self, name))

    def peak_rss_mb(self) -> float:
        """The process's peak resident memory (Linux: VmHWM), in MB."""
        return peak_rss_mb(self.process.pid)


def peak_rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def binary(name: str, what: str) -> str:
    """The path of an executable, from PATH or beside the running Python."""
    found = shutil.which(name) or str(BIN / name)
    if not Path(found).exists():
        raise ServerMissingError(f"{what} is not installed (`{name}` not found)")
    return found


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    """Poll ``url`` until it answers below 500; fail with the log's tail if the process
    exits or the time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server exited with {process.returncode}: {log.read_text()[-2000:]}"
            )
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"the server at {url} did not come up in {seconds} s: {log.read_text()[-2000:]}"
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def _started(
    command: list[str],
    log: Path,
    ready_url: str,
    *,
    seconds: float = 60,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=dict(env) if env is not None else None,
        )
    try:
        wait_for(ready_url, process, log, seconds)
        yield process
    finally:
        stop(process)


def oxigraph_load(location: Path, dump: Path) -> None:
    """Fill a fresh Oxigraph server store with ``oxigraph load`` (its bulk loader)."""
    subprocess.run(
        [
            binary("oxigraph", "the Oxigraph server (pip install oxigraph)"),
            "load",
            "--location",
            str(location),
            "--file",
            str(dump),
        ],
        check=True,
        capture_output=True,
    )


@contextmanager
def oxigraph_server(
    folder: Path, *, location: Path | None = None, read_only: bool = False
) -> Iterator[Server]:
    """The Oxigraph server over ``location`` (a fresh store in ``folder`` by default), with
    the union of all graphs as default graph; ``read_only`` uses `serve-read-only`."""
    command = binary("oxigraph", "the Oxigraph server (pip install oxigraph)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with _started(
        [
            command,
            "serve-read-only" if read_only else "serve",
            "--location",
            str(location or folder / "data"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        folder / "oxigraph.log",
        f"{base}/query?query=ASK%7B%7D",
    ) as process:
        yield Server(f"{base}/query", f"{base}/update", f"{base}/store", process)


def _virtuoso_ini(folder: Path, sql_port: int, http_port: int, tuned: bool) -> None:
    if not VIRTUOSO_INI.exists():
        raise ServerMissingError(
            "OpenLink Virtuoso 7 is not installed (apt-get install virtuoso-opensource-7)"
        )
    ini = VIRTUOSO_INI.read_text()
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    ini = ini.replace("ServerPort               = 1111", f"ServerPort               = {sql_port}")
    ini = ini.replace(
        "ServerPort                  = 8890", f"ServerPort                  = {http_port}"
    )
    # the bulk loader reads only from allowed directories; give it this one
    ini = ini.replace("DirsAllowed              = .", f"DirsAllowed              = ., {folder}")
    if tuned:  # as Virtuoso's own ini advises for 4 GB of RAM; no row cap, no time cap
        ini = re.sub(r"(?m)^NumberOfBuffers\s*=.*$", "NumberOfBuffers = 340000", ini)
        ini = re.sub(r"(?m)^MaxDirtyBuffers\s*=.*$", "MaxDirtyBuffers = 250000", ini)
        ini = re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 10000000", ini)
        ini = re.sub(r"(?m)^MaxQueryExecutionTime\s*=.*$", "MaxQueryExecutionTime = 0", ini)
    (folder / "virtuoso.ini").write_text(ini)


def isql(port: int, statements: str, timeout: float = 3600) -> str:
    """Run SQL statements through Virtuoso's `isql-vt` as dba."""
    tool = binary("isql-vt", "OpenLink Virtuoso 7 (apt-get install virtuoso-opensource-7)")
    done = subprocess.run(
        [tool, str(port), "dba", "dba", "exec=" + statements],
        check=True,
        capture_output=True,
        timeout=timeout,
        text=True,
    )
    return done.stdout


@contextmanager
def virtuoso_server(
    folder: Path, *, service: bool = False, bulk_load: Path | None = None, tuned: bool = False
) -> Iterator[Server]:
    """A Virtuoso 7 server over a fresh database in ``folder``, with SPARQL updates granted;
    with ``service`` also allowed to call SERVICE endpoints (its Graph Store writes are then
    refused, so the two are kept apart); with ``bulk_load`` an N-Quads file (in ``folder``)
    loaded by Virtuoso's bulk loader (``ld_dir`` + ``rdf_loader_run``) before it is
    yielded; ``tuned`` gives it 2.7 GB of buffers (the ini's advice for 4 GB of RAM; the
    Debian default is 80 MB) and lifts the row and time caps that would cut answers short."""
    command = binary("virtuoso-t", "OpenLink Virtuoso 7 (apt-get install virtuoso-opensource-7)")
    sql_port, http_port = free_port(), free_port()
    _virtuoso_ini(folder, sql_port, http_port, tuned)
    base = f"http://127.0.0.1:{http_port}"
    with _started(
        [command, "-f", "-c", "virtuoso.ini"],
        folder / "virtuoso.out",
        f"{base}/sparql?query=ASK%7B%7D",
        seconds=120,
        cwd=folder,
    ) as process:
        grants = 'grant SPARQL_UPDATE to "SPARQL";'
        if service:
            grants += (
                ' grant SPARQL_LOAD_SERVICE_DATA to "SPARQL";'
                ' grant execute on DB.DBA.SPARQL_SINV_IMP to "SPARQL";'
            )
        isql(sql_port, grants, timeout=60)
        begin = time.perf_counter()
        if bulk_load is not None:
            isql(
                sql_port,
                f"ld_dir('{bulk_load.parent}', '{bulk_load.name}', 'urn:nap-graph:default'); "
                "rdf_loader_run(); checkpoint;",
            )
        loaded = time.perf_counter() - begin if bulk_load is not None else None
        yield Server(
            f"{base}/sparql",
            f"{base}/sparql",
            f"{base}/sparql-graph-crud",
            process,
            sql_port,
            loaded,
        )


@contextmanager
def rdflib_endpoint(folder: Path, dump: Path, seconds: float = 3600) -> Iterator[Server]:
    """rdflib-endpoint serving ``dump`` (rdflib's in-memory Dataset, union default graph)."""
    command = binary("rdflib-endpoint", "rdflib-endpoint (pip install rdflib-endpoint)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with _started(
        [command, "serve", "--host", "127.0.0.1", "--port", str(port), str(dump)],
        folder / "rdflib-endpoint.log",
        f"{base}/?query=ASK%7B%7D",
        seconds=seconds,
    ) as process:
        yield Server(f"{base}/", f"{base}/", "", process)


@contextmanager
def nap_graph_server(
    folder: Path, store: Path | None, env: Mapping[str, str] | None = None, seconds: float = 600
) -> Iterator[Server]:
    """`nap-graph serve` over an on-disk store (or, with ``store`` None, over the SPARQL
    server that ``env`` names), ready once its query workers answer from their in-memory
    copies (``/health``)."""
    command = binary("nap-graph", "nap-graph (pip install -e .)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = dict(os.environ, **(env or {}))
    where = ["--store", str(store)] if store is not None else []
    with _started(
        [command, "serve", "--port", str(port), *where],
        folder / "nap-graph.log",
        f"{base}/health",
        env=environment,
        seconds=seconds,  # a first start builds the search index: 70 s at 5M triples
    ) as process:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            workers = httpx.get(f"{base}/health", timeout=30).json().get("query_workers")
            if not workers or (workers["checkpoint"] == 0 and workers["busy"] == 0):
                break
            time.sleep(0.5)
        yield Server(f"{base}/sparql", f"{base}/sparql", f"{base}/store", process)
