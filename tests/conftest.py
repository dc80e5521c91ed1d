"""Shared fixtures: the default dataset, loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph

from nap_graph.default_data import load_data_graph, load_default_store
from tests.store.servers import oxigraph_server, virtuoso_server


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep every test's default store and config out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    saved = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    for key in ("NAP_GRAPH_STORE", "NAP_GRAPH_ENDPOINT"):
        os.environ.pop(key, None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def store() -> ox.Store:
    """An in-memory Oxigraph store with the ontology, shapes and all data, as shipped."""
    return load_default_store()


@pytest.fixture(scope="session")
def data_graph() -> Graph:
    """All of data/ in one rdflib graph."""
    return load_data_graph()


@pytest.fixture(scope="session")
def oxigraph_endpoints(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as endpoints:
        yield endpoints


@pytest.fixture(scope="session")
def virtuoso_endpoints(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as endpoints:
        yield endpoints
