"""Per-address connection rate: a sliding window of recent connection times for each address."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class RateLimit:
    """Allow at most ``limit`` connections per address in any ``window`` seconds (``limit`` 0: no limit)."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}

    def allow(self, address: str) -> bool:
        if self.limit <= 0:
            return True
        now = self._clock()
        self._forget_before(now - self.window)
        times = self._seen.setdefault(address, deque())
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True

    def _forget_before(self, cutoff: float) -> None:
        # Prune every address, so a scan from many addresses cannot grow the table without bound.
        for address in list(self._seen):
            times = self._seen[address]
            while times and times[0] <= cutoff:
                times.popleft()
            if not times:
                del self._seen[address]
