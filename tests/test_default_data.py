"""The shipped data loads, lands in the documented named graphs and conforms to the shapes."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from nap_graph.default_data import load_default_dataset
from nap_graph.default_files import default_graph_files
from nap_graph.generation import GENERATION_GRAPH
from nap_graph.integrity import validate_integrity
from nap_graph.iris import PROVENANCE_GRAPH
from nap_graph.namespaces import GRAPH
from nap_graph.querying import select

JENV = "nld-nap-4/jenv/9499130b86aac370"


def test_all_data_conforms_to_the_integrity_shapes_without_warnings(data_graph: Graph) -> None:
    report = validate_integrity(data_graph)
    assert report.conforms, report.text()
    assert report.findings == (), report.text()


def test_integrity_messages_come_in_dutch_too() -> None:
    from pathlib import Path

    from nap_graph.default_files import parse_into

    case = Path(__file__).parent / "shapes" / "cases" / "OrganisationShape-kind-invalid-01.ttl"
    report = validate_integrity(parse_into(Graph(), case), lang="nl")
    assert any("Een organisatie heeft een soort nodig" in f.message for f in report.findings)


def test_graph_names_follow_the_file_layout() -> None:
    graphs = {g.graph for g in default_graph_files()}
    for expected in (
        "ontology/wps",
        "shapes/integrity",
        "shapes/activities",
        "shapes/integrity-recommended",
        "reference/pillars",
        "reference/countries",
        "plans/nld-nap",
        "actors/nld",
    ):
        assert f"{GRAPH}{expected}" in graphs


def test_store_holds_one_named_graph_per_file(store: ox.Store) -> None:
    named = {g.value for g in store.named_graphs()}
    records = {f"{GRAPH}submission/{JENV}", f"{GRAPH}curation/{JENV}"}
    bookkeeping = {PROVENANCE_GRAPH, GENERATION_GRAPH}
    assert named == {g.graph for g in default_graph_files()} | records | bookkeeping


def test_the_shipped_record_is_stated_once(store: ox.Store) -> None:
    """The received version and its curation do not repeat each other: one submission, one
    submission date, each contribution once in the union of the graphs."""
    assert select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s a wps:Submission }") == [{"n": "1"}]
    dates = "SELECT ?d WHERE { ?s dcterms:dateSubmitted ?d }"
    assert select(store, dates) == [{"d": "2026-11-27"}]
    both = "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?c) AS ?d) WHERE { ?s wps:hasContribution ?c }"
    assert select(store, both) == [{"n": "8", "d": "8"}]


def test_union_default_graph_and_single_graph_queries(store: ox.Store) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a wps:Activity }"
    assert select(store, query) == [{"n": "14"}]
    assert select(store, query, union_default_graph=False) == [{"n": "0"}]
    one_graph = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/nap-graph/graph/curation/nld-nap-4/jenv/9499130b86aac370> { ?s a wps:Activity } }"
    assert select(store, one_graph) == [{"n": "14"}]


def test_rdflib_dataset_matches_the_store(store: ox.Store) -> None:
    dataset = load_default_dataset()
    assert sum(1 for _ in dataset.quads()) == len(store)
