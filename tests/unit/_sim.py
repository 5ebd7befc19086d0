"""Virtual time and a simulated server for the limiter's property tests.

``VirtualClock`` is a limiter ``Clock`` whose time moves only when every task is
waiting on it: it jumps to the next timer. A run of many simulated minutes takes a
fraction of a second of real time and gives the same result on a busy machine.
``SimServer`` counts arrivals in a strict sliding window, as Help Scout may.
"""

from __future__ import annotations

import asyncio
import heapq
import random
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from helpscout_async.ratelimit import RateLimitInfo

T = TypeVar("T")


class VirtualClock:
    """Time that advances to the next sleeper's deadline once all tasks are idle."""

    def __init__(self) -> None:
        self.t = 0.0
        self._timers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = 0

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._seq += 1
        heapq.heappush(self._timers, (self.t + seconds, self._seq, fut))
        await fut

    async def run(self, main: Coroutine[Any, Any, T], *, limit: float = 1e7) -> T:
        """Run ``main`` to completion in virtual time (at most ``limit`` virtual seconds)."""
        task = asyncio.ensure_future(main)
        try:
            while not task.done():
                await _until_idle()
                if task.done():
                    break
                while self._timers and self._timers[0][2].done():
                    heapq.heappop(self._timers)
                if not self._timers:
                    raise RuntimeError("deadlock: every task waits and no timer is set")
                when = self._timers[0][0]
                if when > limit:
                    raise RuntimeError(f"virtual time passed {limit}")
                self.t = max(self.t, when)
                while self._timers and self._timers[0][0] <= self.t:
                    fut = heapq.heappop(self._timers)[2]
                    if not fut.done():
                        fut.set_result(None)
            return task.result()
        finally:
            if not task.done():
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)


async def _until_idle() -> None:
    """Yield until no other callback is ready: every task waits on a timer or an event."""
    ready = getattr(asyncio.get_running_loop(), "_ready", None)
    for _ in range(100_000):
        await asyncio.sleep(0)
        if not ready:
            await asyncio.sleep(0)
            if not ready:
                return


class SimServer:
    """A strict sliding window of ``limit`` units per ``window`` on arrival times."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.arrivals: list[tuple[float, int, str]] = []  # (time, units, who)
        self.rejected = 0

    def arrive(self, at: float, units: int, who: str = "us") -> tuple[int, int]:
        """Count an arrival; ``(status, remaining)`` as the server would answer."""
        used = sum(u for t, u, _ in self.arrivals if t > at - self.window)
        if used + units > self.limit:
            self.rejected += 1
            return 429, max(0, self.limit - used)
        self.arrivals.append((at, units, who))
        return 200, self.limit - used - units

    def most_in_any_window(self, who: str | None = None) -> int:
        return most_in_any_window(
            [(t, u) for t, u, w in self.arrivals if who is None or w == who], self.window
        )


def most_in_any_window(sends: list[tuple[float, int]], window: float) -> int:
    """The most units in any half-open interval of ``window`` seconds."""
    sends = sorted(sends)
    most = total = j = 0
    for i in range(len(sends)):
        while j < len(sends) and sends[j][0] < sends[i][0] + window:
            total += sends[j][1]
            j += 1
        most = max(most, total)
        total -= sends[i][1]
    return most


Delay = Callable[[random.Random], float]


async def simulated_request(
    limiter: Any,
    clock: VirtualClock,
    server: SimServer,
    *,
    cost: int,
    write: bool,
    there: float,
    back: float,
    waits: list[float] | None = None,
    who: str = "us",
) -> int:
    """One request: take budget, travel ``there``, be counted, travel ``back``, report."""
    asked = clock.now()
    await limiter.acquire(cost, write=write)
    sent = clock.now()
    if waits is not None:
        waits.append(sent - asked)
    await clock.sleep(there)
    status, remaining = server.arrive(clock.now(), cost, who)
    await clock.sleep(back)
    result = limiter.observe(
        RateLimitInfo(
            status=status,
            limit=server.limit,
            remaining=remaining,
            retry_after=0.5 if status == 429 else None,
            sent_at=sent,
            latency=clock.now() - sent,
            cost=cost,
            write=write,
        )
    )
    if isinstance(result, Awaitable):
        await result
    return status
