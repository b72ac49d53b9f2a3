"""A small in-memory limit on how often one client may do something costly, such as signing up.

In memory is enough: nearer runs as one process on the person's own machine.
Failed sign-ins are limited in the database instead (``people.accounts``), so
that limit survives a restart.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict, deque
from datetime import datetime, timedelta

from nearer.errors import TooManyAttempts


class RecentEvents:
    """Allows ``allowed`` events per key in any ``window``; the next one raises ``TooManyAttempts``."""

    def __init__(self, *, allowed: int, window: timedelta, what: str) -> None:
        self.allowed = allowed
        self.window = window
        self.what = what
        self._events: defaultdict[str, deque[datetime]] = defaultdict(deque)
        self._lock = threading.Lock()

    def record(self, key: str, now: datetime) -> None:
        with self._lock:
            events = self._events[key]
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.allowed:
                wait = (events[0] + self.window - now).total_seconds()
                raise TooManyAttempts(retry_after=max(1, math.ceil(wait)), what=self.what)
            events.append(now)
