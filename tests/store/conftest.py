"""One fixture, every backend: the contract tests run against each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nap_graph.store import OxigraphStore, SparqlServerStore
from nap_graph.store.protocol import GraphStore

BACKENDS = ["oxigraph-memory", "oxigraph-disk", "oxigraph-server", "virtuoso"]


def _server_store(endpoints: dict[str, str]) -> SparqlServerStore:
    return SparqlServerStore(
        endpoints["query"],
        update_url=endpoints["update"],
        graph_store_url=endpoints["store"],
        timeout=30,
    )


def _clear(store: GraphStore) -> None:
    for graph in store.named_graphs():
        store.delete_graph(graph)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each kind (server stores are emptied before each test)."""
    kind = request.param
    if kind == "oxigraph-memory":
        store: GraphStore = OxigraphStore()
    elif kind == "oxigraph-disk":
        store = OxigraphStore(tmp_path / "store")
    elif kind == "oxigraph-server":
        store = _server_store(request.getfixturevalue("oxigraph_endpoints"))
        _clear(store)
    else:
        store = _server_store(request.getfixturevalue("virtuoso_endpoints"))
        _clear(store)
    yield store
    store.close()
