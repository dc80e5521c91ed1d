"""Signing in and working on one's own record in the browser: ``/sign-in``, ``/sign-out``,
``/my/records`` (the organisation's versions and a form to submit or replace the record) and
``/my/records/diff`` (what changed between two versions). The same workspace calls as the API
and the CLI (:meth:`~nap_graph.workspace.Workspace.check`, ``submit``, ``revert``), so the
same report and the same decision of who may submit what."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from nap_graph import iris
from nap_graph.i18n import current_language
from nap_graph.ingest import history
from nap_graph.iris import checked_iri
from nap_graph.version_diff import diff
from nap_graph_api import sessions
from nap_graph_api.deps import SettingsDep, ViewDep, WorkspaceDep
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates
from nap_graph_api.records import check_record, organisation_keys, submit_checked
from nap_graph_api.sessions import Session

router = APIRouter(tags=["signing in"])
ORGANISATION = iris.id_prefix("organisation")
SEE_OTHER = 303


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site, never another site."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/my/records"


def _signed_in(request: Request) -> Session | RedirectResponse:
    session = sessions.current(request)
    if session is None:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/sign-in?{urlencode({'next': here})}", status_code=SEE_OTHER)
    return session


def _organisation(session: Session, asked: str | None) -> str | None:
    """The organisation key the page is about: the signatory's own; an admin's choice."""
    if session.principal.organisation and session.principal.role.value != "admin":
        if asked and asked != session.principal.organisation:
            raise ApiError(
                403,
                "Forbidden",
                f"'{session.principal.name}' may see only the records of "
                f"'{session.principal.organisation}'",
            )
        return session.principal.organisation
    return asked or session.principal.organisation


@router.get("/sign-in", summary="The sign-in page (a token, once, for a session)")
async def sign_in_page(request: Request, next: str | None = None) -> Response:
    if sessions.current(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=SEE_OTHER)
    token = sessions.sign_in_token(request)
    response = templates.TemplateResponse(
        request, "sign_in.html", {"csrf": token, "next": _safe_next(next)}
    )
    sessions.set_sign_in_cookie(response, request, token)
    return response


@router.post("/sign-in", summary="Sign in with a token: a session cookie, then the next page")
async def sign_in(
    request: Request,
    token: Annotated[str, Form(description="The organisation's token.")] = "",
    csrf: Annotated[str, Form(description="The form's security token.")] = "",
    next: Annotated[str, Form(description="Where to go after signing in.")] = "/my/records",
) -> Response:
    sessions.check_csrf(request, csrf, request.cookies.get(sessions.CSRF_COOKIE))
    principal = request.app.state.tokens.find(token.strip()) if token.strip() else None
    if principal is None:
        response = templates.TemplateResponse(
            request,
            "sign_in.html",
            {
                "csrf": csrf,
                "next": _safe_next(next),
                "unknown": bool(token.strip()),
                "empty": not token.strip(),
            },
            status_code=401,
        )
        return response
    session = sessions.book(request).start(principal)
    response = RedirectResponse(_safe_next(next), status_code=SEE_OTHER)
    sessions.set_session_cookie(response, request, session)
    response.delete_cookie(sessions.CSRF_COOKIE, path="/")
    return response


@router.post("/sign-out", summary="End the session")
async def sign_out(
    request: Request, csrf: Annotated[str, Form(description="The session's form token.")] = ""
) -> Response:
    session = sessions.current(request)
    if session is None:  # nothing to end; a cross-site form cannot clear the cookie either
        raise ApiError(403, "Forbidden", "not signed in, or the session has ended already")
    sessions.check_csrf(request, csrf, session.csrf)
    sessions.book(request).end(session.id)
    response = RedirectResponse("/", status_code=SEE_OTHER)
    sessions.clear_session_cookie(response, request)
    return response


def _versions(view: object, organisation: str) -> list[dict[str, str]]:
    rows = history(view, ORGANISATION + organisation).values()  # type: ignore[arg-type]
    return list(reversed(rows))  # newest first


@router.get("/my/records", summary="The signed-in organisation's records, and a form to submit")
async def my_records(
    request: Request,
    view: ViewDep,
    workspace: WorkspaceDep,
    organisation: Annotated[str | None, Query(description="For an admin: whose records.")] = None,
    stored: Annotated[str | None, Query(description="The version just stored.")] = None,
    status: Annotated[
        str | None, Query(description="What happened: stored, unchanged or reverted.")
    ] = None,
) -> Response:
    session = _signed_in(request)
    if isinstance(session, Response):
        return session
    key = _organisation(session, organisation)
    versions = await run_in_threadpool(_versions, view, key) if key else []
    name = workspace.organisation_name(key) if key else None
    return _page(
        request, session, key, versions, stored=stored, outcome=status, organisation_name=name
    )


def _as_text(data: bytes) -> str:
    """An uploaded file's text, to correct in the box (nothing for a binary file)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ""
    return "" if "\x00" in text else text


def _page(
    request: Request,
    session: Session,
    organisation: str | None,
    versions: list[dict[str, str]],
    status: int = 200,
    **context: object,
) -> Response:
    return templates.TemplateResponse(
        request,
        "my_records.html",
        {"session": session, "organisation": organisation, "versions": versions, **context},
        status_code=status,
    )


@router.post("/my/records", summary="Submit or replace the signed-in organisation's record")
async def submit_record(
    request: Request,
    workspace: WorkspaceDep,
    view: ViewDep,
    settings: SettingsDep,
    csrf: Annotated[str, Form(description="The session's form token.")] = "",
    text: Annotated[str, Form(description="The record's text, pasted.")] = "",
    upload: Annotated[UploadFile | None, File(description="Or the record's file.")] = None,
) -> Response:
    session = _signed_in(request)
    if isinstance(session, Response):
        return session
    sessions.check_csrf(request, csrf, session.csrf)
    limit = settings.max_submission_bytes
    if upload is not None and upload.filename:
        data, name = await upload.read(limit + 1), upload.filename
    else:  # pasted: no file name, so the reader is chosen from the text itself
        data, name = text.replace("\r\n", "\n").encode("utf-8"), "record"
    if len(data) > limit:
        raise ApiError(413, "Submission too large", f"the record is over {limit:,} bytes")
    if not data.strip():
        raise ApiError(
            400, "Bad request", "there was nothing to submit: paste the text or choose the file"
        )
    key = _organisation(session, None)
    result = await check_record(workspace, data, name)
    outcome = await submit_checked(workspace, result, session.principal, file=name)
    if not outcome.stored:  # nothing was stored: say so, keep the text, list what is stored
        versions = await run_in_threadpool(_versions, view, key) if key else []
        kept = text or _as_text(data)
        return _page(request, session, key, versions, 422, result=result, text=kept)
    last = outcome.results[-1]
    key = organisation_keys(result)[-1]
    query = {"organisation": key, "stored": last.submission or "", "status": last.status.value}
    return RedirectResponse(f"/my/records?{urlencode(query)}", status_code=SEE_OTHER)


@router.post("/my/records/revert", summary="Make an earlier version of the record current again")
async def revert_record(
    request: Request,
    workspace: WorkspaceDep,
    csrf: Annotated[str, Form(description="The session's form token.")] = "",
    version: Annotated[str, Form(description="The version to make current.")] = "",
) -> Response:
    session = _signed_in(request)
    if isinstance(session, Response):
        return session
    sessions.check_csrf(request, csrf, session.csrf)
    checked_iri(version, "version")  # BadRequestError: 400 naming the field
    place = await run_in_threadpool(workspace.revert, version, session.principal)
    key = (place.organisation or "").removeprefix(ORGANISATION)
    query = {"organisation": key, "stored": version, "status": "reverted"}
    return RedirectResponse(f"/my/records?{urlencode(query)}", status_code=SEE_OTHER)


@router.get("/my/records/diff", summary="What changed between two versions of a record")
async def record_diff(
    request: Request,
    view: ViewDep,
    old: Annotated[str, Query(description="The older version's IRI.")],
    new: Annotated[str, Query(description="The newer version's IRI.")],
) -> Response:
    session = _signed_in(request)
    if isinstance(session, Response):
        return session
    for version in (old, new):
        parts = version.removeprefix(iris.id_prefix("submission")).split("/")
        if not version.startswith(iris.id_prefix("submission")) or len(parts) != 3:
            raise ApiError(404, "Not found", f"no version {quote(version[:80])}")
        checked_iri(version, "version")  # BadRequestError: 400 naming the field
        if not session.principal.may_submit_for(parts[1]):
            raise ApiError(403, "Forbidden", f"'{session.principal.name}' may not see that record")
    lang = current_language()
    changes = await run_in_threadpool(lambda: diff(view, old, new, lang=lang))
    return templates.TemplateResponse(
        request, "record_diff.html", {"d": changes, "organisation": old.split("/")[-2]}
    )
