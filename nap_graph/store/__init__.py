"""The store: one interface (:class:`GraphStore`), two backends, opened from settings."""

from __future__ import annotations

from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.protocol import GraphStore
from nap_graph.store.results import QueryResult, SelectResult
from nap_graph.store.settings import StoreSettings
from nap_graph.store.sparql_server_store import SparqlServerStore

__all__ = [
    "GraphStore",
    "OxigraphStore",
    "QueryResult",
    "SelectResult",
    "SparqlServerStore",
    "StoreSettings",
]
