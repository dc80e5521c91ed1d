"""Drafting a curation document from a record's texts: quantities, places and partners from
sentences the seed does not have, deterministic output, and a draft the shapes accept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.default_data import load_default_store
from nap_graph.reference import reference_index
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.submissions import curation
from nap_graph.submissions.drafting import draft_activity, quantities
from tests.submissions.helpers import SEED


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We aim for 40% women among our trainers.", [(40.0, "percent", False, None)]),
        ("So far, twelve mediators were trained in 2023.", [(12.0, "number", True, 2023)]),
        ("Each partner reports four times a year.", [(4.0, "number", False, None)]),
        ("In 2024 we reached 85 percent of the villages.", [(85.0, "percent", True, 2024)]),
        ("The NAP 1325-IV and outcome 3.2 are central.", []),
        ("One of the main topics is justice.", []),
    ],
)
def test_quantities(sentence: str, expected: list[tuple[float, str, bool, int | None]]) -> None:
    got = [(q.value, q.unit, q.observed, q.year) for q in quantities(sentence)]
    assert got == expected
    assert all(q.sentence == sentence for q in quantities(sentence))


def test_a_paragraph_gives_partners_places_duration_and_frequency() -> None:
    index = reference_index()
    text = (
        "Together with the Ministry of Foreign Affairs we run a five-day training in Yemen "
        "and the Sahel. We publish an annual report."
    )
    activity = draft_activity(
        index, "nld-nap-4", "https://w3id.org/nap-graph/id/organisation/x", "k", "1", text
    )
    assert activity.partners == ["Ministry of Foreign Affairs"]
    assert activity.partner_countries == ["YEM"]
    assert activity.countries == ["YEM", "Sahel"]
    assert activity.duration == "P5D" and activity.frequency == "annual"
    assert activity.draft and activity.reported_in == ["1"]


def test_draft_of_the_seed_is_deterministic_and_accepted_by_the_shapes(tmp_path: Path) -> None:
    runner = CliRunner()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        result = runner.invoke(app, ["draft", str(SEED), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    document = json.loads(first.read_text(encoding="utf-8"))
    assert all(a["draft"] for a in document["activities"])
    assert all(t["source_text"] for a in document["activities"] for t in a.get("targets", []))
    store = OxigraphStore.around(load_default_store())
    doc, parsed = curation.read_curation(first.read_bytes(), "a.json")
    report = curation.check_curation(doc, parsed, store)
    violations = [p for p in report.problems if p.severity.value != "warning"]
    # the candidate from the main-activities text names no outcome: a person chooses one
    assert [(p.focus, p.shape.rsplit("#", 1)[-1]) for p in violations] == [  # type: ignore[union-attr]
        (
            "https://w3id.org/nap-graph/id/activity/jenv/main-activities",
            "ActivityShape-contributes-to",
        )
    ]
