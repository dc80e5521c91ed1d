"""``nap-graph world``: the world table of National Action Plans, built into the shipped
Turtle or loaded into a store (docs/interoperability.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nap_graph.cli.common import (
    EndpointOption,
    StoreOption,
    TokenOption,
    app,
    fail,
    open_workspace,
    principal_for,
)
from nap_graph.errors import NapGraphError

world = typer.Typer(help="The world table of National Action Plans (naps-world.tsv).")
app.add_typer(world, name="world")

TableOption = Annotated[
    Path | None,
    typer.Option(
        "--table",
        help="The table (default: $NAP_GRAPH_REFERENCE/naps-world.tsv, else "
        "../shared/reference/naps-world.tsv).",
    ),
]


@world.command(name="build")
def build(
    table: TableOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write (default: data/plans/world.ttl).")
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the file differs from the table."),
    ] = False,
) -> None:
    """Rebuild the shipped Turtle of every plan in the table.

    Example: nap-graph world build --table ../shared/reference/naps-world.tsv
    """
    from nap_graph.world.building import reference_table, world_file, world_turtle

    target = out or world_file()
    try:
        text = world_turtle(table or reference_table())
    except (NapGraphError, ValueError) as exc:
        fail(str(exc))
    if check:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        typer.echo(f"{target}: {'up to date' if same else 'differs from the table'}")
        raise typer.Exit(0 if same else 1)
    target.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {target} ({text.count(chr(10))} lines)")


@world.command(name="load")
def load(
    table: TableOption = None,
    token: TokenOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Replace the store's world plans (graph/plans/world) with the table's, in one write
    (a coordinator's; the server may keep running).

    Example: nap-graph world load --table ../shared/reference/naps-world.tsv
    """
    from nap_graph.world.building import WORLD_GRAPH, build_world, reference_table

    try:
        triples = build_world(table or reference_table())
    except (NapGraphError, ValueError) as exc:
        fail(str(exc))
    workspace = open_workspace(store, endpoint)
    try:
        workspace.put_graph(WORLD_GRAPH, triples, principal_for(token))
    except NapGraphError as exc:
        fail(exc)
    finally:
        workspace.store.close()
    typer.echo(f"loaded {len(triples)} triples into <{WORLD_GRAPH}>")
