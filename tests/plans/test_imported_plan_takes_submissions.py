"""A plan imported with `nap-graph import-plan` takes submissions: the reference data
submissions are checked against is read from the store, not only from the shipped files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nap_graph.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _plan_csv(tmp_path: Path) -> Path:
    """Sierra Leone's plan (not shipped): the Irish template with another country and key."""
    text = (ROOT / "docs" / "examples" / "plan-irl.csv").read_text(encoding="utf-8")
    text = text.replace("IRL,Ireland's Third", "SLE,Sierra Leone's Second").replace(
        "Derde Iers", "Tweede Sierra Leoons"
    )
    path = tmp_path / "plan-sle.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _record(plan: str) -> bytes:
    return json.dumps(
        {
            "plan": plan,
            "organisation": "Women's Forum Sierra Leone",
            "organisation_kind": "Civil Society Organization",
            "organisation_description": "A network of women's organisations.",
            "strategic_outcomes": ["2"],
            "investment_types": ["Programmatic"],
            "contributions": [{"outcome": "2", "text": "Women take part in peace talks."}],
            "countries": ["Sierra Leone"],
        }
    ).encode()


def test_a_record_for_an_imported_plan_is_stored(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    runner = CliRunner()
    plan = _plan_csv(tmp_path)
    imported = runner.invoke(app, ["import-plan", str(plan), "--store", store])
    assert imported.exit_code == 0, imported.output
    key = next(
        line.split("/plan/")[1].split()[0].rstrip(")>:,")
        for line in imported.output.splitlines()
        if "/plan/" in line
    )
    assert key.startswith("sle-nap")
    record = tmp_path / "record.json"
    record.write_bytes(_record(key))
    # without the store, the plan is unknown: the shipped data does not have it
    shipped = runner.invoke(app, ["validate", str(record)])
    assert shipped.exit_code == 1 and f"'{key}' is not a known plan" in shipped.output
    # against the store it is known, and the record is stored
    checked = runner.invoke(app, ["validate", str(record), "--store", store])
    assert checked.exit_code == 0, checked.output
    ingested = runner.invoke(app, ["ingest", str(record), "--store", store])
    assert ingested.exit_code == 0, ingested.output
    assert "stored" in ingested.output
    assert f"submission/{key}/" in ingested.output and "forum-sierra-leone/" in ingested.output
