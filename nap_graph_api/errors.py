"""Every error the service answers, mapped to a status in one place, with an
``application/problem+json`` body (RFC 9457) that says what was wrong."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from nap_graph.errors import (
    BadRequestError,
    CurationRefusedError,
    NapGraphError,
    NotAllowedError,
    NotFoundError,
    QueryError,
    QueryQueueFullError,
    QueryRefusedError,
    QueryTimeoutError,
    RefusedError,
    ResultTooLargeError,
    StoreLockedError,
    StoreRefusedError,
    StoreUnavailableError,
    SubmissionReadError,
    TooManyQueriesError,
)
from nap_graph.i18n import N_
from nap_graph_api import negotiation as media
from nap_graph_api.i18n import gettext
from nap_graph_api.pages import templates

PROBLEM_JSON = "application/problem+json"


class ApiError(Exception):
    """An HTTP error raised by a route: status, title, detail, extra headers."""

    def __init__(
        self, status: int, title: str, detail: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers or {}


class RejectedError(Exception):
    """A request refused with a full response of its own (a submission's validation
    report, 422)."""

    def __init__(self, response: Response) -> None:
        super().__init__(f"rejected with {response.status_code}")
        self.response = response


STATUS = {
    BadRequestError: (400, "Bad request"),
    CurationRefusedError: (409, "Conflict"),
    RefusedError: (409, "Conflict"),
    NotAllowedError: (403, "Forbidden"),
    NotFoundError: (404, "Not found"),
    QueryTimeoutError: (503, "Query timeout"),
    QueryQueueFullError: (503, "Service busy"),
    TooManyQueriesError: (429, "Too many queries"),
    QueryRefusedError: (403, "Query refused"),
    ResultTooLargeError: (413, "Result too large"),
    QueryError: (400, "Malformed query"),
    SubmissionReadError: (422, "Unreadable submission"),
    StoreLockedError: (503, "Store busy"),
    StoreUnavailableError: (503, "Store unavailable"),
    StoreRefusedError: (502, "Store refused the request"),
}


SPEC = {
    QueryRefusedError: "https://www.w3.org/TR/sparql11-federated-query/#service",
    ResultTooLargeError: "https://www.w3.org/TR/sparql11-protocol/#query-success",
    QueryError: "https://www.w3.org/TR/sparql11-query/#sparqlGrammar",
}
"""The section of the W3C specification that defines what went wrong, as the problem's
``type`` (as pySHACL's errors name the SHACL section they concern); ``about:blank`` where no
specification speaks (a timeout, a busy store)."""


HEADINGS = {
    400: N_("The request could not be understood"),
    401: N_("Sign-in needed"),
    403: N_("Not allowed"),
    404: N_("Page not found"),
    405: N_("Not possible on this address"),
    406: N_("Not available in that format"),
    409: N_("In conflict with what is stored"),
    410: N_("No longer current"),
    413: N_("Too large"),
    415: N_("A format this address does not take"),
    422: N_("The content could not be used"),
    429: N_("Too many requests"),
    500: N_("Something went wrong on our side"),
    502: N_("The store refused the request"),
    503: N_("The service is busy or unavailable"),
    504: N_("That took too long"),
}
"""What a browser's error page says first, by status (the problem's title and detail follow)."""

ADVICE = {
    400: N_(
        "Something in the address or the form is not as this page expects it. Check what "
        "you typed or chose, and try again."
    ),
    401: N_("Sign in with the token your coordinator gave you, then try again."),
    403: N_("You are signed in, but not for this: an organisation can only change its own record."),
    404: N_(
        "If you typed the address, check it. If you followed a link, the thing it named "
        "may have been renamed or removed; search for it instead."
    ),
    405: N_("This address cannot do that; go back and use the page's own buttons."),
    406: N_(
        "This address has no version in the format asked for; open it without a format to"
        " see the page."
    ),
    409: N_(
        "What you sent conflicts with what is already stored, for example a record that "
        "was changed in the meantime. Reload and try again."
    ),
    410: N_("This is kept as history and is no longer current."),
    413: N_(
        "What you sent is larger than this address takes. Send less at a time, or a smaller file."
    ),
    415: N_(
        "This address does not take that kind of file. Send text: the record as text, JSON or CSV."
    ),
    422: N_("What you sent was read but could not be used. The details below say what to change."),
    429: N_("You sent many requests in a short time. Wait a minute, then try again."),
    500: N_("This is our fault, not yours. It has been logged; try again later."),
    502: N_("The store behind the site refused the request. Try again later."),
    503: N_("The site is busy or being updated. Wait a moment, then try again."),
    504: N_(
        "The request took longer than the site allows. Try a smaller question, or try again later."
    ),
}
"""A plain sentence for a browser's error page in the reader's language, by status: what to do
now. The problem's own title and detail are technical and English; the page shows them below,
marked as English."""


def _wants_html(request: Request) -> bool:
    """A browser's request: ``Accept`` ranks HTML above JSON (``*/*`` alone gets JSON)."""
    accept = request.headers.get("accept")
    return bool(accept) and media.choose([PROBLEM_JSON, media.HTML], accept) == media.HTML


def answer(
    request: Request,
    status: int,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    spec: str | None = None,
) -> Response:
    """The error as problem+json (RFC 9457), or as a page with a way back for a browser."""
    if not _wants_html(request):
        body = {"type": spec or "about:blank", "title": title, "status": status, "detail": detail}
        return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)
    return templates.TemplateResponse(
        request,
        "error.html",
        {
            "status": status,
            "heading": gettext(HEADINGS.get(status, title)),
            "advice": gettext(ADVICE[status]) if status in ADVICE else "",
            "detail": f"{title}: {detail}",
        },
        status_code=status,
        headers=headers,
    )


def install(app: FastAPI) -> None:
    """Register the handlers."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return answer(request, exc.status, exc.title, exc.detail, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title = HTTPStatus(exc.status_code).phrase
        detail = str(exc.detail) if exc.detail != title else f"nothing at {request.url.path}"
        return answer(request, exc.status_code, title, detail, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        """The last resort (Starlette's ServerErrorMiddleware calls it, then logs the
        traceback): a page with a way back, or problem+json, never a bare text."""
        return answer(
            request, 500, "Internal error", "the server failed on this request; it is logged"
        )

    @app.exception_handler(RejectedError)
    async def rejected(_request: Request, exc: RejectedError) -> Response:
        return exc.response

    @app.exception_handler(NapGraphError)
    async def library_error(request: Request, exc: NapGraphError) -> Response:
        for cls in type(exc).__mro__:
            if cls in STATUS:
                status, title = STATUS[cls]  # type: ignore[index]
                retry = getattr(exc, "retry_after", None)
                headers = {"Retry-After": str(retry)} if retry is not None else None
                spec = next((SPEC[c] for c in type(exc).__mro__ if c in SPEC), None)
                return answer(request, status, title, str(exc), headers, spec)
        return answer(request, 500, "Internal error", str(exc))
