"""Opening the configured store, filled with the default data when it holds nothing yet."""

from __future__ import annotations

from nap_graph.default_data import initialise
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.protocol import GraphStore
from nap_graph.store.settings import StoreSettings


def open_store(settings: StoreSettings, *, initialise_if_empty: bool = True) -> GraphStore:
    """The store the settings point at. An embedded store that holds nothing yet is filled
    with the default data (:func:`nap_graph.default_data.initialise`) first."""
    if settings.endpoint:
        from nap_graph.store.sparql_server_store import SparqlServerStore

        return SparqlServerStore(
            settings.endpoint,
            update_url=settings.update_endpoint,
            graph_store_url=settings.graph_store_endpoint,
            username=settings.username,
            password=settings.password,
            token=settings.token,
            timeout=settings.timeout,
            retries=settings.retries,
        )
    if settings.memory:
        store = OxigraphStore()
    else:
        settings.store_path.parent.mkdir(parents=True, exist_ok=True)
        store = OxigraphStore(settings.store_path)
    if initialise_if_empty and not store.named_graphs():
        initialise(store)
    return store
