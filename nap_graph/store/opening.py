"""Opening the configured store, and filling it with the default data."""

from __future__ import annotations

from nap_graph.default_data import default_graph_files
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.protocol import GraphStore
from nap_graph.store.settings import StoreSettings


def open_store(settings: StoreSettings, *, initialise_if_empty: bool = True) -> GraphStore:
    """The store the settings point at. An embedded store that holds nothing yet is filled
    with the default data (ontology, shapes, reference data, curated graphs) first."""
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


def initialise(store: GraphStore) -> list[str]:
    """Load (or reload) the default data, one named graph per file; idempotent: each graph
    is replaced as a whole, submissions and their provenance are left alone."""
    loaded = []
    for item in default_graph_files():
        store.load_file(item.path, item.format, item.graph, replace=True)
        loaded.append(item.graph)
    from nap_graph.submissions.curation import apply_default_curations

    return loaded + apply_default_curations(store)
