"""Commands for curating records: curate (store a curation document), draft (a curation
document drafted from a record's texts), link-organisation (a submitted organisation is a
known one), review (keep or drop curated activities that no longer fit their record)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nap_graph.cli.common import (
    EndpointOption,
    StoreOption,
    TableFormat,
    TokenOption,
    app,
    fail,
    open_workspace,
    principal_for,
    write_rows,
)
from nap_graph.errors import NapGraphError, SubmissionReadError
from nap_graph.submissions import curation
from nap_graph.submissions.reports import EXIT_INVALID, text_report


@app.command()
def curate(
    document: Annotated[Path, typer.Argument(help="A curation document (.curation.json).")],
    check: Annotated[
        bool, typer.Option("--check", help="Check it against the stored version; store nothing.")
    ] = False,
    lang: Annotated[str, typer.Option(help="Language of shape messages: en or nl.")] = "en",
    token: TokenOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Check a curation document (activities, targets, observed values of one stored record
    version) with the same shapes as a record, and store it as the version's curation graph,
    derived from the version and attributed to its curator. Replaces an earlier curation of
    the same version. Exit code 0 stored (or valid with --check), 1 invalid, 2 unreadable.

    Examples:

        nap-graph curate data/curated/nld-nap-4/jenv.curation.json

        nap-graph curate my-record.curation.json --check
    """
    workspace = open_workspace(store, endpoint)
    target = workspace.store
    try:
        doc, parsed = curation.load_document(document)
        report = curation.check_curation(doc, parsed, target, lang=lang)
        typer.echo(text_report(str(document), report.problems))
        if not report.conforms:
            raise typer.Exit(EXIT_INVALID)
        if not check:
            graph = workspace.curate(report, principal_for(token))
            typer.echo(
                f"{document}: stored {len(doc.activities)} activities in {graph} "
                f"(curates {doc.curates})"
            )
    except SubmissionReadError as exc:
        typer.echo(text_report(str(document), exc.problems))  # type: ignore[arg-type]
        raise typer.Exit(2) from exc
    except NapGraphError as exc:
        fail(exc, code=1)
    finally:
        target.close()


@app.command()
def draft(
    record: Annotated[Path, typer.Argument(help="A record in any submission format.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    curated_by: Annotated[
        str, typer.Option("--curated-by", help="Who will confirm the draft.")
    ] = "nap-graph draft",
) -> None:
    """Draft a curation document from a record's texts, deterministically: a candidate
    activity per contribution paragraph, partners and countries from the mentions, quantities
    (percentages, counts in digits or words, durations like "three-day", frequencies like
    "three times", years) as candidate targets and observed values, each with the sentence it
    came from and marked "draft" until a person confirms it. Check the result with
    nap-graph curate --check once the record is stored.

    Example:

        nap-graph draft data/submissions/nld-nap-4/jenv/000_9b141defdd96629b.txt -o d.json
    """
    import json

    from nap_graph.submissions.drafting import draft_document
    from nap_graph.submissions.reading import read_file

    try:
        parsed_all = read_file(record)
    except SubmissionReadError as exc:
        typer.echo(text_report(str(record), exc.problems))  # type: ignore[arg-type]
        raise typer.Exit(2) from exc
    documents = [draft_document(p, curated_by=curated_by) for p in parsed_all]
    text = json.dumps(
        documents[0] if len(documents) == 1 else documents, ensure_ascii=False, indent=2
    )
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        count = sum(len(d["activities"]) for d in documents)  # type: ignore[arg-type]
        typer.echo(f"{output}: {count} drafted activities")


def _organisation(word: str) -> str:
    """An organisation IRI from a key (``jenv``), a known name or acronym, or an IRI."""
    from nap_graph import iris
    from nap_graph.reference import folded, reference_index

    if word.startswith(("http://", "https://")):
        return word
    found = reference_index().organisations.get(folded(word))
    if found:
        return found
    try:
        return iris.organisation_iri(word)
    except ValueError:
        return iris.organisation_iri(iris.slugify(word))


@app.command(name="link-organisation")
def link_organisation_command(
    submitted: Annotated[
        str, typer.Argument(help="The submitted organisation: its key, name or IRI.")
    ],
    known: Annotated[
        str, typer.Argument(help="The organisation it is: key, name, acronym or IRI.")
    ],
    by: Annotated[str, typer.Option("--by", help="Who makes the link (provenance).")],
    token: TokenOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Link an organisation a record introduced to the known organisation it is (or merge
    two submitted ones): every statement that names it names the known one instead, its
    record versions join the known one's history (the later received stays current), its
    name becomes a hidden label of the known one, and later records that name it are read
    as the known one's. The link is recorded with who made it and when.

    Examples:

        nap-graph link-organisation department-of-defense defensie --by "WO=MEN"

        nap-graph link-organisation "Stichting X" "Foundation X" --by "NAP secretariat"
    """
    workspace = open_workspace(store, endpoint)
    try:
        principal = principal_for(token, by)
        if token:  # the link records who made it, as given
            principal = type(principal)(by, principal.role, principal.organisation)
        result = workspace.link_organisations(
            _organisation(submitted), _organisation(known), principal
        )
    except NapGraphError as exc:
        fail(exc, code=1)
    finally:
        workspace.store.close()
    typer.echo(f"linked {result.old} to {result.new}")
    for history in result.histories:
        typer.echo(f"  history {history} joins the known organisation's")
    for version in result.superseded:
        typer.echo(f"  version {version} is superseded by the later one")


@app.command()
def review(
    keep: Annotated[
        str | None, typer.Option("--keep", help="Keep this activity (its IRI) for the version.")
    ] = None,
    drop: Annotated[
        str | None, typer.Option("--drop", help="Drop this activity (its IRI) from the record.")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
    token: TokenOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """The curated activities that wait for a coordinator's review: their record's current
    version no longer selects all of their outcomes. With --keep or --drop, decide one:
    keep it for this version, or drop it from the record's curation (its page then says it
    is no longer current). The decision is carried over to later versions.

    Examples:

        nap-graph review

        nap-graph review --drop https://w3id.org/nap-graph/id/activity/jenv/external-expertise
    """
    if keep and drop:
        fail("--keep and --drop: give one", code=2)
    workspace = open_workspace(store, endpoint)
    try:
        if keep or drop:
            item = workspace.review(str(keep or drop), principal_for(token), keep=bool(keep))
            typer.echo(f"{'kept' if keep else 'dropped'}: {item.name} ({item.organisation_name})")
            return
        items = workspace.needing_review()
    except NapGraphError as exc:
        fail(exc, code=1)
    finally:
        workspace.store.close()
    rows = [
        {
            "organisation": i.organisation_name,
            "activity": i.name,
            "outcomes no longer selected": ", ".join(i.outcomes),
            "iri": i.activity,
        }
        for i in items
    ]
    write_rows(rows, ["organisation", "activity", "outcomes no longer selected", "iri"], fmt)
