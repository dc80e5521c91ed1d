"""DAC purpose codes and the gender equality marker on activities, so that a NAP activity and
an IATI activity can be lined up: read from JSON and CSV by code or by name, stated with the
vocabularies' IRIs, refused by name and field when nap-graph does not know them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox

from nap_graph import iris
from nap_graph.submissions.checking import check_bytes
from nap_graph.terms import WPS

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "activities.json"
CSV_EXAMPLE = EXAMPLE.with_suffix(".csv")


def _record(**activity: object) -> dict[str, object]:
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    record["activities"] = [dict(record["activities"][0], **activity)]
    return record


def _objects(data: bytes, name: str, prop: ox.NamedNode) -> tuple[set[str], list]:
    checked = check_bytes(data, name)
    (one,) = checked.records
    assert one.report is not None, one.problems
    graph = one.report.submission.graph
    return {t.object.value for t in graph if t.predicate == prop}, one.problems


def test_codes_and_names_are_read_from_json() -> None:
    record = _record(
        purpose_codes=["15180", "Civilian peace-building, conflict prevention and resolution"],
        gender_marker="2",
    )
    data = json.dumps(record).encode()
    codes, problems = _objects(data, "r.json", WPS.purposeCode)
    assert codes == {
        iris.concept_iri("dac-purpose", "15180"),
        iris.concept_iri("dac-purpose", "15220"),
    }
    assert not [p for p in problems if p.severity.value != "warning"], problems
    markers, _ = _objects(data, "r.json", WPS.genderMarker)
    assert markers == {iris.concept_iri("gender-marker", "2")}
    by_name, _ = _objects(
        json.dumps(_record(gender_marker="Principal objective")).encode(),
        "r.json",
        WPS.genderMarker,
    )
    assert by_name == markers


def test_the_same_from_csv() -> None:
    rows = list(csv.DictReader(io.StringIO(CSV_EXAMPLE.read_text(encoding="utf-8"))))
    first = next(r for r in rows if r["activity.name"])
    first["activity.purpose_codes"], first["activity.gender_marker"] = "15180;15220", "1"
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=[*rows[0], "activity.purpose_codes", "activity.gender_marker"]
    )
    writer.writeheader()
    writer.writerows(rows)
    data = out.getvalue().encode()
    codes, _ = _objects(data, "r.csv", WPS.purposeCode)
    assert codes == {
        iris.concept_iri("dac-purpose", "15180"),
        iris.concept_iri("dac-purpose", "15220"),
    }
    markers, _ = _objects(data, "r.csv", WPS.genderMarker)
    assert markers == {iris.concept_iri("gender-marker", "1")}


def test_an_unknown_code_is_named_with_its_field() -> None:
    data = json.dumps(_record(purpose_codes=["99999"], gender_marker="5")).encode()
    (one,) = check_bytes(data, "r.json").records
    bad = {p.location.pointer: p.message for p in one.problems if p.severity.value == "violation"}
    assert "OECD DAC purpose codes" in bad["/activities/0/purpose_codes/0"]
    assert "gender marker" in bad["/activities/0/gender_marker"]


def test_the_record_form_carries_them() -> None:
    from nap_graph.submissions.form_record import record_from_form

    form = {
        "organisation": ["Vrouwen voor Vrede"],
        "activity-0-name": ["Mediation training"],
        "activity-0-purpose_codes": ["15220, 15180"],
        "activity-0-gender_marker": ["Principal objective"],
    }
    (activity,) = record_from_form(form).record["activities"]  # type: ignore[misc]
    assert activity["purpose_codes"] == ["15220", "15180"]
    assert activity["gender_marker"] == "Principal objective"
    assert record_from_form(form).field_for("/activities/0/gender_marker") == (
        "activity-0-gender_marker"
    )
