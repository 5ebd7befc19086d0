"""What the fake saw: requests per route, 429s, units spent, peak window use, faults.

``max_units_in_window`` is measured as a sliding window over accepted arrivals
whatever the limiter's mode, so it shows the burst a fixed window lets through
at its edge (up to twice the limit). ``points`` keeps the latest arrivals as
``(seconds since reset, cost)`` for plotting budget use.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from typing import Any


class Metrics:
    """Counters of one fake server; :meth:`snapshot` is what ``/_fake/metrics`` serves.

    Args:
        window: the rate window in seconds, over which the peak use is measured.
        clock: the fake's monotonic clock.
        max_points: how many of the latest arrivals ``points`` keeps.

    Attributes:
        requests: requests per ``"METHOD /route/{template}"``.
        status: responses per status code.
        rate_limited: 429s sent.
        units: budget units spent by accepted arrivals.
        max_units_in_window: the most units accepted in any ``window`` (sliding).
        faults: injected faults per kind.
    """

    def __init__(self, window: float, clock: Callable[[], float], max_points: int = 10_000) -> None:
        """Start with every counter at zero."""
        self.window = window
        self.clock = clock
        self.max_points = max_points
        self.webhook_pending: Callable[[], int] = lambda: 0
        """Deliveries in progress (set by the fake's webhook engine)."""
        self.reset()

    def reset(self) -> None:
        """Forget everything seen so far (the clock origin restarts too)."""
        self.started = self.clock()
        self.requests: Counter[str] = Counter()
        self.status: Counter[int] = Counter()
        self.rate_limited = 0
        self.units = 0
        self.max_units_in_window = 0
        self.bytes_served = 0
        self.faults: Counter[str] = Counter()
        self.webhooks: Counter[str] = Counter()
        self.webhooks_delivered: Counter[str] = Counter()
        self.points: deque[tuple[float, int]] = deque(maxlen=self.max_points)
        self._recent: deque[tuple[float, int]] = deque()
        self._recent_units = 0

    def request(self, key: str) -> None:
        """Count one request.

        Args:
            key: ``"METHOD /route/{template}"``, e.g. ``"GET /v2/conversations/{id}"``.
        """
        self.requests[key] += 1

    def accepted(self, cost: int, now: float | None = None) -> None:
        """Count units spent by an accepted arrival and update the peak window.

        Args:
            cost: the arrival's units.
            now: when it arrived, on the fake's clock (default: now).
        """
        now = self.clock() if now is None else now
        self.units += cost
        self.points.append((round(now - self.started, 6), cost))
        recent = self._recent
        recent.append((now, cost))
        self._recent_units += cost
        edge = now - self.window
        while recent and recent[0][0] <= edge:
            self._recent_units -= recent.popleft()[1]
        self.max_units_in_window = max(self.max_units_in_window, self._recent_units)

    def limited(self) -> None:
        """Count one 429 sent."""
        self.rate_limited += 1

    def fault(self, kind: str, n: int = 1) -> None:
        """Count injected faults.

        Args:
            kind: the fault's kind (``latency``, ``error``, ...).
            n: how many.
        """
        if n:
            self.faults[kind] += n

    def served(self, status: int, nbytes: int) -> None:
        """Count a response and its body bytes.

        Args:
            status: the response's status code.
            nbytes: the length of its body.
        """
        self.status[status] += 1
        self.bytes_served += nbytes

    def _webhooks(self) -> dict[str, Any]:
        names = ("events", "attempts", "delivered", "retries", "failedAttempts")
        out: dict[str, Any] = {name: self.webhooks[name] for name in names}
        for name in ("disabled", "exhausted", "abandoned", "dropped"):
            out[name] = self.webhooks[name]
        out["pending"] = self.webhook_pending()
        out["deliveredByEvent"] = dict(sorted(self.webhooks_delivered.items()))
        return out

    def snapshot(self) -> dict[str, Any]:
        """A JSON-ready copy of the counters.

        Returns:
            What ``GET /_fake/metrics`` answers: requests, statuses, units, the peak
            window, faults, webhooks and the latest arrivals.
        """
        return {
            "requests": dict(self.requests),
            "requestsTotal": sum(self.requests.values()),
            "statuses": {str(k): v for k, v in sorted(self.status.items())},
            "rateLimited": self.rate_limited,
            "unitsSpent": self.units,
            "maxUnitsInWindow": self.max_units_in_window,
            "window": self.window,
            "bytesServed": self.bytes_served,
            "faults": dict(self.faults),
            "webhooks": self._webhooks(),
            "points": [list(p) for p in self.points],
        }
