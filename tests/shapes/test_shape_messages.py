"""Every constraint speaks English and Dutch, and property shapes name their field."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from nap_graph.default_files import parse_into
from nap_graph.integrity import integrity_shapes, validate_integrity
from nap_graph.submissions.validation import check_submission_graph, submission_shapes
from nap_graph.terms import Triples

CASES = Path(__file__).parent / "cases"


def _constraints(shapes: Graph) -> list[URIRef]:
    found = set()
    for cls in (SH.PropertyShape, SH.SPARQLConstraint):
        found |= {s for s in shapes.subjects(RDF.type, cls) if isinstance(s, URIRef)}
    return sorted(found)


def _messages(shapes: Graph, constraint: URIRef) -> list[Literal]:
    """The constraint's own messages, else those of the SPARQL-based constraint components it
    uses (a property shape that only gives a component's parameter speaks through them)."""
    own = [m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal)]
    if own:
        return own
    found = []
    for component in shapes.subjects(RDF.type, SH.ConstraintComponent):
        for parameter in shapes.objects(component, SH.parameter):
            if (constraint, shapes.value(parameter, SH.path), None) in shapes:
                for validator in shapes.objects(component, SH.propertyValidator):
                    found += [m for m in shapes.objects(validator, SH.message)]
    return [m for m in found if isinstance(m, Literal)]


@pytest.mark.parametrize(
    "shapes", [integrity_shapes, submission_shapes], ids=["integrity", "submission"]
)
def test_every_constraint_has_a_message_in_english_and_dutch(shapes) -> None:
    graph = shapes()
    constraints = _constraints(graph)
    assert len(constraints) > 10
    lacking = []
    for constraint in constraints:
        langs = {m.language for m in _messages(graph, constraint)}
        if not {"en", "nl"} <= langs:
            lacking.append(f"{constraint}: messages in {sorted(langs)}")
        if (constraint, RDF.type, SH.PropertyShape) in graph and graph.value(
            constraint, SH.name
        ) is None:
            lacking.append(f"{constraint}: no sh:name")
    assert not lacking, "\n".join(lacking)


def test_filled_in_messages_come_in_the_asked_language() -> None:
    case = Triples.parse(
        (
            CASES / "ReceivedContributionRecommendedShape-outcome-selected-invalid-01.ttl"
        ).read_bytes(),
        ox.RdfFormat.TURTLE,
    )
    english, _ = check_submission_graph(case, lang="en")
    dutch, _ = check_submission_graph(case, lang="nl")
    assert [f.message for f in english] == [
        "A paragraph describes outcome https://w3id.org/nap-graph/id/outcome/nld-nap-4/1, which the submission does not select."
    ]
    assert dutch[0].message.startswith("Een alinea beschrijft doelstelling")


def test_integrity_sparql_messages_in_dutch() -> None:
    graph = parse_into(
        parse_into(Graph(), CASES / "_context.ttl"),
        CASES / "SubOutcomeShape-notation-prefix-invalid-01.ttl",
    )
    report = validate_integrity(graph, lang="nl")
    assert report.findings[0].message.startswith("Subdoelstellingscode 4.1 past niet")


def test_every_property_shape_has_an_english_and_dutch_name_and_description() -> None:
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    from nap_graph.resources import shapes_dir

    graph = Graph()
    for path in sorted(shapes_dir().glob("*.ttl")):
        graph.parse(path)
    lacking = []
    for shape in set(graph.subjects(RDF.type, SH.PropertyShape)):
        for prop in (SH.name, SH.description):
            languages = {getattr(o, "language", None) for o in graph.objects(shape, prop)}
            if not {"en", "nl"} <= languages:
                lacking.append(f"{shape} {prop.split('#')[-1]}: {sorted(map(str, languages))}")
    assert not lacking, "\n".join(sorted(lacking))


def test_reports_name_the_checked_property_in_the_report_language() -> None:
    import json as _json

    from nap_graph.submissions.reading import read_submissions
    from nap_graph.submissions.validation import validate_submission

    record = {
        "organisation": "Stichting X",
        "organisation_kind": "Sports club",
        "strategic_outcomes": ["1"],
        "investment_types": ["Policy"],
        "contributions": [{"outcome": "1", "text": "We train mediators."}],
    }
    (parsed,) = read_submissions(_json.dumps(record).encode(), "x.json")
    names = {
        lang: {p.name for p in validate_submission(parsed, lang=lang).problems if p.name}
        for lang in ("en", "nl")
    }
    assert "Organization details" in names["en"]
    assert "Gegevens van de organisatie" in names["nl"]
