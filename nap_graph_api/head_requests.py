"""``HEAD`` on every ``GET`` route (RFC 9110 section 9.3.2): the same status and headers as a
``GET``, no body. Routes that answer ``HEAD`` themselves (the Graph Store's) keep doing so."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """Runs a ``HEAD`` request as a ``GET`` and drops the body it would have sent."""

    def __init__(self, app: ASGIApp, own_head: tuple[str, ...] = ("/store",)) -> None:
        self.app = app
        self.own_head = own_head

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "HEAD"
            or scope["path"].startswith(self.own_head)
        ):
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
