"""The account's rate policy and what a response says of it: plain, validated data."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import attrs

__all__ = ["RateLimit", "RateLimitInfo", "RateLimitStatus"]


def _whole(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A positive ``int`` (not a bool, not a float that happens to be whole)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"RateLimit.{attribute.name} must be an int, got {value!r}; pass a whole number"
        )
    if value < 1:
        raise ValueError(f"RateLimit.{attribute.name} must be >= 1, got {value!r}")


def _seconds(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite, positive number of seconds."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"RateLimit.{attribute.name} must be a number of seconds, got {value!r}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(
            f"RateLimit.{attribute.name} must be a finite number of seconds > 0, got {value!r}"
        )


def _fraction(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"RateLimit.{attribute.name} must be a number, got {value!r}")
    if not math.isfinite(value) or not 0 <= value < 1:
        raise ValueError(f"RateLimit.{attribute.name} must be >= 0 and < 1, got {value!r}")


def _flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"RateLimit.{attribute.name} must be True or False, got {value!r}")


@attrs.frozen(kw_only=True)
class RateLimit:
    """The account's rate policy.

    Args:
        per_minute: units the account may spend in any ``window`` (200 on Standard).
        window: the length of the API's "minute" in seconds; tests shrink it.
        write_weight: units a POST/PUT/PATCH/DELETE costs (the API counts 2).
        writes_per_burst: writes allowed in any ``burst_window``; ``None`` turns the
            burst rule off.
        burst_window: the burst rule's window in seconds (5 in the API; scale it with
            ``window`` in tests, or use ``scaled``).
        adopt_server_limit: take ``X-RateLimit-Limit-Minute`` as the limit when the
            server reports one that differs (Plus/Pro plans).
        max_margin_fraction: the most of a window the limiter may count on as the trip
            to the server of a new request (half the fastest recent round trip, at
            most this share of the window). The default 0 counts on none: the bound
            then rests on nothing but each request's own answer.

    Raises:
        TypeError: a value of the wrong type (``per_minute=2.5``).
        ValueError: a value out of range (``window=inf``, ``window=nan``, ``-1``).
    """

    per_minute: int = attrs.field(default=200, validator=_whole)
    window: float = attrs.field(default=60.0, validator=_seconds)
    write_weight: int = attrs.field(default=2, validator=_whole)
    writes_per_burst: int | None = 12
    burst_window: float = attrs.field(default=5.0, validator=_seconds)
    adopt_server_limit: bool = attrs.field(default=True, validator=_flag)
    max_margin_fraction: float = attrs.field(default=0.0, validator=_fraction)

    def __attrs_post_init__(self) -> None:
        if self.per_minute <= self.write_weight:
            raise ValueError(
                f"RateLimit.per_minute ({self.per_minute}) must exceed write_weight "
                f"({self.write_weight}) so that a write fits in a window"
            )
        burst = self.writes_per_burst
        if burst is not None:
            if isinstance(burst, bool) or not isinstance(burst, int):
                raise TypeError(f"RateLimit.writes_per_burst must be an int or None, got {burst!r}")
            if burst < 2:
                raise ValueError("RateLimit.writes_per_burst must be >= 2, or None to turn it off")

    def cost(self, method: str) -> int:
        """Units a request of ``method`` spends.

        Args:
            method: the HTTP method.

        Returns:
            1 for reads, ``write_weight`` for writes.
        """
        return 1 if method.upper() in ("GET", "HEAD", "OPTIONS") else self.write_weight

    def scaled(self, factor: float) -> RateLimit:
        """The same policy with both windows multiplied by ``factor`` (for tests).

        Args:
            factor: the time scale (``0.1`` runs a minute in 6 s).

        Returns:
            A new ``RateLimit``.
        """
        return attrs.evolve(
            self, window=self.window * factor, burst_window=self.burst_window * factor
        )

    @property
    def floor(self) -> int:
        """The least budget a limiter keeps for itself, whatever others spend."""
        return 2 * self.write_weight + 2


@attrs.frozen(kw_only=True)
class RateLimitInfo:
    """What one request's end said about the budget, as the transport hands it to a limiter.

    Attributes:
        status: the response status, or 0 when no answer came (a failure, a cancel).
        limit: ``X-RateLimit-Limit-Minute``, if sent.
        remaining: ``X-RateLimit-Remaining-Minute``, if sent.
        retry_after: seconds to wait, from ``X-RateLimit-Retry-After`` or ``Retry-After``.
        sent_at: event-loop time at which the request was sent.
        latency: seconds from sending to the response headers (or to the failure).
        cost: the units the request took (``None``: unknown).
        write: whether it was a write (it also took a write-burst slot).
    """

    status: int
    limit: int | None = None
    remaining: int | None = None
    retry_after: float | None = None
    sent_at: float = 0.0
    latency: float = 0.0
    cost: int | None = None
    write: bool = False


@attrs.frozen(kw_only=True)
class RateLimitStatus:
    """The rate-limit figures of the most recent response (``HelpScout.rate_limit_status``).

    What the server said, not what the limiter plans: read it to show an account's
    spending or to log it; the limiter already acts on the same headers.

    Attributes:
        limit: ``X-RateLimit-Limit-Minute``.
        remaining: ``X-RateLimit-Remaining-Minute``.
        retry_after: seconds the last 429 asked us to wait, if the last answer was one.
        at: when the response arrived (UTC, our clock).
        server_date: the response's ``Date`` header (the server's clock), if valid.
    """

    limit: int | None
    remaining: int | None
    retry_after: float | None
    at: datetime
    server_date: datetime | None = None
