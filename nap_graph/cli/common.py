"""The Typer app, the store options every command shares, and output helpers."""

from __future__ import annotations

import csv
import io
import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from nap_graph.access import Principal, TokenBook
from nap_graph.errors import NapGraphError
from nap_graph.store.opening import open_store
from nap_graph.store.protocol import GraphStore
from nap_graph.store.settings import StoreSettings
from nap_graph.workspace import Workspace

app = typer.Typer(
    name="nap-graph",
    help="Linked data for Women, Peace and Security National Action Plans.",
    no_args_is_help=True,
    add_completion=False,
)

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="On-disk Oxigraph store folder [env NAP_GRAPH_STORE; "
        "default ~/.local/share/nap-graph/store].",
        show_default=False,
    ),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        help="SPARQL 1.1 query endpoint of a server to use instead [env NAP_GRAPH_ENDPOINT].",
        show_default=False,
    ),
]


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xml = "xml"


def fail(exc: NapGraphError | str, code: int = 2) -> NoReturn:
    """Print an error (no traceback) and exit."""
    message = Text("error: ", style="bold red") + Text(str(exc))
    Console(stderr=True, soft_wrap=True).print(message, highlight=False)
    raise typer.Exit(code)


def settings_from(store: Path | None, endpoint: str | None) -> StoreSettings:
    overrides: dict[str, object] = {}
    if store is not None:
        overrides["store"] = store
    if endpoint is not None:
        overrides["endpoint"] = endpoint
    return StoreSettings(**overrides)  # type: ignore[arg-type]


def connect(store: Path | None, endpoint: str | None) -> GraphStore:
    """Open the store the options, environment or config point at."""
    try:
        return open_store(settings_from(store, endpoint))
    except NapGraphError as exc:
        fail(exc)


def write_rows(rows: list[dict[str, str]], columns: list[str], fmt: TableFormat) -> None:
    if fmt is TableFormat.xml:
        fail("--format xml is for query results only")
    if fmt is TableFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt in (TableFormat.csv, TableFormat.tsv):
        out = io.StringIO()
        delimiter = "," if fmt is TableFormat.csv else "\t"
        writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        typer.echo(out.getvalue(), nl=False)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(row[c] for c in columns))
        Console().print(table)


TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="NAP_GRAPH_TOKEN",
        help="Act as this token's holder (a signatory writes only its own organisation's "
        "records), looked up in NAP_GRAPH_TOKENS_FILE [env NAP_GRAPH_TOKEN; default: you, "
        "as the store's administrator].",
        show_default=False,
    ),
]


def principal_for(token: str | None, name: str | None = None) -> Principal:
    """Who the command acts as: the token's holder when a token is given (as the API would
    see it), else the person at the terminal, an administrator (named ``name`` if given)."""
    if token:
        tokens_file = os.environ.get("NAP_GRAPH_TOKENS_FILE")
        try:
            book = TokenBook.load(Path(tokens_file) if tokens_file else None)
        except (OSError, ValueError) as exc:
            fail(f"NAP_GRAPH_TOKENS_FILE: {exc}")
        found = book.find(token)
        if found is None:
            fail("--token: the token is not in NAP_GRAPH_TOKENS_FILE")
        return found
    local = Principal.local()
    return Principal(name, local.role) if name else local


def open_workspace(store: Path | None, endpoint: str | None) -> Workspace:
    """The workspace over the store the options, environment or config point at."""
    return Workspace(connect(store, endpoint))
