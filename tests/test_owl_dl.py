"""The ontology, alone and with all the shipped data, is OWL 2 DL as the OWL API (Debian's
libowlapi-java, which .ci/run installs) checks it, and HermiT (the jar owlready2 ships) finds
the ontology with the data consistent and no class unsatisfiable. The profile checker is
tests/ontology_tools/ProfileCheck.java, compiled here with javac. Controls show both checks
can fail: a year as a data property value is a DL violation, an activity that is also a plan
makes the data inconsistent, a class under owl:Nothing is reported. docs/model.md ("OWL 2 DL")
says how the data stays DL."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from nap_graph.default_data import load_default_store
from nap_graph.resources import alignments_path, ontology_path
from tests.jena import javac, unavailable

JAVA_LIBS = Path("/usr/share/java")
CHECKER = Path(__file__).parent / "ontology_tools" / "ProfileCheck.java"
WPS = "https://w3id.org/nap-graph/def/wps#"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _missing(what: list[str]) -> None:
    if what:
        unavailable(f"not installed: {', '.join(what)} (.ci/run installs them)")


def _owlapi_classpath() -> str:
    missing = [t for t in ("java", "javac") if shutil.which(t) is None]
    if not (JAVA_LIBS / "owlapi-distribution.jar").exists():
        missing.append("libowlapi-java")
    _missing(missing)
    return ":".join(str(p) for p in sorted(JAVA_LIBS.glob("*.jar")))


def _hermit_jar() -> Path:
    _missing([] if shutil.which("java") else ["java"])
    try:
        import owlready2
    except ImportError:
        _missing(["owlready2 (the test extra)"])
    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    _missing([] if jar.exists() else [f"{jar}"])
    return jar


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    classpath = _owlapi_classpath()
    folder = tmp_path_factory.mktemp("profile-check")
    javac(CHECKER, classpath, folder)
    return folder, classpath


@pytest.fixture(scope="module")
def ontology_with_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Everything the default store holds but the shapes (SHACL, not OWL), as N-Triples:
    the ontology, its alignments and declarations, the reference data, plans, actors, the
    shipped record with its curation, the provenance."""
    store = load_default_store()
    path = tmp_path_factory.mktemp("dl") / "ontology-with-data.nt"
    with path.open("w", encoding="utf-8") as out:
        for quad in store.quads_for_pattern(None, None, None, None):
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and "/graph/shapes/" in graph.value:
                continue
            out.write(f"{quad.subject} {quad.predicate} {quad.object} .\n")
    return path


def _profile(checker: tuple[Path, str], document: Path) -> list[str]:
    folder, classpath = checker
    checked = subprocess.run(
        ["java", "-cp", f"{folder}:{classpath}", "ProfileCheck", str(document)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stderr[-2000:]
    return checked.stdout.strip().splitlines()


def _hermit(document: Path) -> subprocess.CompletedProcess[str]:
    """HermiT's command line: is owl:Thing satisfiable (the ontology consistent), which
    classes are equivalent to owl:Nothing."""
    return subprocess.run(
        [
            *("java", "-Xmx2g", "-cp", str(_hermit_jar())),
            *("org.semanticweb.HermiT.cli.CommandLine", "-k", "-U", document.as_uri()),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


def _unsatisfiable(output: str) -> list[str]:
    lines = output.split("Classes equivalent to 'owl:Nothing':", 1)[1].split()
    return [c for c in lines if c != "owl:Nothing"]


def test_the_ontology_is_owl_2_dl(checker: tuple[Path, str], tmp_path: Path) -> None:
    # the ontology as published: its terms (wps.ttl) and its statements about other
    # vocabularies' terms, the declarations OWL 2 DL asks for among them (alignments.ttl)
    ontology = tmp_path / "ontology.ttl"
    ontology.write_text(
        ontology_path().read_text(encoding="utf-8") + alignments_path().read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    lines = _profile(checker, ontology)
    assert lines[-1] == "violations: 0", "\n".join(lines[:30])


def test_the_ontology_with_all_shipped_data_is_owl_2_dl(
    checker: tuple[Path, str], ontology_with_data: Path
) -> None:
    lines = _profile(checker, ontology_with_data)
    assert lines[-1] == "violations: 0", "\n".join(lines[:30])


def test_a_year_as_a_data_property_value_is_not_dl(
    checker: tuple[Path, str], tmp_path: Path
) -> None:
    """The control: why wps:year is an annotation property (xsd:gYear is not in the OWL 2
    datatype map)."""
    document = tmp_path / "year.ttl"
    document.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<http://example.org/o> a owl:Ontology .\n"
        "<http://example.org/year> a owl:DatatypeProperty .\n"
        '<http://example.org/a> <http://example.org/year> "2021"^^xsd:gYear .\n',
        encoding="utf-8",
    )
    lines = _profile(checker, document)
    assert lines[-1] != "violations: 0"
    assert any("2021" in line for line in lines[:-1])


def test_hermit_finds_the_ontology_with_all_shipped_data_consistent(
    ontology_with_data: Path,
) -> None:
    run = _hermit(ontology_with_data)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "owl#Thing is satisfiable" in run.stdout, run.stdout[-2000:]
    assert _unsatisfiable(run.stdout) == []


def test_hermit_finds_an_iri_used_as_two_disjoint_kinds(
    ontology_with_data: Path, tmp_path: Path
) -> None:
    """The control: an activity of the shipped data stated to be a plan too contradicts the
    ontology's disjoint kinds, and HermiT says so."""
    text = ontology_with_data.read_text(encoding="utf-8")
    activity = next(
        line.split(" ", 1)[0]
        for line in text.splitlines()
        if line.endswith(f"{TYPE} <{WPS}Activity> .")
    )
    broken = tmp_path / "broken.nt"
    broken.write_text(text + f"{activity} {TYPE} <{WPS}NationalActionPlan> .\n", encoding="utf-8")
    run = _hermit(broken)
    assert run.returncode != 0
    assert "InconsistentOntologyException" in run.stderr


def test_hermit_reports_an_unsatisfiable_class(tmp_path: Path) -> None:
    """The control for the unsatisfiable-class check: a class under two disjoint kinds."""
    document = tmp_path / "unsatisfiable.ttl"
    document.write_text(
        ontology_path().read_text(encoding="utf-8")
        + alignments_path().read_text(encoding="utf-8")
        + f"\n<{WPS}Both> a owl:Class ; rdfs:subClassOf wps:Activity , wps:NationalActionPlan .\n",
        encoding="utf-8",
    )
    run = _hermit(document)
    assert run.returncode == 0, run.stderr[-2000:]
    assert _unsatisfiable(run.stdout) == ["wps:Both"], run.stdout[-1000:]
