"""The shapes give the same results in pySHACL (what nap-graph runs) and in Apache Jena SHACL
(Debian's libapache-jena-java, which .ci/run installs), on every case of tests/shapes/cases and
on the shipped data as ``nap-graph check`` validates it.

Each case's data graph is the one pySHACL sees (an integrity case with ``_context.ttl`` and the
ontology, a submission case with the reference data it is checked against); Jena validates
all of a shapes set's cases in one JVM (tests/shapes/jena/JenaShacl.java). A result is
compared by severity, focus node, path, value, source shape, constraint component and its
message in English and in Dutch (as :func:`nap_graph.integrity.findings_of` reads it).

Where the engines still differ, for reasons the comparison names:
- a path that is not a single property (``sh:alternativePath`` ...) is a blank node in each
  report, so it is compared as "a blank-node path";
- results are compared as sets: Jena runs a property shape's SELECT validator once per value
  node of the path, so a result that the query finds for one value comes once per value
  (shapes/components.ttl binds the checked value itself, as the spec asks).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import BNode, Graph

from nap_graph.default_data import load_default_store
from nap_graph.default_files import parse_into
from nap_graph.integrity import Finding, current_data, findings_of, integrity_shapes
from nap_graph.ontology import ontology_with_alignments
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.submissions.validation import _context_quads, received_shapes
from nap_graph.terms import Triples
from tests.jena import classpath, javac
from tests.shapes.test_shape_cases import CONTEXT, _cases, _is_submission_shape, _shape_of

PROGRAM = Path(__file__).parent / "jena" / "JenaShacl.java"
CASES = [*_cases("valid"), *_cases("invalid")]
Key = tuple[str, str, str, str, str, str, str]


def _data_graph(case: Path) -> tuple[str, Graph]:
    """The shapes set the case belongs to and the data graph pySHACL validates."""
    if _is_submission_shape(_shape_of(case)):
        triples = Triples.parse(case.read_bytes(), ox.RdfFormat.TURTLE)
        store = ox.Store()
        store.bulk_extend([*_context_quads(triples), *triples.quads()])
        text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        return "received", Graph().parse(data=text.decode("utf-8"), format="nt")
    graph = parse_into(parse_into(Graph(), CONTEXT), case)
    return "integrity", graph + ontology_with_alignments()


def _shipped_data() -> Graph:
    """What ``nap-graph check`` validates: the default store's current data, with the
    ontology (pySHACL's ``ont_graph``)."""
    return current_data(OxigraphStore.around(load_default_store())) + ontology_with_alignments()


SHAPES = {"integrity": integrity_shapes, "received": received_shapes}


def _keys(report: Graph, shapes: Graph) -> set[Key]:
    keys = set()
    for lang in ("en", "nl"):
        for f in findings_of(report, lang=lang, shapes=shapes):
            keys.add(_key(f, report))
    return keys


def _key(f: Finding, report: Graph) -> Key:
    blank_path = any(isinstance(p, BNode) and str(p) == f.path for p in report.objects())
    path = "a blank-node path" if blank_path else f.path
    return (f.severity, f.focus, path, f.value, f.source, f.component, f.message)


@pytest.fixture(scope="module")
def jena_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Graph]:
    """Jena's report for every case (by file stem) and for the shipped data ("shipped")."""
    folder = tmp_path_factory.mktemp("jena-shacl")
    cp = classpath(folder)
    javac(PROGRAM, cp, folder)
    data = folder / "data"
    out = folder / "reports"
    data.mkdir()
    out.mkdir()
    files: dict[str, list[str]] = {"integrity": [], "received": []}
    for case in CASES:
        kind, graph = _data_graph(case)
        path = data / f"{case.stem}.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        files[kind].append(str(path))
    shipped = data / "shipped.nt"
    _shipped_data().serialize(shipped, format="nt", encoding="utf-8")
    files["integrity"].append(str(shipped))
    for kind, paths in files.items():
        shapes = folder / f"{kind}-shapes.ttl"
        SHAPES[kind]().serialize(shapes, format="turtle", encoding="utf-8")
        run = subprocess.run(
            ["java", "-cp", f"{folder}:{cp}", "JenaShacl", str(shapes), str(out), *paths],
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert run.returncode == 0, run.stderr[-3000:]
    reports = {}
    for report in out.glob("*.nt.nt"):
        reports[report.name.removesuffix(".nt.nt")] = Graph().parse(report, format="nt")
    refused = {e.name: e.read_text(encoding="utf-8") for e in out.glob("*.error")}
    assert not refused, refused
    return reports


def _pyshacl(graph: Graph, shapes: Graph) -> Graph:
    _conforms, report, _text = validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    return report


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_jena_and_pyshacl_agree_on_the_case(case: Path, jena_reports: dict[str, Graph]) -> None:
    kind, graph = _data_graph(case)
    shapes = SHAPES[kind]()
    ours = _keys(_pyshacl(graph, shapes), shapes)
    jena = _keys(jena_reports[case.stem], shapes)
    assert jena == ours, {"pySHACL only": sorted(ours - jena), "Jena only": sorted(jena - ours)}
    if "-invalid-" in case.name:
        assert ours, f"{case.name}: no result from either engine"


def test_jena_and_pyshacl_agree_on_the_shipped_data(jena_reports: dict[str, Graph]) -> None:
    shapes = integrity_shapes()
    ours = _keys(_pyshacl(_shipped_data(), shapes), shapes)
    jena = _keys(jena_reports["shipped"], shapes)
    assert jena == ours, {"pySHACL only": sorted(ours - jena), "Jena only": sorted(jena - ours)}


def test_the_messages_are_filled_in_both_languages(jena_reports: dict[str, Graph]) -> None:
    """Jena leaves a shape's message as written ({$value}); nap-graph fills it, so a Dutch
    reader sees the outcome, whichever engine made the report."""
    case = "ReceivedSubmissionShape-outcome-in-plan-invalid-01"
    report = jena_reports[case]
    shapes = received_shapes()
    assert any("{$value}" in str(m) for m in report.objects(None, None))
    found = [
        f
        for f in findings_of(report, lang="nl", shapes=shapes)
        if f.component == "OutcomesInPlanConstraintComponent"
    ]
    assert found
    for dutch in found:
        assert dutch.message.startswith("Doelstelling ") and "{" not in dutch.message
        assert dutch.value in dutch.message
