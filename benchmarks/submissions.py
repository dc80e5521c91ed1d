"""How fast submissions are read and validated.

    python -m benchmarks.submissions [--runs 200] [--bulk 1000]

Prints the median and 95th percentile of parse+validate time per seed-sized submission
(warm: shapes and reference data already prepared, as in a running service), per input
format, and the throughput of validating a bulk CSV of N generated submissions. Figures go
into docs/benchmarks.md; nothing here asserts a time (machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.synthetic_submissions import submission_records
from nap_graph.resources import data_dir
from nap_graph.submissions.csv_format import render_csv
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.validation import validate_submission

ROOT = Path(__file__).resolve().parents[1]
SEED = data_dir() / "submissions" / "nld-nap-4" / "jenv" / "000_9b141defdd96629b.txt"
EXAMPLES = ROOT / "docs" / "examples"


def times_of(work: Callable[[], object], runs: int) -> list[float]:
    work()  # warm: shapes, reference data, regexes
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _parse_and_validate(data: bytes, name: str) -> None:
    for parsed in read_submissions(data, name):
        report = validate_submission(parsed)
        assert report.conforms, [p.message for p in report.problems]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="timed runs per format")
    parser.add_argument("--bulk", type=int, default=1000, help="submissions in the bulk CSV")
    args = parser.parse_args()

    inputs = {
        "export (.txt)": (SEED.read_bytes(), SEED.name),
        "JSON": ((EXAMPLES / "jenv.json").read_bytes(), "jenv.json"),
        "CSV row": ((EXAMPLES / "jenv.csv").read_bytes(), "jenv.csv"),
        "Turtle": ((EXAMPLES / "jenv.ttl").read_bytes(), "jenv.ttl"),
    }
    print(f"# Submissions: parse + validate ({platform.python_version()}, {platform.machine()})\n")
    print("| input | runs | median ms | p95 ms |\n|---|---|---|---|")
    for label, (data, name) in inputs.items():
        times = times_of(lambda d=data, n=name: _parse_and_validate(d, n), args.runs)
        print(f"| {label} | {args.runs} | {statistics.median(times):.1f} | {_p95(times):.1f} |")

    bulk = render_csv(submission_records(args.bulk)).encode()
    start = time.perf_counter()
    parsed = read_submissions(bulk, "bulk.csv")
    read_s = time.perf_counter() - start
    valid = sum(validate_submission(p).conforms for p in parsed)
    total_s = time.perf_counter() - start
    print(
        f"\nBulk CSV: {len(parsed)} submissions ({len(bulk) / 1e6:.1f} MB) read in {read_s:.2f} s, "
        f"read and validated in {total_s:.1f} s: {len(parsed) / total_s:.0f} submissions/s "
        f"({valid} valid)"
    )


if __name__ == "__main__":
    main()
