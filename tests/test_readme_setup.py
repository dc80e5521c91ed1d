"""After the README's setup (`nap-graph init`, `nap-graph check`, `nap-graph ingest
data/submissions/`, as scripts/run.sh runs them) the store states every fact once: every
example query of docs/queries/ answers without a repeated row (its COUNT equals its COUNT
DISTINCT), the store conforms to the integrity shapes, and the record has one submission
date."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.query_path import QueryPath
from nap_graph.store.results import SelectResult

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "docs" / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readme") / "store"
    runner = CliRunner()
    for args in (["init"], ["check"], ["ingest", str(ROOT / "data" / "submissions")]):
        result = runner.invoke(app, [*args, "--store", str(path)])
        assert result.exit_code == 0, (args, result.output)
        if args == ["check"]:
            assert "conforms: 0 violation(s), 0 warning(s)" in result.output
    return path


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_answers_without_a_repeated_row(store_path: Path, example: Path) -> None:
    store = OxigraphStore.read_only(store_path)
    try:
        view = QueryPath(store)
        result = view.query(
            example.read_text(encoding="utf-8"), default_graphs=view.default_graphs()
        )
        assert isinstance(result, SelectResult)
        rows = [tuple(str(row.get(v)) for v in result.variables) for row in result.rows]
        assert rows, f"{example.name} answers nothing"
        assert len(rows) == len(set(rows)), (
            f"{example.name}: {len(rows)} rows, {len(set(rows))} distinct"
        )
    finally:
        store.close()


def test_one_submission_one_date_and_a_conforming_store(store_path: Path) -> None:
    store = OxigraphStore.read_only(store_path)
    try:
        result = store.query(
            "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?d) AS ?dates) "
            "WHERE { ?s a wps:Submission ; dcterms:dateSubmitted ?d }"
        )
        assert isinstance(result, SelectResult)
        assert [(r["n"].value, r["dates"].value) for r in result.rows] == [("1", "1")]
    finally:
        store.close()
    check = CliRunner().invoke(app, ["check", "--store", str(store_path)])
    assert check.exit_code == 0 and "conforms: 0 violation(s)" in check.output
