"""Checking and storing records for the website's pages (``/check``, ``/my/records``,
``/record-form``), one way for all three: against the store's reference data (imported plans
included) and its organisation links, each computed once per store generation; stored
through :func:`~nap_graph.ingest.ingest_parsed`, the one write path, with the view and the
search index brought up to date."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from nap_graph import iris
from nap_graph.i18n import current_language
from nap_graph.ingest import ingest_parsed
from nap_graph.organisation_links import organisation_links
from nap_graph.reference import ReferenceData, reference_from_store, using_reference
from nap_graph.store.protocol import GraphStore
from nap_graph.store.query_path import QueryPath
from nap_graph.store.views import PROVENANCE_GRAPH
from nap_graph.submissions.checking import CheckResult, check_bytes
from nap_graph_api.auth import Principal

ORGANISATION = iris.id_prefix("organisation")


def reference_of(view: QueryPath) -> ReferenceData:
    return view.cached("reference-data", lambda: reference_from_store(view))  # type: ignore[no-any-return]


def aliases_of(view: QueryPath) -> dict[str, str]:
    return view.cached("organisation-links", lambda: organisation_links(view))  # type: ignore[no-any-return]


async def check_record(
    view: QueryPath, data: bytes, name: str, *, fmt: str | None = None
) -> CheckResult:
    """:func:`~nap_graph.submissions.checking.check_bytes` in the request's language, against
    the store's reference data."""
    lang = current_language()
    reference = await run_in_threadpool(reference_of, view)
    aliases = await run_in_threadpool(aliases_of, view)

    def run() -> CheckResult:
        with using_reference(reference):
            return check_bytes(data, name, fmt=fmt, lang=lang, aliases=aliases)

    return await run_in_threadpool(run)


def organisation_keys(result: CheckResult) -> list[str]:
    """The key of the organisation each checked record is for (``jenv``)."""
    return [
        r.report.submission.organisation.value.removeprefix(ORGANISATION)  # type: ignore[union-attr]
        for r in result.records
    ]


def refused(principal: Principal, result: CheckResult) -> str | None:
    """The first organisation of the records that ``principal`` may not submit for."""
    return next((k for k in organisation_keys(result) if not principal.may_submit_for(k)), None)


async def store_checked(
    store: GraphStore, view: QueryPath, result: CheckResult, *, sender: str, file: str
) -> list[str]:
    """Store every record of a valid ``result``; the versions stored."""

    def store_all() -> list[str]:
        stored = []
        for record in result.records:
            outcome = ingest_parsed(
                store,
                record.report.parsed,  # type: ignore[union-attr]
                sender=sender,
                file=file,
                report=record.report,
            )
            if outcome.submission:
                stored.append(outcome.submission)
        view.invalidate([*(iris.submission_graph_iri(s) for s in stored), PROVENANCE_GRAPH])
        return stored

    return await run_in_threadpool(store_all)
