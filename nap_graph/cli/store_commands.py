"""Commands on the store as a whole: init, stats, export, load."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer

from nap_graph import iris, queries
from nap_graph.cli.common import (
    EndpointOption,
    StoreOption,
    TableFormat,
    TokenOption,
    app,
    fail,
    principal_for,
    settings_from,
    write_rows,
)
from nap_graph.errors import NapGraphError
from nap_graph.store.opening import open_store
from nap_graph.store.results import SelectResult
from nap_graph.store.views import PROVENANCE_GRAPH
from nap_graph.tokens import new_token
from nap_graph.workspace import Workspace

EXPORT_FORMATS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
LOAD_FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}


@app.command()
def init(
    token: TokenOption = None, store: StoreOption = None, endpoint: EndpointOption = None
) -> None:
    """Create the store if needed and (re)load the ontology, shapes and reference data, one
    named graph per file, then store the shipped records as received (dated by
    data/submissions/receipts.toml) and their curations. Idempotent; records stored already,
    and every other submission, are left alone.

    Examples:

        nap-graph init

        nap-graph init --store /srv/nap-graph/store

        nap-graph init --endpoint http://localhost:8890/sparql
    """
    try:
        target = open_store(settings_from(store, endpoint), initialise_if_empty=False)
        try:
            loaded = Workspace(target).initialise(principal_for(token))
        finally:
            target.close()
    except NapGraphError as exc:
        fail(exc)
    typer.echo(f"loaded {len(loaded)} graphs")


@app.command()
def stats(
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Triples per named graph, and current submissions per plan.

    Example: nap-graph stats --format csv
    """
    try:
        target = open_store(settings_from(store, endpoint))
        counts = target.stats()
        per_plan = target.query(
            queries.load("submissions-per-plan.rq"),
            bindings={"provenance": ox.NamedNode(PROVENANCE_GRAPH)},
            union_default_graph=False,
        )
        target.close()
    except NapGraphError as exc:
        fail(exc)
    rows = [{"graph": g, "triples": str(n)} for g, n in counts.items()]
    rows.append({"graph": "total", "triples": str(sum(counts.values()))})
    write_rows(rows, ["graph", "triples"], fmt)
    if isinstance(per_plan, SelectResult) and per_plan.rows:
        write_rows(per_plan.values(), per_plan.variables, fmt)


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="nq, trig (whole dataset) or ttl, nt, jsonld, rdfxml (one graph)."
        ),
    ] = "nq",
    graph: Annotated[
        str | None, typer.Option("--graph", help="Export only this named graph.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Write the store (all graphs) or one graph as RDF.

    Examples: nap-graph export --format trig -o dump.trig; nap-graph export --format ttl --graph https://w3id.org/nap-graph/graph/provenance
    """
    if fmt not in EXPORT_FORMATS:
        fail(f"unknown format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    rdf_format = EXPORT_FORMATS[fmt]
    if graph is None and not rdf_format.supports_datasets:
        fail(f"{fmt} holds one graph: use --graph G, or nq/trig for the whole dataset")
    try:
        target = open_store(settings_from(store, endpoint))
        data: list[ox.Quad] | list[ox.Triple] = target.get_graph(graph) if graph else target.dump()
        target.close()
    except NapGraphError as exc:
        fail(exc)
    payload = ox.serialize(data, format=rdf_format, prefixes=None) if data else b""
    if output is None:
        sys.stdout.buffer.write(payload)
    else:
        output.write_bytes(payload)
        typer.echo(f"wrote {len(data)} {'triples' if graph else 'quads'} to {output}", err=True)


@app.command()
def load(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="RDF files: .nq/.trig (into their graphs), .ttl/.nt/.jsonld/.rdf (into --graph)."
        ),
    ],
    graph: Annotated[
        str | None,
        typer.Option(
            "--graph", help="Named graph for triple files (default: graph/loaded/<file name>)."
        ),
    ] = None,
    token: TokenOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Restore a dump or load RDF files into named graphs.

    Into an empty embedded store the file goes through Oxigraph's bulk loader (the fastest
    path; on an error the store is emptied again); into a store with data, as one
    transaction. Either way a file with an error leaves nothing behind.

    Examples:

        nap-graph load dump.nq

        nap-graph load extra.ttl --graph https://w3id.org/nap-graph/graph/extra
    """
    for path in files:  # every file checked before the store is touched
        if path.suffix.lower() not in LOAD_FORMATS:
            fail(f"{path}: unknown RDF file type; expected one of {', '.join(LOAD_FORMATS)}")
        if not path.is_file():
            fail(f"{path}: no such file")
    try:
        target = open_store(settings_from(store, endpoint), initialise_if_empty=False)
        workspace, principal = Workspace(target), principal_for(token)
        try:
            for path in files:
                rdf_format = LOAD_FORMATS[path.suffix.lower()]
                name = (
                    None
                    if rdf_format.supports_datasets
                    else graph or iris.graph_iri(["loaded", iris.slugify(path.stem)])
                )
                loaded = workspace.load_file(path, rdf_format, name, principal)
                typer.echo(f"{path}: {loaded} quads" + (f" into {name}" if name else ""))
        finally:
            target.close()
    except NapGraphError as exc:
        fail(exc)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (1 with an embedded store).")] = 1,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Run the web service (SPARQL endpoint, Graph Store, submissions) with uvicorn.

    Settings come from NAP_GRAPH_* environment variables and nap-graph.toml (docs/api.md);
    --store / --endpoint override them. An embedded store can have one writer process, so
    use --workers 1 with it, or run several workers against a SPARQL server (--endpoint).

    Examples:

        NAP_GRAPH_ADMIN_TOKEN=change-me nap-graph serve

        nap-graph serve --port 8080 --endpoint http://localhost:8890/sparql --workers 4
    """
    import os

    import uvicorn

    from nap_graph_api.app import create_app
    from nap_graph_api.http_limits import BoundedHttpToolsProtocol
    from nap_graph_api.settings import ApiSettings

    overrides: dict[str, object] = {}
    if store is not None:
        overrides["store"] = store
    if endpoint is not None:
        overrides["endpoint"] = endpoint
    try:
        settings = ApiSettings(**overrides)  # type: ignore[arg-type]
    except ValueError as exc:
        fail(f"bad settings: {exc}")
    if workers > 1 and not settings.endpoint:
        fail(
            "an embedded store has one writer: use --workers 1, or --endpoint with a SPARQL server"
        )
    options: dict[str, object] = {
        "host": host,
        "port": port,
        "log_level": "info",
        "access_log": False,
        "http": BoundedHttpToolsProtocol,
        # X-Forwarded-For only from the proxies the settings trust (uvicorn believes it from
        # 127.0.0.1 by default, which would let any local client pick its address)
        "proxy_headers": bool(settings.trusted_proxies),
        "forwarded_allow_ips": ",".join(settings.trusted_proxies) or None,
        # connections and requests at once; beyond, 503 at once (open files stay free)
        "limit_concurrency": settings.max_connections,
    }
    _raise_open_files_limit()
    if workers == 1:  # the settings go to the app itself
        uvicorn.run(create_app(settings), **options)  # type: ignore[arg-type]
        return
    # Several workers: uvicorn starts each from an import string, and each worker builds its
    # settings from the environment and config file; --store/--endpoint are passed there.
    for name, value in overrides.items():
        os.environ[f"NAP_GRAPH_{name.upper()}"] = str(value)
    uvicorn.run("nap_graph_api.app:create_app", factory=True, workers=workers, **options)  # type: ignore[arg-type]


def _raise_open_files_limit() -> None:
    """As many open files as the system allows this process (connections are files)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = 1 << 16 if hard == resource.RLIM_INFINITY else hard
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, target), hard))


@app.command()
def token(
    role: Annotated[
        str, typer.Option(help="admin, or signatory (then --organisation).")
    ] = "signatory",
    organisation: Annotated[
        str | None, typer.Option(help="Organisation key the signatory token may submit for.")
    ] = None,
    name: Annotated[
        str, typer.Option(help="Who the token is for (shown in provenance).")
    ] = "signatory",
) -> None:
    """Make a new API token: prints the token (give it to its holder; it is not stored) and
    the entry to add to the tokens file (NAP_GRAPH_TOKENS_FILE), which holds only its hash.

    Example: nap-graph token --role signatory --organisation tnn --name "TNN secretariat"
    """
    if role not in ("admin", "signatory"):
        fail(f"unknown role {role!r}: admin or signatory")
    if role == "signatory" and not organisation:
        fail("a signatory token needs --organisation (the organisation's key, e.g. jenv)")
    value, digest = new_token()
    typer.echo(f"token: {value}\n\n[[tokens]]\nname = {json_string(name)}")
    typer.echo(f'sha256 = "{digest}"\nrole = "{role}"')
    if organisation:
        typer.echo(f"organisation = {json_string(organisation)}")


def json_string(value: str) -> str:
    """A TOML basic string (JSON string syntax is valid TOML)."""
    import json

    return json.dumps(value, ensure_ascii=False)
