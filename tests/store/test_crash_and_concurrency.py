"""A bulk ingest killed with SIGKILL leaves every submission whole or absent; a second
writer on the same store fails with a clear message."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from nap_graph.store import OxigraphStore
from nap_graph.store.results import SelectResult
from nap_graph.store.views import PROVENANCE_GRAPH
from tests.submissions.helpers import SEED

EXE = str(Path(sys.executable).with_name("nap-graph"))


def _variants(folder: Path, count: int) -> list[Path]:
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        variant = text.replace(
            "Ministry of Justice and Security\n\nOrganization details",
            f"Signatory {i % 12:03d}\n\nOrganization details",
            1,
        )
        variant = variant.replace(
            "International and national focus", f"International and national focus (version {i})"
        )
        path = folder / f"{i:03d}.txt"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    return paths


def test_sigkill_during_bulk_ingest_leaves_whole_submissions_or_nothing(tmp_path: Path) -> None:
    files = tmp_path / "in"
    files.mkdir()
    _variants(files, 60)
    store_path = tmp_path / "store"
    subprocess.run(
        [EXE, "init", "--store", str(store_path)], check=True, capture_output=True, timeout=120
    )
    process = subprocess.Popen(
        [EXE, "ingest", str(files), "--store", str(store_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    stored = 0
    deadline = time.monotonic() + 120
    assert process.stdout is not None
    while stored < 8 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        stored += ": stored" in line
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert stored >= 8, "the ingest did not get far enough to be interrupted"

    store = OxigraphStore(store_path)
    graphs = [g for g in store.named_graphs() if "/graph/submission/" in g]
    provenance = store.query(
        "SELECT ?v ?g WHERE { GRAPH ?p { ?v wps:versionGraph ?g } }",
        bindings={"p": ox.NamedNode(PROVENANCE_GRAPH)},
    )
    assert isinstance(provenance, SelectResult)
    recorded = {row["g"].value: row["v"].value for row in provenance.rows}
    assert set(graphs) == set(recorded), (
        "a version graph without provenance, or provenance without its graph"
    )
    assert len(graphs) >= 8
    for graph, version in recorded.items():
        triples = store.get_graph(graph)
        assert len(triples) > 60, f"{graph} is incomplete"
        assert any(t.subject.value == version for t in triples)
    histories = store.query(
        "SELECT ?h (COUNT(?v) AS ?n) WHERE { GRAPH ?p { ?h wps:currentVersion ?v } } GROUP BY ?h",
        bindings={"p": ox.NamedNode(PROVENANCE_GRAPH)},
    )
    assert isinstance(histories, SelectResult)
    assert all(row["n"].value == "1" for row in histories.rows), (
        "a history with more than one current version"
    )
    store.close()


def test_a_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    holder = OxigraphStore(store_path)
    try:
        result = subprocess.run(
            [EXE, "ingest", str(SEED), "--store", str(store_path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.close()
    assert result.returncode == 2
    assert "open for writing in another process" in result.stderr
    assert "Traceback" not in result.stderr
