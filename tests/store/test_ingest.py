"""Ingest: parse -> validate -> write; versions, supersession, provenance, history; bad
input stores nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest

from nap_graph.default_data import initialise, load_files
from nap_graph.ingest import Status, history, ingest_files
from nap_graph.store.protocol import GraphStore
from nap_graph.store.results import SelectResult
from nap_graph.store.views import PROVENANCE_GRAPH, current_graphs
from tests.submissions.helpers import SEED

JENV = "https://w3id.org/nap-graph/id/organisation/jenv"
V1 = "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370"


def _version2(tmp_path: Path) -> Path:
    path = tmp_path / "jenv-2022.txt"
    path.write_text(
        SEED.read_text(encoding="utf-8").replace(
            "Policy, Programmatic", "Policy, Programmatic, Financial"
        ),
        encoding="utf-8",
    )
    return path


def _quads(store: GraphStore) -> set[str]:
    return {
        str(q)
        for q in store.dump()
        if not str(q.graph_name).startswith("<http://www.openlinksw.com/")
    }


def test_ingest_supersede_and_history(backend: GraphStore, tmp_path: Path) -> None:
    load_files(backend)  # the files only: the shipped record is stored here
    first = ingest_files(backend, [SEED], sender="test")
    assert [(r.status, r.submission) for r in first] == [(Status.stored, V1)]
    again = ingest_files(backend, [SEED], sender="test")
    assert [r.status for r in again] == [Status.unchanged]
    second = ingest_files(backend, [_version2(tmp_path)], sender="test")
    assert second[0].status is Status.stored and second[0].replaced == V1
    v2 = second[0].submission
    assert v2 is not None and v2 != V1

    rows = history(backend, JENV).values()
    assert [(r["version"], r["file"], r["replaces"], bool(r["supersededAt"])) for r in rows] == [
        (V1, SEED.name, "", True),
        (v2, "jenv-2022.txt", V1, False),
    ]
    current = current_graphs(backend)
    assert (
        "https://w3id.org/nap-graph/graph/submission/nld-nap-4/jenv/9499130b86aac370" not in current
    )
    assert v2.replace("/id/submission/", "/graph/submission/") in current
    financial = "SELECT ?s WHERE { ?s wps:investmentType <https://w3id.org/nap-graph/id/investment-type/financial> }"
    in_view = backend.query(financial, default_graphs=current)
    assert isinstance(in_view, SelectResult) and [r["s"].value for r in in_view.rows] == [v2]
    prov = backend.query(
        "ASK { GRAPH ?g { ?v prov:wasRevisionOf ?old ; prov:wasGeneratedBy ?a . ?a prov:startedAtTime ?t ; "
        "prov:used ?src ; prov:wasAssociatedWith ?org ; dcterms:creator/foaf:name 'test' } }",
        bindings={
            "g": ox.NamedNode(PROVENANCE_GRAPH),
            "v": ox.NamedNode(v2),
            "old": ox.NamedNode(V1),
            "org": ox.NamedNode(JENV),
        },
    )
    assert prov is True


def test_bad_file_among_good_ones_stores_nothing_of_it(backend: GraphStore, tmp_path: Path) -> None:
    load_files(backend)
    bad = tmp_path / "bad.txt"
    bad.write_text(
        SEED.read_text(encoding="utf-8").replace("3.2 Impunity", "3.9 Impunity"), encoding="utf-8"
    )
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01binary")
    before = _quads(backend)
    results = ingest_files(backend, [bad, junk, SEED])
    assert [r.status for r in results] == [Status.invalid, Status.unreadable, Status.stored]
    assert any("'3.9' is not a sub-outcome" in p.message for p in results[0].problems)
    added = _quads(backend) - before
    assert added and not any("/outcome/nld-nap-4/3.9>" in q for q in added)
    assert not any(bad.name in q for q in added)


def test_strict_stops_at_the_first_bad_file(tmp_path: Path) -> None:
    from nap_graph.store import OxigraphStore

    store = OxigraphStore()
    load_files(store)
    junk = tmp_path / "junk.json"
    junk.write_text("[]")
    results = ingest_files(store, [junk, SEED], strict=True)
    assert [r.status for r in results] == [Status.unreadable]
    assert history(store, JENV).rows == []


def test_ingest_records_the_time(tmp_path: Path) -> None:
    from nap_graph.ingest import ingest_parsed
    from nap_graph.store import OxigraphStore
    from nap_graph.submissions.reading import read_file

    store = OxigraphStore()
    load_files(store)
    when = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    ingest_parsed(store, read_file(SEED)[0], now=when, sender="secretariat")
    assert history(store, JENV).values()[0]["received"] == "2026-11-28T09:30:00Z"


@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG])
def test_export_then_reimport_is_isomorphic(tmp_path: Path, fmt: ox.RdfFormat) -> None:
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    from nap_graph.store import OxigraphStore

    store = OxigraphStore()
    initialise(store)
    ingest_files(store, [SEED, _version2(tmp_path)])
    dump = ox.serialize(store.dump(), format=fmt)
    fresh = OxigraphStore()
    fresh.oxigraph.load(dump, format=fmt)
    assert len(fresh.dump()) == len(store.dump())
    a, b = Dataset(), Dataset()
    a.parse(data=dump, format="nquads" if fmt == ox.RdfFormat.N_QUADS else "trig")
    b.parse(data=ox.serialize(fresh.dump(), format=ox.RdfFormat.N_QUADS), format="nquads")
    for graph in store.named_graphs():
        assert isomorphic(a.graph(graph), b.graph(graph)), graph


def test_init_stores_the_shipped_record_as_received(backend: GraphStore) -> None:
    """init stores the shipped record once, dated as data/submissions/receipts.toml says;
    ingesting it again changes nothing."""
    initialise(backend)
    rows = history(backend, JENV).values()
    assert [(r["version"], r["received"][:10], bool(r["supersededAt"])) for r in rows] == [
        (V1, "2026-11-27", False)
    ]
    assert [r.status for r in ingest_files(backend, [SEED])] == [Status.unchanged]
    initialise(backend)
    assert len(history(backend, JENV).rows) == 1
