"""Linking a submitted organisation to a known one: the graph follows, histories merge, the
link is recorded with provenance, and later records are read as the known organisation's."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.ingest import Status, ingest_parsed
from nap_graph.namespaces import ID
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.submissions.reading import read_submissions

DEFENCE = f"{ID}organisation/defensie"
MINTED = f"{ID}organisation/department-of-defense"


def _record(name: str, text: str) -> bytes:
    return json.dumps(
        {
            "organisation": name,
            "organisation_kind": "Government",
            "organisation_description": "A ministry.",
            "strategic_outcomes": ["1"],
            "investment_types": ["Policy"],
            "contributions": [{"outcome": "1", "text": text}],
        }
    ).encode()


def _ingest(store: OxigraphStore, name: str, text: str) -> str:
    (parsed,) = read_submissions(_record(name, text), f"{text[:5]}.json")
    result = ingest_parsed(store, parsed)
    assert result.status is Status.stored, result.problems
    return result.submission or ""


def test_link_rewrites_the_graph_merges_histories_and_records_the_link(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    first = _ingest(store, "Department of Defense", "We train women officers.")
    assert "/department-of-defense/" in first
    store.close()
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "link-organisation",
            "department-of-defense",
            "defensie",
            "--by",
            "WO=MEN",
            "--store",
            str(path),
        ],
    )
    assert result.exit_code == 0, result.output
    store = OxigraphStore(path)
    submitted_by = store.query("SELECT DISTINCT ?o WHERE { ?s wps:submittedBy ?o }").rows  # type: ignore[union-attr]
    assert {r["o"].value for r in submitted_by} == {DEFENCE}
    assert not store.query(
        "ASK { GRAPH ?g { ?s ?p ?o } FILTER (?s = ?x || ?o = ?x) "
        "FILTER (?g != <https://w3id.org/nap-graph/graph/links/organisations>) }",
        bindings={"x": __import__("pyoxigraph").NamedNode(MINTED)},
    )
    link = store.query(
        "SELECT ?by WHERE { GRAPH ?g { ?l a wps:OrganisationLink ; prov:used ?old ; "
        "wps:linkedTo ?new ; prov:wasAssociatedWith/foaf:name ?by ; prov:endedAtTime ?t } }"
    ).rows  # type: ignore[union-attr]
    assert [r["by"].value for r in link] == ["WO=MEN"]
    # a later record under the submitted name is the known organisation's and supersedes
    second = _ingest(store, "Department of Defense", "We train women officers, more of them.")
    assert "/defensie/" in second  # the known organisation's record from now on
    current = store.query("SELECT ?v WHERE { GRAPH ?g { ?h wps:currentVersion ?v } }").rows  # type: ignore[union-attr]
    versions = {r["v"].value for r in current}
    assert second in versions and first not in versions
    store.close()
    history = runner.invoke(app, ["history", "defensie", "--store", str(path), "--format", "csv"])
    assert history.exit_code == 0 and first in history.output and second in history.output


def test_linking_a_reference_organisation_or_an_unknown_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store"
    OxigraphStore(path).close()
    runner = CliRunner()
    for args in (["jenv", "defensie"], ["nobody-at-all", "defensie"]):
        result = runner.invoke(app, ["link-organisation", *args, "--by", "x", "--store", str(path)])
        assert result.exit_code == 1
        assert "Traceback" not in result.output
