"""The store's reference data outlives every write that touches no reference graph (a record
is checked against it without reading it again), and never one that does, nor a write by
another process (docs/benchmarks.md, "Writes")."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from nap_graph.access import Principal, Role
from nap_graph.default_data import initialise
from nap_graph.ingest import Status
from nap_graph.reference import is_reference_graph
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.workspace import Workspace
from tests.records.helpers import without_3_4
from tests.submissions.helpers import SEED

ADMIN = Principal("secretariat", Role.admin)
NEW = ox.NamedNode("https://w3id.org/nap-graph/id/organisation/test-newly-listed")


@pytest.fixture
def store() -> OxigraphStore:
    store = OxigraphStore()
    initialise(store)
    return store


def _store_record(workspace: Workspace, data: bytes) -> None:
    outcome = workspace.submit(workspace.check(data, "jenv.txt"), ADMIN)
    assert [r.status for r in outcome.results] in ([Status.stored], [Status.reverted])


def _reference_graph(store: OxigraphStore) -> str:
    return next(g for g in sorted(store.named_graphs()) if is_reference_graph(g))


def _add_to_reference(workspace: Workspace, graph: str) -> None:
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    workspace.post_graph(
        graph, [ox.Triple(NEW, label, ox.Literal("Newly listed", language="en"))], ADMIN
    )


def _knows_new(workspace: Workspace) -> bool:
    return any(True for _ in workspace.reference().store.quads_for_pattern(NEW, None, None))


def test_a_record_written_keeps_the_reference_data(store) -> None:
    workspace = Workspace(store)
    before = workspace.reference()
    _store_record(workspace, without_3_4())  # the default data holds the seed record
    _store_record(workspace, SEED.read_bytes())
    assert workspace.reference() is before


def test_a_write_to_a_reference_graph_is_seen_by_the_next_check(store) -> None:
    workspace = Workspace(store)
    before = workspace.reference()
    _add_to_reference(workspace, _reference_graph(store))
    assert workspace.reference() is not before
    assert _knows_new(workspace)


def test_another_writers_change_to_the_reference_data_is_never_carried_over(store) -> None:
    ours, theirs = Workspace(store), Workspace(store)  # two processes' views of one store
    assert not _knows_new(ours)
    _add_to_reference(theirs, _reference_graph(store))
    _store_record(ours, without_3_4())  # our write comes after theirs
    assert _knows_new(ours)
