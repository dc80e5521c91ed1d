"""What HTTP costs: per-query latency of nap-graph over HTTP against in-process pyoxigraph
(in memory and on disk) and the Oxigraph server, on the same data, and throughput with
concurrent clients on a lookup.

    python -m benchmarks.http [--triples 100000] [--runs 20] [--clients 8] [--seconds 20]

The data is the default data plus the synthetic WPS graph (benchmarks.synthetic) up to the
size asked for. Each engine gets the same queries; row counts are
compared so that a fast wrong answer cannot win. Figures go into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

from benchmarks.store import synthetic_dump
from nap_graph.namespaces import sparql_prologue
from nap_graph.store.sparql_text import query_form

QUERY_DIR = Path(__file__).parent / "queries"
QUERIES = {path.stem: path.read_text(encoding="utf-8") for path in sorted(QUERY_DIR.glob("*.rq"))}
"""The query set: lookups, GROUP BY, joins with OPTIONAL, text search (CONTAINS, REGEX),
property paths, top-k, CONSTRUCT, ASK and DESCRIBE, one file each in benchmarks/queries/."""


def _rows(result: object) -> int:
    if isinstance(result, bool | ox.QueryBoolean):
        return int(bool(result))
    if isinstance(result, ox.QueryTriples):
        return sum(1 for _ in result)
    return sum(1 for _ in result)  # type: ignore[attr-defined]


def _timed(work, runs: int) -> tuple[float, float, int]:  # noqa: ANN001
    rows = work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return (
        statistics.median(times),
        max(times) if len(times) < 20 else statistics.quantiles(times, n=20)[-1],
        rows,
    )


def _http(url: str, query: str, client: httpx.Client) -> int:
    graph_query = query_form(query) in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples" if graph_query else "application/sparql-results+json"
    response = client.post(url, data={"query": query}, headers={"Accept": accept})
    response.raise_for_status()
    if graph_query:
        return len([line for line in response.text.splitlines() if line.strip()])
    document = response.json()
    return (
        int(document["boolean"]) if "boolean" in document else len(document["results"]["bindings"])
    )


def _start(
    command: list[str], url: str, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    for _ in range(600):
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{command[0]} did not start")


def _throughput(url: str, query: str, clients: int, seconds: float) -> tuple[float, float]:
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run() -> None:
        with httpx.Client(timeout=60) as client:
            while time.monotonic() < stop:
                start = time.perf_counter()
                _http(url, query, client)
                with lock:
                    latencies.append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / seconds, statistics.quantiles(latencies, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    prologue = sparql_prologue()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dump = folder / "data.nq"
        n = synthetic_dump(dump, args.triples)
        memory = ox.Store()
        memory.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
        disk = ox.Store(str(folder / "disk"))
        disk.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
        disk.flush()
        del disk
        nap_store = folder / "nap"
        loaded = ox.Store(str(nap_store))
        loaded.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
        loaded.flush()
        del loaded
        subprocess.run(
            [
                str(bin_dir / "oxigraph"),
                "load",
                "--location",
                str(folder / "oxs"),
                "--file",
                str(dump),
            ],
            check=True,
            capture_output=True,
        )
        disk_store = ox.Store.read_only(str(folder / "disk"))
        env = dict(os.environ, NAP_GRAPH_QUERY_WORKERS="4")
        nap_port, ox_port = 18931, 18932
        nap = _start(
            [
                str(bin_dir / "nap-graph"),
                "serve",
                "--port",
                str(nap_port),
                "--store",
                str(nap_store),
            ],
            f"http://127.0.0.1:{nap_port}/health",
            env,
        )
        oxs = _start(
            [
                str(bin_dir / "oxigraph"),
                "serve-read-only",
                "--location",
                str(folder / "oxs"),
                "--bind",
                f"127.0.0.1:{ox_port}",
                "--union-default-graph",
            ],
            f"http://127.0.0.1:{ox_port}/query?query=ASK%7B%7D",
        )
        try:
            print(f"# HTTP cost at {n:,} triples (medians of {args.runs} warm runs, ms)\n")
            print(
                "| query | rows | in-process memory | in-process disk | nap-graph HTTP | Oxigraph server | HTTP / in-memory |"
            )
            print("|---|---|---|---|---|---|---|")
            with httpx.Client(timeout=120) as client:
                for name, query in QUERIES.items():
                    text = prologue + query
                    mem, _, rows = _timed(
                        lambda q=text: _rows(memory.query(q, use_default_graph_as_union=True)),
                        args.runs,
                    )
                    dsk, _, rows_disk = _timed(
                        lambda q=text: _rows(disk_store.query(q, use_default_graph_as_union=True)),
                        args.runs,
                    )
                    http, _, rows_http = _timed(
                        lambda q=text: _http(f"http://127.0.0.1:{nap_port}/sparql", q, client),
                        args.runs,
                    )
                    oxh, _, rows_ox = _timed(
                        lambda q=text: _http(f"http://127.0.0.1:{ox_port}/query", q, client),
                        args.runs,
                    )
                    agree = (
                        ""
                        if rows == rows_disk == rows_http == rows_ox
                        else f" (rows differ: {rows}/{rows_disk}/{rows_http}/{rows_ox})"
                    )
                    print(
                        f"| {name}{agree} | {rows} | {mem:.1f} | {dsk:.1f} | {http:.1f} | {oxh:.1f} | {http / mem:.1f}x |"
                    )
            lookup = prologue + QUERIES["lookup-organisation"]
            for label, url in (
                ("nap-graph", f"http://127.0.0.1:{nap_port}/sparql"),
                ("Oxigraph server", f"http://127.0.0.1:{ox_port}/query"),
            ):
                rate, p99 = _throughput(url, lookup, args.clients, args.seconds)
                print(
                    f"\n{label}: {args.clients} clients for {args.seconds:g} s on the lookup: {rate:,.0f} requests/s, p99 {p99:.1f} ms"
                )
        finally:
            nap.terminate()
            oxs.terminate()
            nap.wait(30)
            oxs.wait(30)


if __name__ == "__main__":
    main()
