"""The server-side rate budget: one per account, counted at each request's arrival.

A GET costs 1 unit, a write (POST, PUT, PATCH, DELETE) costs ``write_weight``.
The minute can be ``fixed`` (windows aligned on the server's start) or
``sliding`` (a log of arrivals), and may be time-scaled (``window=6.0`` runs a
"minute" in six seconds). An optional burst rule caps writes per 5 s (scaled
the same way). Rejected requests spend nothing.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class FakeRateLimits:
    """Configuration of the fake server's rate limit (the client's is ``hs.RateLimit``).

    Formerly ``RateLimits``; that name still works, with a ``DeprecationWarning``,
    for one release.

    Attributes:
        per_minute: units the account may spend per window (200, 400, 800 live).
        window: window length in seconds; 60 is real time, less scales time down.
        write_weight: units a write costs.
        mode: ``fixed`` or ``sliding`` window.
        writes_per_5s: the burst rule (12 on the old API); ``None`` turns it off.
            Its window is ``5 * window / 60`` seconds.
        enabled: ``False`` turns all limits off (no headers, no 429s).
    """

    per_minute: int = 200
    window: float = 60.0
    write_weight: int = 2
    mode: Literal["fixed", "sliding"] = "sliding"
    writes_per_5s: int | None = None
    enabled: bool = True

    def __post_init__(self) -> None:
        """Check the settings.

        Raises:
            TypeError: a count is not an integer, or ``window`` not a number.
            ValueError: ``mode`` is unknown, or a setting is not positive and finite.
        """
        if self.mode not in ("fixed", "sliding"):
            raise ValueError(f"mode must be 'fixed' or 'sliding', not {self.mode!r}")
        for name in ("per_minute", "write_weight", "writes_per_5s"):
            value = getattr(self, name)
            if value is None and name == "writes_per_5s":
                continue
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{name} must be an integer, got {value!r}")
            if value < 1:
                raise ValueError(f"{name} must be at least 1, got {value!r}")
        if not isinstance(self.window, int | float) or isinstance(self.window, bool):
            raise TypeError(f"window must be a number of seconds, got {self.window!r}")
        if not math.isfinite(self.window) or self.window <= 0:
            raise ValueError(f"window must be a positive number of seconds, got {self.window!r}")

    def cost(self, method: str) -> int:
        """Units a request of ``method`` spends.

        Args:
            method: the HTTP method.

        Returns:
            ``write_weight`` for POST, PUT, PATCH and DELETE; 1 otherwise.
        """
        return self.write_weight if method.upper() in WRITE_METHODS else 1


class _Bucket:
    """``limit`` units per ``window`` seconds, fixed or sliding."""

    def __init__(self, limit: int, window: float, sliding: bool, start: float) -> None:
        self.limit = limit
        self.window = window
        self.sliding = sliding
        self.start = start
        self.log: deque[tuple[float, int]] = deque()
        self.used = 0
        self.index = 0

    def _advance(self, now: float) -> None:
        if self.sliding:
            edge = now - self.window
            while self.log and self.log[0][0] <= edge:
                self.used -= self.log.popleft()[1]
        else:
            index = math.floor((now - self.start) / self.window)
            if index != self.index:
                self.index = index
                self.used = 0

    def remaining(self, now: float) -> int:
        self._advance(now)
        return max(0, self.limit - self.used)

    def wait(self, cost: int, now: float) -> float:
        """Seconds until ``cost`` fits (0 when it fits now)."""
        self._advance(now)
        need = self.used + cost - self.limit
        if need <= 0:
            return 0.0
        if not self.sliding:
            return self.start + (self.index + 1) * self.window - now
        freed = 0
        for t, c in self.log:
            freed += c
            if freed >= need:
                return max(t + self.window - now, 0.0)
        return self.window

    def spend(self, cost: int, now: float) -> None:
        self.used += cost
        if self.sliding:
            self.log.append((now, cost))


@dataclass(frozen=True)
class Decision:
    """The limiter's answer for one arrival."""

    allowed: bool
    cost: int
    limit: int
    remaining: int
    retry_after: float = 0.0


class RateLimiter:
    """The account's budget; call :meth:`acquire` once per arriving request."""

    def __init__(self, config: FakeRateLimits, clock: Callable[[], float]) -> None:
        self.config = config
        self.clock = clock
        start = clock()
        sliding = config.mode == "sliding"
        self.minute = _Bucket(config.per_minute, config.window, sliding, start)
        self.burst = (
            _Bucket(config.writes_per_5s, config.window * 5 / 60, sliding, start)
            if config.writes_per_5s
            else None
        )

    def acquire(self, method: str, now: float | None = None) -> Decision:
        """Spend the request's cost if it fits in every bucket, else reject it."""
        now = self.clock() if now is None else now
        cost = min(self.config.cost(method), self.config.per_minute)  # always admissible
        wait = self.minute.wait(cost, now)
        is_write = method.upper() in WRITE_METHODS
        if self.burst is not None and is_write:
            wait = max(wait, self.burst.wait(1, now))
        if wait > 0:
            return Decision(False, cost, self.minute.limit, self.minute.remaining(now), wait)
        self.minute.spend(cost, now)
        if self.burst is not None and is_write:
            self.burst.spend(1, now)
        return Decision(True, cost, self.minute.limit, self.minute.remaining(now))

    def remaining(self, now: float | None = None) -> int:
        """Units left in the current window, without spending."""
        return self.minute.remaining(self.clock() if now is None else now)

    def format_retry_after(self, seconds: float) -> str:
        """Whole seconds for a real minute; two decimals when time is scaled."""
        if self.config.window == 60.0:
            return str(max(1, math.ceil(seconds)))
        return f"{max(0.01, math.ceil(seconds * 100 - 1e-9) / 100):.2f}"

    def headers(self, decision: Decision) -> dict[str, str]:
        """The ``X-RateLimit-*`` headers for a response to ``decision``."""
        out = {
            "X-RateLimit-Limit-Minute": str(decision.limit),
            "X-RateLimit-Remaining-Minute": str(decision.remaining),
        }
        if not decision.allowed:
            out["X-RateLimit-Retry-After"] = self.format_retry_after(decision.retry_after)
        return out
