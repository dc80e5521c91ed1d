"""``/check``: check a record in the browser, as ``nap-graph validate`` does: paste its text
or upload its file, get the same report in the reader's language, each problem beside the
line (or field) it concerns. No token; nothing stored; bounded in size and in rate."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile

from nap_graph.errors import SubmissionReadError
from nap_graph.i18n import N_
from nap_graph.submissions.checking import CheckResult
from nap_graph.submissions.reading import recognised_format
from nap_graph_api import rate_limit, records
from nap_graph_api.deps import SettingsDep, WorkspaceDep
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates

router = APIRouter(tags=["check"])
FORMATS = ("auto", "export", "json", "csv", "turtle", "jsonld")
FORMAT_NAMES = {
    "auto": N_("recognise it"),
    "export": N_("partner database export (.txt)"),
    "json": "JSON",
    "csv": "CSV",
    "turtle": "Turtle",
    "jsonld": "JSON-LD",
}


def _form(request: Request, **context: object) -> Response:
    status = int(context.pop("status", 200))  # type: ignore[call-overload]
    return templates.TemplateResponse(
        request,
        "check.html",
        {"formats": FORMATS, "format_names": FORMAT_NAMES, "text": "", "fmt": "auto", **context},
        status_code=status,
    )


@router.get("/check", summary="The page to check a record (no token; nothing is stored)")
async def check_page(request: Request) -> Response:
    return _form(request)


@router.post(
    "/check",
    summary="Check a pasted or uploaded record: the report as a page",
    responses={200: {"content": {"text/html": {"example": "<!doctype html>..."}}}},
)
async def check_record(
    request: Request,
    workspace: WorkspaceDep,
    settings: SettingsDep,
    text: Annotated[str, Form(description="The record's text, pasted.")] = "",
    upload: Annotated[UploadFile | None, File(description="Or the record's file.")] = None,
    fmt: Annotated[str, Form(alias="format", description="auto, export, json, ...")] = "auto",
) -> Response:
    if fmt not in FORMATS:
        raise ApiError(400, "Bad request", f"format: expected one of {', '.join(FORMATS)}")
    limit = settings.max_submission_bytes
    if upload is not None and upload.filename:
        data = await upload.read(limit + 1)
        name = upload.filename
    else:
        data = text.replace("\r\n", "\n").encode("utf-8")
        name = "record"
    if len(data) > limit:
        return _form(
            request,
            status=413,
            too_large={"limit": limit},
            fmt=fmt,
        )
    if not data.strip():
        return _form(request, status=400, empty=True, fmt=fmt)
    rate_limit.limit(request, "checks", settings.checks_per_minute)
    chosen = _chosen_format(fmt, name, data)
    asked = None if fmt == "auto" else fmt  # auto: the library's one choice of reader
    result = await records.check_record(workspace, data, name, fmt=asked)
    shown = data.decode("utf-8", errors="replace") if chosen == "export" else ""
    return _form(
        request,
        result=result,
        lines=_lines(shown, result),
        text=text if upload is None or not upload.filename else "",
        fmt=fmt,
        chosen=chosen,
    )


def _chosen_format(fmt: str, name: str, data: bytes) -> str:
    """The reader: the one asked for, else the library's choice for every path."""
    if fmt != "auto":
        return fmt
    try:
        return recognised_format(name, data[:4000].decode("utf-8", errors="replace"))
    except SubmissionReadError:
        return "export"  # the reader then says what is wrong with the file


def _lines(text: str, result: CheckResult) -> list[tuple[int, str, list[object]]]:
    """The export's lines, numbered, each with the problems reported at it."""
    at: dict[int, list[object]] = {}
    for record in result.records:
        for problem in record.problems:
            if problem.location is not None and problem.location.line is not None:
                at.setdefault(problem.location.line, []).append(problem)
    return [(n, line, at.get(n, [])) for n, line in enumerate(text.split("\n"), start=1)]
