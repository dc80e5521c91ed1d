"""Full-text search over the graph's names, descriptions, statements and activity texts, in
English and Dutch (docs/search.md): :class:`SearchIndex` holds it (SQLite, ranked by Tantivy), the
:mod:`~nap_graph.search.analysis` module turns texts and queries into stems."""

from nap_graph.search.index import Hit, SearchIndex, SearchResults

__all__ = ["Hit", "SearchIndex", "SearchResults"]
