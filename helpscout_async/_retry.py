"""When to retry a request and how long to wait: pure functions, table-tested.

The rule that keeps customers from getting the same email twice: a POST is retried
only on a 429 (the server refused it) or when the connection failed before the
request was sent. Everything else (GET, PUT, PATCH, DELETE, all idempotent here)
is also retried on 5xx, timeouts and dropped connections.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Mapping
from datetime import UTC

RETRYABLE_STATUSES = frozenset({500, 502, 503, 504})


def is_idempotent(method: str) -> bool:
    """Whether sending ``method`` twice has the effect of sending it once."""
    return method.upper() != "POST"


def should_retry_status(method: str, status: int) -> bool:
    """Whether a response with ``status`` may be retried for ``method``."""
    if status == 429:
        return True
    return status in RETRYABLE_STATUSES and is_idempotent(method)


def should_retry_failure(method: str, *, maybe_sent: bool) -> bool:
    """Whether a request that got no response may be retried."""
    return is_idempotent(method) or not maybe_sent


def retry_after(
    headers: Mapping[str, str],
    *,
    now: float | None = None,
    names: tuple[str, ...] = ("X-RateLimit-Retry-After", "Retry-After"),
) -> float | None:
    """Seconds to wait, from the first of ``names`` that reads (by default
    ``X-RateLimit-Retry-After``, else ``Retry-After``; a family's profile names its own).

    Both may be a number of seconds (decimals accepted); ``Retry-After`` may also be an
    HTTP date (one already past gives 0). Unreadable, negative or non-finite numbers
    are ignored, and the other header is tried.
    """
    for name in names:
        raw = headers.get(name)
        if raw is None:
            continue
        raw = raw.strip()
        try:
            seconds = float(raw)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(raw)
            except (TypeError, ValueError, IndexError):
                continue
            if when.tzinfo is None:  # "-0000": UTC, not the machine's local time
                when = when.replace(tzinfo=UTC)
            # A moment already past means "now".
            return max(0.0, when.timestamp() - (time.time() if now is None else now))
        if math.isfinite(seconds) and seconds >= 0:
            return seconds
    return None


def backoff(attempt: int, *, base: float = 0.5, cap: float = 30.0, rng: random.Random) -> float:
    """Capped exponential backoff with full jitter for retry number ``attempt`` (0-based)."""
    return rng.uniform(0.0, min(cap, base * (2**attempt)))


def int_header(headers: Mapping[str, str], name: str) -> int | None:
    """An integer header, or ``None`` when absent or unreadable."""
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        return int(float(raw))
    except (ValueError, OverflowError):  # garbage, nan, inf
        return None


class Retries:
    """The retries of one request: how many are left and how long they may wait in all."""

    def __init__(self, *, max_retries: int, max_wait: float, rng: random.Random) -> None:
        self.attempt = 0
        self.waited = 0.0
        self._max_retries = max_retries
        self._max_wait = max_wait
        self._rng = rng

    def next_delay(self, hint: float | None = None) -> float | None:
        """Seconds to wait before trying again (``hint``, else backoff), or ``None`` if spent."""
        if self.attempt >= self._max_retries:
            return None
        delay = backoff(self.attempt, rng=self._rng) if hint is None else hint
        if self.waited + delay > self._max_wait:
            return None
        self.attempt += 1
        self.waited += delay
        return delay

    def pause_left(self) -> float:
        """Seconds this request may still wait out a shared 429 pause."""
        return max(0.0, self._max_wait - self.waited)
