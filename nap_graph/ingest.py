"""Ingest: parse -> validate -> write, where the write of one submission (its version graph,
its provenance, the supersession of the previous version) is one SPARQL update, so it lands
whole or not at all.

The layout (docs/iris.md): each version in ``graph/submission/<plan>/<org>/<hash>``; in
``graph/provenance``, the submission history ``id/submission/<plan>/<org>`` with
``wps:currentVersion`` and ``dcterms:hasVersion``, each version's ``wps:Ingestion`` (when, which
source file, who sent it) and ``prov:wasRevisionOf`` the version it replaced, which gets
``prov:invalidatedAtTime``. Sending the same file again changes nothing.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.agents import agent_triples, named_agent
from nap_graph.errors import SubmissionReadError
from nap_graph.namespaces import ID
from nap_graph.reference import ReferenceData, reference_from_store, using_reference
from nap_graph.store.protocol import GraphStore
from nap_graph.store.results import SelectResult
from nap_graph.store.sparql_text import insert_data, replace_graph
from nap_graph.store.views import PROVENANCE_GRAPH
from nap_graph.submissions.model import ParsedSubmission, Problem
from nap_graph.submissions.reading import read_file
from nap_graph.submissions.to_rdf import SubmissionGraph
from nap_graph.submissions.validation import SubmissionReport, validate_submission
from nap_graph.terms import DCTERMS, PROV, RDF, WPS
from nap_graph.versions import carry_over, place_of, revert, timestamp


class Status(StrEnum):
    stored = "stored"
    unchanged = "unchanged"
    """The same bytes are the current version already."""
    reverted = "reverted"
    """The same bytes are an earlier version: it was made current again (a revert)."""
    invalid = "invalid"
    unreadable = "unreadable"


@dataclass(slots=True)
class IngestResult:
    """What happened to one submission (or to a file that could not be read)."""

    file: str
    status: Status
    submission: str | None = None
    replaced: str | None = None
    problems: list[Problem] = field(default_factory=list)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _exists(store: GraphStore, submission: str) -> bool:
    result = store.query(
        queries.load("version-exists.rq"),
        bindings={"provenance": _n(PROVENANCE_GRAPH), "submission": _n(submission)},
        union_default_graph=False,
    )
    return bool(result)


def ingest_parsed(
    store: GraphStore,
    parsed: ParsedSubmission,
    *,
    sender: str | None = None,
    received: date | None = None,
    now: datetime | None = None,
    file: str = "",
    report: SubmissionReport | None = None,
    reference: ReferenceData | None = None,
) -> IngestResult:
    """Validate (unless ``report`` is the validation already done) against the store's
    reference data and, if valid, store one submission atomically."""
    from nap_graph.organisation_links import organisation_links

    if report is None:
        with using_reference(reference or reference_from_store(store)):
            report = validate_submission(
                parsed, received=received, aliases=organisation_links(store)
            )
    if not report.conforms:
        return IngestResult(file, Status.invalid, problems=list(report.problems))
    built = report.submission
    with store.write_lock():  # the decision and the write, with no other writer between
        return _store_version(store, parsed, built, report, sender=sender, now=now, file=file)


def _store_version(
    store: GraphStore,
    parsed: ParsedSubmission,
    built: SubmissionGraph,
    report: SubmissionReport,
    *,
    sender: str | None,
    now: datetime | None,
    file: str,
) -> IngestResult:
    """Under the write lock: store the version unless it is stored already, superseding
    the current one in the same update."""
    submission = built.submission.value
    if _exists(store, submission):
        place = place_of(store, submission)
        if place is None or place.is_current:
            return IngestResult(
                file, Status.unchanged, submission=submission, problems=list(report.problems)
            )
        revert(store, submission, by=sender or getpass.getuser(), now=now)
        return IngestResult(
            file,
            Status.reverted,
            submission=submission,
            replaced=place.current,
            problems=list(report.problems),
        )
    org_key = built.organisation.value.removeprefix(f"{ID}organisation/")
    history = iris.submission_history_iri(iris.plan_iri_for_key(parsed.record.plan), org_key)
    graph = iris.submission_graph_iri(submission)
    ingestion = iris.ingestion_iri(submission)
    stamp = timestamp(now)
    sub, hist, act = _n(submission), _n(history), _n(ingestion)
    provenance = [
        ox.Triple(hist, RDF.type, WPS.SubmissionHistory),
        ox.Triple(hist, DCTERMS.hasVersion, sub),
        ox.Triple(hist, WPS.currentVersion, sub),
        ox.Triple(sub, WPS.versionGraph, _n(graph)),
        ox.Triple(sub, PROV.wasGeneratedBy, act),
        ox.Triple(act, RDF.type, WPS.Ingestion),
        ox.Triple(act, PROV.startedAtTime, stamp),
        ox.Triple(act, PROV.used, _n(iris.source_iri(parsed.source.sha256))),
        ox.Triple(act, PROV.wasAssociatedWith, built.organisation),
        ox.Triple(act, DCTERMS.creator, named_agent(sender or getpass.getuser())),
        *agent_triples(sender or getpass.getuser()),
    ]
    previous = store.query(
        queries.load("current-version.rq"),
        bindings={"provenance": _n(PROVENANCE_GRAPH), "history": hist},
        union_default_graph=False,
    )
    replaced = (
        previous.rows[0]["old"].value
        if isinstance(previous, SelectResult) and previous.rows
        else None
    )
    supersede = queries.update_with_values(
        "supersede.ru",
        {"provenance": _n(PROVENANCE_GRAPH), "history": hist, "new": sub, "now": stamp},
    )
    update = (
        supersede + " ;\n" + insert_data({graph: list(built.graph), PROVENANCE_GRAPH: provenance})
    )
    moved = carry_over(store, replaced, submission, built.graph, now=now)
    if moved is not None:
        update += " ;\n" + replace_graph(*moved)
    store.update(update)
    return IngestResult(
        file,
        Status.stored,
        submission=submission,
        replaced=replaced,
        problems=list(report.problems),
    )


def ingest_files(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    strict: bool = False,
    sender: str | None = None,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest files (a CSV may hold many submissions). Bad files are reported and skipped;
    ``strict`` stops at the first file that is not stored or unchanged."""
    results: list[IngestResult] = []
    reference = reference_from_store(store)
    for path in paths:
        try:
            with using_reference(reference):
                parsed_all = read_file(path)
        except SubmissionReadError as exc:
            outcome = [IngestResult(str(path), Status.unreadable, problems=list(exc.problems))]  # type: ignore[arg-type]
        else:
            outcome = [
                ingest_parsed(store, p, sender=sender, file=str(path), reference=reference)
                for p in parsed_all
            ]
        for result in outcome:
            results.append(result)
            if on_result:
                on_result(result)
        if strict and any(r.status in (Status.invalid, Status.unreadable) for r in outcome):
            break
    return results


def history(store: GraphStore, organisation: str) -> SelectResult:
    """Every version of the organisation's records, oldest first, with status."""
    result = store.query(
        queries.load("history.rq"),
        bindings={"provenance": _n(PROVENANCE_GRAPH), "org": _n(organisation)},
        union_default_graph=False,
    )
    assert isinstance(result, SelectResult)
    return result


def interactive() -> bool:
    return sys.stderr.isatty()
