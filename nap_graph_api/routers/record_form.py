"""``/record-form``: write a record in a form (for organisations without the partner
database's export). The form becomes a JSON record (:mod:`nap_graph.submissions.form_record`)
checked like any other (:func:`~nap_graph.submissions.checking.check_bytes`); each problem is
shown beside its field. With JavaScript the form is checked as you type (``POST
/record-form/check``, JSON), activities are added and removed in place and a draft is kept in
the browser; without it, the buttons do the same through the server. Submitting needs a
signed-in session and stores through the same path as ``/my/records``."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from nap_graph import iris
from nap_graph.coverage import plans
from nap_graph.form_choices import form_choices
from nap_graph.i18n import current_language
from nap_graph.linked_data import labels_for
from nap_graph.submissions.checking import CheckResult
from nap_graph.submissions.form_record import FormRecord, activity_numbers, record_from_form
from nap_graph.workspace import Workspace
from nap_graph_api import rate_limit, sessions
from nap_graph_api.deps import SettingsDep, ViewDep, WorkspaceDep
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates
from nap_graph_api.records import check_record, organisation_keys, submit_checked

router = APIRouter(tags=["record form"])
ORGANISATION = iris.id_prefix("organisation")
SEE_OTHER = 303


async def _fields(request: Request) -> dict[str, list[str]]:
    form = await request.form()
    fields: dict[str, list[str]] = defaultdict(list)
    for key, value in form.multi_items():
        if isinstance(value, str):
            fields[key].append(value)
    return dict(fields)


async def _check(workspace: Workspace, built: FormRecord) -> CheckResult:
    return await check_record(workspace, built.json(), "form.json", fmt="json")


def _by_field(result: CheckResult | None, built: FormRecord | None) -> dict[str, list[object]]:
    """The problems by the id of the form field they concern (``""``: the record as a whole)."""
    out: dict[str, list[object]] = defaultdict(list)
    if result is None or built is None:
        return out
    for problem in built.problems:
        out[problem.location.field if problem.location else ""].append(problem)
    seen: set[tuple[str, str]] = set()
    for record in result.records:
        for problem in record.ordered:
            field = built.field_of(problem.location)
            if (field, problem.message) in seen:  # the reader and the shapes on one point
                continue
            seen.add((field, problem.message))
            out[field].append(problem)
    return out


def _anchor(field: str) -> str:
    """The id of the form element a problem's link in the error summary goes to."""
    if not field:
        return "record-form"
    if field.endswith(("-target", "-observed")):
        return f"{field}-value"
    return {
        "strategic_outcomes": "outcomes",
        "sub_outcomes": "outcomes",
        "investment_types": "investment-1",
        "geographic_focus": "focus-national",
        "plan": "plan",
    }.get(field, field)


def _valid(result: CheckResult, built: FormRecord) -> bool:
    return result.exit_code == 0 and not built.problems


async def _page(
    request: Request,
    view: object,
    fields: dict[str, list[str]],
    *,
    result: CheckResult | None = None,
    built: FormRecord | None = None,
    activities: list[int] | None = None,
    status: int = 200,
) -> Response:
    plan_key = (fields.get("plan") or ["nld-nap-4"])[0] or "nld-nap-4"
    lang = current_language()
    try:
        plan = iris.plan_iri_for_key(plan_key)
    except ValueError as exc:
        raise ApiError(400, "Bad request", f"plan: {exc}") from exc
    graphs = view.default_graphs()  # type: ignore[attr-defined]

    def lists() -> tuple[object, list[str], dict[str, str]]:
        """What the form offers to choose from, once per store generation (docs/site.md)."""
        known = plans(view, graphs)  # type: ignore[arg-type]
        return (
            form_choices(view, plan, graphs=graphs, lang=lang),  # type: ignore[arg-type]
            known,
            labels_for(view, known, graphs, lang),  # type: ignore[arg-type]
        )

    choices, known, names = await run_in_threadpool(
        lambda: view.cached(f"record-form|{plan}|{lang}", lists)  # type: ignore[attr-defined]
    )
    numbers = activities if activities is not None else (activity_numbers(fields) or [0])
    return templates.TemplateResponse(
        request,
        "record_form.html",
        {
            "f": fields,
            "choices": choices,
            "plan_key": plan_key,
            "plans": known,
            "plan_names": names,
            "activities": numbers,
            "result": result,
            "problems": _by_field(result, built),
            "form_errors": len(built.problems) if built is not None else 0,
            "anchor": _anchor,
            "record_json": built.json().decode() if built is not None else "",
            "session": sessions.current(request),
        },
        status_code=status,
    )


@router.get("/record-form", summary="Write a record in a form")
async def record_form(request: Request, view: ViewDep) -> Response:
    fields = {k: request.query_params.getlist(k) for k in request.query_params}
    return await _page(request, view, fields)


@router.post(
    "/record-form/check",
    summary="Check the form as it is being filled in: the problems by field (JSON)",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "valid": False,
                        "problems": [
                            {
                                "field": "activity-0-target",
                                "severity": "error",
                                "message": "activities[0].targets[0].value: Input should be a "
                                "valid decimal",
                            }
                        ],
                        "record": {"plan": "nld-nap-4", "organisation": "Transgender Netwerk"},
                    }
                }
            }
        }
    },
)
async def check_form(request: Request, workspace: WorkspaceDep, settings: SettingsDep) -> Response:
    rate_limit.limit(request, "form-checks", settings.form_checks_per_minute)
    fields = await _fields(request)
    built = record_from_form(fields)
    if len(built.json()) > settings.max_submission_bytes:
        raise ApiError(413, "Submission too large", "the record is over the size limit")
    result = await _check(workspace, built)
    return JSONResponse(
        {
            "valid": _valid(result, built),
            "problems": [
                {"field": field, "severity": p.severity.value, "message": p.message}  # type: ignore[attr-defined]
                for field, problems in _by_field(result, built).items()
                for p in problems
            ],
            "record": built.record,
        }
    )


@router.post("/record-form", summary="Check, extend or submit the form (without JavaScript too)")
async def record_form_post(
    request: Request,
    workspace: WorkspaceDep,
    view: ViewDep,
    settings: SettingsDep,
    action: Annotated[str, Form(description="check, add, remove-<n> or submit")] = "check",
) -> Response:
    fields = await _fields(request)
    numbers = activity_numbers(fields) or [0]
    if action == "plan":  # another plan: its outcomes
        return await _page(request, view, fields, activities=numbers)
    if action == "add":
        return await _page(request, view, fields, activities=[*numbers, max(numbers) + 1])
    if action.startswith("remove-"):
        gone = action.removeprefix("remove-")
        kept = [n for n in numbers if str(n) != gone] or [max(numbers) + 1]
        fields = {k: v for k, v in fields.items() if not k.startswith(f"activity-{gone}-")}
        return await _page(request, view, fields, activities=kept)
    built = record_from_form(fields)
    if len(built.json()) > settings.max_submission_bytes:
        raise ApiError(413, "Submission too large", "the record is over the size limit")
    rate_limit.limit(request, "checks", settings.checks_per_minute)
    result = await _check(workspace, built)
    if action != "submit" or not _valid(result, built):
        status = 200 if action != "submit" else 422
        return await _page(request, view, fields, result=result, built=built, status=status)
    session = sessions.current(request)
    if session is None:
        raise ApiError(401, "Sign-in needed", "sign in to submit the record (the draft is kept)")
    sessions.check_csrf(request, (fields.get("csrf") or [""])[0], session.csrf)
    outcome = await submit_checked(workspace, result, session.principal, file="form.json")
    first = outcome.results[0]
    query = {
        "organisation": organisation_keys(result)[0],
        "stored": first.submission or "",
        "status": first.status.value,
    }
    return RedirectResponse(f"/my/records?{urlencode(query)}", status_code=SEE_OTHER)
