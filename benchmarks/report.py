"""The benchmark's markdown report: per scale, load, query latency (median / p95, ratio to
nap-graph over HTTP, row counts checked across engines), throughput, memory and nap-graph's
own operations, then how the figures stand against the targets of docs/benchmarks.md."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field

from benchmarks.engines import Load
from benchmarks.measures import Operations, Throughput, Timing
from benchmarks.query_set import QUERIES
from nap_graph.store.sparql_text import query_form

REFERENCE = "nap-graph HTTP"
IN_PROCESS = "nap-graph library (memory)"
PEERS = ("Virtuoso 7", "Oxigraph server")
LOOKUPS = ("lookup-organisation", "describe-organisation", "ask-observed-2021")


def _ratio(value: float) -> str:
    return "" if math.isnan(value) else f" {value:,.2f}x"


def _ms(value: float) -> str:
    if math.isnan(value):
        return "-"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


@dataclass
class ScaleReport:
    triples: int
    dump_bytes: int
    limit: float
    loads: dict[str, Load] = field(default_factory=dict)
    timings: dict[str, dict[str, Timing]] = field(default_factory=dict)
    rates: dict[str, Throughput] = field(default_factory=dict)
    peaks: dict[str, float] = field(default_factory=dict)
    missing_engines: dict[str, str] = field(default_factory=dict)
    ops: Operations | None = None

    def missing(self, engine: str, reason: str) -> None:
        self.missing_engines[engine] = reason

    def loaded(self, engine: str, load: Load) -> None:
        self.loads[engine] = load

    def timed(self, engine: str, query: str, timing: Timing) -> None:
        self.timings.setdefault(query, {})[engine] = timing

    def throughput(self, engine: str, rate: Throughput) -> None:
        self.rates[engine] = rate

    def memory(self, engine: str, peak: float) -> None:
        self.peaks[engine] = peak

    def operations(self, ops: Operations) -> None:
        self.ops = ops

    # --- reading the figures ----------------------------------------------------------

    def engines(self) -> list[str]:
        return list(self.loads)

    def latency(self, query: str, engine: str) -> float:
        """The median, with a timeout counted at the limit (as the targets say)."""
        timing = self.timings.get(query, {}).get(engine)
        if timing is None:
            return math.nan
        return self.limit * 1000 if timing.timed_out else timing.median

    def rows_agree(self, query: str) -> tuple[bool, str]:
        counts = {
            engine: timing.rows
            for engine, timing in self.timings.get(query, {}).items()
            if timing.rows is not None
        }
        agree = len(set(counts.values())) <= 1
        detail = ", ".join(f"{engine} {rows}" for engine, rows in counts.items())
        return agree, detail

    def wrong(self, query: str, engine: str) -> bool:
        """The engine's row count differs from the most common one (DESCRIBE excepted):
        its answer is wrong, and it does not count as the faster peer."""
        if query_form(QUERIES.get(query, "")) == "DESCRIBE":
            return False
        timings = self.timings.get(query, {})
        counts = [t.rows for t in timings.values() if t.rows is not None]
        timing = timings.get(engine)
        if not counts or timing is None or timing.rows is None:
            return False
        majority = Counter(counts).most_common(1)[0][0]
        return timing.rows != majority

    def geomean(self, engine: str) -> float:
        values = [self.latency(query, engine) for query in self.timings]
        values = [value for value in values if not math.isnan(value) and value > 0]
        return statistics.geometric_mean(values) if values else math.nan

    # --- markdown ---------------------------------------------------------------------

    def markdown(self) -> list[str]:
        size = f"{self.triples:,} triples ({self.dump_bytes / 1e6:,.0f} MB of N-Quads)"
        lines = [f"## {size}", ""]
        for engine, reason in self.missing_engines.items():
            lines.append(f"- {engine}: not run ({reason})")
        lines += self._load_table() + self._query_table() + self._rate_table()
        lines += self._operations() + self._targets()
        return lines

    def _load_table(self) -> list[str]:
        lines = _table_head(
            "Load and memory", "engine", "load s", "triples/s", "ready after s", "peak RSS MB"
        )
        for engine, load in self.loads.items():
            peak = self.peaks.get(engine, math.nan)
            lines.append(
                f"| {engine} | {load.seconds:,.1f} | {load.rate:,.0f} | {load.ready:,.1f} "
                f"| {peak:,.0f} |"
            )
        return [*lines, ""]

    def _query_table(self) -> list[str]:
        engines = self.engines()
        header = " | ".join(engines)
        lines = [
            "### Queries: median / p95 ms (runs), ratio to nap-graph HTTP",
            "",
            f"| query | rows | {header} |",
            "|---|---|" + "---|" * len(engines),
        ]
        notes = []
        for query, timings in self.timings.items():
            agree, detail = self.rows_agree(query)
            counts = Counter(t.rows for t in timings.values() if t.rows is not None)
            rows = counts.most_common(1)[0][0] if counts else None
            described = query_form(QUERIES.get(query, "")) == "DESCRIBE"
            row_cell = str(rows) if agree else "varies" if described else f"{rows} (**differ**)"
            if not agree and described:
                notes.append(
                    f"- {query}: what DESCRIBE returns is up to each engine (SPARQL 1.1, "
                    f"16.4), so its triple counts may differ: {detail}"
                )
            elif not agree:
                notes.append(
                    f"- {query}: rows differ ({detail}); the most common count is taken as "
                    "right, the others are marked wrong and never count as the faster peer"
                )
            cells = []
            reference = self.latency(query, REFERENCE)
            for engine in engines:
                timing = timings.get(engine)
                if timing is None:
                    cells.append("-")
                elif timing.error:
                    cells.append("error")
                elif self.wrong(query, engine):
                    cells.append(f"**wrong: {timing.rows} rows** ({_ms(timing.median)})")
                    notes.append(f"- {query} on {engine}: {timing.error}")
                elif timing.timed_out:
                    ratio = self.limit * 1000 / reference if reference else math.nan
                    cells.append(f"timeout > {self.limit:g} s{_ratio(ratio)}")
                else:
                    ratio = timing.median / reference if reference else math.nan
                    cells.append(
                        f"{_ms(timing.median)} / {_ms(timing.p95)} ({len(timing.times)})"
                        f"{_ratio(ratio)}"
                    )
            lines.append(f"| {query} | {row_cell} | " + " | ".join(cells) + " |")
        reference = self.geomean(REFERENCE)
        cells = [
            f"{_ms(self.geomean(engine))}{_ratio(self.geomean(engine) / reference)}"
            for engine in engines
        ]
        lines.append("| **geometric mean** | | " + " | ".join(cells) + " |")
        return [*lines, "", *notes, ""] if notes else [*lines, ""]

    def _rate_table(self) -> list[str]:
        if not self.rates:
            return []
        lines = _table_head("Throughput on the lookup", "engine", "requests/s", "p99 ms", "errors")
        for engine, rate in self.rates.items():
            lines.append(
                f"| {engine} | {rate.requests_per_second:,.0f} | {_ms(rate.p99)} | {rate.errors} |"
            )
        return [*lines, ""]

    def _operations(self) -> list[str]:
        if self.ops is None:
            return []
        ops = self.ops
        ingest = statistics.median(ops.ingest_ms) if ops.ingest_ms else math.nan
        p95 = (
            statistics.quantiles(ops.ingest_ms, n=20, method="inclusive")[-1]
            if len(ops.ingest_ms) > 1
            else ingest
        )
        rate = ops.exported_triples / ops.export_seconds if ops.export_seconds else math.nan
        return [
            "### nap-graph operations on the loaded store",
            "",
            f"- ingest (read, validate, one atomic update each, on disk): {ops.stored} of "
            f"{len(ops.ingest_ms)} stored; median {_ms(ingest)} ms, p95 {_ms(p95)} ms per "
            "submission",
            f"- export (`nap-graph export --format nq`): {ops.exported_triples:,} triples in "
            f"{ops.export_seconds:,.1f} s = {rate:,.0f} triples/s",
            "",
        ]

    def _targets(self) -> list[str]:
        """Each target of docs/benchmarks.md, met or not, from this scale's figures."""
        if REFERENCE not in self.loads:
            return []
        lines = ["### Targets", ""]
        for query in self.timings:
            ours = self.latency(query, REFERENCE)
            peers = [
                self.latency(query, peer)
                for peer in PEERS
                if peer in self.loads and not self.wrong(query, peer)
            ]
            peers = [value for value in peers if not math.isnan(value)]
            if peers:
                best = min(peers)
                slack = 1.0 if query in LOOKUPS else 0.0
                met = ours <= best + slack
                lines.append(
                    f"- {query}: nap-graph HTTP {_ms(ours)} ms against the faster peer's "
                    f"{_ms(best)} ms: {'met' if met else '**not met**'}"
                )
            inproc = self.latency(query, IN_PROCESS)
            if not math.isnan(inproc) and inproc > 50:
                met = ours <= inproc * 1.3
                lines.append(
                    f"- {query}: HTTP adds {100 * (ours / inproc - 1):.0f}% to in-process "
                    f"({_ms(inproc)} ms; at most 30%): {'met' if met else '**not met**'}"
                )
        if REFERENCE in self.rates:
            ours = self.rates[REFERENCE].requests_per_second
            others = {p: self.rates[p].requests_per_second for p in PEERS if p in self.rates}
            if others:
                met = all(ours > value for value in others.values())
                against = ", ".join(f"{p} {v:,.0f}" for p, v in others.items())
                lines.append(
                    f"- throughput: nap-graph {ours:,.0f} requests/s against {against}: "
                    f"{'met' if met else '**not met**'}"
                )
        if "rdflib-endpoint" in self.loads:
            factor = self.geomean("rdflib-endpoint") / self.geomean(REFERENCE)
            lines.append(
                f"- against rdflib-endpoint: {factor:,.0f}x faster on the geometric mean "
                f"(at least 50x): {'met' if factor >= 50 else '**not met**'}"
            )
        if self.ops is not None and self.ops.ingest_ms:
            median = statistics.median(self.ops.ingest_ms)
            lines.append(
                f"- ingest: median {median:.0f} ms per submission (under 100 ms): "
                f"{'met' if median < 100 else '**not met**'}"
            )
        load = self.loads[REFERENCE]
        lines.append(
            f"- bulk load: {load.rate:,.0f} triples/s (at least 200,000): "
            f"{'met' if load.rate >= 200_000 else '**not met**'}"
        )
        return [*lines, ""]


@dataclass
class Report:
    command: str
    machine: str
    limit: float
    clients: int
    seconds: float
    scales: list[ScaleReport] = field(default_factory=list)

    def scale(self, triples: int, dump_bytes: int) -> ScaleReport:
        report = ScaleReport(triples, dump_bytes, self.limit)
        self.scales.append(report)
        return report

    def markdown(self, elapsed: float) -> str:
        lines = [
            "# nap-graph benchmark",
            "",
            f"Command: `{self.command}`  ",
            f"Machine: {self.machine}; {_versions()}  ",
            f"Query limit {self.limit:g} s (a timeout counts at the limit in ratios and means); "
            f"throughput: {self.clients} clients for {self.seconds:g} s. Run took "
            f"{elapsed / 60:.1f} min.",
            "",
        ]
        for scale in self.scales:
            lines += scale.markdown()
        return "\n".join(lines)


def _versions() -> str:
    from importlib import metadata

    names = ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "fastapi", "uvicorn")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(found)


def _table_head(title: str, *columns: str) -> list[str]:
    """A section heading and the head of its markdown table."""
    return [f"### {title}", "", f"| {' | '.join(columns)} |", "|" + "---|" * len(columns)]
