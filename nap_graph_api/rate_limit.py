"""A per-client limit on how often a costly public path may be used (every path that checks
a record: ``/check``, ``POST /submissions/validate``, ``POST /record-form`` and, with a larger
budget for checking as one types, ``/record-form/check``): at most ``per_minute`` uses in
any sliding minute, counted per client address, in memory (one process; a deployment behind
several processes limits per process). The client address is the connection's: the server
believes ``X-Forwarded-For`` only from the proxies named in ``trusted_proxies``
(``nap-graph serve``), so a client cannot make itself many clients."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

WINDOW = 60.0
MAX_CLIENTS = 10_000
"""Clients remembered at once; the least recently seen are forgotten first."""


class RateLimit:
    def __init__(self, per_minute: int, clock: object = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._uses: defaultdict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, client: str) -> float | None:
        """``None`` when ``client`` may go ahead (the use is counted), else the seconds until
        it may (for ``Retry-After``)."""
        now = self.clock()  # type: ignore[operator]
        with self._lock:
            uses = self._uses[client]
            while uses and uses[0] <= now - WINDOW:
                uses.popleft()
            if len(uses) >= self.per_minute:
                return max(0.0, uses[0] + WINDOW - now)
            uses.append(now)
            if len(self._uses) > MAX_CLIENTS:
                oldest = min(self._uses, key=lambda k: self._uses[k][-1] if self._uses[k] else 0)
                del self._uses[oldest]
            return None


def limit(request: object, name: str, per_minute: int) -> None:
    """Count one use of the ``name`` budget by the request's client; 429 with
    ``Retry-After`` when the budget is spent."""
    import math

    from nap_graph_api.errors import ApiError

    state = request.app.state  # type: ignore[attr-defined]
    limits = getattr(state, "rate_limits", None)
    if limits is None:
        limits = state.rate_limits = {}
    book = limits.get(name)
    if book is None or book.per_minute != per_minute:
        book = limits[name] = RateLimit(per_minute)
    client = request.client.host if request.client else "unknown"  # type: ignore[attr-defined]
    wait = book.allow(client)
    if wait is not None:
        raise ApiError(
            429,
            "Too many requests",
            f"at most {per_minute} checks a minute from one address; try again in "
            f"{math.ceil(wait)} s",
            headers={"Retry-After": str(math.ceil(wait))},
        )
