"""Commands that read: query, check, graphs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer

from nap_graph.cli.common import (
    EndpointOption,
    StoreOption,
    TableFormat,
    app,
    connect,
    fail,
    write_rows,
)
from nap_graph.default_data import load_data_graph
from nap_graph.default_files import default_graph_files
from nap_graph.errors import NapGraphError
from nap_graph.integrity import current_data, validate_integrity
from nap_graph.store.results import SelectResult, to_sparql_json, to_sparql_xml
from nap_graph.store.views import current_graphs

RDF_OUTPUTS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@app.command()
def query(
    sparql: Annotated[
        str | None, typer.Argument(help="SPARQL query; '-' reads it from stdin.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from this .rq file.")
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="Output for SELECT/ASK.")
    ] = TableFormat.table,
    rdf: Annotated[
        str,
        typer.Option("--rdf", help="Output for CONSTRUCT/DESCRIBE: turtle, nt, jsonld, rdfxml."),
    ] = "turtle",
    all_versions: Annotated[
        bool, typer.Option("--all-versions", help="Also see superseded submission versions.")
    ] = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Answer a SPARQL query over the store. The default graph is the current view: every
    named graph except superseded submission versions (--all-versions: all of them). The
    project's prefixes (wps:, skos:, org:, ...) are predeclared.

    Examples:

        nap-graph query "SELECT ?n WHERE { ?o a wps:StrategicOutcome ; skos:notation ?n }"

        nap-graph query --file docs/queries/targets-and-observed-values.rq --format csv
    """
    if file is not None:
        text = file.read_text(encoding="utf-8")
    elif sparql == "-" or (sparql is None and not sys.stdin.isatty()):
        text = sys.stdin.read()
    elif sparql is not None:
        text = sparql
    else:
        raise typer.BadParameter("give a query, --file, or a query on stdin")
    target = connect(store, endpoint)
    try:
        graphs = None if all_versions else current_graphs(target)
        result = target.query(text, default_graphs=graphs)
    except NapGraphError as exc:
        fail(exc)
    finally:
        target.close()
    if isinstance(result, SelectResult | bool) and fmt in (TableFormat.json, TableFormat.xml):
        if fmt is TableFormat.xml:
            typer.echo(to_sparql_xml(result))
        else:
            typer.echo(json.dumps(to_sparql_json(result), ensure_ascii=False, indent=2))
        if isinstance(result, bool) and not result:
            raise typer.Exit(1)
    elif isinstance(result, SelectResult):
        write_rows(result.values(), result.variables, fmt)
    elif isinstance(result, bool):
        typer.echo("true" if result else "false")
        raise typer.Exit(0 if result else 1)
    else:
        if rdf not in RDF_OUTPUTS:
            fail(f"unknown --rdf {rdf!r}; expected one of {', '.join(RDF_OUTPUTS)}")
        typer.echo(ox.serialize(result, format=RDF_OUTPUTS[rdf]).decode("utf-8"), nl=False)


@app.command()
def check(
    lang: Annotated[str, typer.Option(help="Language of the messages: en or nl.")] = "en",
    files: Annotated[
        bool,
        typer.Option("--files", help="Check the shipped files instead of the store."),
    ] = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Validate the store's current data (every current record, its curation, the plans and
    reference data) against the graph-integrity shapes; with --files, the shipped data as
    nap-graph init would store it. Exit code 0 when it conforms (warnings allowed), 1 when
    there is a violation."""
    try:
        if files:
            data = load_data_graph()
        else:
            target = connect(store, endpoint)
            try:
                data = current_data(target)
            finally:
                target.close()
        report = validate_integrity(data, lang=lang)
    except NapGraphError as exc:
        fail(exc)
    if report.findings:
        typer.echo(report.text())
    typer.echo(
        f"{'conforms' if report.conforms else 'does not conform'}: "
        f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s)"
    )
    raise typer.Exit(0 if report.conforms else 1)


@app.command()
def graphs() -> None:
    """List the named graphs of the default data and the file each comes from."""
    rows = [{"graph": g.graph, "file": str(g.path)} for g in default_graph_files()]
    write_rows(rows, ["graph", "file"], TableFormat.table)


@app.command(name="compare")
def compare_command(
    pillar: Annotated[
        str | None,
        typer.Option(
            help="One pillar: participation, prevention, protection, relief-and-recovery, "
            "cross-cutting."
        ),
    ] = None,
    plan: Annotated[
        list[str] | None, typer.Option("--plan", help="A plan's key or IRI (repeatable).")
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country", help="ISO alpha-3 code, or a regional organisation's key (repeatable)."
        ),
    ] = None,
    region: Annotated[
        list[str] | None, typer.Option("--region", help="UN M49 region, e.g. Africa (repeatable).")
    ] = None,
    year: Annotated[
        list[str] | None, typer.Option("--year", help="Plans in force that year (repeatable).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Names in en or nl.")] = "en",
    fmt: Annotated[str, typer.Option("--format", help="text, csv or json.")] = "text",
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Compare plans across the UNSCR 1325 pillars: for each pillar, the outcome areas of each
    chosen plan that map onto it and how; plans with no area for a pillar. Without --plan,
    --country, --region or --year: every plan whose outcome areas the store holds.

    Examples: nap-graph compare --pillar protection; nap-graph compare --country CAN --country
    NLD --format csv; nap-graph compare --plan deu-nap-2021 --plan nld-nap-4
    """
    from nap_graph.compare import compare
    from nap_graph.world.plans import PlanFilter

    if fmt not in ("text", "csv", "json"):
        fail(f"unknown --format {fmt!r}: text, csv or json")
    target = connect(store, endpoint)
    try:
        chosen = PlanFilter.parse(plan=plan, country=country, region=region, year=year)
        result = compare(target, pillar=pillar, chosen=chosen, lang=lang)
    except NapGraphError as exc:
        fail(exc)
    finally:
        target.close()
    if fmt == "csv":
        typer.echo(result.csv(), nl=False)
    elif fmt == "json":
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(result.text(), nl=False)
