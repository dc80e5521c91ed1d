"""The SPARQL the library runs, one ``.rq`` (query) or ``.ru`` (update) file each; values are
bound (``bindings``; :func:`update_with_values` for an update), never pasted in."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files

from nap_graph.store.results import Term


@cache
def load(name: str) -> str:
    """The text of ``nap_graph/queries/<name>`` (with its suffix)."""
    return (files(__package__) / name).read_text(encoding="utf-8")


def update_with_values(name: str, values: Mapping[str, Term | None]) -> str:
    """An update file with ``values`` bound (one ``VALUES`` row at the start of the WHERE
    clause of each of its operations; terms in their escaped N-Triples form, ``None`` is
    ``UNDEF``)."""
    from nap_graph.store.sparql_text import bind_update_values

    return bind_update_values(load(name), values)
