"""The store: one interface (:class:`GraphStore`), two backends, opened from settings.

The names load when first used (PEP 562): a query worker needs only the Oxigraph backend,
not httpx and pydantic-settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nap_graph.lazy import lazy_exports

_EXPORTS = {
    "GraphStore": "nap_graph.store.protocol",
    "OxigraphStore": "nap_graph.store.oxigraph_store",
    "QueryResult": "nap_graph.store.results",
    "SelectResult": "nap_graph.store.results",
    "SparqlServerStore": "nap_graph.store.sparql_server_store",
    "StoreSettings": "nap_graph.store.settings",
}

if TYPE_CHECKING:
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


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
