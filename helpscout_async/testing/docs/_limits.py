"""The Docs API's rate budget: N requests per 10 minutes per account, every request costs 1.

Help Scout sets N by the number of Docs sites (2000 for 1, 3000 for 2, 4000 for 3 or
more). The window may be ``sliding`` or ``fixed`` and time-scaled (``window=6.0`` runs
the 10 minutes in six seconds). Every answer carries ``X-RateLimit-Limit``,
``X-RateLimit-Remaining`` and ``X-RateLimit-Reset`` (seconds until the window frees
budget); a 429 spends nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ... import _api
from ..._api.docs import limit_for_sites
from .._limits import Decision, FakeRateLimits, RateLimiter

__all__ = ["WINDOW", "DocsLimiter", "DocsRateLimits", "limit_for_sites"]

WINDOW = _api.PROFILES["docs"].window
"""Seconds of the Docs API's rate window (10 minutes)."""


@dataclass(frozen=True)
class DocsRateLimits:
    """Configuration of the Docs fake's rate limit.

    Attributes:
        limit: requests per window; ``None`` derives it from the number of sites.
        window: window length in seconds; 600 is real time, less scales time down.
        mode: ``sliding`` or ``fixed`` window.
        enabled: ``False`` turns the limit off (no headers, no 429s).
    """

    limit: int | None = None
    window: float = WINDOW
    mode: Literal["fixed", "sliding"] = "sliding"
    enabled: bool = True

    def __post_init__(self) -> None:
        if self.mode not in ("fixed", "sliding"):
            raise ValueError(f"mode must be 'fixed' or 'sliding', not {self.mode!r}")
        if (self.limit is not None and self.limit < 1) or self.window <= 0:
            raise ValueError("limit and window must be positive")


class DocsLimiter:
    """The account's Docs budget; :meth:`acquire` once per arriving request."""

    def __init__(self, config: DocsRateLimits, sites: int, clock: Callable[[], float]) -> None:
        self.config = config
        self.limit = config.limit if config.limit is not None else limit_for_sites(sites)
        self.clock = clock
        self._inner = RateLimiter(
            FakeRateLimits(
                per_minute=self.limit, window=config.window, write_weight=1, mode=config.mode
            ),
            clock,
        )

    def acquire(self, method: str) -> Decision:
        """Spend one request if it fits in the window, else reject it."""
        return self._inner.acquire(method)

    def remaining(self) -> int:
        """Requests left in the current window, without spending."""
        return self._inner.remaining()

    def reset_in(self) -> float:
        """Seconds until the window frees budget (0 when nothing is spent)."""
        bucket = self._inner.minute
        now = self.clock()
        if bucket.remaining(now) == 0:
            return bucket.wait(1, now)
        if bucket.sliding:
            return max(bucket.log[0][0] + bucket.window - now, 0.0) if bucket.log else 0.0
        return bucket.start + (bucket.index + 1) * bucket.window - now

    def headers(self, decision: Decision | None = None) -> dict[str, str]:
        """The ``X-RateLimit-*`` headers for an answer (to ``decision`` when there is one)."""
        remaining = decision.remaining if decision is not None else self.remaining()
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": self._format(self.reset_in()),
        }

    def _format(self, seconds: float) -> str:
        """Whole seconds for the real window; two decimals when time is scaled."""
        if self.config.window == WINDOW:
            return str(math.ceil(seconds))
        return f"{math.ceil(seconds * 100 - 1e-9) / 100:.2f}"
