"""One command, one table: nap-graph against what researchers would otherwise run.

    python -m benchmarks [--scale 100k,1m] [--engines all] [--queries all] [--runs 10]
                         [--budget 10] [--limit 60] [--clients 8] [--seconds 20]
                         [--submissions 50] [--output results.md]

For each scale: the synthetic WPS graph (benchmarks/synthetic.py, plus the default data) is
written as N-Quads and loaded into every engine with the engine's own loader; every query of
benchmarks/queries runs on every engine (one warm-up run, then up to ``--runs`` timed runs
or ``--budget`` seconds, whichever ends first), over the limit it counts as a timeout; row
counts are compared across engines; each HTTP engine takes ``--clients`` concurrent clients
for ``--seconds`` on a lookup; nap-graph's ingest (validated, one atomic update per
submission, into the loaded store) and export are timed. Prints a markdown report (and
writes it to ``--output``). Figures go into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.engines import ENGINES, Engine
from benchmarks.measures import Throughput, Timing, ingest_and_export, measure, throughput
from benchmarks.query_set import QUERIES
from benchmarks.report import Report
from benchmarks.servers import ServerMissingError
from benchmarks.synthetic import synthetic_dump
from nap_graph.namespaces import sparql_prologue

LOOKUP = "lookup-organisation"


def scale(text: str) -> int:
    """``100k``, ``1m``, ``2500``: a number of triples."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    try:
        return int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a scale (try 100k or 1m)") from None


def _names(text: str, known: list[str], what: str) -> list[str]:
    if text == "all":
        return known
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(known)})")
    return names


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--scale", default="100k", help="triples, comma-separated: 100k,1m")
    parser.add_argument("--engines", default="all", help=f"all or some of {', '.join(ENGINES)}")
    parser.add_argument("--queries", default="all", help="all or names from benchmarks/queries")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per query at most")
    parser.add_argument("--budget", type=float, default=10, help="seconds per query at most")
    parser.add_argument("--limit", type=float, default=60, help="seconds before a timeout")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    parser.add_argument("--seconds", type=float, default=20, help="throughput duration (0: skip)")
    parser.add_argument("--submissions", type=int, default=50, help="ingested (0: skip)")
    parser.add_argument("--output", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    args.scales = [scale(text) for text in args.scale.split(",")]
    args.engine_names = _names(args.engines, list(ENGINES), "engines")
    args.query_names = _names(args.queries, list(QUERIES), "queries")
    return args


def run_scale(args: argparse.Namespace, triples: int, report: Report) -> None:
    prologue = sparql_prologue()
    with tempfile.TemporaryDirectory(prefix="nap-graph-bench-") as tmp:
        folder = Path(tmp)
        dump = folder / "data.nq"
        count = synthetic_dump(dump, triples)
        section = report.scale(count, dump.stat().st_size)
        for key in args.engine_names:
            engine: Engine = ENGINES[key]()
            home = folder / key
            home.mkdir()
            _progress(f"{count:,} triples: loading {engine.name}")
            try:
                load = engine.start(dump, count, home, args.limit)
            except ServerMissingError as error:
                section.missing(engine.name, str(error))
                continue
            try:
                section.loaded(engine.name, load)
                for name in args.query_names:
                    _progress(f"{count:,} triples: {engine.name}: {name}")
                    timing: Timing = measure(
                        engine, prologue + QUERIES[name], args.runs, args.budget, args.limit
                    )
                    section.timed(engine.name, name, timing)
                if engine.url and args.seconds > 0 and LOOKUP in QUERIES:
                    _progress(f"{count:,} triples: {engine.name}: {args.clients} clients")
                    rate: Throughput = throughput(
                        engine.url, prologue + QUERIES[LOOKUP], args.clients, args.seconds
                    )
                    section.throughput(engine.name, rate)
            finally:
                engine.stop()
                section.memory(engine.name, engine.peak_rss_mb())
            if key == "nap-graph-http" and args.submissions > 0:
                _progress(f"{count:,} triples: nap-graph ingest and export")
                section.operations(
                    ingest_and_export(home / "nap-graph-store", folder, args.submissions)
                )


def _progress(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> str:
    args = arguments(argv)
    report = Report(
        command="python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]),
        machine=f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
        limit=args.limit,
        clients=args.clients,
        seconds=args.seconds,
    )
    started = time.perf_counter()
    for triples in args.scales:
        run_scale(args, triples, report)
    text = report.markdown(time.perf_counter() - started)
    print(text)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    return text


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
