"""The account's rate budget: policy, the Limiter protocol, and the default limiter.

Help Scout counts requests per *account* when they arrive: 200 units a minute on
Standard (400 Plus, 800 Pro), writes weighing 2, and we keep the old burst rule of 12
writes per 5 s. Whether the minute is fixed or sliding is undocumented, so the
limiters keep the stronger promise: in ANY ``window`` of the server's arrivals at most
``per_minute`` units. That holds under both kinds of server window.

How (the arithmetic is in ``_budget``): each request holds its units from the moment
they are taken until one window after its answer, less the least trip there of the
next request; its own answer bounds its arrival, so latency, its spread and a cold
connection's handshake are all covered by each request's own round trip. An idle
budget serves requests at once, a full one lets one go as an earlier one leaves. The
limiter learns from responses: it adopts the plan's ``X-RateLimit-Limit-Minute``,
leaves to other clients of the account what ``X-RateLimit-Remaining-Minute`` shows
they spend, and on a 429 pauses every task sharing the budget, for at most one
window: a ``Retry-After`` of a day cannot freeze the budget (the caller who got it
decides, with its ``max_wait``).

``RedisLimiter`` (``helpscout-async[redis]``) keeps the same promise for every
process sharing a Redis.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable
from typing import Protocol, runtime_checkable

from ._budget import GUARD, OTHERS_MEMORY, Latencies, Ledger, Others, parallelism
from ._policy import RateLimit, RateLimitInfo, RateLimitStatus
from .errors import HelpScoutError

__all__ = [
    "AccountLimiter",
    "Clock",
    "Limiter",
    "LoopClock",
    "PauseTooLong",
    "RateLimit",
    "RateLimitInfo",
    "RateLimitStatus",
]

for _public in (RateLimit, RateLimitInfo, RateLimitStatus):  # defined in _policy, public here
    _public.__module__ = __name__
del _public


class PauseTooLong(HelpScoutError):
    """The shared budget is paused (after a 429) for longer than the caller may wait.

    Attributes:
        seconds: how long the pause still lasts.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the rate budget is paused for another {seconds:.2f} s after a 429")


@runtime_checkable
class Limiter(Protocol):
    """What the transport needs of a rate limiter.

    ``acquire`` is awaited right before a request is sent, with the request's cost;
    ``observe`` receives what each request's end said, exactly once per ``acquire``
    (status 0 when no answer came). Share one object between clients to share one
    budget; ``RedisLimiter`` shares it between processes.
    """

    async def acquire(self, cost: int, *, write: bool, max_pause: float | None = None) -> float:
        """Wait until ``cost`` units (and a write slot, for writes) may be spent now.

        Args:
            cost: units the request spends.
            write: whether it is a write (the write-burst rule).
            max_pause: the most seconds this caller may wait out a 429 pause in all.

        Returns:
            The seconds spent waiting out a 429 pause.

        Raises:
            PauseTooLong: the pause would outlast ``max_pause``.
        """
        ...

    def observe(self, info: RateLimitInfo) -> Awaitable[None] | None:
        """Learn from a request's end; may return an awaitable the transport awaits.

        Args:
            info: what the answer (or its absence, status 0) said of the budget.

        Returns:
            ``None``, or an awaitable (a limiter that must talk to a shared store).
        """
        ...


class Clock(Protocol):
    """Where a limiter reads the time and waits: the event loop's, or a test's own."""

    def now(self) -> float:
        """The time in seconds on a monotonic clock."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` on this clock.

        Args:
            seconds: how long to wait.
        """
        ...


class LoopClock:
    """The running event loop's clock (the default)."""

    def now(self) -> float:
        """The loop's time."""
        return asyncio.get_running_loop().time()

    async def sleep(self, seconds: float) -> None:
        """``asyncio.sleep``.

        Args:
            seconds: how long to wait.
        """
        await asyncio.sleep(seconds)


def check_cost(cost: object) -> int:
    """``cost`` as a positive int, or a clear error."""
    if isinstance(cost, bool) or not isinstance(cost, int):
        raise TypeError(f"cost must be an int, got {cost!r}")
    if cost < 1:
        raise ValueError(f"cost must be >= 1, got {cost!r}")
    return cost


def check_max_pause(max_pause: float | None) -> float:
    if max_pause is None:
        return math.inf
    if math.isnan(max_pause) or max_pause < 0:
        raise ValueError(f"max_pause must be >= 0 seconds or None, got {max_pause!r}")
    return max_pause


class AccountLimiter:
    """The default limiter: one account budget in one process. See the module doc.

    A limiter belongs to one event loop. Share the object between the clients of one
    account in a process so that they share one budget.

    Args:
        policy: the account's rate policy.
        clock: where time is read and waited (the event loop's by default).
    """

    def __init__(self, policy: RateLimit | None = None, *, clock: Clock | None = None) -> None:
        self.policy = policy or RateLimit()
        self.limit = self.policy.per_minute
        self.others = 0  # units per window that other clients of the account spend
        self._clock: Clock = clock or LoopClock()
        self._minute = Ledger(self.policy.window)
        self._burst = (
            None if self.policy.writes_per_burst is None else Ledger(self.policy.burst_window)
        )
        self._latencies = Latencies()
        self._others = Others(OTHERS_MEMORY * self.policy.window)
        self._paused_until = -math.inf
        self._last_answer = -math.inf
        self._lock = asyncio.Lock()
        self._news = asyncio.Event()

    def __repr__(self) -> str:
        return (
            f"AccountLimiter(limit={self.limit}, window={self.policy.window:g}, "
            f"others={self.others}, early={self.early:.3f})"
        )

    @property
    def usable(self) -> int:
        """How many units per window this client may spend: the limit less others' use.

        The estimate of others is a lower bound from the server's count, low by at most
        what of ours was in flight when it was taken; so when there are others, that much
        (the pace's requests in flight) and ``RateLimit.floor`` more are left as slack.
        """
        if not self.others:
            return self.limit
        slack = self.policy.floor + self._pace_in_flight()
        return max(self.limit - self.others - slack, self.policy.floor)

    def _pace_in_flight(self) -> int:
        """Requests the whole limit's pace keeps in flight (Little's law; 1 before answers)."""
        if not self._latencies:
            return 1
        return parallelism(
            rate=self.limit / self.policy.window, slowest=self._latencies.slowest, most=self.limit
        )

    @property
    def early(self) -> float:
        """The least trip to the server assumed for a new request (see ``_budget``)."""
        return min(
            self._latencies.early(self.policy.window),
            self.policy.max_margin_fraction * self.policy.window,
        )

    def held(self) -> int:
        """How many units the server may still count in a window with a request sent now."""
        return self._minute.held(self._clock.now(), self.early)

    def parallelism(self) -> int:
        """Requests worth having in flight so that latency leaves no budget unspent.

        Returns:
            1 before any answer; else Little's law on the slowest recent round trip
            (rate x latency x 1.25 + 1), at most one window's budget.
        """
        if not self._latencies:
            return 1
        return parallelism(
            rate=self.usable / self.policy.window,
            slowest=self._latencies.slowest,
            most=self.usable,
        )

    def lookahead(self) -> int:
        """Requests that could be in flight at once right now: free units and those out.

        A stream may fetch this many pages ahead (with a slow start) so that an idle
        budget's burst credit is used at once; at least ``parallelism()``. While other
        clients spend the account's budget, only ``parallelism()``: the answers to a
        burst all come while many of ours are in flight, and such answers cannot tell
        our use from theirs, so a bursting stream would blind the estimate of others.

        Returns:
            The number of requests.
        """
        if self.others:
            return self.parallelism()
        free = max(0, self.usable - self.held())
        return max(self.parallelism(), min(self.usable, free + self._minute.pending_units))

    def paused_for(self) -> float:
        """How many seconds the budget stays paused after a 429 (0 when it is not)."""
        return max(0.0, self._paused_until - self._clock.now())

    async def acquire(self, cost: int, *, write: bool, max_pause: float | None = None) -> float:
        """Wait for ``cost`` units (and a write slot, for writes), in FIFO order.

        Args:
            cost: units the request spends.
            write: whether it is a write.
            max_pause: the most seconds to wait out a 429 pause (``None``: no bound).

        Returns:
            The seconds spent waiting out a 429 pause.

        Raises:
            PauseTooLong: the pause would outlast ``max_pause``; nothing was taken.
            TypeError, ValueError: a bad ``cost`` or ``max_pause``.
        """
        check_cost(cost)
        bound = check_max_pause(max_pause)
        clock = self._clock
        paused = 0.0
        async with self._lock:
            while True:
                now = clock.now()
                self._tidy(now)
                left = self._paused_until - now
                if left > 0:
                    if paused + left > bound:
                        raise PauseTooLong(left)
                    await clock.sleep(left)
                    paused += clock.now() - now
                    continue
                wait = self._wait(now, cost, write)
                if wait <= 0:
                    break
                await self._nap(wait)
            self._minute.take(now, cost)
            if write and self._burst is not None:
                self._burst.take(now, 1)
        return paused

    def _wait(self, now: float, cost: int, write: bool) -> float:
        """Seconds until ``cost`` fits (0: now); a lower bound while answers are awaited."""
        early = self.early
        cap = self.usable
        if self._last_answer <= now - self.policy.window:
            # Nothing heard for a window: a quarter until an answer says what the server counts.
            cap = max(cost, cap // 4)
        need = self._minute.held(now, early) + cost - cap
        wait = 0.0 if need <= 0 else self._minute.wait(now, early, need)
        if self.others and self._minute.pending_units + cost > max(self._pace_in_flight(), cost):
            # Others spend this budget too: no bursts, only the pace's need in flight. The
            # answers to a burst all come while many of ours are in flight, and such answers
            # cannot tell our use from theirs: the estimate of others would go blind.
            wait = max(wait, self.policy.window)  # until an answer: the nap wakes on it
        burst, most = self._burst, self.policy.writes_per_burst
        if write and burst is not None and most is not None:
            need = burst.held(now, early) + 1 - most
            if need > 0:
                wait = max(wait, burst.wait(now, early, need))
        return wait

    async def _nap(self, seconds: float) -> None:
        """Sleep ``seconds``, or less if an answer comes meanwhile (it may free units)."""
        self._news.clear()
        sleeper = asyncio.ensure_future(self._clock.sleep(seconds))
        news = asyncio.ensure_future(self._news.wait())
        try:
            await asyncio.wait((sleeper, news), return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            news.cancel()
            await asyncio.gather(sleeper, news, return_exceptions=True)

    def _tidy(self, now: float) -> None:
        keep = 2 * self.policy.window + self._latencies.slowest + GUARD
        self._minute.tidy(now, keep)
        if self._burst is not None:
            self._burst.tidy(now, keep)

    def pause(self, seconds: float) -> None:
        """Hold every request sharing this budget for ``seconds``, at most one window.

        Args:
            seconds: the pause asked for (a 429's ``Retry-After``).
        """
        if not math.isfinite(seconds) or seconds <= 0:
            return
        until = self._clock.now() + min(seconds, self.policy.window)
        self._paused_until = max(self._paused_until, until)

    def observe(self, info: RateLimitInfo) -> None:
        """Settle the request, adopt the server's limit, learn others' use, obey a 429.

        Args:
            info: what the request's end said.
        """
        now = self._clock.now()
        cost = info.cost if info.cost is not None else 0
        counted = info.status != 429  # a refused request spends nothing on the server
        self._minute.settle(now, cost, counted=counted)
        if info.write and self._burst is not None:
            self._burst.settle(now, 1, counted=counted)
        if info.status == 0:
            self._news.set()
            return
        self._last_answer = now
        if info.status == 429:
            retry = info.retry_after
            self.pause(retry if retry is not None else self.policy.window / self.limit)
        if info.status < 500:
            self._latencies.add(info.latency)
        limit = info.limit
        if self.policy.adopt_server_limit and limit is not None and limit > self.policy.floor:
            self.limit = limit
        if info.remaining is not None:
            spent = (limit if limit is not None else self.limit) - info.remaining
            since = now - max(info.latency, 0.0) - self.policy.window - GUARD
            self.others = self._others.learn(now, spent, self._minute.held_since(since))
            if info.remaining <= self.policy.write_weight and self.others:
                # Nearly spent by others: wait for about a write's worth to slide out.
                self.pause(self.policy.window / self.limit * (self.policy.write_weight + 1))
        else:
            self.others = self._others.current(now)
        self._news.set()
