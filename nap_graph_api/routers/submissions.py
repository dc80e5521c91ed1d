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
from nap_graph.framing import framed_submission
from nap_graph.i18n import current_language
from nap_graph.ingest import Status
from nap_graph.iris import checked_iri
from nap_graph.namespaces import ID
from nap_graph.submissions.checking import CheckResult
from nap_graph.submissions.reports import json_report, turtle_report
from nap_graph_api import negotiation as media
from nap_graph_api import rate_limit
from nap_graph_api.deps import ViewDep, WorkspaceDep, authorise
from nap_graph_api.errors import ApiError
from nap_graph_api.links import context_url
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(prefix="/submissions", tags=["submissions"])
FORMATS = {
    "text/plain": ("export", ".txt"),
    "application/json": ("json", ".json"),
    "text/csv": ("csv", ".csv"),
    "text/turtle": ("turtle", ".ttl"),
    "application/ld+json": ("jsonld", ".jsonld"),
}


async def _input(request: Request) -> tuple[str, str, bytes]:
    """The posted record: its name, format and bytes (415 for a type no reader reads, 413
    over the size limit)."""
    content_type = media.sent_type(request, FORMATS, "a submission")
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
    return name, fmt, data


def _report(request: Request, checked: CheckResult, status: int) -> Response:
    """The check of every record: JSON (one record: its report; several: every problem and
    each record's report under ``records``), or the SHACL report in Turtle when Accept asks
    for it and there is one record."""
    wants_turtle = (
        media.choose(["application/json", media.TURTLE], request.headers.get("accept"))
        == media.TURTLE
    )
    reports = [r.report for r in checked.records if r.report is not None]
    if wants_turtle and len(checked.records) == 1 and reports:
        return Response(
            turtle_report(reports[0].report_graph), status_code=status, media_type=media.TURTLE
        )
    each = checked.json()
    if len(each) == 1:
        return JSONResponse(each[0], status_code=status)
    problems = [p for r in checked.records for p in r.problems]
    body = json_report(checked.name, problems, None)
    body["records"] = each
    return JSONResponse(body, status_code=status)


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _version_path(submission: str) -> str:
    return "/submissions/" + submission.removeprefix(f"{ID}submission/")


@router.post(
    "", status_code=201, summary="Submit a record (stored if valid; 422 with the report if not)"
)
async def submit(request: Request, workspace: WorkspaceDep) -> Response:
    principal = authorise(request)
    name, fmt, data = await _input(request)
    lang = current_language()  # ?lang=, the lang cookie or Accept-Language (docs/i18n.md)
    checked = await run_in_threadpool(workspace.check, data, name, fmt=fmt, lang=lang)
    outcome = await run_in_threadpool(workspace.submit, checked, principal, file=name)
    if not outcome.stored:
        return _report(request, checked, 422)
    results = outcome.results
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
    changed = (Status.stored, Status.reverted)
    status = 201 if any(r.status in changed for r in results) else 200
    headers = {"Location": _version_path(results[0].submission or "")} if results else {}
    return JSONResponse(body, status_code=status, headers=headers)


@router.post("/validate", summary="Check a record without storing it")
async def validate(request: Request, workspace: WorkspaceDep) -> Response:
    name, fmt, data = await _input(request)
    rate_limit.limit(request, "checks", request.app.state.settings.checks_per_minute)
    lang = current_language()
    checked = await run_in_threadpool(workspace.check, data, name, fmt=fmt, lang=lang)
    return _report(request, checked, 200 if checked.exit_code == 0 else 422)


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
    found = list_submissions(
        view, organisation=org_iri, plan=plan_iri, outcome=outcome_iri, lang=current_language()
    )
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
        return JSONResponse(
            framed_submission(triples, submission, context_url(request)),
            media_type=media.JSON_LD,
        )
    return Response(ox.serialize(triples, format=media.RDF_FORMATS[chosen]), media_type=chosen)


@router.post(
    "/{plan}/{organisation}/{version}/revert",
    summary="Make this earlier version of a record current again (its signatory or an admin)",
)
async def revert_version(
    plan: str, organisation: str, version: str, request: Request, workspace: WorkspaceDep
) -> Response:
    principal = authorise(request)
    submission = iris.version_iri_for_path(plan, organisation, version)
    place = await run_in_threadpool(workspace.revert, submission, principal)
    return JSONResponse(
        {
            "submission": submission,
            "status": "reverted",
            "replaces": place.current,
            "url": _version_path(submission),
        },
        headers={"Location": _version_path(submission)},
    )
