"""The nap-graph command, run as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from nap_graph.cli import app

runner = CliRunner()
QUERIES = Path(__file__).resolve().parents[1] / "docs" / "queries"


def test_query_from_argument_as_csv() -> None:
    result = runner.invoke(
        app,
        [
            "query",
            "SELECT ?n WHERE { ?o a wps:StrategicOutcome ; skos:inScheme <https://w3id.org/nap-graph/id/scheme/nld-nap-4-outcomes> ; skos:notation ?n } ORDER BY ?n",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "1", "2", "3", "4", "5"]


def test_query_from_file_as_json() -> None:
    result = runner.invoke(
        app, ["query", "--file", str(QUERIES / "submission-provenance.rq"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert "fileName" in document["head"]["vars"]
    assert [b["fileName"]["value"] for b in document["results"]["bindings"]] == [
        "000_9b141defdd96629b.txt"
    ]


def test_query_from_stdin_as_tsv() -> None:
    result = runner.invoke(
        app,
        ["query", "-", "--format", "tsv"],
        input="SELECT ?c WHERE { ?c a wps:Pillar } ORDER BY ?c",
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output), delimiter="\t"))
    assert len(rows) == 4


def test_malformed_query_is_a_clear_error_with_exit_code_2() -> None:
    result = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x"])
    assert result.exit_code == 2
    assert "malformed SPARQL query" in result.output
    assert "Traceback" not in result.output


def test_check_conforms() -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violation(s), 0 warning(s)" in result.output


def test_graphs_lists_the_files_and_their_graphs() -> None:
    result = runner.invoke(app, ["graphs"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    assert "graph/reference/pillars" in result.output and "graph/plans/nld-nap" in result.output


def test_console_script_runs_in_a_real_process() -> None:
    exe = Path(sys.executable).with_name("nap-graph")
    proc = subprocess.run(
        [
            str(exe),
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s a wps:SubOutcome }",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["n", "16"]


def test_query_results_as_sparql_xml_and_json_read_back_by_rdflib() -> None:
    from rdflib.query import Result

    query = "SELECT ?code ?title WHERE { ?o a wps:StrategicOutcome ; skos:inScheme <https://w3id.org/nap-graph/id/scheme/nld-nap-4-outcomes> ; skos:notation ?code ; skos:prefLabel ?title FILTER(lang(?title) = 'nl') } ORDER BY ?code"
    for fmt in ("xml", "json"):
        result = runner.invoke(app, ["query", query, "--format", fmt])
        assert result.exit_code == 0, result.output
        parsed = Result.parse(io.StringIO(result.output), format=fmt)
        rows = [(str(r.code), str(r.title), r.title.language) for r in parsed]
        assert rows[2] == ("3", "Bescherming", "nl") and len(rows) == 5


def test_validate_in_dutch_reports_every_violation_in_dutch(tmp_path: Path) -> None:
    """`validate --lang nl`: the readers' and the resolution's violations, the shapes'
    warnings, the severities and the verdict all in Dutch; English stays the default."""
    seed = Path(__file__).resolve().parents[1] / "data/submissions/nld-nap-4/jenv"
    text = (seed / "000_9b141defdd96629b.txt").read_text(encoding="utf-8")
    broken = (
        text.replace("\n3.2 Impunity", "\n3.9 Impunity", 1)
        .replace("\nPolicy, Programmatic", "\nPolicy, Monetary", 1)
        .replace("\n5. WPS", "\n7. WPS", 1)
    )
    path = tmp_path / "broken.txt"
    path.write_text(broken, encoding="utf-8")
    dutch = runner.invoke(app, ["validate", str(path), "--lang", "nl"])
    assert dutch.exit_code == 1
    lines = dutch.output.strip().splitlines()
    problems = [line for line in lines if ": overtreding: " in line or ": waarschuwing: " in line]
    assert len(problems) == 6, dutch.output
    assert any("'7' is geen strategische doelstelling van NAP 1325-IV" in p for p in problems)
    assert any("'Monetary' is geen soort investering" in p for p in problems)
    assert any("Een alinea beschrijft doelstelling 3.2" in p for p in problems)
    assert lines[-1].endswith("ongeldig: 0 fout(en), 4 overtreding(en), 2 waarschuwing(en)")
    assert ": gelezen: Ministry of Justice and Security <" in lines[0]
    assert "doelstellingen 1, 2, 3, 7; subdoelstellingen 3.1, 3.9, 3.4, 5.1" in lines[0]
    english = runner.invoke(app, ["validate", str(path)])
    assert english.output.strip().endswith("invalid: 0 error(s), 4 violation(s), 2 warning(s)")
    assert "'7' is not a strategic outcome of NAP 1325-IV" in english.output
