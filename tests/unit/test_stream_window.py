"""The stream's default window widens to rate x latency; an explicit one stays put."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import web

import helpscout_async as hs
from helpscout_async.ratelimit import AccountLimiter, RateLimit, RateLimitInfo


def slow_pages(pages: int, delay: float) -> tuple[web.Application, dict[str, int]]:
    """An API of ``pages`` conversation pages answering after ``delay``; counts in-flight."""
    seen = {"now": 0, "most": 0}

    async def handler(request: web.Request) -> web.Response:
        seen["now"] += 1
        seen["most"] = max(seen["most"], seen["now"])
        try:
            await asyncio.sleep(delay)
        finally:
            seen["now"] -= 1
        number = int(request.query.get("page", "1"))
        body = {
            "_embedded": {"conversations": [{"id": number * 100 + i} for i in range(25)]},
            "page": {
                "size": 25,
                "totalElements": pages * 25,
                "totalPages": pages,
                "number": number,
            },
        }
        return web.json_response(body)

    app = web.Application()
    app.router.add_get("/v2/conversations", handler)
    return app, seen


async def walk(base_url: str, **options: object) -> int:
    policy = hs.RateLimit(per_minute=6000, window=1.0, writes_per_burst=None)
    async with hs.HelpScout(
        access_token="t",
        base_url=base_url,
        rate_limit=policy,
        **options,  # type: ignore[arg-type]
    ) as client:
        return len(await client.conversations.list(status="all").collect())


async def test_default_window_widens_when_latency_would_idle_the_budget(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    app, seen = slow_pages(40, 0.05)
    assert await walk(await serve(app)) == 1000
    # 100 units/s x 0.05 s x 1.25 + 1 = 8 in flight: more than the floor of 4.
    assert seen["most"] > 4


async def test_an_explicit_concurrency_is_kept(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    app, seen = slow_pages(20, 0.05)
    assert await walk(await serve(app), concurrency=3) == 500
    assert seen["most"] == 3


def test_no_burst_look_ahead_while_other_clients_spend_the_budget() -> None:
    async def check() -> None:
        limiter = AccountLimiter(RateLimit(per_minute=600, window=60.0, writes_per_burst=None))
        limiter.observe(RateLimitInfo(status=200, limit=600, remaining=600, latency=1.0))
        assert limiter.lookahead() == 600  # alone and idle: the whole burst
        # The server counted 100 more than anything of ours could have been.
        limiter.observe(RateLimitInfo(status=200, limit=600, remaining=500, latency=1.0))
        assert limiter.others == 100
        assert limiter.lookahead() == limiter.parallelism() < 600  # the pace's need only

    asyncio.run(check())


def test_parallelism_is_rate_times_latency_and_lookahead_the_burst() -> None:
    async def check() -> None:
        limiter = AccountLimiter(RateLimit(per_minute=600, window=60.0, writes_per_burst=None))
        assert limiter.parallelism() == 1  # nothing measured yet
        limiter.observe(RateLimitInfo(status=200, limit=600, remaining=600, latency=0.2))
        limiter.observe(RateLimitInfo(status=200, latency=1.0))
        # 600 per 60 s = 10/s x 1.0 s x 1.25 -> 13, + 1
        assert limiter.parallelism() == 14
        assert limiter.lookahead() == 600  # an idle budget: all of it may go at once
        for _ in range(600):
            await limiter.acquire(1, write=False)
        assert limiter.lookahead() == 600  # all in flight
        for _ in range(600):
            limiter.observe(RateLimitInfo(status=200, latency=1.0, cost=1))
        assert limiter.lookahead() == 14  # a full budget: what the pace needs
        limiter.observe(RateLimitInfo(status=200, latency=30.0))
        assert limiter.parallelism() == 376  # no fixed cap: 10/s x 30 s x 1.25 + 1
        client = hs.HelpScout(access_token="t", limiter=limiter, max_connections=50)
        assert client._transport.parallelism() == 50  # bounded by the connections
        assert client._transport.lookahead() == 50

    asyncio.run(check())
