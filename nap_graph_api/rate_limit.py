"""A per-client limit on how often a costly public page may be used (``/check``): at most
``per_minute`` uses in any sliding minute, counted per client address, in memory (one
process; a deployment behind several processes limits per process)."""

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
