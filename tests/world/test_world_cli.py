"""The world table and a plan in its own language from the command line: ``nap-graph world
load`` replaces the store's world plans in one write; ``nap-graph import-plan`` takes a plan
for a country the table lacks, titled in Thai, with warnings only, and ``nap-graph compare
--country`` then shows it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.world.building import reference_table

THAILAND = {
    "country": "THA",
    "title": "แผนปฏิบัติการระดับชาติว่าด้วยสตรี สันติภาพ และความมั่นคง",
    "language": "th",
    "start": "2024-03",
    "number": 1,
    "areas": [
        {"code": "1", "title": "การป้องกัน", "mappings": [{"pillar": "prevention", "kind": "exact"}]},
        {
            "code": "2",
            "title": "การมีส่วนร่วม",
            "title_en": "Participation",
            "mappings": [{"pillar": "participation", "kind": "exact"}],
        },
    ],
    "sources": ["https://example.org/thailand-nap"],
}


def test_world_load_and_a_plan_in_thai(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    runner = CliRunner()
    loaded = runner.invoke(
        app, ["world", "load", "--table", str(reference_table()), "--store", store]
    )
    assert loaded.exit_code == 0, loaded.output
    assert "into <https://w3id.org/nap-graph/graph/plans/world>" in loaded.output
    plan = tmp_path / "thailand.json"
    plan.write_text(json.dumps(THAILAND, ensure_ascii=False), encoding="utf-8")
    imported = runner.invoke(app, ["import-plan", str(plan), "--store", store])
    assert imported.exit_code == 0, imported.output
    assert "violation" not in imported.output.replace("0 violation(s)", "")
    assert "no English or Dutch title" in imported.output
    compared = runner.invoke(
        app, ["compare", "--country", "THA", "--format", "json", "--store", store]
    )
    data = json.loads(compared.output)
    assert [p["key"] for p in data["plans"]] == ["tha-nap-1"]
    assert data["plans"][0]["start"] == "2024" and data["plans"][0]["end"] == ""
    assert {m["area"] for m in data["mappings"]} == {"การป้องกัน", "Participation"}
    dutch = runner.invoke(app, ["compare", "--country", "THA", "--lang", "nl", "--store", store])
    assert "Thailand: Nationaal Actieplan 1 (2024" in dutch.output


def test_a_plan_written_from_the_csv_template(tmp_path: Path) -> None:
    import csv
    import io

    from nap_graph.plans.reading import COLUMNS

    # the columns of docs/plan-template.csv and /plans/template.csv (tests/plans checks both)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    plan = {
        "country": "LAO",
        "title": "ແຜນດໍາເນີນງານແຫ່ງຊາດ ແມ່ຍິງ ສັນຕິພາບ ແລະ ຄວາມໝັ້ນຄົງ",
        "language": "lo",
        "start": "2025",
        "number": "1",
    }
    for code, area, mappings in (
        ("1", "ການປ້ອງກັນ", "prevention:exact"),
        ("2", "ການມີສ່ວນຮ່ວມ", "participation:close"),
    ):
        writer.writerow({**plan, "code": code, "area": area, "mappings": mappings})
    path = tmp_path / "laos.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    store = str(tmp_path / "store")
    imported = CliRunner().invoke(app, ["import-plan", str(path), "--store", store])
    assert imported.exit_code == 0, imported.output
    assert " 0 violation(s)" in imported.output and "warning" in imported.output
    world = CliRunner().invoke(
        app, ["compare", "--country", "LAO", "--format", "json", "--store", store]
    )
    assert [p["key"] for p in json.loads(world.output)["plans"]] == ["lao-nap-1"]
