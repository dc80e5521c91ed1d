"""Framed JSON-LD for web developers: plans and submissions as JSON trees with plain keys
that go back to exactly the same triples."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from nap_graph.default_data import initialise
from nap_graph.framing import (
    framed_plan,
    framed_submission,
    plan_triples,
    submission_triples,
    to_triples,
)
from nap_graph.ingest import ingest_files
from nap_graph.store import OxigraphStore
from tests.submissions.helpers import SEED


def graph_of(triples: list[ox.Triple]) -> Graph:
    data = ox.serialize(
        [ox.Quad(t.subject, t.predicate, t.object) for t in triples], format=ox.RdfFormat.N_QUADS
    )
    return Graph().parse(data=data or b"", format="nquads")


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    target = OxigraphStore()
    initialise(target)
    ingest_files(target, [SEED])
    return target


@pytest.mark.parametrize("plan", ["nld-nap-4", "deu-nap-2021", "gbr-nap-2023"])
def test_plan_round_trips_through_framed_json_ld(store: OxigraphStore, plan: str) -> None:
    iri = f"https://w3id.org/nap-graph/id/plan/{plan}"
    triples = plan_triples(store, iri)
    document = framed_plan(triples, iri)
    assert document["id"] == iri and document["type"] == "NationalActionPlan"
    areas = document["outcomeFramework"]["hasTopConcept"]
    assert all("prefLabel" in area and "notation" in area for area in areas)
    assert isomorphic(graph_of(to_triples(document)), graph_of(triples))


def test_dutch_plan_tree_reads_like_json(store: OxigraphStore) -> None:
    iri = "https://w3id.org/nap-graph/id/plan/nld-nap-4"
    document = framed_plan(plan_triples(store, iri), iri)
    assert document["prefLabel"]["nl"] == "Nederlands Nationaal Actieplan 1325-IV"
    protection = next(
        a for a in document["outcomeFramework"]["hasTopConcept"] if a["notation"] == "3"
    )
    assert protection["exactMatch"] == "https://w3id.org/nap-graph/id/pillar/protection"


def test_submission_round_trips_through_framed_json_ld(store: OxigraphStore) -> None:
    iri = "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370"
    triples = submission_triples(store, iri)
    document = framed_submission(triples, iri)
    assert document["submittedBy"] == "https://w3id.org/nap-graph/id/organisation/jenv"
    assert len(document["hasContribution"]) == 8
    assert isomorphic(graph_of(to_triples(document)), graph_of(triples))
