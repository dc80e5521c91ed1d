"""Importing a plan while the server runs: ``POST /plans`` (a coordinator's bearer token; the
plan as CSV, JSON, Turtle or JSON-LD by Content-Type) and the page ``/plans/import`` (a
signed-in coordinator; upload or paste). Both check with
:func:`~nap_graph.plans.checking.check_plan_bytes` and store with
:meth:`~nap_graph.workspace.Workspace.import_plan`, the one write path."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.access import Principal
from nap_graph.i18n import N_
from nap_graph.plans.checking import PlanCheck, check_plan_bytes
from nap_graph.submissions.model import Severity
from nap_graph.submissions.reports import json_report
from nap_graph_api import negotiation as media
from nap_graph_api import rate_limit, sessions
from nap_graph_api.deps import WorkspaceDep, authorise
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates

router = APIRouter(tags=["plans"])
FORMATS = {
    "text/csv": ".csv",
    "application/json": ".json",
    "text/turtle": ".ttl",
    "application/ld+json": ".jsonld",
}
SUFFIX_OF_CHOICE = {"csv": ".csv", "json": ".json", "turtle": ".ttl", "jsonld": ".jsonld"}


def _limit(request: Request, data: bytes) -> None:
    limit = request.app.state.settings.max_submission_bytes
    if len(data) > limit:
        raise ApiError(
            413,
            "Plan too large",
            f"the plan is {len(data):,} bytes; the limit is {limit:,} bytes",
        )


def _check_and_store(
    workspace: WorkspaceDep,
    principal: Principal,
    data: bytes,
    name: str,
    *,
    replace: bool,
    dry_run: bool,
) -> tuple[PlanCheck, bool]:
    """The check, and whether the plan was stored."""
    workspace.coordinator(principal, N_("import plans"))
    checked = check_plan_bytes(data, name, workspace.view)
    if not checked.storable or dry_run:
        return checked, False
    assert checked.built is not None
    workspace.import_plan(checked.built, principal, replace=replace)
    return checked, True


@router.post(
    "/plans",
    summary="Import a plan (a coordinator's bearer token): check it and store it in one write",
    status_code=201,
)
async def import_plan(
    request: Request,
    workspace: WorkspaceDep,
    replace: bool = False,
    dry_run: bool = False,
    filename: str | None = None,
) -> Response:
    """The body is the plan, as its Content-Type says (``text/csv``: docs/plan-template.csv;
    ``application/json``: docs/plan.schema.json; ``text/turtle``, ``application/ld+json``).
    201 stored, 200 checked (``dry_run``), 422 with every problem when it cannot be stored,
    409 when the store holds the plan already (``replace=true`` replaces what the store says
    about it, the world table's facts included)."""
    principal = authorise(request, admin=True)
    rate_limit.limit(request, "checks", request.app.state.settings.checks_per_minute)
    content_type = media.sent_type(request, FORMATS, "a plan")
    data = await request.body()
    _limit(request, data)
    name = filename or f"plan{FORMATS[content_type]}"
    checked, stored = await run_in_threadpool(
        _check_and_store, workspace, principal, data, name, replace=replace, dry_run=dry_run
    )
    body = json_report(name, checked.problems, None)
    if checked.built is not None:
        body["plan"] = checked.built.plan
        body["graph"] = checked.built.named_graph
    body["stored"] = stored
    status = 201 if stored else (200 if checked.storable else 422)
    return JSONResponse(body, status_code=status)


@router.get("/plans/import", summary="The page to import a plan (signed-in coordinators)")
async def import_page(request: Request) -> Response:
    return templates.TemplateResponse(
        request,
        "plan_import.html",
        {"session": sessions.current(request), "checked": None, "fields": plan_fields()},
    )


@router.post("/plans/import", summary="Import a plan from the page (signed-in coordinators)")
async def import_from_page(
    request: Request,
    workspace: WorkspaceDep,
    text: Annotated[str, Form(description="The plan, pasted.")] = "",
    file: Annotated[UploadFile | None, File(description="The plan, as a file.")] = None,
    kind: Annotated[str, Form(description="csv, json, turtle or jsonld (pasted text)")] = "json",
    replace: Annotated[bool, Form()] = False,
    action: Annotated[str, Form(description="check or import")] = "check",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    session = sessions.current(request)
    if session is None:
        raise ApiError(401, "Sign in first", "sign in as a coordinator to import a plan")
    sessions.check_csrf(request, csrf, session.csrf)
    rate_limit.limit(request, "checks", request.app.state.settings.checks_per_minute)
    if file is not None and file.filename:
        data, name = await file.read(), file.filename
    else:
        if kind not in SUFFIX_OF_CHOICE:
            raise ApiError(400, "Bad request", "kind: expected csv, json, turtle or jsonld")
        data, name = text.encode("utf-8"), f"plan{SUFFIX_OF_CHOICE[kind]}"
    _limit(request, data)
    checked, stored = await run_in_threadpool(
        _check_and_store,
        workspace,
        session.principal,
        data,
        name,
        replace=replace,
        dry_run=action != "import",
    )
    status = 201 if stored else (200 if checked.storable else 422)
    return templates.TemplateResponse(
        request,
        "plan_import.html",
        {
            "session": session,
            "checked": checked,
            "stored": stored,
            "text": text,
            "kind": kind,
            "replace": replace,
            "violations": [p for p in checked.problems if p.severity is not Severity.warning],
            "warnings": [p for p in checked.problems if p.severity is Severity.warning],
            "fields": plan_fields(),
        },
        status_code=status,
    )


@router.get("/plans/template.csv", summary="The CSV template of a plan (one row per outcome area)")
async def plan_template() -> Response:
    from nap_graph.plans.reading import COLUMNS

    return Response(
        ",".join(COLUMNS) + "\n",
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="plan-template.csv"'},
    )


@router.get("/plans/schema.json", summary="The JSON Schema of a plan")
async def plan_schema() -> Response:
    from nap_graph.plans.model import PlanRecord

    return JSONResponse(PlanRecord.model_json_schema(), media_type="application/schema+json")


def plan_fields() -> list[tuple[str, str, str]]:
    """The plan's fields and its areas' as (name, need, description), from the model: need is
    required, recommended (the description says so) or optional."""
    from nap_graph.i18n import gettext as library_gettext
    from nap_graph.plans.model import OutcomeArea, PlanRecord

    out = []
    for prefix, model in (("", PlanRecord), ("areas[].", OutcomeArea)):
        schema = model.model_json_schema()
        required = set(schema.get("required", []))
        for name, spec in schema["properties"].items():
            if name == "areas":
                continue
            description = spec.get("description", "")
            need = (
                "required"
                if name in required
                else "recommended"
                if "recommended" in description.lower()
                else "optional"
            )
            out.append((prefix + name, need, library_gettext(description)))
    return out
