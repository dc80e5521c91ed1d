"""``/sparql`` without FastAPI's routing and dependency layers.

A lookup answers in about 0.9 ms over HTTP; FastAPI's router, its dependency solver and its
own middleware layers take 0.1-0.2 ms of that (docs/benchmarks.md). This middleware sends GET
and POST requests for ``/sparql`` straight to the route functions of
:mod:`nap_graph_api.routers.sparql`, with the store, view and settings from ``app.state`` (where the
dependencies take them from too), and turns their exceptions into responses with the app's
own exception handlers. Nothing is answered differently: the routes stay registered (for
OpenAPI and for the other methods, which FastAPI answers with 405), and the body limit, CORS
and the access log still wrap every request, since this is the innermost middleware.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from nap_graph_api.routers import sparql


class SparqlDirect:
    """Answer GET and POST ``/sparql`` with the route functions directly."""

    def __init__(self, app: ASGIApp, path: str = "/sparql") -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] != self.path
            or scope["method"] not in ("GET", "POST")
        ):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        state = request.app.state
        try:
            if scope["method"] == "GET":
                response = await sparql.sparql_get(request, state.view, state.settings)
            else:
                response = await sparql.sparql_post(
                    request, state.workspace, state.view, state.settings
                )
        except Exception as exc:  # answered as the app's exception handlers answer it
            response = await _handled(request, exc)
        await response(scope, receive, send)


async def _handled(request: Request, exc: Exception) -> Response:
    """The response the app's exception handler for ``exc`` gives; re-raises ``exc`` when
    there is none (the server error middleware then answers 500)."""
    handlers = request.app.exception_handlers
    for cls in type(exc).__mro__:
        handler = handlers.get(cls)
        if handler is not None:
            return await handler(request, exc)  # type: ignore[no-any-return]
    raise exc
