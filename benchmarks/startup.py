"""How long a fresh process takes to import what a query worker needs.

    python -m benchmarks.startup [--runs 10]

Each run starts a new interpreter that imports the worker's modules (``nap_graph.query_workers``
and the Oxigraph backend) and prints the time; the median and slowest of the runs are
printed, and which heavy libraries came along (pySHACL, rdflib, pydantic, FastAPI). Figures go
into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

PROBE = """
import sys, time
start = time.perf_counter()
import nap_graph.query_workers
import nap_graph.store.oxigraph_store
elapsed = time.perf_counter() - start
heavy = [m for m in ("pyshacl", "rdflib", "pydantic", "fastapi") if m in sys.modules]
print(f"{elapsed:.4f} {','.join(heavy) or '-'}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    times, heavy = [], set()
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
        ).stdout.split()
        times.append(float(out[0]) * 1000)
        heavy.add(out[1])
    print(
        f"worker imports over {args.runs} fresh processes: median {statistics.median(times):.0f} ms, "
        f"slowest {max(times):.0f} ms; heavy libraries imported: {', '.join(sorted(heavy))}"
    )


if __name__ == "__main__":
    main()
