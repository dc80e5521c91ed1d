"""Commands for full-text search: ``search`` (find things by their words) and
``search-index`` (make the index again from the store)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from nap_graph.cli.common import (
    EndpointOption,
    StoreOption,
    TableFormat,
    app,
    connect,
    settings_from,
    write_rows,
)
from nap_graph.search import SearchIndex
from nap_graph.store.views import superseded_graphs


@app.command()
def search(
    words: Annotated[str, typer.Argument(help="Words to find (English or Dutch); all must match.")],
    kind: Annotated[
        str | None, typer.Option(help="Only things of this kind: activity, organisation, ...")
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of the labels shown: en or nl.")] = "en",
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many.")] = 20,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output.")] = TableFormat.table,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Find things by the words of their names, descriptions, statements and activity texts,
    best first, as the site's /search does (superseded versions left out). The index beside
    the store is brought up to date first.

    Examples:

      nap-graph search gendertraining

      nap-graph search "gender training" --kind activity --format json
    """
    graph_store = connect(store, endpoint)
    index = SearchIndex.for_settings(settings_from(store, endpoint))
    try:
        index.sync(graph_store)
        found = index.search(
            words,
            lang=lang,
            filters={"kind": kind} if kind else None,
            exclude_graphs=superseded_graphs(graph_store),
            limit=limit,
        )
    finally:
        index.close()
        graph_store.close()
    if fmt is TableFormat.json:
        typer.echo(json.dumps(found.as_dict(), ensure_ascii=False, indent=2))
        return
    rows = [{"kind": h.kind, "label": h.label, "iri": h.iri} for h in found.hits]
    write_rows(rows, ["kind", "label", "iri"], fmt)
    if fmt is TableFormat.table:
        typer.echo(f"{found.total} found", err=True)


@app.command(name="search-index")
def search_index(store: StoreOption = None, endpoint: EndpointOption = None) -> None:
    """Make the search index again from nothing, from the store (the service keeps it
    current on every write and catches up when it starts; this is for a damaged or deleted
    index file). Prints the texts indexed, the time taken and the index's size.

    Example:

      nap-graph search-index
    """
    settings = settings_from(store, endpoint)
    graph_store = connect(store, endpoint)
    index = SearchIndex.for_settings(settings)
    try:
        started = time.perf_counter()
        texts = index.rebuild(graph_store)
        seconds = time.perf_counter() - started
        stats = index.stats()
    finally:
        index.close()
        graph_store.close()
    where = index.path if isinstance(index.path, Path) else "memory"
    typer.echo(
        f"indexed {texts} texts of {stats['things']} things in {stats['graphs']} graphs "
        f"in {seconds:.2f} s ({stats['bytes'] / 1e6:.1f} MB, {where})"
    )
