"""/record-form: the form becomes a JSON record whose report is the CLI's; problems are given
by field; activities are added and removed without JavaScript; submitting needs a session,
its CSRF token and the role rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from nap_graph.cli import app
from tests.api.conftest import ADMIN, Server

FIELDS = {
    "plan": "nld-nap-4",
    "organisation": "Transgender Netwerk Nederland",
    "strategic_outcomes": "3",
    "sub_outcomes": ["3.4", "4.1"],
    "investment_types": "Programmatic",
    "contribution-3": "We advise on the protection of LGBTQI+ asylum seekers.",
    "activity-0-name": "Training of asylum staff",
    "activity-0-outcomes": "3.4, 9.9",
    "activity-0-target-value": "abc",
    "activity-0-target-indicator": "Trained staff",
}


def test_the_forms_report_is_the_clis(own_server: Server, tmp_path: Path) -> None:
    with own_server.client() as client:
        answer = client.post("/record-form/check", data=FIELDS).json()
    path = tmp_path / "record.json"
    path.write_text(json.dumps(answer["record"]), encoding="utf-8")
    cli = CliRunner().invoke(app, ["validate", str(path), "--format", "json"])
    expected = sorted(p["message"] for p in json.loads(cli.output)["problems"])
    # "abc" is not a number: the form says so beside the target and leaves the target out
    # of the record, so that everything else is checked at once, as the CLI checks it
    form = [p for p in answer["problems"] if p["field"] == "activity-0-target"]
    assert [p["message"] for p in form] == [
        "Activity 1, target 1, value: enter a number, for example 20."
    ]
    assert sorted(p["message"] for p in answer["problems"] if p not in form) == expected
    assert not answer["valid"]


def test_a_broken_record_shows_every_problem_at_once(own_server: Server) -> None:
    """GOV.UK's pattern: an error summary first, each problem a link to its field, the same
    problem beside the field, the field described by it; in the reader's language."""
    for lang, number_text in (
        ("en", "enter a number, for example 20"),
        ("nl", "vul een getal in, bijvoorbeeld 20"),
    ):
        with own_server.client() as client:
            page = client.post(
                "/record-form",
                data={**FIELDS, "action": "check", "activity-0-target-year": "soon"},
                headers={"Accept": "text/html", "Accept-Language": lang},
            ).text
        summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
        links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
        anchors = {a for a, _ in links}
        # the number, the year, the unknown outcome 9.9, 4.1 without its strategic outcome 4
        assert {"activity-0-target-value", "activity-0-outcomes"} <= anchors, links
        assert sum(number_text in m for _, m in links) == 1
        assert any("9.9" in m for _, m in links) and any("4.1" in m for _, m in links)
        assert len(links) == len(set(links)), "a problem listed twice"
        for anchor in anchors - {"record-form", "outcomes"}:
            assert f'id="{anchor}"' in page, anchor
        assert re.search(
            r'id="activity-0-target-value"[^>]*aria-describedby="problems-activity-0-target"'
            r'[^>]*aria-invalid="true"',
            page,
        )
        beside = page.split('id="problems-activity-0-target"', 1)[1].split("</ul>", 1)[0]
        assert number_text in beside
        assert "Input should" not in page and "activities[0]" not in page


def test_problems_by_field_once_the_value_is_a_number(own_server: Server) -> None:
    fixed = {**FIELDS, "activity-0-target-value": "40"}
    with own_server.client() as client:
        answer = client.post("/record-form/check", data=fixed).json()
    by_field = {p["field"]: p["message"] for p in answer["problems"]}
    assert "9.9" in by_field["activity-0-outcomes"]  # an outcome the plan does not have
    assert any("4.1" in p["message"] for p in answer["problems"])  # 4.1 without 4


def test_without_javascript_activities_are_added_and_removed(own_server: Server) -> None:
    with own_server.client() as client:
        added = client.post("/record-form", data={**FIELDS, "action": "add"}).text
        assert 'id="activity-0"' in added and 'id="activity-1"' in added
        assert 'value="Training of asylum staff"' in added  # what was typed is kept
        removed = client.post(
            "/record-form", data={**FIELDS, "activity-1-name": "x", "action": "remove-0"}
        ).text
        assert 'id="activity-0"' not in removed and 'id="activity-1"' in removed
        checked = client.post(
            "/record-form", data={**FIELDS, "action": "check"}, headers={"Accept": "text/html"}
        )
        assert checked.status_code == 200
        assert re.search(r'id="problems-activity-0-target"[^>]*><li>', checked.text)


def test_submitting_needs_a_session_and_its_token(own_server: Server) -> None:
    valid = {
        "plan": "nld-nap-4",
        "organisation": "Stichting Vrede Test",
        "organisation_kind": "Civil-society organisation",
        "organisation_description": "A foundation that works for peace.",
        "strategic_outcomes": "1",
        "investment_types": "Policy",
        "geographic_focus": "national",
        "countries": "Netherlands",
        "contribution-1": "We train women mediators.",
    }
    with own_server.client() as client:
        checked = client.post("/record-form/check", data=valid).json()
        assert checked["valid"], checked["problems"]
        anonymous = client.post("/record-form", data={**valid, "action": "submit"})
        assert anonymous.status_code == 401
        form = client.get("/sign-in").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', form)[1]
        client.post("/sign-in", data={"token": ADMIN, "csrf": csrf, "next": "/record-form"})
        page = client.get("/record-form").text
        session_csrf = re.search(r'name="csrf" value="([^"]+)"', page.split("<main", 1)[1])[1]
        no_token = client.post("/record-form", data={**valid, "action": "submit"})
        assert no_token.status_code == 403
        stored = client.post(
            "/record-form", data={**valid, "action": "submit", "csrf": session_csrf}
        )
        assert stored.status_code == 303 and "stored=" in stored.headers["location"]
        organisation = re.search(r"organisation=([^&]+)", stored.headers["location"])[1]
        page = client.get(f"/doc/organisation/{organisation}", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "Stichting Vrede Test" in page.text
