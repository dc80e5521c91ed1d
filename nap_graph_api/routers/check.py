"""``/check``: check a record in the browser, as ``nap-graph validate`` does: paste its text
or upload its file, get the same report in the reader's language, each problem beside the
line (or field) it concerns. No token; nothing stored; bounded in size and in rate."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from nap_graph.errors import SubmissionReadError
from nap_graph.i18n import N_, current_language
from nap_graph.submissions.checking import CheckResult
from nap_graph.submissions.reading import is_binary, recognised_format
from nap_graph.submissions.record_templates import FORMATS as TEMPLATE_FORMATS
from nap_graph.submissions.record_templates import template
from nap_graph_api import rate_limit, records
from nap_graph_api.deps import SettingsDep, WorkspaceDep
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates
from nap_graph_api.settings import ApiSettings

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


@router.get(
    "/check/template.{suffix}",
    summary="A record to start from: the partner database's export layout (txt), JSON or CSV",
    responses={
        200: {
            "content": {
                "text/plain": {"example": "Example Foundation for Peace\n\nDatabase\n..."},
                "application/json": {"example": {"plan": "nld-nap-4", "language": "en"}},
                "text/csv": {"example": "plan,language,organisation,...\r\n"},
            },
            "description": "The template, as a download, its texts in the reader's language",
        },
        404: {"description": "No template in that format"},
    },
)
async def record_template(suffix: str) -> Response:
    if suffix not in TEMPLATE_FORMATS:
        raise ApiError(
            404, "Not found", f"no template .{suffix}; there are: {', '.join(TEMPLATE_FORMATS)}"
        )
    lang = current_language()
    name = f"{'registratie' if lang == 'nl' else 'record'}-template.{suffix}"
    return Response(
        template(suffix, lang),
        media_type=TEMPLATE_FORMATS[suffix][0],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


FORM_SCHEMA = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "description": "The record's text, pasted."},
                        "upload": {
                            "type": "string",
                            "format": "binary",
                            "description": "Or the record's file.",
                        },
                        "format": {"type": "string", "enum": list(FORMATS), "default": "auto"},
                    },
                },
                "example": {"text": '{"organisation": "Stichting X"}', "format": "auto"},
            },
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "format": {"type": "string", "enum": list(FORMATS)},
                    },
                },
                "example": {"text": '{"organisation": "Stichting X"}', "format": "json"},
            },
        }
    }
}


async def _read_form(request: Request, settings: ApiSettings) -> tuple[str, UploadFile | None, str]:
    """The pasted text, the uploaded file and the format. Read here rather than by FastAPI, so
    that a paste over the size limit (up to the body limit) is answered with the page and
    the text kept, not with the form parser's bare 400."""
    try:
        form = await request.form(max_part_size=settings.max_body_bytes)
    except MultiPartException as exc:
        raise ApiError(400, "Bad request", f"the form cannot be read: {exc.message}") from exc
    text = form.get("text")
    upload = form.get("upload")
    fmt = form.get("format") or "auto"
    return (
        text if isinstance(text, str) else "",
        upload if isinstance(upload, UploadFile) else None,
        fmt if isinstance(fmt, str) else "auto",
    )


@router.post(
    "/check",
    summary="Check a pasted or uploaded record: the report as a page",
    responses={
        200: {"content": {"text/html": {"example": "<!doctype html>..."}}},
        413: {"description": "The record is over the size limit: the page says so, the text kept"},
        415: {"description": "The file is not text (an image, a PDF ...): the page says so"},
    },
    openapi_extra=FORM_SCHEMA,
)
async def check_record(
    request: Request, workspace: WorkspaceDep, settings: SettingsDep
) -> Response:
    text, upload, fmt = await _read_form(request, settings)
    if fmt not in FORMATS:
        raise ApiError(400, "Bad request", f"format: expected one of {', '.join(FORMATS)}")
    limit = settings.max_submission_bytes
    if upload is not None and upload.filename:
        data = await upload.read(limit + 1)
        name = upload.filename
    else:
        data = text.replace("\r\n", "\n").encode("utf-8")
        name = "record"
    kept = text if upload is None or not upload.filename else ""
    if len(data) > limit:
        return _form(request, status=413, too_large={"limit": limit}, fmt=fmt, text=kept)
    if is_binary(data):
        return _form(request, status=415, not_text=True, fmt=fmt)
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
        text=kept,
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
