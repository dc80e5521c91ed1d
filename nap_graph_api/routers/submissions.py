"""Submissions at ``/submissions``: POST a record in any format the parser reads (by
Content-Type), ``POST /submissions/validate`` to check without storing, GET the current ones
(filtered, paged), GET one version in any RDF format with its history."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph import iris
from nap_graph.catalogue import list_submissions, submission_document
from nap_graph.errors import SubmissionReadError
from nap_graph.framing import framed_submission
from nap_graph.i18n import current_language
from nap_graph.ingest import Status, ingest_parsed
from nap_graph.iris import checked_iri
from nap_graph.namespaces import ID
from nap_graph.reference import (
    ReferenceData,
    reference_index,
    using_reference,
)
from nap_graph.store.query_path import QueryPath
from nap_graph.store.views import PROVENANCE_GRAPH
from nap_graph.submissions.model import ParsedSubmission, Problem
from nap_graph.submissions.organisations import resolve_organisation
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.reports import json_report, record_summary, turtle_report
from nap_graph.submissions.validation import SubmissionReport, validate_submission
from nap_graph_api import negotiation as media
from nap_graph_api.deps import StoreDep, ViewDep, authorise
from nap_graph_api.errors import ApiError, RejectedError
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates
from nap_graph_api.records import aliases_of, reference_of

router = APIRouter(prefix="/submissions", tags=["submissions"])
FORMATS = {
    "text/plain": ("export", ".txt"),
    "application/json": ("json", ".json"),
    "text/csv": ("csv", ".csv"),
    "text/turtle": ("turtle", ".ttl"),
    "application/ld+json": ("jsonld", ".jsonld"),
}


def _read_with(
    reference: ReferenceData, data: bytes, name: str, fmt: str
) -> list[ParsedSubmission]:
    with using_reference(reference):
        return read_submissions(data, name, fmt=fmt)


async def _read(request: Request, view: QueryPath) -> tuple[str, list[ParsedSubmission]]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in FORMATS:
        raise ApiError(
            415,
            "Unsupported media type",
            f"send a submission as one of {', '.join(FORMATS)}; got '{content_type}'",
        )
    fmt, suffix = FORMATS[content_type]
    name = request.query_params.get("filename") or f"submission{suffix}"
    data = await request.body()
    limit = request.app.state.settings.max_submission_bytes
    if len(data) > limit:
        raise ApiError(
            413,
            "Submission too large",
            f"the submission is {len(data):,} bytes; the limit is {limit:,} bytes (a record "
            "is a few kilobytes: is this the right file?)",
        )
    try:
        reference = await run_in_threadpool(reference_of, view)
        return name, await run_in_threadpool(_read_with, reference, data, name, fmt)
    except SubmissionReadError as exc:
        raise _rejected(request, name, list(exc.problems), None) from exc  # type: ignore[arg-type]


def _rejected(
    request: Request, name: str, problems: list[Problem], report: SubmissionReport | None
) -> RejectedError:
    """422 with the report: JSON, or the SHACL report in Turtle when Accept asks for it."""
    wants_turtle = (
        media.choose(["application/json", media.TURTLE], request.headers.get("accept"))
        == media.TURTLE
    )
    if report is not None and wants_turtle:
        return RejectedError(
            Response(turtle_report(report.report_graph), status_code=422, media_type=media.TURTLE)
        )
    record = record_summary(report) if report is not None else None
    return RejectedError(JSONResponse(json_report(name, problems, record), status_code=422))


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _version_path(submission: str) -> str:
    return "/submissions/" + submission.removeprefix(f"{ID}submission/")


async def _check(
    request: Request, name: str, parsed: list[ParsedSubmission], view: QueryPath
) -> list[SubmissionReport]:
    aliases = await run_in_threadpool(aliases_of, view)
    reference = await run_in_threadpool(reference_of, view)
    lang = current_language()  # ?lang=, the lang cookie or Accept-Language (docs/i18n.md)

    def check(item: ParsedSubmission) -> SubmissionReport:
        with using_reference(reference):
            return validate_submission(item, aliases=aliases, lang=lang)

    reports = []
    for item in parsed:
        report = await run_in_threadpool(check, item)
        if not report.conforms:
            raise _rejected(request, name, list(report.problems), report)
        reports.append(report)
    return reports


@router.post(
    "", status_code=201, summary="Submit a record (stored if valid; 422 with the report if not)"
)
async def submit(request: Request, store: StoreDep, view: ViewDep) -> Response:
    principal = authorise(request)
    name, parsed = await _read(request, view)
    index = reference_index()
    for item in parsed:
        org = resolve_organisation(index, item.record.organisation).iri
        key = org.removeprefix(f"{ID}organisation/")
        if not principal.may_submit_for(key):
            raise ApiError(
                403,
                "Forbidden",
                f"'{principal.name}' may not submit records for '{item.record.organisation}'",
            )
    reports = await _check(request, name, parsed, view)
    results = []
    for item, report in zip(parsed, reports, strict=True):
        result = await run_in_threadpool(
            lambda i=item, r=report: ingest_parsed(
                store, i, sender=principal.name, file=name, report=r
            )
        )
        results.append(result)
    written = [iris.submission_graph_iri(r.submission) for r in results if r.submission]
    await run_in_threadpool(view.invalidate, [*written, PROVENANCE_GRAPH])
    body = {
        "file": name,
        "submissions": [
            {
                "status": r.status.value,
                "submission": r.submission,
                "replaces": r.replaced,
                "url": _version_path(r.submission or ""),
                "problems": [p.as_dict(name) for p in r.problems],
            }
            for r in results
        ],
    }
    status = 201 if any(r.status is Status.stored for r in results) else 200
    headers = {"Location": _version_path(results[0].submission or "")} if results else {}
    return JSONResponse(body, status_code=status, headers=headers)


@router.post("/validate", summary="Check a record without storing it")
async def validate(request: Request, view: ViewDep) -> Response:
    name, parsed = await _read(request, view)
    reports = await _check(request, name, parsed, view)
    problems = [p for r in reports for p in r.problems]
    if (
        len(reports) == 1
        and media.choose(["application/json", media.TURTLE], request.headers.get("accept"))
        == media.TURTLE
    ):
        return Response(turtle_report(reports[0].report_graph), media_type=media.TURTLE)
    record = record_summary(reports[0]) if len(reports) == 1 else None
    body = json_report(name, problems, record)
    if len(reports) > 1:
        body["records"] = [record_summary(r) for r in reports]
    return JSONResponse(body)


@router.get("", summary="The current submissions (filter by organisation, plan, outcome; paged)")
def list_current(
    request: Request,
    view: ViewDep,
    organisation: str | None = None,
    plan: str | None = None,
    outcome: str | None = Query(
        default=None, description="outcome IRI, or a code such as 3.2 with plan"
    ),
    page: int = Query(default=1, ge=1),
    per_page: int = Query(default=50, ge=1, le=500),
) -> dict[str, object]:
    try:
        org_iri = (
            None
            if organisation is None
            else checked_iri(
                organisation if _is_iri(organisation) else iris.organisation_iri(organisation),
                "organisation",
            )
        )
        plan_iri = (
            None
            if plan is None
            else checked_iri(plan if _is_iri(plan) else iris.plan_iri_for_key(plan), "plan")
        )
        outcome_iri = None
        if outcome is not None and _is_iri(outcome):
            outcome_iri = checked_iri(outcome, "outcome")
        elif outcome is not None:
            if plan_iri is None:
                raise ApiError(
                    400, "Bad request", "an outcome code needs a plan: ?plan=nld-nap-4&outcome=3.2"
                )
            outcome_iri = checked_iri(iris.outcome_iri(plan_iri, outcome), "outcome")
    except ValueError as exc:  # a key or code the IRI scheme does not allow
        raise ApiError(400, "Bad request", f"filter: {exc}") from exc
    found = list_submissions(view, organisation=org_iri, plan=plan_iri, outcome=outcome_iri)
    start = (page - 1) * per_page
    items = found[start : start + per_page]
    answer = {
        "total": len(found),
        "page": page,
        "per_page": per_page,
        "items": [
            {
                "submission": s.submission,
                "url": _version_path(s.submission),
                "organisation": s.organisation,
                "organisation_name": s.organisation_name,
                "plan": s.plan,
                "received": s.received,
            }
            for s in items
        ],
    }
    if wants_json(request, "the submissions list"):
        return answer
    return templates.TemplateResponse(  # type: ignore[return-value]
        request,
        "submissions.html",
        {"listing": answer, "pages": max(1, -(-len(found) // per_page)), "query": ""},
    )


@router.get(
    "/{plan}/{organisation}/{version}",
    summary="One submission version, in any RDF format, with its history",
)
def get_one(
    plan: str, organisation: str, version: str, request: Request, view: ViewDep
) -> Response:
    submission = iris.version_iri_for_path(plan, organisation, version)
    triples = submission_document(view, submission)
    if not triples:
        raise ApiError(404, "Not found", f"no stored submission <{submission}>")
    chosen = media.choose(
        media.GRAPH_TYPES[:4], request.headers.get("accept"), request.query_params.get("format")
    )
    if chosen is None:
        raise ApiError(
            406, "Not acceptable", f"submissions come as {', '.join(media.GRAPH_TYPES[:4])}"
        )
    if chosen == media.JSON_LD:
        return JSONResponse(framed_submission(triples, submission), media_type=media.JSON_LD)
    return Response(ox.serialize(triples, format=media.RDF_FORMATS[chosen]), media_type=chosen)
