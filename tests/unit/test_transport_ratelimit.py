"""What a 429 may do to the shared budget, and how long a call may wait for it (issue 10).

Each test runs a small aiohttp app on loopback and counts what reached it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web

import helpscout_async as hs
from helpscout_async.ratelimit import AccountLimiter, RateLimit

Serve = Callable[[web.Application], Awaitable[str]]


def app_answering(retry_after: str, counts: dict[str, int]) -> web.Application:
    """``/users/me`` always answers 429 with ``retry_after``; ``/mailboxes`` is healthy."""

    async def limited(request: web.Request) -> web.Response:
        counts["429"] = counts.get("429", 0) + 1
        return web.json_response(
            {"message": "slow down"},
            status=429,
            headers={"X-RateLimit-Retry-After": retry_after, "Retry-After": retry_after},
        )

    async def healthy(request: web.Request) -> web.Response:
        counts["ok"] = counts.get("ok", 0) + 1
        return web.json_response({"page": {"size": 50, "totalElements": 0, "totalPages": 0}})

    app = web.Application()
    app.router.add_get("/v2/users/me", limited)
    app.router.add_get("/v2/mailboxes", healthy)
    return app


POLICY = RateLimit(per_minute=1000, window=0.3, writes_per_burst=None)


@pytest.mark.parametrize("retry_after", ["86400", "1e9", "Fri, 31 Dec 9999 23:59:59 GMT"])
async def test_a_huge_retry_after_raises_and_never_freezes_the_shared_budget(
    serve: Serve, retry_after: str
) -> None:
    counts: dict[str, int] = {}
    base = await serve(app_answering(retry_after, counts))
    shared = AccountLimiter(POLICY)
    async with (
        hs.HelpScout(access_token="t", base_url=base, limiter=shared, max_wait=5.0) as got_it,
        hs.HelpScout(access_token="t", base_url=base, limiter=shared) as neighbour,
    ):
        with pytest.raises(hs.RateLimited) as info:
            await got_it.users.me()
        assert counts["429"] == 1  # the caller that cannot wait a day is told at once
        assert info.value.retry_after is not None
        assert info.value.retry_after > 80000
        assert shared.paused_for() <= POLICY.window  # one answer imposes one window at most
        async with asyncio.timeout(10):
            await neighbour.mailboxes.list().first_page()
    assert counts["ok"] == 1


async def test_max_wait_bounds_concurrent_callers_in_a_shared_pause(serve: Serve) -> None:
    """40 callers, max_wait 0.5 s, a 429 storm: the pause each waits out counts."""
    counts: dict[str, int] = {}
    base = await serve(app_answering("0.2", counts))
    policy = RateLimit(per_minute=1000, window=1.0, writes_per_burst=None)
    loop = asyncio.get_running_loop()
    async with hs.HelpScout(
        access_token="t", base_url=base, rate_limit=policy, max_wait=0.5, max_retries=50
    ) as client:
        started = loop.time()
        results = await asyncio.gather(
            *(client.users.me() for _ in range(40)), return_exceptions=True
        )
        elapsed = loop.time() - started
    assert all(isinstance(r, hs.RateLimited) for r in results)
    # Each caller waits at most 0.5 s in sleeps and pauses together: about 3 tries each.
    assert counts["429"] <= 40 * 4
    assert elapsed < 4.0, f"40 callers with max_wait=0.5 took {elapsed:.1f} s"


async def test_raise_on_rate_limit_raises_at_once_while_the_budget_is_paused(
    serve: Serve,
) -> None:
    counts: dict[str, int] = {}
    base = await serve(app_answering("5", counts))
    policy = RateLimit(per_minute=1000, window=10.0, writes_per_burst=None)
    loop = asyncio.get_running_loop()
    async with hs.HelpScout(
        access_token="t", base_url=base, rate_limit=policy, raise_on_rate_limit=True
    ) as client:
        with pytest.raises(hs.RateLimited):
            await client.users.me()
        started = loop.time()
        with pytest.raises(hs.RateLimited) as info:
            await client.mailboxes.list().first_page()
        assert loop.time() - started < 2.0  # not the 5 s pause
    assert counts == {"429": 1}  # the second call never left
    assert info.value.retry_after is not None
    assert 0 < info.value.retry_after <= 5


async def test_a_request_without_an_answer_is_settled_in_the_limiter(serve: Serve) -> None:
    hits: list[int] = []

    async def drop(request: web.Request) -> web.Response:
        hits.append(1)
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    app = web.Application()
    app.router.add_get("/v2/users/me", drop)
    base = await serve(app)
    limiter = AccountLimiter(RateLimit(per_minute=1000, window=1.0, writes_per_burst=None))
    async with hs.HelpScout(
        access_token="t", base_url=base, limiter=limiter, max_retries=2, max_wait=1.0
    ) as client:
        with pytest.raises(hs.TransportError):
            await client.users.me()
        sent = client.requests_sent
    assert hits
    assert limiter._minute.pending_units == 0
    assert limiter.held() == sent >= 1  # each counted until a window after its failure
