"""The account's rate budget: policy, the Limiter protocol, and the default limiter.

Help Scout counts requests per *account* when they arrive: 200 units a minute on
Standard (400 Plus, 800 Pro), writes weighing 2, and we keep the old burst rule of 12
writes per 5 s. Whether the minute is fixed or sliding is undocumented, so the
limiter keeps the stronger promise: in ANY interval of ``window`` seconds at most
``per_minute`` units are sent. That holds under both kinds of server window.

How: a log of our own sends caps every span of ``W + margin`` at the usable units:
before a request goes, the units sent in the closed span of that length ending now,
plus its cost, must fit, else it waits for the oldest to leave the span. Any span of
that length ends at or after its last send, and all of its sends lie in the span
ending at that send, which was checked: so no span of ``W + margin`` of sends ever
holds more than ``limit`` units, and with ``margin`` at least the spread of the
delays between sending and the server counting, no window of arrivals does either.
The log alone would let a whole window's budget out at once; pacing spreads it: an
aiolimiter bucket that holds ``c = w + 1`` units (``w`` the write weight) drains one
unit per ``slot = (W + margin) / limit`` (``AsyncLimiter(c, c * slot)``; the span and
the slot also carry a guard of 5 ms for the time between reading the clock and
sending, so the bound holds for the times a caller records), and a
request takes its whole cost at once. The spare unit means no request waits for an
empty bucket, so a late timer wake-up is not lost: the bucket has drained meanwhile,
and the log still bounds any catching up. (Pacing with the bucket alone would need
``slot = (W + margin) / (limit - c)``, since such a bucket admits ``c + W/slot`` units
in a window after it has idled, and would leave ``c`` units of every window unused.)
A write also takes a slot of a burst bucket first, and is sent up to ``c * slot``
after it; the burst slot is widened by that much, which keeps ``writes_per_burst`` in
any ``burst_window`` of *sends*.

The naive ``AsyncLimiter(limit, W)`` lets a full bucket out at once and keeps
dripping, admitting nearly twice the limit in the first window. Pacing also avoids
bursting a window's budget at the instant it slides, when latency jitter would carry
part of the burst into the next window; ``margin`` grows with the spread of observed
latencies, since the server counts arrivals, not our sends.

The limiter learns from responses: it adopts the plan's ``X-RateLimit-Limit-Minute``,
estimates what other clients of the account spend from
``X-RateLimit-Remaining-Minute`` and leaves that to them, and on a 429 pauses every
task sharing the budget until the server's retry time.
"""

from __future__ import annotations

import asyncio
import collections
import math
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

import attrs
from aiolimiter import AsyncLimiter

__all__ = ["AccountLimiter", "Limiter", "RateLimit", "RateLimitInfo", "RateLimitStatus"]


def _positive(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if value <= 0:
        raise ValueError(f"RateLimit.{attribute.name} must be > 0, got {value!r}")


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
        max_margin_fraction: the most of a window kept free for latency spread.
    """

    per_minute: int = attrs.field(default=200, validator=_positive)
    window: float = attrs.field(default=60.0, validator=_positive)
    write_weight: int = attrs.field(default=2, validator=_positive)
    writes_per_burst: int | None = 12
    burst_window: float = attrs.field(default=5.0, validator=_positive)
    adopt_server_limit: bool = True
    max_margin_fraction: float = 0.1

    def __attrs_post_init__(self) -> None:
        if self.per_minute <= self.write_weight:
            raise ValueError(
                f"RateLimit.per_minute ({self.per_minute}) must exceed write_weight "
                f"({self.write_weight}) so that a write fits in a window"
            )
        if self.writes_per_burst is not None and self.writes_per_burst < 2:
            raise ValueError("RateLimit.writes_per_burst must be >= 2, or None to turn it off")

    def cost(self, method: str) -> int:
        """Units a request of ``method`` spends.

        Args:
            method: the HTTP method.

        Returns:
            1 for a read (GET, HEAD, OPTIONS), ``write_weight`` for anything else.
        """
        return 1 if method.upper() in ("GET", "HEAD", "OPTIONS") else self.write_weight

    def scaled(self, factor: float) -> RateLimit:
        """The same policy with both windows multiplied by ``factor`` (for tests).

        Args:
            factor: what to multiply ``window`` and ``burst_window`` by
                (``0.01`` runs a minute in 0.6 s).

        Returns:
            A new policy; this one is unchanged.
        """
        return attrs.evolve(
            self, window=self.window * factor, burst_window=self.burst_window * factor
        )


@attrs.frozen(kw_only=True)
class RateLimitInfo:
    """What one response said about the budget, as the transport hands it to a limiter.

    Attributes:
        status: the response status.
        limit: ``X-RateLimit-Limit-Minute``, if sent.
        remaining: ``X-RateLimit-Remaining-Minute``, if sent.
        retry_after: seconds to wait, from ``X-RateLimit-Retry-After`` or ``Retry-After``.
        sent_at: event-loop time at which the request was sent.
        latency: seconds from sending to the response headers.
    """

    status: int
    limit: int | None = None
    remaining: int | None = None
    retry_after: float | None = None
    sent_at: float = 0.0
    latency: float = 0.0


@runtime_checkable
class Limiter(Protocol):
    """What the transport needs of a rate limiter.

    ``acquire`` is awaited right before a request is sent, with the request's cost;
    ``observe`` receives what each response said. Share one object between clients to
    share one budget; a Redis-backed implementation can share it between processes.
    """

    async def acquire(self, cost: int, *, write: bool) -> None:
        """Wait until ``cost`` units (and a write slot, for writes) may be spent now.

        Args:
            cost: the request's units (:meth:`RateLimit.cost`).
            write: whether the request is a write (the burst rule applies).
        """
        ...

    def observe(self, info: RateLimitInfo) -> None:
        """Learn from a response's rate-limit headers and status.

        Args:
            info: what the response said about the budget.
        """
        ...


_GUARD = 0.005
"""Seconds added to the logged span: the clock is read a little before the bytes leave."""


class _Pacer:
    """An aiolimiter bucket of ``capacity`` units draining one unit per ``slot``.

    aiolimiter cannot change a bucket's rate in place, so a new rate gets a new bucket,
    primed on its first use with a full bucket when the old one was not empty (a
    conservative stand-in for the units it held). A longer slot always takes effect; a
    shorter one only past 2 %, to spare needless swaps. Callers serialize ``take`` (the
    account limiter holds a lock), so a swap never strands a waiter on the old bucket.
    """

    def __init__(self, slot: float, capacity: int) -> None:
        self.slot = slot
        self.capacity = capacity
        self._bucket = AsyncLimiter(capacity, capacity * slot)
        self._prime = False

    async def take(self, units: int) -> None:
        if self._prime:
            self._prime = False
            await self._bucket.acquire(self.capacity)  # the bucket is empty: at once
        await self._bucket.acquire(units)

    def set_slot(self, slot: float) -> None:
        if self.slot * 0.98 <= slot <= self.slot:
            return
        used = not self._bucket.has_capacity(self.capacity)
        self.slot = slot
        self._bucket = AsyncLimiter(self.capacity, self.capacity * slot)
        self._prime = self._prime or used


class AccountLimiter:
    """The default limiter: one account budget, paced, adaptive. See the module doc.

    A limiter belongs to one event loop. Share the object between the clients of one
    account in a process so that they share one budget.

    Args:
        policy: the account's rate policy (default ``RateLimit()``: 200 a minute,
            writes weigh 2, 12 writes per 5 s).
    """

    _LATENCY_SAMPLES = 64

    def __init__(self, policy: RateLimit | None = None) -> None:
        self.policy = policy or RateLimit()
        self.limit = self.policy.per_minute
        self.others = 0  # units per window that other clients of the account spend
        self.margin = 0.0
        self._lock = asyncio.Lock()
        self._pacer = _Pacer(self._slot(), self.policy.write_weight + 1)
        self._burst = (
            None if self.policy.writes_per_burst is None else _Pacer(self._burst_slot(), 1)
        )
        self._paused_until = 0.0
        # Our sends, (time, cost), over the longest span checked: W + the largest margin.
        self._log: collections.deque[tuple[float, int]] = collections.deque()
        self._log_units = 0
        self._latencies: collections.deque[float] = collections.deque(maxlen=self._LATENCY_SAMPLES)
        self._others_seen: collections.deque[tuple[float, int]] = collections.deque()

    def __repr__(self) -> str:
        return (
            f"AccountLimiter(limit={self.limit}, window={self.policy.window:g}, "
            f"others={self.others}, margin={self.margin:.3f})"
        )

    @property
    def usable(self) -> int:
        """Units per window this client may spend: the limit less what others spend.

        Returns:
            The units, never fewer than two writes' worth and two reads.
        """
        return max(self.limit - self.others, 2 * self.policy.write_weight + 2)

    def parallelism(self) -> int:
        """Requests to keep in flight so that latency does not leave budget unspent.

        Little's law: in flight = rate x latency. With the slowest recent latency and a
        quarter of headroom, plus one, capped at 32; 1 before any latency is seen.

        Returns:
            How many requests a stream should keep in flight.
        """
        if not self._latencies:
            return 1
        rate = self.usable / self._span()
        return min(32, math.ceil(rate * max(self._latencies) * 1.25) + 1)

    def _span(self) -> float:
        """The span the log caps: the window, the latency margin and the clock guard."""
        return self.policy.window + self.margin + _GUARD

    def _slot(self) -> float:
        return self._span() / self.usable

    def _burst_slot(self) -> float:
        policy = self.policy
        assert policy.writes_per_burst is not None
        span = policy.burst_window + self.margin + self._pacer.capacity * self._pacer.slot
        return span / (policy.writes_per_burst - 1)

    async def acquire(self, cost: int, *, write: bool) -> None:
        """Wait for a write slot (writes) and ``cost`` evenly paced units, in FIFO order.

        Args:
            cost: the request's units (:meth:`RateLimit.cost`).
            write: whether the request is a write (the burst rule applies).
        """
        loop = asyncio.get_running_loop()
        async with self._lock:
            while True:
                # A deadline that a 429 may push back while we sleep, not an event.
                while (wait := self._paused_until - loop.time()) > 0:  # noqa: ASYNC110
                    await asyncio.sleep(wait)
                if write and self._burst is not None:
                    await self._burst.take(1)
                await self._pacer.take(cost)
                now = await self._room(cost, loop)
                if now >= self._paused_until:
                    break
                # A 429 arrived while we waited: after the pause, take fresh slots.
            self._log.append((now, cost))
            self._log_units += cost

    def _units_since(self, start: float, now: float) -> int:
        """Units we sent at or after ``start`` (dropping sends no span can reach any more)."""
        longest = self.policy.window * (1 + self.policy.max_margin_fraction) + _GUARD
        log = self._log
        while log and log[0][0] < now - longest:
            self._log_units -= log.popleft()[1]
        units = self._log_units
        for sent_at, spent in log:  # the few sends older than ``start`` do not count
            if sent_at >= start:
                break
            units -= spent
        return units

    async def _room(self, cost: int, loop: asyncio.AbstractEventLoop) -> float:
        """Wait until ``cost`` more units fit in the closed span of ``W + margin`` ending now.

        Returns the time at which they fit.
        """
        while True:
            now = loop.time()
            span = self._span()
            start = now - span
            excess = self._units_since(start, now) + cost - self.usable
            if excess <= 0:
                return now
            wait_until = now
            for sent_at, spent in self._log:  # the oldest sends in the span leave it first
                if sent_at < start:
                    continue
                excess -= spent
                if excess <= 0:
                    wait_until = sent_at + span
                    break
            await asyncio.sleep(max(wait_until - now, 0.0) + 1e-6)

    def pause(self, seconds: float) -> None:
        """Hold every request sharing this budget for ``seconds`` (after a 429).

        Args:
            seconds: how long from now; a shorter pause never shortens a longer one.
        """
        until = asyncio.get_running_loop().time() + seconds
        self._paused_until = max(self._paused_until, until)

    def observe(self, info: RateLimitInfo) -> None:
        """Adopt the server's limit, measure others' spending and latency spread, obey 429.

        Args:
            info: what the response said about the budget.
        """
        now = asyncio.get_running_loop().time()
        if info.status == 429:
            self.pause(info.retry_after if info.retry_after is not None else self._slot())
        elif info.status < 500:
            self._latencies.append(info.latency)
        adopt = self.policy.adopt_server_limit and info.limit is not None
        if adopt and info.limit is not None and info.limit > 2 * self.policy.write_weight + 2:
            self.limit = info.limit
        if info.remaining is not None and info.status != 429:
            self._learn_others(now, info.remaining)
        self._retune()

    def _learn_others(self, now: float, remaining: int) -> None:
        """Estimate others' units per window as the most seen over the last window.

        The server says ``limit - remaining`` units were spent in its window; ours are
        in the log. Requests still in flight and the edges of the window blur the
        difference by a few units, so differences within a small tolerance are noise.
        """
        ours = self._units_since(now - self.policy.window, now)
        others = self.limit - remaining - ours
        tolerance = 2 * self.policy.write_weight + 1
        self._others_seen.append((now, others if others > tolerance else 0))
        horizon = now - self.policy.window
        while self._others_seen and self._others_seen[0][0] <= horizon:
            self._others_seen.popleft()
        self.others = max(seen for _, seen in self._others_seen)
        if remaining <= self.policy.write_weight and self.others:
            # Nearly spent by others: wait for about a write's worth to slide out.
            self.pause(self.policy.window / self.limit * (self.policy.write_weight + 1))

    def _retune(self) -> None:
        if len(self._latencies) >= 2:
            spread = max(self._latencies) - min(self._latencies)
            self.margin = min(spread, self.policy.window * self.policy.max_margin_fraction)
        self._pacer.set_slot(self._slot())
        if self._burst is not None:
            self._burst.set_slot(self._burst_slot())


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
