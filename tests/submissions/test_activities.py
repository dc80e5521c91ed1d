"""Activities in submissions: JSON, CSV and Turtle records with activities become graphs with
those activities, their partners, places, targets and observed values."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from nap_graph.ingest import Status, ingest_parsed
from nap_graph.namespaces import COUNTRY, ID, WPS
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.validation import validate_submission
from tests.submissions.helpers import EXAMPLES, assert_isomorphic, graph_of, without_source

ACT = f"{ID}activity/vrouwen-voor-vrede-nederland/"
FREQ = "http://publications.europa.eu/resource/authority/frequency/"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return graph_of((EXAMPLES / "activities.json").read_bytes(), "activities.json")


def test_json_and_csv_with_activities_give_the_same_graph(graph: Graph) -> None:
    csv_graph = graph_of((EXAMPLES / "activities.csv").read_bytes(), "activities.csv")
    assert_isomorphic(without_source(graph), without_source(csv_graph))


def test_turtle_with_activities_reads_back_into_the_same_graph(graph: Graph) -> None:
    turtle = graph.serialize(format="turtle").encode()
    assert_isomorphic(without_source(graph), without_source(graph_of(turtle, "again.ttl")))


def test_json_ld_with_activities_reads_back_into_the_same_graph(graph: Graph) -> None:
    data = graph.serialize(format="json-ld").encode()
    assert_isomorphic(without_source(graph), without_source(graph_of(data, "again.jsonld")))


def test_activities_are_in_the_graph(graph: Graph) -> None:
    activities = set(graph.subjects(RDF.type, WPS.Activity))
    assert activities == {
        URIRef(ACT + k) for k in ("mediation-training", "legal-aid-clinics", "diaspora-network")
    }
    training = URIRef(ACT + "mediation-training")
    partners = set(graph.objects(training, WPS.partner))
    assert URIRef(f"{ID}organisation/bz") in partners  # a known organisation, by its name
    assert set(graph.objects(training, WPS.partnerCountry)) == {COUNTRY.YEM, COUNTRY.AFG}
    assert set(graph.objects(training, WPS.geographicFocus)) == {
        URIRef(f"{ID}geographic-focus/international")
    }
    assert graph.value(training, WPS.frequency) == URIRef(FREQ + "ANNUAL_2")
    assert graph.value(training, WPS.duration) == Literal("P5D", datatype=XSD.duration)
    (target,) = graph.objects(training, WPS.hasTarget)
    assert graph.value(target, WPS.value) == Literal("40", datatype=XSD.integer)
    assert graph.value(target, WPS.year) == Literal("2025", datatype=XSD.gYear)
    (observed,) = graph.objects(training, WPS.hasObservedValue)
    assert graph.value(observed, WPS.year) == Literal("2023", datatype=XSD.gYear)
    assert graph.value(target, WPS.measures) == graph.value(observed, WPS.measures)


def test_focus_follows_the_places_unless_stated(graph: Graph) -> None:
    network = URIRef(ACT + "diaspora-network")
    assert set(graph.objects(network, WPS.geographicFocus)) == {
        URIRef(f"{ID}geographic-focus/national"),
        URIRef(f"{ID}geographic-focus/international"),
    }
    assert graph.value(network, WPS.focusRegion) == URIRef(f"{ID}region/horn-of-africa")


def test_reported_in_defaults_to_the_paragraphs_of_its_outcomes(graph: Graph) -> None:
    submission = next(graph.subjects(RDF.type, WPS.Submission))
    clinics = {
        str(o).rsplit("/", 1)[-1]
        for o in graph.objects(URIRef(ACT + "legal-aid-clinics"), WPS.reportedIn)
    }
    assert clinics == {"3", "3.1"}
    network = set(graph.objects(URIRef(ACT + "diaspora-network"), WPS.reportedIn))
    assert submission in network and len(network) == 2


def test_the_json_record_is_valid_with_warnings_for_new_concepts() -> None:
    (parsed,) = read_submissions((EXAMPLES / "activities.json").read_bytes(), "activities.json")
    report = validate_submission(parsed)
    assert report.conforms, [p.message for p in report.problems]
    pointers = {p.location.pointer for p in report.problems if p.location}
    assert "/activities/0/target_groups/0" in pointers  # "Women mediators" is new


def test_ingested_activities_are_in_the_store(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    (parsed,) = read_submissions((EXAMPLES / "activities.json").read_bytes(), "activities.json")
    assert ingest_parsed(store, parsed).status is Status.stored
    rows = store.query("SELECT ?a ?v WHERE { ?a a wps:Activity ; wps:hasTarget/wps:value ?v }").rows  # type: ignore[union-attr]
    store.close()
    assert {r["a"].value.rsplit("/", 1)[-1] for r in rows} == {
        "mediation-training",
        "legal-aid-clinics",
    }


@pytest.mark.parametrize(
    ("change", "pointer", "expected"),
    [
        (
            {"activity_types": ["Juggling"]},
            "/activities/0/activity_types/0",
            "'Juggling' is not an activity type",
        ),
        (
            {"mission_types": ["Moon mission"]},
            "/activities/0/mission_types/0",
            "'Moon mission' is not a mission type",
        ),
        ({"outcomes": ["7"]}, "/activities/0/outcomes/0", "7"),
        ({"partner_countries": ["Atlantis"]}, "/activities/0/partner_countries/0", None),
    ],
)
def test_a_bad_activity_field_is_a_violation_at_its_pointer(
    change: dict[str, object], pointer: str, expected: str | None
) -> None:
    import json

    doc = json.loads((EXAMPLES / "activities.json").read_text(encoding="utf-8"))
    doc["activities"][0].update(change)
    (parsed,) = read_submissions(json.dumps(doc).encode(), "bad.json")
    report = validate_submission(parsed)
    assert not report.conforms
    found = [p for p in report.problems if p.location and p.location.pointer == pointer]
    assert found and found[0].severity.value == "violation", [
        (p.location, p.message) for p in report.problems
    ]
    if expected:
        assert expected in found[0].message


def test_a_bad_csv_activity_cell_is_an_error_at_its_row_and_column() -> None:
    from nap_graph.errors import SubmissionReadError

    text = (
        "organisation,strategic_outcomes,contributions,activity.name,activity.targets,"
        "activity.duration\n"
        'X,1,"Strategic outcome 1: We train.",,,\n'
        ",,,Training,forty | women,\n"
        ",,,Training 2,,three days\n"
    )
    with pytest.raises(SubmissionReadError) as info:
        read_submissions(text.encode(), "bad.csv")
    where = {(p.location.row, p.location.column): p.message for p in info.value.problems}  # type: ignore[union-attr]
    assert (
        "expected '<value> <unit> | <what is measured> | <year>'" in where[(3, "activity.targets")]
    )
    assert "ISO 8601 duration such as P3D" in where[(4, "activity.duration")]
