"""Work dropped when its client hangs up: a query waiting for a worker, or running in one,
is cancelled as soon as the client's connection closes (its worker is then killed), so
abandoned requests neither hold a worker nor keep a place in the queue."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

from starlette.requests import Request

T = TypeVar("T")


class ClientGoneError(Exception):
    """The client closed the connection before the answer was ready."""


async def _disconnected(request: Request) -> None:
    """Return when the ASGI server reports that the client has gone. Called only after the
    body has been read: later ``receive`` calls block until the disconnect."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def unless_client_gone(request: Request, work: Awaitable[T]) -> T:
    """``await work``, cancelling it (and raising :class:`ClientGoneError`) if the client
    disconnects first."""
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        task.cancel()
        raise
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await watcher
    if task.done():
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
    raise ClientGoneError("the client closed the connection")
