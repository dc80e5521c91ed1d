"""The measurements: query latency on one engine, throughput of concurrent HTTP clients,
and nap-graph's ingest and export."""

from __future__ import annotations

import math
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.engines import Engine, QueryTimedOutError, ask
from benchmarks.servers import binary


@dataclass
class Timing:
    """Latencies of one query on one engine (ms), its row count, or a timeout."""

    times: list[float] = field(default_factory=list)
    rows: int | None = None
    timed_out: bool = False
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else math.nan

    @property
    def p95(self) -> float:
        if len(self.times) < 2:
            return self.median
        return statistics.quantiles(self.times, n=20, method="inclusive")[-1]


def _run_once(engine: Engine, query: str, timing: Timing) -> tuple[int, float] | None:
    """One execution: rows and milliseconds, or ``None`` after noting a timeout or error."""
    try:
        return engine.run(query)
    except QueryTimedOutError:
        timing.timed_out = True
    except RuntimeError as error:
        timing.error = str(error)
    return None


def measure(engine: Engine, query: str, runs: int, budget: float, limit: float) -> Timing:
    """One warm-up run (which also gives the row count), then timed runs until ``runs`` or
    ``budget`` seconds; a query whose warm-up alone exceeds the budget is timed by that one
    run. Over ``limit`` the query is a timeout (the engine is restarted for the next)."""
    timing = Timing()
    warm = _run_once(engine, query, timing)
    if warm is None:
        return timing
    timing.rows, first = warm
    if first / 1000 > budget:
        timing.times.append(first)
        return timing
    deadline = time.monotonic() + budget
    while len(timing.times) < runs and time.monotonic() < deadline:
        run = _run_once(engine, query, timing)
        if run is None:
            return timing
        rows, elapsed = run
        if rows != timing.rows:
            timing.error = f"row count changed between runs: {timing.rows}, then {rows}"
        timing.times.append(elapsed)
    return timing


@dataclass
class Throughput:
    requests_per_second: float
    p99: float
    errors: int


def throughput(url: str, query: str, clients: int, seconds: float) -> Throughput:
    """``clients`` threads, each with its own connection, sending ``query`` back to back for
    ``seconds``; every answer is read and counted (an answer that is not 200 is an error)."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        with httpx.Client() as session:
            while time.monotonic() < stop:
                begin = time.perf_counter()
                try:
                    ask(session, url, query, 60)
                except (RuntimeError, QueryTimedOutError, httpx.HTTPError):
                    with lock:
                        errors += 1
                    continue
                with lock:
                    latencies.append((time.perf_counter() - begin) * 1000)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    p99 = statistics.quantiles(latencies, n=100)[98] if len(latencies) > 1 else math.nan
    return Throughput(len(latencies) / seconds, p99, errors)


@dataclass
class Operations:
    """nap-graph's own operations on the loaded store."""

    ingest_ms: list[float]
    stored: int
    export_seconds: float
    exported_triples: int


def ingest_and_export(store_path: Path, folder: Path, submissions: int) -> Operations:
    """Ingest ``submissions`` seed-shaped submissions one by one into the loaded on-disk
    store through the one write path, as the service does (``Workspace.check``, then
    ``Workspace.submit``: read, validated against the store's reference data, written as
    one atomic update, the search index and the current view brought up to date), timing
    each; then ``nap-graph export`` of the whole store as N-Quads."""
    from benchmarks.synthetic_submissions import seed_variants
    from nap_graph.access import Principal
    from nap_graph.ingest import Status
    from nap_graph.search import SearchIndex
    from nap_graph.store import OxigraphStore
    from nap_graph.store.query_path import QueryPath
    from nap_graph.store.settings import StoreSettings
    from nap_graph.workspace import Workspace

    files = seed_variants(folder / "submissions", submissions + 1)
    store = OxigraphStore(store_path)
    search = SearchIndex.for_settings(StoreSettings(store=store_path))
    workspace = Workspace(store, QueryPath(store, search=search))
    who = Principal.local()

    def ingest(path: Path) -> int:
        checked = workspace.check(path.read_bytes(), path.name)
        outcome = workspace.submit(checked, who, file=path.name)
        return sum(result.status is Status.stored for result in outcome.results)

    times: list[float] = []
    stored = 0
    try:
        ingest(files[0])  # warm: shapes and reference data parsed once
        for path in files[1:]:
            begin = time.perf_counter()
            stored += ingest(path)
            times.append((time.perf_counter() - begin) * 1000)
    finally:
        search.close()
        store.close()
    output = folder / "export.nq"
    begin = time.perf_counter()
    subprocess.run(
        [
            binary("nap-graph", "nap-graph"),
            "export",
            "--store",
            str(store_path),
            "--format",
            "nq",
            "-o",
            str(output),
        ],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - begin
    with output.open("rb") as dump:
        triples = sum(1 for line in dump if line.strip())
    return Operations(times, stored, seconds, triples)
