"""One write at a time: parallel writers of one organisation's record, in threads and in
processes, leave one current version and a single chain of revisions; two identical
submissions at once store one version that stays current.

Before: five POSTs of one record at once left three "current" versions and branching
revision chains, every one answered 201; two identical ones made the version "replace
itself" and vanish from the current view.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from nap_graph.ingest import IngestResult, Status, ingest_parsed
from nap_graph.store.protocol import GraphStore
from nap_graph.store.results import SelectResult
from nap_graph.store.views import PROVENANCE_GRAPH, current_graphs
from nap_graph.submissions.reading import read_submissions
from tests.submissions.helpers import SEED

WPS = "https://w3id.org/nap-graph/def/wps#"
PROV = "http://www.w3.org/ns/prov#"


def _version(i: int) -> bytes:
    text = SEED.read_text(encoding="utf-8")
    return text.replace(
        "International and national focus", f"International and national focus (version {i})"
    ).encode("utf-8")


def _ingest(store: GraphStore, data: bytes, results: list[IngestResult], barrier) -> None:
    parsed = read_submissions(data, "record.txt", fmt="export")[0]
    barrier.wait()
    results.append(ingest_parsed(store, parsed, sender="test", file="record.txt"))


def _chain(store: GraphStore) -> tuple[list[str], dict[str, list[str]]]:
    """The current versions, and for each version the versions it revised."""
    current = store.query(
        f"SELECT ?v WHERE {{ GRAPH <{PROVENANCE_GRAPH}> {{ ?h <{WPS}currentVersion> ?v }} }}",
        union_default_graph=False,
    )
    revisions = store.query(
        f"SELECT ?new ?old WHERE {{ GRAPH <{PROVENANCE_GRAPH}> {{ ?new <{PROV}wasRevisionOf> ?old }} }}",
        union_default_graph=False,
    )
    assert isinstance(current, SelectResult) and isinstance(revisions, SelectResult)
    revised: dict[str, list[str]] = {}
    for row in revisions.rows:
        revised.setdefault(row["old"].value, []).append(row["new"].value)
    return [row["v"].value for row in current.rows], revised


def _assert_linear(store: GraphStore, versions: int) -> None:
    current, revised = _chain(store)
    assert len(current) == 1, current
    assert all(len(newer) == 1 for newer in revised.values()), revised  # no branching
    assert len(revised) == versions - 1
    newest = current[0]
    assert newest not in revised  # the current version is the end of the chain


def test_parallel_versions_in_threads_form_one_chain(backend: GraphStore) -> None:
    results: list[IngestResult] = []
    barrier = threading.Barrier(5)
    threads = [
        threading.Thread(target=_ingest, args=(backend, _version(i), results, barrier))
        for i in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert sorted(r.status for r in results) == [Status.stored] * 5
    _assert_linear(backend, 5)
    replaced = [r.replaced for r in results]
    assert replaced.count(None) == 1  # only the first had nothing to replace
    assert len(set(replaced)) == 5  # each replaced a different one: a chain


def test_two_identical_submissions_at_once_store_one_current_version(
    backend: GraphStore,
) -> None:
    results: list[IngestResult] = []
    barrier = threading.Barrier(2)
    threads = [
        threading.Thread(target=_ingest, args=(backend, _version(0), results, barrier))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert sorted(r.status.value for r in results) == ["stored", "unchanged"]
    current, revised = _chain(backend)
    assert current == [results[0].submission] and revised == {}
    graphs = current_graphs(backend)
    assert any(g.endswith(results[0].submission.rsplit("/", 1)[-1]) for g in graphs)


_WRITER = """
import sys
from nap_graph.ingest import ingest_parsed
from nap_graph.store import SparqlServerStore
from nap_graph.submissions.reading import read_submissions
store = SparqlServerStore(sys.argv[1], update_url=sys.argv[2], graph_store_url=sys.argv[3])
for path in sys.argv[4:]:
    parsed = read_submissions(open(path, "rb").read(), path, fmt="export")[0]
    print(ingest_parsed(store, parsed, sender="process", file=path).status.value)
"""


def test_parallel_writers_in_processes_form_one_chain(
    oxigraph_endpoints: dict[str, str], tmp_path: Path
) -> None:
    from tests.store.conftest import _clear, _server_store

    store = _server_store(oxigraph_endpoints)
    _clear(store)
    files = []
    for i in range(6):
        path = tmp_path / f"{i}.txt"
        path.write_bytes(_version(i))
        files.append(str(path))
    urls = [oxigraph_endpoints["query"], oxigraph_endpoints["update"], oxigraph_endpoints["store"]]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, *urls, *chunk],
            stdout=subprocess.PIPE,
            text=True,
        )
        for chunk in (files[0::2], files[1::2])
    ]
    outputs = [writer.communicate(timeout=300)[0].split() for writer in writers]
    assert all(writer.returncode == 0 for writer in writers)
    assert sorted(outputs[0] + outputs[1]) == ["stored"] * 6
    _assert_linear(store, 6)
    store.close()
