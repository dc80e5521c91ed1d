"""Helpers shared by the submission tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import PROV

from nap_graph.namespaces import ID, WPS
from nap_graph.resources import data_dir
from nap_graph.submissions.model import ParsedSubmission
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.to_rdf import submission_to_graph

ROOT = Path(__file__).resolve().parents[2]
SEED = data_dir() / "submissions" / "nld-nap-4" / "jenv" / "000_9b141defdd96629b.txt"
EXAMPLES = ROOT / "docs" / "examples"
EXPECTED = Path(__file__).parent / "expected"
RECEIVED = date(2026, 11, 27)


SEED_CONTRIBUTIONS = ["1", "2", "3", "3.1", "3.2", "3.4", "5", "5.1"]
"""The outcomes the seed record's paragraphs describe, in its order."""


def read_one(data: bytes, name: str) -> ParsedSubmission:
    parsed = read_submissions(data, name)
    assert len(parsed) == 1
    return parsed[0]


def graph_of(data: bytes, name: str) -> Graph:
    """The record's graph as an rdflib graph (for isomorphism and graph diffs)."""
    built = submission_to_graph(read_one(data, name), received=RECEIVED).graph
    return Graph().parse(data=built.serialize(ox.RdfFormat.N_TRIPLES), format="nt")


def without_source(graph: Graph) -> Graph:
    """The graph with the source document left out and the submission IRI (which carries the
    source's hash) replaced by a fixed one: what must be equal across input formats."""
    subject = next(graph.subjects(WPS.sourceDocument, None))
    source = graph.value(subject, WPS.sourceDocument)
    fixed = str(ID) + "submission/any"
    dropped = {source} | set(graph.objects(source, None))
    out = Graph()
    for s, p, o in graph:
        if s in dropped or p in (WPS.sourceDocument, PROV.wasDerivedFrom):
            continue
        s = URIRef(str(s).replace(str(subject), fixed)) if isinstance(s, URIRef) else s
        o = URIRef(str(o).replace(str(subject), fixed)) if isinstance(o, URIRef) else o
        out.add((s, p, o))
    return out


def assert_isomorphic(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        only_a = sorted(str(t) for t in to_isomorphic(a) - to_isomorphic(b))[:5]
        only_b = sorted(str(t) for t in to_isomorphic(b) - to_isomorphic(a))[:5]
        raise AssertionError(f"graphs differ;\nonly in first: {only_a}\nonly in second: {only_b}")
