"""IRIs follow the documented patterns and are minted deterministically."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from nap_graph import iris
from nap_graph.default_files import default_graph_files
from nap_graph.namespaces import BASE
from nap_graph.ontology import ontology_graph

SHA = "9499130b86aac3709e9724e226885d207ed0e08c18a4292699af4989f64e8276"


def test_every_minted_iri_in_the_data_follows_a_documented_pattern(data_graph: Graph) -> None:
    nodes = {n for triple in data_graph for n in triple if isinstance(n, URIRef)}
    nodes |= {n for triple in ontology_graph() for n in triple if isinstance(n, URIRef)}
    nodes |= {URIRef(g.graph) for g in default_graph_files()}
    ours = {str(n) for n in nodes if str(n).startswith(BASE)}
    assert len(ours) > 150
    assert sorted(n for n in ours if iris.kind_of(n) is None) == []


def test_every_pattern_is_documented() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "iris.md").read_text(encoding="utf-8")
    for kind in iris.IRI_PATTERNS:
        assert f"`{kind}`" in text, kind


def test_minting_reproduces_the_curated_iris() -> None:
    plan = iris.plan_iri("NLD", 4)
    assert plan == f"{BASE}id/plan/nld-nap-4"
    assert iris.outcome_iri(plan, "3.2") == f"{BASE}id/outcome/nld-nap-4/3.2"
    submission = iris.submission_iri(plan, "jenv", SHA)
    assert submission == f"{BASE}id/submission/nld-nap-4/jenv/9499130b86aac370"
    assert iris.contribution_iri(submission, "3.4") == f"{submission}/contribution/3.4"
    assert iris.source_iri(SHA) == f"{BASE}id/source/9499130b86aac370"
    assert iris.activity_iri("jenv", "mla-treaty") == f"{BASE}id/activity/jenv/mla-treaty"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Transgender Netwerk Nederland", "transgender-netwerk-nederland"),
        ("WO=MEN", "wo-men"),
        ("Ministère de l'Europe", "ministere-de-l-europe"),
        ("  --Police--  ", "police"),
        ("x" * 70, "x" * 60),
        ("Een heel lange naam " * 5, "een-heel-lange-naam-een-heel-lange-naam-een-heel-lange-naam"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert iris.slugify(text) == slug
    assert iris.kind_of(iris.organisation_iri(slug)) == "organisation"


@pytest.mark.parametrize("text", ["", "   ", "---", "💥", "<>"])
def test_slugify_refuses_text_without_letters_or_digits(text: str) -> None:
    with pytest.raises(ValueError, match="no letters or digits"):
        iris.slugify(text)


def test_unique_slug_handles_collisions() -> None:
    assert iris.unique_slug("COA", set()) == "coa"
    assert iris.unique_slug("COA", {"coa"}) == "coa-2"
    assert iris.unique_slug("C.O.A.", {"c-o-a", "c-o-a-2"}) == "c-o-a-3"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: iris.organisation_iri("Bad Key"), "not a key"),
        (lambda: iris.outcome_iri(f"{BASE}id/plan/nld-nap-4", "3 .2"), "not an outcome code"),
        (lambda: iris.source_iri("abc"), "not a SHA-256"),
        (
            lambda: iris.submission_iri(f"{BASE}id/plan/nld-nap-4", "jenv", SHA.upper()),
            "not a SHA-256",
        ),
    ],
)
def test_minting_refuses_malformed_parts(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_kind_of_rejects_foreign_and_malformed_iris() -> None:
    assert iris.kind_of("http://example.org/x") is None
    assert iris.kind_of(f"{BASE}id/organisation/Bad_Key") is None
    assert iris.kind_of(f"{BASE}id/submission/nld-nap-4/jenv/9499") is None
