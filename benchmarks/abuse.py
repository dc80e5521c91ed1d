"""The site under abusive SPARQL clients, for docs/benchmarks.md.

    python -m benchmarks.abuse [--clients 3,30] [--seconds 20]

Starts ``nap-graph serve`` over a fresh store with the default data (query workers and page
workers as deployed), then, for each number of abusive clients: that many threads send
anonymous cross-product queries in a loop (each waits at most 2 s for its answer, then asks
again), while one page client fetches the home page, an organisation's page, coverage, the
activities list and a search, one after another, for ``--seconds``. Prints the page client's
latency (p50, p95, p99, max) and the statuses it saw, and what the abusive clients got, as a
markdown table. A figure, not a test: the machine's load changes it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from benchmarks.servers import binary, nap_graph_server

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PAGES = ["/", "/doc/organisation/jenv", "/coverage", "/browse/activities", "/search?q=gender"]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(url: str, clients: int, seconds: float) -> dict[str, object]:
    stop = threading.Event()
    abusive: Counter[str] = Counter()

    def abuse() -> None:
        with httpx.Client(timeout=2) as client:
            while not stop.is_set():
                try:
                    answer = client.get(f"{url}/sparql", params={"query": CROSS})
                    abusive[str(answer.status_code)] += 1
                except httpx.TimeoutException:
                    abusive["gave up after 2 s"] += 1
                except httpx.TransportError:
                    abusive["connection error"] += 1

    threads = [threading.Thread(target=abuse, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # let them fill the SPARQL workers
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    with httpx.Client(timeout=30, headers={"Accept": "text/html"}) as pages:
        end = time.monotonic() + seconds
        i = 0
        while time.monotonic() < end:
            start = time.perf_counter()
            answer = pages.get(f"{url}{PAGES[i % len(PAGES)]}")
            latencies.append((time.perf_counter() - start) * 1000)
            statuses[answer.status_code] += 1
            i += 1
    stop.set()
    for thread in threads:
        thread.join(10)
    return {
        "clients": clients,
        "pages": len(latencies),
        "p50": statistics.median(latencies),
        "p95": _percentile(latencies, 0.95),
        "p99": _percentile(latencies, 0.99),
        "max": max(latencies),
        "statuses": dict(statuses),
        "abusive": dict(abusive),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="3,30")
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store"
        subprocess.run(
            [binary("nap-graph", "nap-graph"), "init", "--store", str(store)], check=True
        )
        with nap_graph_server(Path(folder), store) as server:
            url = server.query.removesuffix("/sparql")
            rows = [run(url, int(n), args.seconds) for n in args.clients.split(",")]
    print(
        "| abusive clients | page requests | p50 (ms) | p95 | p99 | max | page statuses | "
        "abusive answers |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['clients']} | {r['pages']} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {r['max']:.1f} | {r['statuses']} | {r['abusive']} |"
        )


if __name__ == "__main__":
    main()
