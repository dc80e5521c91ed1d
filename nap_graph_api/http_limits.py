"""Request heads bounded before they are read whole: a request line longer than
``max_url_bytes`` is answered 414, a head (request line and headers) larger than
``max_head_bytes`` 431, and the connection closed, as soon as that many bytes have arrived.
Without this an 80 MB header kept the event loop busy for 13 s while it was parsed, and
every other client waited.

Requests bounded in time too (slow clients, "slowloris"): a head must be complete within
``head_timeout`` seconds of its first byte and a body within ``body_timeout`` seconds of
its head, else the answer is 408 and the connection is closed. Before, 2,000 of 2,000
half-sent heads were still held after 40 s, and enough of them used up the open files.

A uvicorn protocol (httptools, the parser nap-graph uses) that counts the bytes of the head
as they arrive; ``nap-graph serve`` runs uvicorn with it (``http=...``)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

MAX_URL_BYTES = 16 * 1024
MAX_HEAD_BYTES = 64 * 1024
HEAD_TIMEOUT = 10.0
BODY_TIMEOUT = 30.0


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with bounded request lines and heads."""

    max_url_bytes = MAX_URL_BYTES
    max_head_bytes = MAX_HEAD_BYTES
    head_timeout = HEAD_TIMEOUT
    body_timeout = BODY_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True
        self._head_bytes = 0
        self._line_open = True
        self._line_bytes = 0
        self._deadline: asyncio.TimerHandle | None = None

    def _start_clock(self, seconds: float, what: str) -> None:
        self._stop_clock()
        self._deadline = self.loop.call_later(
            seconds, self._refuse, 408, f"the request {what} did not arrive within {seconds:g} s"
        )

    def _stop_clock(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_clock()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._in_head and self._deadline is None:
            self._start_clock(self.head_timeout, "head")
        if self._in_head and self._line_open:  # checked before parsing: httptools reads
            end = data.find(b"\n")  # a long URL whole before anything else sees it
            self._line_bytes += len(data) if end < 0 else end
            self._line_open = end < 0
            if self._line_bytes > self.max_url_bytes:
                self._refuse(414, f"the request line is over {self.max_url_bytes:,} bytes")
                return
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)
        if not self._in_head or self.transport.is_closing():
            return
        if self._head_bytes > self.max_head_bytes:
            self._refuse(431, f"the request headers are over {self.max_head_bytes:,} bytes")

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_bytes = 0
        self._start_clock(self.body_timeout, "body")
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._stop_clock()
        super().on_message_complete()
        self._in_head = True
        self._line_open = True
        self._line_bytes = 0

    def _refuse(self, status: int, detail: str) -> None:
        self._stop_clock()
        if self.transport.is_closing():
            return
        problem = {
            "type": "about:blank",
            "title": "Request timeout" if status == 408 else "Request head too large",
            "status": status,
            "detail": detail,
        }
        body = json.dumps(problem).encode()
        self.transport.write(
            b"".join(
                [
                    STATUS_LINE[status],
                    b"content-type: application/problem+json\r\n",
                    b"content-length: " + str(len(body)).encode() + b"\r\n",
                    b"connection: close\r\n\r\n",
                    body,
                ]
            )
        )
        self.transport.close()
