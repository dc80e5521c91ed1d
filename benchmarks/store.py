"""How fast the embedded store loads, ingests and exports.

    python -m benchmarks.store [--triples 1000000] [--submissions 200]

Prints: bulk load of a synthetic N-Quads dump of the given size (triples/s), ingest of N
seed-shaped submissions into an on-disk store (submissions/s, each validated and written
atomically), export of the whole store as N-Quads (triples/s), and peak memory (RSS). The
data is the default data plus the synthetic WPS graph of benchmarks/synthetic.py
(deterministic). Figures go into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from benchmarks.synthetic import generate
from nap_graph.default_data import default_graph_files
from nap_graph.ingest import Status, ingest_files
from nap_graph.resources import data_dir
from nap_graph.store import OxigraphStore
from nap_graph.store.opening import initialise

SEED = data_dir() / "submissions" / "nld-nap-4" / "jenv" / "000_9b141defdd96629b.txt"
BASE = "https://w3id.org/nap-graph/"


def synthetic_dump(path: Path, triples: int) -> int:
    """The default data plus the synthetic WPS graph (benchmarks.synthetic) up to ``triples``
    quads, as N-Quads."""
    quads: list[ox.Quad] = []
    for item in default_graph_files():
        graph = ox.NamedNode(item.graph)
        quads += [
            ox.Quad(q.subject, q.predicate, q.object, graph)
            for q in ox.parse(path=item.path, format=item.format)
        ]
    quads += generate(max(0, triples - len(quads)))
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    return len(quads)


def seed_variants(folder: Path, count: int) -> list[Path]:
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"{i:04d}.txt"
        path.write_text(
            text.replace(
                "Ministry of Justice and Security\n\nOrganization details",
                f"Signatory {i:04d}\n\nOrganization details",
                1,
            ),
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--submissions", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dump = folder / "synthetic.nq"
        n = synthetic_dump(dump, args.triples)
        store = OxigraphStore(folder / "bulk")
        start = time.perf_counter()
        store.oxigraph.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
        load_s = time.perf_counter() - start
        print(
            f"bulk load: {n:,} triples in {load_s:.1f} s = {n / load_s:,.0f} triples/s "
            f"({dump.stat().st_size / 1e6:.0f} MB N-Quads)"
        )

        start = time.perf_counter()
        quads = store.dump()
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        export_s = time.perf_counter() - start
        print(
            f"export: {len(quads):,} quads as N-Quads in {export_s:.1f} s = "
            f"{len(quads) / export_s:,.0f} triples/s ({len(data) / 1e6:.0f} MB)"
        )
        store.close()

        ingest_store = OxigraphStore(folder / "ingest")
        initialise(ingest_store)
        files = seed_variants(folder, args.submissions)
        ingest_files(ingest_store, files[:1])  # warm: shapes, reference data
        start = time.perf_counter()
        results = ingest_files(ingest_store, files[1:])
        ingest_s = time.perf_counter() - start
        stored = sum(r.status is Status.stored for r in results)
        print(
            f"ingest: {stored} submissions stored in {ingest_s:.1f} s = "
            f"{stored / ingest_s:.1f} submissions/s (validated, one atomic update each, on disk)"
        )
        ingest_store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
