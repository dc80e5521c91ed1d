"""What checking a record needs from the store, computed once per store generation: the
reference data (imported plans included) and the organisations linked to known ones."""

from __future__ import annotations

from nap_graph.organisation_links import organisation_links
from nap_graph.reference import ReferenceData, reference_from_store
from nap_graph.store.query_path import QueryPath


def reference_of(view: QueryPath) -> ReferenceData:
    return view.cached("reference-data", lambda: reference_from_store(view))  # type: ignore[no-any-return]


def aliases_of(view: QueryPath) -> dict[str, str]:
    return view.cached("organisation-links", lambda: organisation_links(view))  # type: ignore[no-any-return]
