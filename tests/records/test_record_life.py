"""The life of a record through the workspace (docs/model.md#the-life-of-a-record): received,
curated, updated (the curation carried over, what no longer fits flagged), reviewed,
reverted; who may write what; the store states each fact once."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from nap_graph.access import Principal, Role
from nap_graph.default_data import initialise
from nap_graph.errors import NotAllowedError, NotFoundError, RefusedError
from nap_graph.ingest import Status, history
from nap_graph.iris import PROVENANCE_GRAPH
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.results import SelectResult
from nap_graph.workspace import Workspace
from tests.records.helpers import ACTIVITY, JENV, ON_3_4, V1, without_3_4
from tests.submissions.helpers import SEED

ADMIN = Principal("secretariat", Role.admin)
JENV_SIGNATORY = Principal("ministry", Role.signatory, "jenv")
TNN_SIGNATORY = Principal("tnn", Role.signatory, "tnn")


@pytest.fixture
def workspace() -> Workspace:
    store = OxigraphStore()
    initialise(store)
    return Workspace(store)


def _values(workspace: Workspace, query: str) -> list[str]:
    result = workspace.view.query(query, default_graphs=workspace.view.default_graphs())
    assert isinstance(result, SelectResult)
    return [next(iter(row.values())).value for row in result.rows]


def _activities(workspace: Workspace) -> set[str]:
    return set(_values(workspace, "SELECT DISTINCT ?a WHERE { ?a a wps:Activity }"))


def _flagged(workspace: Workspace) -> set[str]:
    return set(_values(workspace, "SELECT DISTINCT ?a WHERE { ?a wps:needsReview true }"))


def _replace(workspace: Workspace, principal: Principal = JENV_SIGNATORY) -> str:
    checked = workspace.check(without_3_4(), "jenv-2027.txt")
    outcome = workspace.submit(checked, principal)
    [result] = outcome.results
    assert result.status is Status.stored and result.replaced == V1
    assert result.submission is not None
    return result.submission


def test_the_signatory_is_told_before_replacing_what_will_need_a_review(workspace) -> None:
    checked = workspace.check(without_3_4(), "jenv-2027.txt")
    assert checked.exit_code == 0
    [warning] = [p for p in checked.records[0].problems if "review" in p.message]
    assert "3 curated activities" in warning.message and "stay in view" in warning.message
    dutch = workspace.check(without_3_4(), "jenv-2027.txt", lang="nl")
    assert any("3 gecureerde activiteiten" in p.message for p in dutch.records[0].problems)
    assert not any(
        "review" in p.message
        for p in workspace.check(SEED.read_bytes(), "s.txt").records[0].problems
    )


def test_an_update_keeps_every_curated_activity_in_view_and_flags_what_no_longer_fits(
    workspace,
) -> None:
    before = _activities(workspace)
    assert len(before) == 14 and not _flagged(workspace)
    v2 = _replace(workspace)
    assert _activities(workspace) == before
    assert _flagged(workspace) == ON_3_4
    reported = _values(
        workspace,
        f"SELECT ?where WHERE {{ <{ACTIVITY}mla-treaty> wps:reportedIn ?where }}",
    )
    assert reported == [f"{v2}/contribution/3.2"]  # re-attached to the new version's paragraph
    police = _values(
        workspace,
        f"SELECT ?t WHERE {{ <{ACTIVITY}police-gender-training> wps:hasTarget ?t }}",
    )
    assert len(police) == 1  # targets and observed values go with their activity
    items = workspace.needing_review()
    assert {i.activity for i in items} == ON_3_4
    assert all(i.outcomes == ["3.4"] and i.version == v2 for i in items)
    assert {i.organisation_name for i in items} == {"Ministry of Justice and Security"}


def test_a_coordinator_keeps_or_drops_and_the_decision_is_carried_over(workspace) -> None:
    _replace(workspace)
    keep, drop, *_ = sorted(ON_3_4)
    with pytest.raises(NotAllowedError, match="coordinator's task"):
        workspace.review(keep, JENV_SIGNATORY, keep=True)
    workspace.review(keep, ADMIN, keep=True)
    workspace.review(drop, ADMIN, keep=False)
    assert keep in _activities(workspace) and drop not in _activities(workspace)
    assert _flagged(workspace) == ON_3_4 - {keep, drop}
    with pytest.raises(NotFoundError):
        workspace.review(drop, ADMIN, keep=True)
    # a third version that still leaves out 3.4: the decisions stand
    third = without_3_4().replace(b"is responsible for", b"is still responsible for", 1)
    workspace.submit(workspace.check(third, "jenv-2028.txt"), JENV_SIGNATORY)
    assert keep in _activities(workspace) and drop not in _activities(workspace)
    assert _flagged(workspace) == ON_3_4 - {keep, drop}
    assert len(_activities(workspace)) == 13


def test_revert_makes_the_earlier_version_current_with_its_provenance(workspace) -> None:
    v2 = _replace(workspace)
    with pytest.raises(NotAllowedError, match="Transgender Netwerk Nederland only"):
        workspace.revert(V1, TNN_SIGNATORY)
    place = workspace.revert(V1, JENV_SIGNATORY)
    assert place.current == v2
    rows = {r["version"]: r for r in history(workspace.view, JENV).values()}
    assert not rows[V1]["supersededAt"] and rows[v2]["supersededAt"]
    assert len(_activities(workspace)) == 14 and not _flagged(workspace)  # v1 selects 3.4
    reversion = workspace.view.query(
        "SELECT ?who ?before WHERE { GRAPH ?g { ?r a wps:Reversion ; wps:reverts ?v ; "
        "prov:used ?before ; dcterms:creator/foaf:name ?who ; prov:startedAtTime ?t } }",
        bindings={"g": ox.NamedNode(PROVENANCE_GRAPH), "v": ox.NamedNode(V1)},
    )
    assert isinstance(reversion, SelectResult)
    assert [(r["who"].value, r["before"].value) for r in reversion.rows] == [("ministry", v2)]
    with pytest.raises(RefusedError, match="current version already"):
        workspace.revert(V1, JENV_SIGNATORY)


def test_sending_an_earlier_version_again_makes_it_current_and_says_so(workspace) -> None:
    v2 = _replace(workspace)
    again = workspace.submit(workspace.check(SEED.read_bytes(), SEED.name), JENV_SIGNATORY)
    assert [(r.status, r.replaced) for r in again.results] == [(Status.reverted, v2)]
    same = workspace.submit(workspace.check(SEED.read_bytes(), SEED.name), JENV_SIGNATORY)
    assert [r.status for r in same.results] == [Status.unchanged]


def test_a_signatory_cannot_store_another_organisations_record(workspace) -> None:
    generation = workspace.generation
    with pytest.raises(NotAllowedError) as refused:
        workspace.submit(workspace.check(without_3_4(), "x.txt"), TNN_SIGNATORY)
    assert str(refused.value) == (
        "tnn may submit records for Transgender Netwerk Nederland only, not for "
        "Ministry of Justice and Security"
    )
    assert workspace.generation == generation  # nothing was written
    assert len(history(workspace.view, JENV).rows) == 1


def test_an_invalid_record_stores_nothing(workspace) -> None:
    broken = SEED.read_bytes().replace(b"\n3.2 Impunity", b"\n3.9 Impunity", 1)
    outcome = workspace.submit(workspace.check(broken, "b.txt"), ADMIN)
    assert not outcome.stored and outcome.check.exit_code == 1


def test_every_write_changes_the_generation_and_the_view_follows(workspace) -> None:
    first = workspace.generation
    _replace(workspace)
    assert workspace.generation != first
    # a write that goes around the workspace is seen all the same, on the next read
    workspace.store.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> a wps:Activity } }")
    assert "urn:x:a" in _activities(workspace)


def test_refusals_name_names_in_the_readers_language(workspace) -> None:
    from nap_graph.i18n import language

    with language("nl"), pytest.raises(NotAllowedError) as refused:
        workspace.submit(workspace.check(without_3_4(), "x.txt"), TNN_SIGNATORY)
    assert str(refused.value) == (
        "tnn mag alleen registraties van Transgender Netwerk Nederland insturen, niet van "
        "Ministry of Justice and Security"
    )
    with language("nl"), pytest.raises(NotAllowedError, match="taak van een coördinator"):
        workspace.review(f"{ACTIVITY}external-expertise", TNN_SIGNATORY, keep=True)


def test_a_record_updated_every_year_becomes_a_time_series(workspace) -> None:
    """The observed values curated for one year stay with their activity when the record is
    updated; the next year's curation adds its own, and monitoring shows each by year."""
    import json

    from nap_graph.monitoring import monitoring
    from nap_graph.submissions.curation import check_curation, read_curation
    from tests.submissions.helpers import ROOT

    v2 = _replace(workspace)
    document = json.loads(
        (ROOT / "data" / "curated" / "nld-nap-4" / "jenv.curation.json").read_text("utf-8")
    )
    document["curates"] = v2
    focal = next(a for a in document["activities"] if a["key"] == "gender-focal-points")
    focal["observed_values"].append(
        {
            "value": 9,
            "unit": "number",
            "indicator": "Gender focal points active during deployment",
            "year": 2022,
        }
    )
    doc, parsed = read_curation(json.dumps(document).encode(), "jenv-2022.curation.json")
    report = check_curation(doc, parsed, workspace.view)
    assert report.conforms, [p.message for p in report.problems]
    workspace.curate(report, ADMIN)
    plan = "https://w3id.org/nap-graph/id/plan/nld-nap-4"
    graphs = workspace.view.default_graphs()
    by_year = {
        year: [
            m.value
            for a in monitoring(workspace.view, plan, graphs=graphs, year=year).activities.values()
            if a.iri.endswith("/gender-focal-points")
            for m in a.observed
        ]
        for year in ("2021", "2022")
    }
    assert by_year == {"2021": ["6"], "2022": ["9"]}
