"""The ontology is source code: every term is labelled and defined in English and Dutch, and
every term the data uses from the WPS namespace is declared."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from nap_graph.namespaces import ONTOLOGY_IRI, WPS
from nap_graph.ontology import ontology_graph

TERM_TYPES = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDFS.Datatype,
)


def wps_terms(graph: Graph) -> list[URIRef]:
    terms = {
        s
        for t in TERM_TYPES
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(str(WPS))
    }
    return sorted(terms)


def _has(graph: Graph, term: URIRef, prop: URIRef, lang: str) -> bool:
    return any(isinstance(o, Literal) and o.language == lang for o in graph.objects(term, prop))


def test_ontology_declares_enough_terms() -> None:
    assert len(wps_terms(ontology_graph())) >= 60


def test_every_term_has_labels_and_definitions_in_english_and_dutch() -> None:
    graph = ontology_graph()
    lacking = []
    for term in wps_terms(graph):
        for prop, name in (
            (RDFS.label, "rdfs:label"),
            (SKOS.definition, "skos:definition"),
            (RDFS.comment, "rdfs:comment"),  # what Protege, pyLODE and WebVOWL show
        ):
            for lang in ("en", "nl"):
                if not _has(graph, term, prop, lang):
                    lacking.append(f"{term.fragment}: no {name}@{lang}")
        if (term, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)) not in graph:
            lacking.append(f"{term.fragment}: no rdfs:isDefinedBy <{ONTOLOGY_IRI}>")
    assert not lacking, "\n".join(lacking)


@pytest.mark.parametrize(
    "prop",
    [
        OWL.versionIRI,
        OWL.versionInfo,
        DCTERMS.license,
        DCTERMS.creator,
        DCTERMS.created,
        DCTERMS.modified,
    ],
)
def test_ontology_metadata(prop: URIRef) -> None:
    assert ontology_graph().value(URIRef(ONTOLOGY_IRI), prop) is not None


def test_every_wps_term_used_in_the_data_is_declared(data_graph: Graph) -> None:
    declared = set(wps_terms(ontology_graph()))
    used = {p for p in data_graph.predicates() if p.startswith(str(WPS))}
    used |= {
        o
        for o in data_graph.objects(None, RDF.type)
        if isinstance(o, URIRef) and o.startswith(str(WPS))
    }
    assert used, "the data uses no WPS term at all"
    assert sorted(used - declared) == []


def test_the_ontology_document_says_nothing_about_other_vocabularies_terms() -> None:
    """Statements about ORG, SKOS, ... terms live in ontology/alignments.ttl."""
    graph = ontology_graph()
    foreign = {
        s for s in graph.subjects() if isinstance(s, URIRef) and not str(s).startswith(ONTOLOGY_IRI)
    }
    assert foreign == set(), sorted(foreign)


def test_every_term_is_documented_in_the_model_guide() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "model.md").read_text(encoding="utf-8")
    undocumented = [
        t.fragment for t in wps_terms(ontology_graph()) if f"wps:{t.fragment}" not in text
    ]
    assert not undocumented, f"terms missing from docs/model.md: {undocumented}"


def test_every_class_is_in_the_model_diagram() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "model.md").read_text(encoding="utf-8")
    diagram = text.split("```mermaid", 1)[1].split("```", 1)[0]
    classes = [
        t.fragment
        for t in wps_terms(ontology_graph())
        if (t, RDF.type, OWL.Class) in ontology_graph()
    ]
    assert [c for c in classes if c not in diagram] == []


def test_modified_date_is_not_older_than_the_last_commit_of_the_ontology() -> None:
    """``dcterms:modified`` is kept by hand; this fails when ``ontology/wps.ttl`` was committed
    on a later day than the date it states (bump the date with the change)."""
    root = Path(__file__).parent.parent
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    last = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "ontology/wps.ttl"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if not last:
        pytest.skip("ontology/wps.ttl has no commit yet")
    graph = Graph().parse(root / "ontology" / "wps.ttl")
    modified = graph.value(URIRef(ONTOLOGY_IRI), DCTERMS.modified)
    assert modified is not None, "the ontology states no dcterms:modified"
    assert str(modified) >= last, f"dcterms:modified is {modified}, the last commit {last}"
