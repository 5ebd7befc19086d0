"""The account limiter's promise: at most ``per_minute`` units in ANY window of sends."""

from __future__ import annotations

import asyncio
import random

import pytest
from aiolimiter import AsyncLimiter

from helpscout_async.ratelimit import AccountLimiter, Limiter, RateLimit, RateLimitInfo


def most_in_any_window(sends: list[tuple[float, int]], window: float) -> int:
    """The most units in any closed interval of ``window`` seconds (windows start at sends)."""
    sends = sorted(sends)
    most = 0
    j = 0
    total = 0
    for i in range(len(sends)):
        while j < len(sends) and sends[j][0] <= sends[i][0] + window:
            total += sends[j][1]
            j += 1
        most = max(most, total)
        total -= sends[i][1]
    return most


async def record_sends(
    limiter: Limiter, *, tasks: int, duration: float, writes: float
) -> list[tuple[float, int]]:
    """Hammer ``limiter`` from many tasks for ``duration`` seconds; return (send time, cost)."""
    loop = asyncio.get_running_loop()
    sends: list[tuple[float, int]] = []
    stop = loop.time() + duration
    rng = random.Random(7)

    async def worker() -> None:
        while loop.time() < stop:
            write = rng.random() < writes
            cost = 2 if write else 1
            await limiter.acquire(cost, write=write)
            sends.append((loop.time(), cost))

    async with asyncio.timeout(duration + 5):
        await asyncio.gather(*(worker() for _ in range(tasks)))
    return sends


async def test_never_more_than_the_limit_in_any_window() -> None:
    policy = RateLimit(per_minute=40, window=0.25, writes_per_burst=None)
    sends = await record_sends(AccountLimiter(policy), tasks=20, duration=2.5, writes=0.3)
    worst = most_in_any_window(sends, policy.window)
    assert worst <= policy.per_minute, f"worst window held {worst} units"
    # and the budget is really used: close to the limit over the whole run
    windows = (sends[-1][0] - sends[0][0]) / policy.window
    used = sum(cost for _, cost in sends[:-1]) / (policy.per_minute * windows)
    assert used >= 0.9
    print(f"limiter: {windows:.0f} windows, worst {worst}/{policy.per_minute}, used {used:.1%}")


async def test_naive_aiolimiter_admits_about_double_in_the_first_window() -> None:
    """Why the limiter is composed as it is: AsyncLimiter(N, W) lets ~2N through at first."""

    class Naive:
        def __init__(self) -> None:
            self.bucket = AsyncLimiter(30, 0.4)

        async def acquire(self, cost: int, *, write: bool) -> None:
            await self.bucket.acquire(cost)

        def observe(self, info: RateLimitInfo) -> None:
            pass

    sends = await record_sends(Naive(), tasks=40, duration=1.0, writes=0.0)
    assert most_in_any_window(sends, 0.4) >= 55


async def test_write_burst_rule_holds_for_sends() -> None:
    policy = RateLimit(per_minute=400, window=1.0, writes_per_burst=6, burst_window=0.5)
    sends = await record_sends(AccountLimiter(policy), tasks=4, duration=2.0, writes=0.6)
    writes = [(t, 1) for t, cost in sends if cost == 2]
    assert most_in_any_window(writes, policy.burst_window) <= 6
    assert most_in_any_window(sends, policy.window) <= 400


async def test_adopts_the_servers_limit() -> None:
    limiter = AccountLimiter(RateLimit(per_minute=200, window=1.0))
    limiter.observe(RateLimitInfo(status=200, limit=400, remaining=399))
    assert limiter.limit == 400
    sends = await record_sends(limiter, tasks=4, duration=1.5, writes=0.0)
    assert most_in_any_window(sends, 1.0) <= 400
    assert most_in_any_window(sends, 1.0) > 300


async def test_leaves_what_other_clients_spend() -> None:
    limiter = AccountLimiter(RateLimit(per_minute=100, window=1.0, writes_per_burst=None))
    # The server says 60 units were spent in its window, none of them ours.
    limiter.observe(RateLimitInfo(status=200, limit=100, remaining=40))
    assert limiter.others == 60
    assert limiter.usable == 40
    sends = await record_sends(limiter, tasks=5, duration=2.0, writes=0.0)
    assert most_in_any_window(sends, 1.0) <= 40


async def test_small_differences_are_noise_not_others() -> None:
    limiter = AccountLimiter(RateLimit(per_minute=100, window=1.0))
    await limiter.acquire(1, write=False)
    limiter.observe(RateLimitInfo(status=200, limit=100, remaining=96))
    assert limiter.others == 0


async def test_a_429_pauses_everyone_sharing_the_budget() -> None:
    loop = asyncio.get_running_loop()
    limiter = AccountLimiter(RateLimit(per_minute=1000, window=1.0))
    limiter.observe(RateLimitInfo(status=429, retry_after=0.3))
    start = loop.time()
    await asyncio.gather(*(limiter.acquire(1, write=False) for _ in range(3)))
    assert loop.time() - start >= 0.29


async def test_margin_grows_with_latency_spread() -> None:
    limiter = AccountLimiter(RateLimit(per_minute=100, window=1.0))
    before = limiter._slot()
    limiter.observe(RateLimitInfo(status=200, latency=0.01))
    limiter.observe(RateLimitInfo(status=200, latency=0.06))
    assert limiter.margin == pytest.approx(0.05)
    assert limiter._slot() > before


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="per_minute"):
        RateLimit(per_minute=0)
    with pytest.raises(ValueError, match="window"):
        RateLimit(window=-1)
    with pytest.raises(ValueError, match="writes_per_burst"):
        RateLimit(writes_per_burst=1)


def test_cost_and_scaling() -> None:
    policy = RateLimit()
    assert policy.cost("GET") == 1
    assert policy.cost("patch") == 2
    scaled = policy.scaled(0.1)
    assert scaled.window == pytest.approx(6.0)
    assert scaled.burst_window == pytest.approx(0.5)
