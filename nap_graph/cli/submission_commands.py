"""Commands for submissions: validate, ingest, history."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from nap_graph import iris
from nap_graph.access import Principal
from nap_graph.cli.common import (
    EndpointOption,
    StoreOption,
    TableFormat,
    TokenOption,
    app,
    connect,
    fail,
    open_workspace,
    principal_for,
    write_rows,
)
from nap_graph.errors import NapGraphError, SubmissionReadError
from nap_graph.ingest import IngestResult, Status, history, interactive
from nap_graph.reference import (
    folded,
    reference_index,
)
from nap_graph.submissions.checking import CheckedRecord, CheckResult, check_bytes
from nap_graph.submissions.reading import SUFFIXES, file_bytes
from nap_graph.submissions.reports import (
    EXIT_UNREADABLE,
    exit_code,
    json_text,
    text_report,
    turtle_report,
)
from nap_graph.workspace import Workspace


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
    store: Annotated[
        Path | None,
        typer.Option(help="Check against this store's reference data (imported plans too)."),
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option(help="Check against this SPARQL server's reference data.")
    ] = None,
) -> None:
    """Check submissions without storing them: read each file, turn it into RDF and validate
    it with the submission shapes against the reference data (the shipped data, or with
    --store/--endpoint the store's, where imported plans are). One line per problem with the
    file, line (or JSON pointer, or CSV row and column), field, what was found and what is
    allowed. Exit code 0 valid (warnings allowed), 1 invalid, 2 unreadable.

    Examples:

        nap-graph validate data/submissions/nld-nap-4/jenv/000_9b141defdd96629b.txt

        nap-graph validate records.csv --format json
    """
    if store is None and endpoint is None:
        _validate_files(files, fmt, lang, lambda data, name: check_bytes(data, name, lang=lang))
    workspace = open_workspace(store, endpoint)
    try:
        _validate_files(files, fmt, lang, lambda data, name: workspace.check(data, name, lang=lang))
    finally:
        workspace.store.close()


def _validate_files(
    files: list[Path], fmt: ReportFormat, lang: str, check: Callable[[bytes, str], CheckResult]
) -> NoReturn:
    worst = 0
    json_reports: list[dict[str, object]] = []
    for path in files:
        try:
            data = file_bytes(path)
        except SubmissionReadError as exc:
            checked = CheckResult(str(path), [CheckedRecord(list(exc.problems))], lang)
        else:
            checked = check(data, str(path))
        worst = max(worst, checked.exit_code)
        if fmt is ReportFormat.json:
            json_reports += checked.json()
        elif fmt is ReportFormat.turtle and all(r.report for r in checked.records):
            for record in checked.records:
                typer.echo(turtle_report(record.report.report_graph))  # type: ignore[union-attr]
        else:
            typer.echo(checked.text())
    if fmt is ReportFormat.json:
        typer.echo(json_text(json_reports))
    raise typer.Exit(worst)


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; folders as the submission files in them (sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            out.append(path)
    return out


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Submission files or folders of them.")],
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first file that is not stored.")
    ] = False,
    sender: Annotated[
        str | None, typer.Option(help="Who sends the files (recorded in the provenance).")
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of the report: en or nl.")] = "en",
    token: TokenOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Validate and store submissions, as the API and the website do (the same check, the
    same report, the same decision of who may submit what: with --token, as that token's
    holder). Each file lands whole (every record in it, its provenance, the supersession of
    the previous version, the curation carried over) or not at all; bad files are reported
    and skipped (--strict: stop). Sending an earlier version's file again makes it current
    again. Exit code 0 when every file was stored or unchanged, 1 otherwise.

    Examples:

        nap-graph ingest data/submissions/

        nap-graph ingest records.csv --strict --sender "NAP secretariat"
    """
    files = _expand(paths)
    principal = principal_for(token, sender)
    workspace = open_workspace(store, endpoint)
    console = Console(stderr=True, soft_wrap=True)
    results: list[IngestResult] = []
    failed = 0
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            disable=not interactive(),
        ) as progress:
            task = progress.add_task("ingesting", total=len(files))
            for path in files:
                outcome = _ingest_one(workspace, path, principal, lang, progress.console)
                results += outcome
                failed += not outcome
                progress.advance(task)
                if strict and not outcome:
                    break
    except NapGraphError as exc:
        fail(exc, code=1)
    finally:
        workspace.store.close()
    counts = {s: sum(r.status is s for r in results) for s in Status}
    console.print(
        f"{len(results)} submission(s) from {len(files)} file(s): "
        + ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
        + (f", {failed} file(s) not stored" if failed else ""),
        highlight=False,
    )
    raise typer.Exit(1 if failed else 0)


def _ingest_one(
    workspace: Workspace, path: Path, principal: Principal, lang: str, console: Console
) -> list[IngestResult]:
    """Check and store one file; what was stored (empty: nothing, the report printed)."""
    try:
        data = file_bytes(path)
    except SubmissionReadError as exc:
        checked = CheckResult(str(path), [CheckedRecord(list(exc.problems))], lang)
    else:
        checked = workspace.check(data, str(path), lang=lang)
    outcome = workspace.submit(checked, principal, file=str(path))
    if not outcome.stored:
        console.print(checked.text(), highlight=False, markup=False)
        return []
    for result in outcome.results:
        line = f"{result.file}: {result.status.value} {result.submission or ''}".rstrip()
        if result.replaced:
            line += f" (replaces {result.replaced})"
        console.print(line, highlight=False, markup=False)
    return outcome.results


@app.command()
def revert(
    version: Annotated[str, typer.Argument(help="The version's IRI (nap-graph history).")],
    token: TokenOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Make an earlier version of a record current again, with provenance (who, when, which
    version was current before); the current curation is carried over to it.

    Example: nap-graph revert https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370
    """
    workspace = open_workspace(store, endpoint)
    try:
        place = workspace.revert(version, principal_for(token))
    except NapGraphError as exc:
        fail(exc, code=1)
    finally:
        workspace.store.close()
    typer.echo(f"{version} is current again (it replaces {place.current})")


def _organisation_iri(organisation: str) -> str:
    if organisation.startswith("http"):
        return organisation
    index = reference_index()
    found = index.organisations.get(folded(organisation))
    return found or iris.organisation_iri(organisation)


@app.command(name="history")
def history_command(
    organisation: Annotated[
        str, typer.Argument(help="Organisation: key (jenv), name, acronym or IRI.")
    ],
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Every version of an organisation's submissions, oldest first: when it was received,
    from which file, who sent it, which version it replaced, when it was superseded, and
    its curation graph (carried over to each new current version; a superseded version's
    leaves the current view with it).

    Example: nap-graph history jenv
    """
    from nap_graph.store.views import curated_from

    target = connect(store, endpoint)
    try:
        rows = history(target, _organisation_iri(organisation)).values()
        for row in rows:
            row["status"] = "superseded" if row["supersededAt"] else "current"
            row["curated"] = ", ".join(curated_from(target, row["version"]))
    except NapGraphError as exc:
        fail(exc)
    finally:
        target.close()
    columns = ["version", "received", "file", "sender", "replaces", "status", "curated"]
    write_rows([{c: r[c] for c in columns} for r in rows], columns, fmt)


@app.command(name="import-plan")
def import_plan(
    file: Annotated[
        Path,
        typer.Argument(
            help="A plan: the CSV template (docs/plan-template.csv) or JSON "
            "(docs/plan.schema.json)."
        ),
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check only; store nothing.")] = False,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Replace the plan if the store holds it already."),
    ] = False,
    token: TokenOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Check a plan with the plan and outcome shapes and load it into its own named graph
    (graph/plans/<country>-nap-<number or first year>). CSV, JSON, or RDF (.ttl, .jsonld) in
    the ontology's terms. Exit code 0 loaded (or valid with --dry-run), 1 invalid, 2
    unreadable; problems name the CSV row and column (JSON pointer; RDF node). A plan the
    store holds already (the shipped ones included) is refused unless --replace.

    Example: nap-graph import-plan docs/examples/plan-example.csv
    """
    from nap_graph.plans.checking import check_plan_bytes

    name = str(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        typer.echo(f"{name}: unreadable: {exc}")
        raise typer.Exit(EXIT_UNREADABLE) from None
    workspace = open_workspace(store, endpoint)
    try:
        checked = check_plan_bytes(data, name, workspace.store)
        typer.echo(text_report(name, checked.problems))
        if checked.built is None:
            raise typer.Exit(EXIT_UNREADABLE)
        code = exit_code(checked.problems)
        if code or dry_run:
            raise typer.Exit(code)
        built = checked.built
        workspace.import_plan(built, principal_for(token), replace=replace)
    except NapGraphError as exc:
        fail(exc)
    finally:
        workspace.store.close()
    typer.echo(f"loaded <{built.plan}> into <{built.named_graph}> ({len(built.graph)} triples)")
