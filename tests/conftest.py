"""Shared fixtures: the default dataset, loaded once per test session."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from nap_graph.default_data import load_data_graph, load_default_store


@pytest.fixture(scope="session")
def store() -> ox.Store:
    """An in-memory Oxigraph store with the ontology, shapes and all data, as shipped."""
    return load_default_store()


@pytest.fixture(scope="session")
def data_graph() -> Graph:
    """All of data/ in one rdflib graph."""
    return load_data_graph()
