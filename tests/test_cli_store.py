"""The store commands, as a user runs them: init, ingest, history, stats, export, load, and
--store / --endpoint / NAP_GRAPH_STORE."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nap_graph.cli import app
from tests.submissions.helpers import SEED

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def store(tmp_path: Path) -> str:
    return str(tmp_path / "store")


def test_init_is_idempotent(store: str) -> None:
    assert run("init", "--store", store)[0] == 0
    code, out = run("init", "--store", store)
    assert code == 0 and out.startswith("loaded ")
    code, out = run("stats", "--store", store, "--format", "csv")
    assert "https://w3id.org/nap-graph/graph/submission/nld-nap-4/jenv/9499130b86aac370" in out
    code, out = run("history", "jenv", "--store", store, "--format", "csv")
    assert len(out.splitlines()) == 2  # the shipped record, stored once


def test_ingest_history_query_and_stats(store: str, tmp_path: Path) -> None:
    code, out = run("ingest", str(SEED), "--store", store, "--sender", "tester")
    assert code == 0, out  # init stored the shipped record as received
    assert (
        "unchanged https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370" in out
    )
    assert "1 submission(s) from 1 file(s): 1 unchanged" in out
    v2 = tmp_path / "v2.txt"
    v2.write_text(
        SEED.read_text(encoding="utf-8").replace("Policy, Programmatic", "Policy, Financial"),
        encoding="utf-8",
    )
    code, out = run("ingest", str(v2), "--store", store)
    assert (
        code == 0
        and "(replaces https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370)"
        in out
    )
    code, out = run(
        "history", "Ministry of Justice and Security", "--store", store, "--format", "json"
    )
    rows = json.loads(out)
    assert [r["status"] for r in rows] == ["superseded", "current"]
    assert rows[1]["file"] == "v2.txt"
    query = "SELECT ?t WHERE { ?s a wps:Submission ; wps:submittedBy id:organisation\\/jenv ; wps:investmentType ?t } ORDER BY ?t"
    code, out = run("query", query, "--store", store, "--format", "csv")
    assert code == 0
    current = out.splitlines()[1:]
    assert "https://w3id.org/nap-graph/id/investment-type/financial" in current
    code, out = run("query", query, "--store", store, "--format", "csv", "--all-versions")
    assert len(out.splitlines()[1:]) > len(current)
    code, out = run("stats", "--store", store, "--format", "csv")
    assert "https://w3id.org/nap-graph/id/plan/nld-nap-4,1" in out


def test_ingest_reports_bad_files_and_exit_code(store: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(
        SEED.read_text(encoding="utf-8").replace("3.2 Impunity", "3.9 Impunity"), encoding="utf-8"
    )
    code, out = run("ingest", str(bad), str(SEED), "--store", store)
    assert code == 1
    assert f"{bad}: invalid" in out and "'3.9' is not a sub-outcome" in out
    assert "1 submission(s) from 2 file(s): 1 unchanged, 1 file(s) not stored" in out


def test_export_and_load_round_trip(store: str, tmp_path: Path) -> None:
    run("ingest", str(SEED), "--store", store)
    dump = tmp_path / "dump.nq"
    code, _ = run("export", "--format", "nq", "-o", str(dump), "--store", store)
    assert code == 0 and dump.stat().st_size > 10_000
    other = str(tmp_path / "other")
    code, out = run("load", str(dump), "--store", other)
    assert code == 0, out
    _, a = run("stats", "--store", store, "--format", "csv")
    _, b = run("stats", "--store", other, "--format", "csv")
    assert a == b
    code, out = run("export", "--format", "ttl", "--store", store)
    assert code == 2 and "use --graph G" in out


@pytest.mark.parametrize("fresh", [True, False], ids=["bulk-into-empty", "transaction"])
def test_a_broken_dump_leaves_nothing_behind(fresh: bool, tmp_path: Path) -> None:
    store = tmp_path / "store"
    if not fresh:
        assert run("init", "--store", str(store))[0] == 0
    dump = tmp_path / "broken.nq"
    good = "".join(
        f'<http://ex.org/s{i}> <http://ex.org/p> "{i}" <http://ex.org/g> .\n' for i in range(500)
    )
    dump.write_text(good + "<http://ex.org/s> <http://ex.org/p> oops <http://ex.org/g> .\n")
    code, out = run("load", str(dump), "--store", str(store))
    assert code == 2 and "line 501" in out, out
    # checked through the CLI, which opens the store as its one writer: opening the folder
    # read-only right after an in-process writer can race its background compaction
    assert _graph_is_empty(store)
    code, out = run("load", str(tmp_path / "missing.nq"), "--store", str(store))
    assert code == 2 and "missing.nq: no such file" in out, out
    # a missing second file is found before the first one is loaded
    good_file = dump.with_name("ok.nq")
    good_file.write_text(good)
    gone = tmp_path / "gone.nq"
    code, out = run("load", str(good_file), str(gone), "--store", str(store))
    assert code == 2 and "gone.nq: no such file" in out, out
    assert _graph_is_empty(store)


def _graph_is_empty(store: Path) -> bool:
    import gc

    gc.collect()  # the failed in-process load's traceback may still hold its store open
    code, out = run("query", "ASK { GRAPH <http://ex.org/g> { ?s ?p ?o } }", "--store", str(store))
    assert code in (0, 1), out  # an ASK exits 1 when its answer is false
    return out.strip() == "false"


def test_query_ask_and_construct(store: str) -> None:
    code, out = run("query", "ASK { ?s a wps:Submission }", "--store", store)
    assert code == 0 and out.strip() == "true"
    code, out = run(
        "query",
        "CONSTRUCT { ?s a wps:Pillar } WHERE { ?s a wps:Pillar }",
        "--store",
        store,
        "--rdf",
        "nt",
    )
    assert code == 0 and len(out.strip().splitlines()) == 4


def test_environment_variable_picks_the_store(tmp_path: Path) -> None:
    path = tmp_path / "from-env"
    code, _ = run("init", env={"NAP_GRAPH_STORE": str(path)})
    assert code == 0 and path.is_dir()


def test_endpoint_down_is_a_clear_error() -> None:
    from tests.store.servers import free_port

    code, out = run("query", "ASK {}", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql")
    assert code == 2 and "unreachable" in out


def test_config_file_picks_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nap-graph.toml").write_text(f'store = "{tmp_path / "from-config"}"\n')
    code, _ = run("init")
    assert code == 0 and (tmp_path / "from-config").is_dir()


def test_token_command_prints_a_token_and_its_hash() -> None:
    import hashlib
    import tomllib

    code, out = run("token", "--role", "signatory", "--organisation", "tnn", "--name", 'TNN "team"')
    assert code == 0
    token = out.splitlines()[0].removeprefix("token: ")
    entry = tomllib.loads(out.split("\n\n", 1)[1])["tokens"][0]
    assert entry["sha256"] == hashlib.sha256(token.encode()).hexdigest()
    assert entry == entry | {"role": "signatory", "organisation": "tnn", "name": 'TNN "team"'}
    assert run("token", "--role", "signatory")[0] == 2


def test_the_curation_is_carried_over_to_a_new_version_and_history_says_so(
    tmp_path: Path,
) -> None:
    """Before: after a resubmission the curated activities left the view with the old
    version. Now the curation is stated again against the new version, in the same write."""
    from nap_graph.store import OxigraphStore
    from nap_graph.store.views import current_graphs

    store = str(tmp_path / "store")
    old_curation = "https://w3id.org/nap-graph/graph/curation/nld-nap-4/jenv/9499130b86aac370"
    newer = tmp_path / "jenv-2027.txt"
    newer.write_text(
        SEED.read_text(encoding="utf-8").replace(
            "International and national focus", "International and national focus (2027)"
        ),
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--store", store]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(newer), "--store", store]).exit_code == 0
    opened = OxigraphStore(Path(store))
    current = current_graphs(opened)
    assert old_curation not in current and old_curation in opened.named_graphs()
    [new_curation] = [g for g in current if "/graph/curation/" in g]
    activities = opened.query(
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a wps:Activity }", default_graphs=current
    )
    assert activities.rows[0]["n"].value == "14"  # type: ignore[union-attr]
    opened.close()
    history = runner.invoke(app, ["history", "jenv", "--store", store, "--format", "csv"])
    assert history.exit_code == 0, history.output
    old, new = history.output.strip().splitlines()[1:]
    assert "superseded" in old and old_curation in old
    assert ",current," in new and new_curation in new
