"""What the query path's checks cost per request, step by step, in this process.

    python -m benchmarks.query_checks [--runs 2000]

Every user's query passes, before it reaches a worker: the nesting and operator limits, the
check for calls to other hosts (``SERVICE``; a scan, then a parser where the scan is unsure),
the question whether it names its own dataset (``FROM``), and a read of the store's
generation (so that it sees every write made before it). Each step is timed on its own for
the lookup of the benchmark and for the heaviest query texts of the set, first on a text
seen for the first time and then on a text seen before (the parser's answer on ``FROM`` is
kept for texts it has read). Prints a markdown table in microseconds (median of ``--runs``).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.query_set import QUERIES
from nap_graph.generation import read_generation
from nap_graph.namespaces import sparql_prologue
from nap_graph.store import OxigraphStore
from nap_graph.store.query_guard import (
    QueryPolicy,
    check_nesting,
    check_operators,
    check_remote_calls,
    has_dataset_clause,
)


def _texts() -> dict[str, str]:
    prologue = sparql_prologue()
    largest = max(QUERIES, key=lambda name: len(QUERIES[name]))
    return {
        "lookup": prologue + QUERIES["lookup-organisation"],
        "SERVICE in a comment": prologue
        + "# the word SERVICE, alone\n"
        + QUERIES["lookup-organisation"],
        "FROM NAMED": prologue
        + "SELECT ?g (COUNT(*) AS ?n) FROM NAMED <https://w3id.org/nap-graph/graph/x> "
        "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        f"largest of the set ({largest})": prologue + QUERIES[largest],
    }


def _median_us(step: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        begin = time.perf_counter_ns()
        step()
        times.append((time.perf_counter_ns() - begin) / 1000)
    return statistics.median(times)


def _fresh(check: Callable[[str], object], text: str) -> Callable[[], object]:
    """``check`` over a text never seen before (a new comment each time), so that no answer
    kept for an earlier text answers it."""
    counter = iter(range(10**9))
    return lambda: check(f"# {next(counter)}\n{text}")


def measure(runs: int) -> list[tuple[str, dict[str, float]]]:
    policy = QueryPolicy()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore(Path(folder) / "store")
        store.bump_generation()
        try:
            for name, text in _texts().items():

                def every_check(t: str) -> object:
                    policy.check_query(t, isolated=True)
                    has_dataset_clause(t)
                    return read_generation(store)

                steps: dict[str, Callable[[], object]] = {
                    "nesting": lambda t=text: check_nesting(t, policy.max_nesting),
                    "operators": lambda t=text: check_operators(t, policy.max_operators),
                    "remote calls": lambda t=text: check_remote_calls(
                        t, service_allowlist=(), strict=False
                    ),
                    "FROM, new text": _fresh(has_dataset_clause, text),
                    "FROM, seen text": lambda t=text: has_dataset_clause(t),
                    "generation": lambda: read_generation(store),
                    "all, new text": _fresh(every_check, text),
                    "all, seen text": lambda t=text: every_check(t),
                }
                rows.append((name, {step: _median_us(f, runs) for step, f in steps.items()}))
        finally:
            store.close()
    return rows


def markdown(rows: list[tuple[str, dict[str, float]]]) -> str:
    steps = list(rows[0][1])
    lines = [
        "| query text | " + " | ".join(steps) + " |",
        "|---|" + "---:|" * len(steps),
    ]
    for name, figures in rows:
        lines.append(f"| {name} | " + " | ".join(f"{figures[s]:.1f}" for s in steps) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.query_checks")
    parser.add_argument("--runs", type=int, default=2000, help="timed runs per step")
    args = parser.parse_args(argv)
    text = markdown(measure(args.runs))
    print("Microseconds per request, median (this process, no HTTP):\n")
    print(text)
    return text


if __name__ == "__main__":
    main()
