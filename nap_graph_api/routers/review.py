"""``/review``: the curated activities that wait for a coordinator's review (their record's
current version no longer selects all of their outcomes), as a page or JSON, and the
decision on each: keep it for this version or drop it from the record
(:meth:`~nap_graph.workspace.Workspace.review`). Anyone may see the list; a coordinator
decides, signed in on the website or with an admin bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.access import Principal
from nap_graph.i18n import current_language
from nap_graph.iris import checked_iri
from nap_graph_api import sessions
from nap_graph_api.deps import WorkspaceDep, authorise
from nap_graph_api.errors import ApiError
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(tags=["curation"])
DECISIONS = {"keep": True, "drop": False}


@router.get("/review", summary="Curated activities waiting for a coordinator's review")
async def review_page(request: Request, workspace: WorkspaceDep) -> Response:
    lang = current_language()
    items = await run_in_threadpool(lambda: workspace.needing_review(lang=lang))
    if wants_json(request, "the review list"):
        return JSONResponse({"items": [i.as_dict() for i in items]})
    return templates.TemplateResponse(
        request, "review.html", {"items": items, "session": sessions.current(request)}
    )


def _decide(workspace: WorkspaceDep, principal: Principal, activity: str, decision: str) -> str:
    if decision not in DECISIONS:
        raise ApiError(400, "Bad request", f"decision: expected keep or drop; got '{decision}'")
    checked_iri(activity, "activity")  # BadRequestError: 400 naming the field
    return workspace.review(activity, principal, keep=DECISIONS[decision]).name


@router.post("/review", summary="Keep or drop an activity (signed-in coordinators, or a token)")
async def decide(
    request: Request,
    workspace: WorkspaceDep,
    activity: Annotated[str, Form(description="The activity's IRI.")] = "",
    decision: Annotated[str, Form(description="keep or drop")] = "",
    csrf: Annotated[str, Form(description="The session's form token (website).")] = "",
) -> Response:
    session = sessions.current(request)
    if session is not None and not request.headers.get("authorization"):
        sessions.check_csrf(request, csrf, session.csrf)
        principal = session.principal
    else:
        principal = authorise(request, admin=True)
    name = await run_in_threadpool(_decide, workspace, principal, activity, decision)
    if session is not None and not request.headers.get("authorization"):
        return RedirectResponse(f"/review?decided={decision}", status_code=303)
    return JSONResponse({"activity": activity, "name": name, "decision": decision})
