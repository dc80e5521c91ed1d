"""Curation documents: the Ministry's activities, targets and observed values come from its
curation document and reproduce the hand-written graph; documents are checked by the shapes
with the version they curate, stored with provenance, and leave the view with their version."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.default_data import default_curation_files, load_default_store
from nap_graph.errors import SubmissionReadError
from nap_graph.namespaces import ID
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.submissions import curation

ROOT = Path(__file__).resolve().parents[2]
JENV_VERSION = "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370"
HANDWRITTEN = Path(__file__).parent / "expected" / "jenv-activities.ttl"
DOCUMENT = ROOT / "data" / "curated" / "nld-nap-4" / "jenv.curation.json"


def _as_rdflib(quads: object) -> Graph:
    text = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)  # type: ignore[attr-defined]
    return Graph().parse(data=text, format="nt")


def test_jenv_curation_document_reproduces_the_handwritten_graph() -> None:
    store = load_default_store()
    graph = ox.NamedNode(curation.iris.curation_graph_iri(JENV_VERSION))
    made = _as_rdflib(store.quads_for_pattern(None, None, None, graph))
    made.remove((URIRef(f"{JENV_VERSION}/curation"), None, None))
    made.remove((URIRef(f"{ID}agent/nap-graph-maintainers"), None, None))  # the curator
    expected_store = ox.Store()  # through Oxigraph too, so numbers compare as values
    expected_store.bulk_load(path=str(HANDWRITTEN), format=ox.RdfFormat.TURTLE)
    expected = _as_rdflib(expected_store.quads_for_pattern(None, None, None, None))
    _both, extra, missing = graph_diff(to_isomorphic(made), to_isomorphic(expected))
    assert not extra and not missing, (sorted(extra)[:5], sorted(missing)[:5])
    assert len(made) == len(expected) > 150


def test_shipped_curation_documents_conform() -> None:
    store = OxigraphStore.around(load_default_store())
    assert default_curation_files()
    for path in default_curation_files():
        doc, parsed = curation.load_document(path)
        report = curation.check_curation(doc, parsed, store)
        assert report.conforms, [p.message for p in report.problems]
        assert not report.problems, [p.message for p in report.problems]


def test_curation_provenance() -> None:
    store = OxigraphStore.around(load_default_store())
    result = store.query(
        "SELECT ?v ?who ?name WHERE { GRAPH ?g { ?c a wps:Curation ; wps:curates ?v ; "
        "prov:wasDerivedFrom ?v ; prov:wasAttributedTo ?who ; prov:generatedAtTime ?t . "
        "?who a prov:Agent ; foaf:name ?name } }"
    )
    (row,) = result.rows  # type: ignore[union-attr]
    assert row["v"].value == JENV_VERSION
    # a curator the store knows no organisation for: an agent with the name given
    assert row["who"].value == "https://w3id.org/nap-graph/id/agent/nap-graph-maintainers"
    assert row["name"].value == "nap-graph maintainers"


def _document(**changes: object) -> bytes:
    doc = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    doc.update(changes)
    return json.dumps(doc).encode()


def test_a_bad_activity_is_reported_at_its_pointer() -> None:
    store = OxigraphStore.around(load_default_store())
    doc = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    doc["activities"][1]["mission_types"] = ["Submarine mission"]
    doc["activities"][2]["outcomes"] = ["9.9"]
    parsed_doc, parsed = curation.read_curation(json.dumps(doc).encode(), "c.curation.json")
    report = curation.check_curation(parsed_doc, parsed, store)
    assert not report.conforms
    by_pointer = {p.location.pointer: p.message for p in report.problems if p.location}
    assert (
        "'Submarine mission' is not a mission type" in by_pointer["/activities/1/mission_types/0"]
    )
    assert any(k and k.startswith("/activities/2/outcomes") for k in by_pointer), by_pointer


def test_an_unknown_version_is_refused_naming_the_field() -> None:
    store = OxigraphStore.around(load_default_store())
    data = _document(curates=JENV_VERSION.replace("9499130b86aac370", "0" * 16))
    doc, parsed = curation.read_curation(data, "c.curation.json")
    with pytest.raises(SubmissionReadError) as info:
        curation.check_curation(doc, parsed, store)
    assert info.value.problems[0].location.pointer == "/curates"  # type: ignore[union-attr]


def test_a_document_that_is_not_one_is_a_read_error() -> None:
    with pytest.raises(SubmissionReadError) as info:
        curation.read_curation(b'{"activities": [], "colour": 1}', "c.curation.json")
    assert {p.location.field for p in info.value.problems} >= {"curates", "colour"}  # type: ignore[union-attr]


def test_curate_command_stores_and_history_shows_it(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    runner = CliRunner()
    seed = ROOT / "data" / "submissions" / "nld-nap-4" / "jenv" / "000_9b141defdd96629b.txt"
    assert runner.invoke(app, ["ingest", str(seed), "--store", str(store_path)]).exit_code == 0
    doc = tmp_path / "jenv.curation.json"
    doc.write_bytes(_document(curated_by="WO=MEN"))
    result = runner.invoke(app, ["curate", str(doc), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "stored" in result.output and "14 activities" in result.output
    history = runner.invoke(app, ["history", "jenv", "--store", str(store_path), "--format", "csv"])
    assert "graph/curation/nld-nap-4/jenv/9499130b86aac370" in history.output
    opened = OxigraphStore(store_path)
    rows = opened.query(
        "SELECT ?who WHERE { GRAPH ?g { ?c a wps:Curation ; prov:wasAttributedTo ?who } }"
    ).rows  # type: ignore[union-attr]
    opened.close()
    assert {r["who"].value for r in rows} == {"https://w3id.org/nap-graph/id/organisation/wo-men"}


def test_curation_schema_document_is_current() -> None:
    published = (ROOT / "docs" / "curation.schema.json").read_text(encoding="utf-8")
    assert published == curation.schema_text()
