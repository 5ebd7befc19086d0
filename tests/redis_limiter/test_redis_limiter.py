"""RedisLimiter against a real redis-server and the fake's account budget (loopback only).

Each limiter has its own Redis client, as separate processes would. The fake counts
units when requests arrive and answers 429 past its sliding budget; ``raise_on_rate_limit``
turns any 429 into a failed call, so "0 429s" is checked twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from contextlib import AsyncExitStack

import pytest
import redis.asyncio as aioredis
import redis.exceptions

import helpscout_async as hs
from helpscout_async.redis_limiter import RedisLimiter
from helpscout_async.testing import FakeHelpScout, FakeRateLimits, RedisServer

WINDOW = 1.0
LIMIT = 40
POLICY = hs.RateLimit(per_minute=LIMIT, window=WINDOW, writes_per_burst=None)


def fake_server() -> FakeHelpScout:
    return FakeHelpScout(
        seed=3, conversations=20, rate_limit=FakeRateLimits(per_minute=LIMIT, window=WINDOW)
    )


async def run(
    fake: FakeHelpScout, limiters: list[RedisLimiter], calls: int, during: object = None
) -> list[hs.HelpScout]:
    """``calls`` GETs from each of one client per limiter, all at once."""
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                hs.HelpScout(
                    client_id=fake.client_id,
                    client_secret=fake.client_secret,
                    base_url=fake.base_url,
                    limiter=limiter,
                    raise_on_rate_limit=True,
                )
            )
            for limiter in limiters
        ]

        async def worker(client: hs.HelpScout) -> None:
            for _ in range(calls):
                await client.users.me()

        jobs = [worker(c) for c in clients for _ in range(4)]
        if during is not None:
            jobs.append(during)  # type: ignore[arg-type]
        await asyncio.gather(*jobs)
        for limiter in limiters:
            await limiter.aclose()
        return clients


async def test_three_processes_share_one_budget(redis_server: RedisServer) -> None:
    limiters = [RedisLimiter(redis_server.url, account="acme", rate_limit=POLICY) for _ in range(3)]
    async with fake_server() as fake:
        clients = await run(fake, limiters, calls=8)  # 96 units: over two windows' worth
        seen = fake.metrics.snapshot()
    assert seen["rateLimited"] == 0
    assert sum(c.rate_limited for c in clients) == 0
    assert 0 < seen["maxUnitsInWindow"] <= LIMIT
    assert sum(limiter.fallbacks for limiter in limiters) == 0
    # Streams through a RedisLimiter fetch pages concurrently (Little's law on latency).
    assert all(limiter.parallelism() >= 2 for limiter in limiters)


async def test_the_ledger_lives_in_redis_on_its_clock(redis_server: RedisServer) -> None:
    limiter = RedisLimiter(redis_server.url, account="k", rate_limit=POLICY)
    await limiter.acquire(1, write=False)
    await limiter.acquire(2, write=True)
    client = aioredis.Redis.from_url(redis_server.url)
    try:
        log = await client.zrange(limiter._keys["log"], 0, -1)
        assert sorted(m.decode().rsplit(":", 1)[1] for m in log) == ["1", "2"]
        await limiter.observe(hs.RateLimitInfo(status=429, retry_after=0.3, cost=1))
        assert 0 < await client.pttl(limiter._keys["pause"]) <= 300
        other = RedisLimiter(redis_server.url, account="k", rate_limit=POLICY)
        with pytest.raises(hs.ratelimit.PauseTooLong):
            await other.acquire(1, write=False, max_pause=0.01)  # the pause is shared
        await limiter.observe(hs.RateLimitInfo(status=200, limit=400, remaining=399, cost=2))
        assert await client.get(limiter._keys["limit"]) == b"400"
        await other.aclose()
    finally:
        await client.aclose()
        await limiter.aclose()


async def test_a_redis_restart_mid_run_stays_under_the_budget(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    limiters = [
        RedisLimiter(redis_server.url, account="acme", rate_limit=POLICY, retry_after=0.3)
        for _ in range(2)
    ]

    async def restart() -> None:
        await asyncio.sleep(1.2 * WINDOW)
        redis_server.stop()
        await asyncio.sleep(0.2)
        await asyncio.to_thread(redis_server.start)

    caplog.set_level(logging.WARNING, logger="helpscout_async.redis_limiter")
    async with fake_server() as fake:
        clients = await run(fake, limiters, calls=12, during=restart())
        seen = fake.metrics.snapshot()
    assert seen["requestsTotal"] >= 96  # every request completed
    assert seen["rateLimited"] == 0
    assert sum(c.rate_limited for c in clients) == 0
    assert seen["maxUnitsInWindow"] <= LIMIT
    assert sum(limiter.fallbacks for limiter in limiters) > 0  # fell back, then came back
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert 1 <= len(warnings) <= 2  # at most once per limiter


async def test_after_a_restart_every_process_writes_back_what_it_holds_before_taking(
    redis_server: RedisServer,
) -> None:
    a = RedisLimiter(redis_server.url, account="r", rate_limit=POLICY)
    b = RedisLimiter(redis_server.url, account="r", rate_limit=POLICY)
    for _ in range(6):
        await a.acquire(1, write=False)  # in flight: the server may count them any moment
    await b.acquire(2, write=True)
    await asyncio.to_thread(redis_server.restart)
    for limiter in (a, b):  # drop the pooled connection the restart broke
        with contextlib.suppress(redis.exceptions.ConnectionError):
            await limiter.redis.ping()
    await b.acquire(1, write=False)  # b meets the new epoch first
    await a.acquire(1, write=False)  # a too, though the epoch exists by now
    client = aioredis.Redis.from_url(redis_server.url)
    try:
        log = {m.decode() for m in await client.zrange(a._keys["log"], 0, -1)}
    finally:
        await client.aclose()
    ours = {f"{h.member}:{h.cost}" for limiter in (a, b) for h in limiter._held}
    assert len(ours) == 9
    assert log == ours  # nothing held before the restart is missing from the new ledger
    assert a.fallbacks == b.fallbacks == 0
    for limiter in (a, b):
        await limiter.aclose()


async def test_redis_down_from_the_start_falls_back_and_warns_once(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    url = redis_server.url
    redis_server.stop()
    limiter = RedisLimiter(url, account="acme", rate_limit=POLICY, retry_after=0.2)
    caplog.set_level(logging.WARNING, logger="helpscout_async.redis_limiter")
    async with fake_server() as fake:
        clients = await run(fake, [limiter], calls=8)
        seen = fake.metrics.snapshot()
    assert seen["rateLimited"] == 0
    assert clients[0].rate_limited == 0
    assert limiter.fallbacks == 32
    assert seen["maxUnitsInWindow"] <= LIMIT // 2  # the fallback share
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1
    assert "acme" in warnings[0].getMessage()


def test_bad_arguments_are_refused_before_any_request() -> None:
    with pytest.raises(TypeError, match="account"):
        RedisLimiter("redis://127.0.0.1:1", account="")
    with pytest.raises(ValueError, match="fallback_share"):
        RedisLimiter("redis://127.0.0.1:1", account="a", fallback_share=1.5)
    with pytest.raises(TypeError, match="url_or_client"):
        RedisLimiter(42, account="a")  # type: ignore[arg-type]
