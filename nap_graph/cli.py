"""The ``nap-graph`` command.

Examples::

    nap-graph query "SELECT ?n WHERE { ?o a wps:StrategicOutcome ; skos:notation ?n }"
    nap-graph query --file docs/queries/sub-outcome-3-2-contributors.rq --format csv
    nap-graph check
    nap-graph graphs
    nap-graph validate data/submissions/nld-nap-4/jenv/000_9b141defdd96629b.txt
    nap-graph validate records.csv --format json
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from nap_graph.default_data import default_graph_files, load_data_graph, load_default_store
from nap_graph.errors import NapGraphError, SubmissionReadError
from nap_graph.integrity import validate_integrity
from nap_graph.querying import select
from nap_graph.submissions.reading import read_file
from nap_graph.submissions.reports import (
    EXIT_UNREADABLE,
    exit_code,
    json_report,
    json_text,
    text_report,
    turtle_report,
)
from nap_graph.submissions.validation import validate_submission

app = typer.Typer(
    name="nap-graph",
    help="Linked data for Women, Peace and Security National Action Plans.",
    no_args_is_help=True,
    add_completion=False,
)


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def _fail(exc: NapGraphError, code: int = 2) -> None:
    Console(stderr=True).print(f"[bold red]error:[/] {exc}", highlight=False)
    raise typer.Exit(code)


def _write_rows(rows: list[dict[str, str]], columns: list[str], fmt: TableFormat) -> None:
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


@app.command()
def query(
    sparql: Annotated[
        str | None, typer.Argument(help="SPARQL SELECT query; '-' reads it from stdin.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from this .rq file.")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] = (
        TableFormat.table
    ),
) -> None:
    """Answer a SPARQL SELECT query over the default graph (ontology, reference data and
    curated graphs, loaded into an in-memory store). The project's prefixes (wps:, skos:,
    org:, ...) are predeclared; the default graph is the union of all named graphs."""
    if file is not None:
        text = file.read_text(encoding="utf-8")
    elif sparql == "-" or (sparql is None and not sys.stdin.isatty()):
        text = sys.stdin.read()
    elif sparql is not None:
        text = sparql
    else:
        raise typer.BadParameter("give a query, --file, or a query on stdin")
    try:
        store = load_default_store()
        rows = select(store, text)
    except NapGraphError as exc:
        _fail(exc)
    columns = list(rows[0]) if rows else []
    _write_rows(rows, columns, fmt)


@app.command()
def check(
    lang: Annotated[str, typer.Option(help="Language of the messages: en or nl.")] = "en",
) -> None:
    """Validate all shipped data against the graph-integrity shapes. Exit code 0 when it
    conforms (warnings allowed), 1 when there is a violation."""
    try:
        report = validate_integrity(load_data_graph(), lang=lang)
    except NapGraphError as exc:
        _fail(exc)
    if report.findings:
        typer.echo(report.text())
    typer.echo(
        f"{'conforms' if report.conforms else 'does not conform'}: "
        f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s)"
    )
    raise typer.Exit(0 if report.conforms else 1)


@app.command()
def graphs() -> None:
    """List the named graphs of the default dataset and the file each comes from."""
    rows = [{"graph": g.graph, "file": str(g.path)} for g in default_graph_files()]
    _write_rows(rows, ["graph", "file"], TableFormat.table)


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    turtle = "turtle"


@app.command()
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Submission files: .txt (partner database export), .json, .csv, .ttl, .jsonld."
        ),
    ],
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="Report format.")
    ] = ReportFormat.text,
    lang: Annotated[str, typer.Option(help="Language of shape messages: en or nl.")] = "en",
) -> None:
    """Check submissions without storing them: read each file, turn it into RDF and validate
    it with the submission shapes against the reference data. One line per problem with the
    file, line (or JSON pointer, or CSV row and column), field, what was found and what is
    allowed. Exit code 0 valid (warnings allowed), 1 invalid, 2 unreadable."""
    worst = 0
    json_reports: list[dict[str, object]] = []
    for path in files:
        name = str(path)
        try:
            parsed_all = read_file(path)
        except SubmissionReadError as exc:
            problems = list(exc.problems)
            worst = max(worst, EXIT_UNREADABLE)
            if fmt is ReportFormat.json:
                json_reports.append(json_report(name, problems))  # type: ignore[arg-type]
            else:
                typer.echo(text_report(name, problems))  # type: ignore[arg-type]
            continue
        for parsed in parsed_all:
            report = validate_submission(parsed, lang=lang)
            worst = max(worst, exit_code(report.problems))
            if fmt is ReportFormat.json:
                json_reports.append(json_report(name, report.problems))
            elif fmt is ReportFormat.turtle:
                typer.echo(turtle_report(report.report_graph))
            else:
                typer.echo(text_report(name, report.problems))
    if fmt is ReportFormat.json:
        typer.echo(json_text(json_reports))
    raise typer.Exit(worst)
