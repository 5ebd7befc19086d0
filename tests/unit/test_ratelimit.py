"""The account limiter's promise: at most ``per_minute`` units in ANY window of arrivals.

Time is virtual (``_sim.VirtualClock``): each test simulates minutes of requests that
travel to a strict sliding-window server and back with jittered latency, in a
fraction of a second, with the same result on a busy machine.
"""

from __future__ import annotations

import asyncio
import math
import random

import pytest
from _sim import SimServer, VirtualClock, most_in_any_window, simulated_request
from aiolimiter import AsyncLimiter

from helpscout_async.ratelimit import (
    AccountLimiter,
    Limiter,
    PauseTooLong,
    RateLimit,
    RateLimitInfo,
)


async def hammer(
    limiter: AccountLimiter,
    clock: VirtualClock,
    server: SimServer,
    *,
    tasks: int,
    until: float,
    writes: float = 0.0,
    there: tuple[float, float] = (0.05, 0.5),
    back: float = 0.01,
    seed: int = 7,
    who: str = "us",
) -> list[int]:
    """``tasks`` workers sending back to back until virtual time ``until``; their statuses."""
    rng = random.Random(seed)
    statuses: list[int] = []

    async def worker() -> None:
        while clock.now() < until:
            write = rng.random() < writes
            status = await simulated_request(
                limiter,
                clock,
                server,
                cost=2 if write else 1,
                write=write,
                there=rng.uniform(*there),
                back=back,
                who=who,
            )
            statuses.append(status)

    await asyncio.gather(*(worker() for _ in range(tasks)))
    return statuses


def use(server: SimServer, start: float, end: float) -> float:
    units = sum(u for t, u, _ in server.arrivals if start <= t <= end)
    return units / (server.limit * (end - start) / server.window)


async def test_never_more_than_the_limit_in_any_window_of_arrivals() -> None:
    clock = VirtualClock()
    policy = RateLimit(per_minute=200, window=60.0, writes_per_burst=12, burst_window=5.0)
    limiter = AccountLimiter(policy, clock=clock)
    server = SimServer(200, 60.0)
    statuses = await clock.run(
        hammer(limiter, clock, server, tasks=40, until=600.0, writes=0.3, there=(0.05, 3.0))
    )
    assert statuses.count(429) == 0
    assert server.most_in_any_window() <= 200
    writes = [(t, 1) for t, u, _ in server.arrivals if u == 2]
    assert most_in_any_window(writes, 5.0) <= 12
    assert limiter.others == 0  # latency jitter alone never invents other clients


async def test_full_use_when_latency_is_large_against_the_window() -> None:
    """200 per 2 s with 0.05-0.5 s on the way there: no cap of in-flight or margin stops it."""
    clock = VirtualClock()
    limiter = AccountLimiter(
        RateLimit(per_minute=200, window=2.0, writes_per_burst=None), clock=clock
    )
    server = SimServer(200, 2.0)
    statuses = await clock.run(hammer(limiter, clock, server, tasks=80, until=16.0))
    assert statuses.count(429) == 0
    assert server.most_in_any_window() <= 200
    # The ceiling of any client that keeps the bound: W / (W + mean trip - least trip).
    ceiling = 2.0 / (2.0 + 0.275 + 0.01 - 0.025)
    assert use(server, 0.0, 16.0) >= 0.97 * ceiling
    assert limiter.others == 0


async def test_an_idle_budget_serves_at_once_and_bursts_after_idle_hold_the_bound() -> None:
    """Bursts after idling, the first requests of each on cold connections (slow trips)."""
    clock = VirtualClock()
    policy = RateLimit(per_minute=100, window=3.0, writes_per_burst=None)
    limiter = AccountLimiter(policy, clock=clock)
    server = SimServer(100, 3.0)
    rng = random.Random(3)
    waits: list[float] = []

    async def burst(n: int) -> list[int]:
        async def one(k: int) -> int:
            cold = 0.4 if k < 10 else 0.0  # a handshake before the first requests arrive
            return await simulated_request(
                limiter,
                clock,
                server,
                cost=1,
                write=False,
                there=cold + rng.uniform(0.01, 0.05),
                back=0.005,
                waits=waits,
            )

        return list(await asyncio.gather(*(one(k) for k in range(n))))

    async def scenario() -> list[int]:
        got: list[int] = []
        for _ in range(4):
            got += await burst(250)
            await clock.sleep(rng.uniform(3.0, 9.0))  # idle
            # sporadic calls on the idle budget: none waits
            for _ in range(5):
                before = len(waits)
                got += await burst(1)
                assert waits[before] == 0.0
                await clock.sleep(0.5)
        return got

    statuses = await clock.run(scenario())
    assert statuses.count(429) == 0
    assert server.most_in_any_window() <= 100
    # 250 requests need at least two slides of the window; burst credit makes it about that.
    first = sorted(t for t, _, _ in server.arrivals)[:250]
    assert first[-1] - first[0] < 2 * 3.0 + 1.0


async def test_leaves_what_other_clients_spend() -> None:
    """Another integration of the account spends 40 a window with its own limiter."""
    clock = VirtualClock()
    policy = RateLimit(per_minute=100, window=1.0, writes_per_burst=None)
    limiter = AccountLimiter(policy, clock=clock)
    theirs = AccountLimiter(
        RateLimit(per_minute=40, window=1.0, writes_per_burst=None, adopt_server_limit=False),
        clock=clock,
    )
    server = SimServer(100, 1.0)

    async def both() -> tuple[list[int], list[int]]:
        other = asyncio.ensure_future(
            hammer(theirs, clock, server, tasks=10, until=20.0, there=(0.01, 0.03), who="other")
        )
        await clock.sleep(1.0)
        ours = await hammer(limiter, clock, server, tasks=5, until=20.0, there=(0.01, 0.03))
        return ours, await other

    ours, other = await clock.run(both())
    # The estimate is a lower bound (what the server counted beyond every unit of ours
    # that may have arrived, in flight included), so it is low by up to what is in
    # flight; it is never invented (see the first test), and it does not crowd out.
    assert limiter.others > 0
    assert ours.count(429) + other.count(429) == 0
    assert server.most_in_any_window("other") == 40
    assert server.most_in_any_window() <= 100


async def test_many_callers_at_once_do_not_run_into_another_clients_use() -> None:
    """200 callers at once beside another integration: the answers to a burst all come
    while many of ours are in flight, so they cannot tell our use from the other's; the
    limiter must not let the estimate of others go blind (0 429s for either)."""
    clock = VirtualClock()
    policy = RateLimit(per_minute=200, window=1.0, writes_per_burst=None)
    limiter = AccountLimiter(policy, clock=clock)
    theirs = AccountLimiter(
        RateLimit(per_minute=66, window=1.0, writes_per_burst=None, adopt_server_limit=False),
        clock=clock,
    )
    server = SimServer(200, 1.0)

    async def both() -> tuple[list[int], list[int]]:
        other = asyncio.ensure_future(
            hammer(theirs, clock, server, tasks=66, until=20.0, there=(0.01, 0.03), who="other")
        )
        await clock.sleep(1.0)
        ours = await hammer(limiter, clock, server, tasks=200, until=20.0, there=(0.01, 0.03))
        return ours, await other

    ours, other = await clock.run(both())
    assert ours.count(429) + other.count(429) == 0
    assert server.most_in_any_window() <= 200
    assert limiter.others > 0


async def test_adopts_the_servers_limit() -> None:
    clock = VirtualClock()
    limiter = AccountLimiter(RateLimit(per_minute=200, window=1.0), clock=clock)
    server = SimServer(400, 1.0)
    statuses = await clock.run(
        hammer(limiter, clock, server, tasks=60, until=5.0, there=(0.01, 0.02))
    )
    assert limiter.limit == 400
    assert statuses.count(429) == 0
    assert 300 < server.most_in_any_window() <= 400


async def test_before_any_answer_a_quarter_goes_then_the_rest() -> None:
    clock = VirtualClock()
    limiter = AccountLimiter(
        RateLimit(per_minute=100, window=60.0, writes_per_burst=None), clock=clock
    )

    async def scenario() -> tuple[int, int]:
        tasks = [asyncio.ensure_future(limiter.acquire(1, write=False)) for _ in range(100)]
        await clock.sleep(0.001)
        first = sum(t.done() for t in tasks)
        limiter.observe(RateLimitInfo(status=200, limit=100, remaining=75, latency=0.001, cost=1))
        await clock.sleep(0.001)
        second = sum(t.done() for t in tasks)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return first, second

    first, second = await clock.run(scenario())
    assert first == 25
    assert second == 100


async def test_a_429_pauses_everyone_for_at_most_a_window() -> None:
    clock = VirtualClock()
    limiter = AccountLimiter(RateLimit(per_minute=1000, window=10.0), clock=clock)

    async def scenario() -> list[float]:
        limiter.observe(RateLimitInfo(status=429, retry_after=86400.0))
        assert limiter.paused_for() == pytest.approx(10.0)
        start = clock.now()
        await asyncio.gather(*(limiter.acquire(1, write=False) for _ in range(3)))
        return [clock.now() - start]

    (waited,) = await clock.run(scenario())
    assert waited == pytest.approx(10.0)


async def test_max_pause_bounds_the_wait_in_a_pause() -> None:
    clock = VirtualClock()
    limiter = AccountLimiter(RateLimit(per_minute=1000, window=10.0), clock=clock)

    async def scenario() -> float:
        limiter.pause(4.0)
        with pytest.raises(PauseTooLong) as info:
            await limiter.acquire(1, write=False, max_pause=3.0)
        assert info.value.seconds == pytest.approx(4.0)
        assert clock.now() == 0.0  # raised at once, nothing taken
        assert limiter.held() == 0
        return await limiter.acquire(1, write=False, max_pause=5.0)

    assert await clock.run(scenario()) == pytest.approx(4.0)


async def test_a_failed_or_cancelled_request_gives_its_units_back_a_window_later() -> None:
    clock = VirtualClock()
    limiter = AccountLimiter(
        RateLimit(per_minute=10, window=1.0, writes_per_burst=None), clock=clock
    )

    async def scenario() -> None:
        limiter.observe(RateLimitInfo(status=200, remaining=10, limit=10))  # informed
        for _ in range(10):
            await limiter.acquire(1, write=False)
        assert limiter.held() == 10
        await clock.sleep(0.5)
        for _ in range(10):
            limiter.observe(RateLimitInfo(status=0, latency=0.5, cost=1))
        assert limiter.held() == 10  # they may have arrived just now
        await clock.sleep(1.01)
        assert limiter.held() == 0

    await clock.run(scenario())


async def test_naive_aiolimiter_admits_about_double_in_the_first_window() -> None:
    """Why the limiter is not ``AsyncLimiter(N, W)``: it lets ~2N through at first."""

    class Naive:
        def __init__(self) -> None:
            self.bucket = AsyncLimiter(30, 0.4)

        async def acquire(self, cost: int, *, write: bool, max_pause: float | None = None) -> float:
            await self.bucket.acquire(cost)
            return 0.0

        def observe(self, info: RateLimitInfo) -> None:
            pass

    naive: Limiter = Naive()
    loop = asyncio.get_running_loop()
    sends: list[tuple[float, int]] = []
    stop = loop.time() + 1.0

    async def worker() -> None:
        while loop.time() < stop:
            await naive.acquire(1, write=False)
            sends.append((loop.time(), 1))

    await asyncio.gather(*(worker() for _ in range(40)))
    assert most_in_any_window(sends, 0.4) >= 55


@pytest.mark.parametrize(
    ("options", "error", "named"),
    [
        ({"per_minute": 0}, ValueError, "per_minute"),
        ({"per_minute": 2.5}, TypeError, "per_minute"),
        ({"per_minute": True}, TypeError, "per_minute"),
        ({"window": -1}, ValueError, "window"),
        ({"window": math.inf}, ValueError, "window"),
        ({"window": math.nan}, ValueError, "window"),
        ({"window": "60"}, TypeError, "window"),
        ({"burst_window": math.inf}, ValueError, "burst_window"),
        ({"write_weight": 1.5}, TypeError, "write_weight"),
        ({"writes_per_burst": 1}, ValueError, "writes_per_burst"),
        ({"writes_per_burst": 6.0}, TypeError, "writes_per_burst"),
        ({"max_margin_fraction": -1}, ValueError, "max_margin_fraction"),
        ({"max_margin_fraction": math.nan}, ValueError, "max_margin_fraction"),
        ({"adopt_server_limit": "yes"}, TypeError, "adopt_server_limit"),
    ],
)
def test_policy_rejects_nonsense(
    options: dict[str, object], error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named):
        RateLimit(**options)  # type: ignore[arg-type]


async def test_acquire_rejects_a_bad_cost() -> None:
    limiter = AccountLimiter(RateLimit(per_minute=100, window=1.0))
    with pytest.raises(ValueError, match="cost"):
        await limiter.acquire(0, write=False)
    with pytest.raises(TypeError, match="cost"):
        await limiter.acquire(1.5, write=False)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_pause"):
        await limiter.acquire(1, write=False, max_pause=math.nan)


def test_cost_and_scaling() -> None:
    policy = RateLimit()
    assert policy.cost("GET") == 1
    assert policy.cost("patch") == 2
    scaled = policy.scaled(0.1)
    assert scaled.window == pytest.approx(6.0)
    assert scaled.burst_window == pytest.approx(0.5)
