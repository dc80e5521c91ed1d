"""HTTP as caches and browsers expect (issue 26): validators from the store's generation,
304 answers, ``Vary`` on negotiated answers, and ``OPTIONS`` that says what a path allows.

- Every ``GET``/``HEAD`` of public data (pages, documents, dumps, VoID, SPARQL query
  answers, search) gets a weak ``ETag`` made of the store's generation
  (:mod:`nap_graph.generation`) and what the answer depends on (path, query string,
  ``Accept``, ``Accept-Language``, the language cookie), ``Last-Modified`` (when the
  generation began) and ``Cache-Control: no-cache`` (use it, but ask first). A request whose
  ``If-None-Match`` names that tag, or whose ``If-Modified-Since`` is not older than the
  generation, is answered ``304`` before any work is done. Requests that carry a session
  or a token, and the pages of signing in and working on one's own record, get none of this
  (``Cache-Control: private, no-store``).
- Every answer says ``Vary: Accept, Accept-Language, Cookie``: the same address gives other
  bytes for another format or language.
- ``OPTIONS`` (other than a CORS preflight) answers 204 with ``Allow`` listing the methods
  the routes of that path take.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from starlette.concurrency import run_in_threadpool
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

VARY = b"Accept, Accept-Language, Cookie"
PRIVATE_PATHS = ("/my/", "/sign-in", "/sign-out", "/record-form", "/check", "/review", "/health")
UNCACHED_PATHS = ("/static/",)
"""Static files carry validators of their own."""


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return ""


def _private(scope: Scope) -> bool:
    path = scope.get("path", "")
    return (
        path.startswith(PRIVATE_PATHS)
        or bool(_header(scope, b"authorization"))
        or "nap_session=" in _header(scope, b"cookie")
    )


def _variant(scope: Scope) -> str:
    cookie = _header(scope, b"cookie")
    lang = next((p.strip() for p in cookie.split(";") if p.strip().startswith("lang=")), "")
    parts = [
        scope.get("path", ""),
        scope.get("query_string", b"").decode("latin-1"),
        _header(scope, b"accept"),
        _header(scope, b"accept-language"),
        lang,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _http_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return format_datetime(datetime.fromisoformat(value.replace("Z", "+00:00")), usegmt=True)
    except ValueError:
        return None


def _not_modified(scope: Scope, etag: str, modified: str | None) -> bool:
    match = _header(scope, b"if-none-match")
    if match:
        tags = {t.strip() for t in match.split(",")}
        return "*" in tags or etag in tags or etag.removeprefix("W/") in tags
    since = _header(scope, b"if-modified-since")
    if since and modified:
        try:
            return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


class ConditionalGet:
    """ASGI middleware: validators, 304, ``Vary``, ``OPTIONS`` (see the module)."""

    def __init__(self, app: ASGIApp, state: Callable[[], tuple[str, str | None]]) -> None:
        self.app = app
        self.state = state
        """The store's generation and when it began (:func:`nap_graph.generation.read_state`)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "GET")
        if method == "OPTIONS" and not _header(scope, b"access-control-request-method"):
            await self._options(scope, send)
            return
        cacheable = (
            method in ("GET", "HEAD")
            and not _private(scope)
            and not scope.get("path", "").startswith(UNCACHED_PATHS)
        )
        extra: list[tuple[bytes, bytes]] = [(b"vary", VARY)]
        if cacheable:
            generation, began = await run_in_threadpool(self.state)
            etag = f'W/"{generation[:13]}-{_variant(scope)}"'
            modified = _http_date(began)
            if generation and _not_modified(scope, etag, modified):
                headers = [(b"etag", etag.encode()), (b"vary", VARY)]
                if modified:
                    headers.append((b"last-modified", modified.encode()))
                await send({"type": "http.response.start", "status": 304, "headers": headers})
                await send({"type": "http.response.body", "body": b""})
                return
            if generation:
                extra += [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]
                if modified:
                    extra.append((b"last-modified", modified.encode()))
        elif method in ("GET", "HEAD"):
            extra.append((b"cache-control", b"private, no-store"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                ok = message.get("status") == 200
                headers += [
                    (k, v)
                    for k, v in extra
                    if k not in present and (ok or k in (b"vary", b"cache-control"))
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)

    async def _options(self, scope: Scope, send: Send) -> None:
        routes = getattr(getattr(scope.get("app"), "router", None), "routes", [])
        methods = {
            method
            for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")
            if any(r.matches({**scope, "method": method})[0] is Match.FULL for r in routes)
        }
        if "GET" in methods:
            methods.add("HEAD")  # every GET answers HEAD (head_requests.py)
        if not methods:
            methods = {"GET", "HEAD"}
        allow = ", ".join(sorted(methods | {"OPTIONS"}))
        await send(
            {
                "type": "http.response.start",
                "status": 204,
                "headers": [(b"allow", allow.encode()), (b"vary", VARY)],
            }
        )
        await send({"type": "http.response.body", "body": b""})
