"""The server-side rate budget: exact header accounting in fixed and sliding windows."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aiohttp
import pytest
from _fake_support import Api, Clock, session, small_store

from helpscout_async.testing import FakeHelpScout, FakeRateLimits, FaultRule
from helpscout_async.testing._limits import RateLimiter

__all__ = ["session"]


def _limiter(clock: Clock, **config: Any) -> RateLimiter:
    return RateLimiter(FakeRateLimits(**config), clock)


def _take(limiter: RateLimiter, method: str = "GET") -> tuple[bool, int, str | None]:
    decision = limiter.acquire(method)
    headers = limiter.headers(decision)
    return (
        decision.allowed,
        int(headers["X-RateLimit-Remaining-Minute"]),
        headers.get("X-RateLimit-Retry-After"),
    )


def test_fixed_window_accounting() -> None:
    clock = Clock(1000.0)
    limiter = _limiter(clock, per_minute=5, window=1.0, mode="fixed")
    clock.advance(0.1)
    assert [_take(limiter)[1] for _ in range(5)] == [4, 3, 2, 1, 0]
    assert _take(limiter) == (False, 0, "0.90")  # until the window ends
    clock.advance(0.5)
    assert _take(limiter, "POST") == (False, 0, "0.40")
    clock.advance(0.4)  # t = 1001.0: a new window, aligned on the start
    assert _take(limiter, "POST") == (True, 3, None)
    assert _take(limiter, "DELETE") == (True, 1, None)
    assert _take(limiter, "PUT") == (False, 1, "1.00")  # a write needs 2
    assert _take(limiter, "GET") == (True, 0, None)  # the rejected write spent nothing


def test_sliding_window_accounting() -> None:
    clock = Clock(0.0)
    limiter = _limiter(clock, per_minute=5, window=1.0, mode="sliding")
    assert _take(limiter) == (True, 4, None)  # t=0.0
    clock.now = 0.25
    assert _take(limiter) == (True, 3, None)
    clock.now = 0.375
    assert _take(limiter, "PATCH") == (True, 1, None)
    clock.now = 0.5
    assert _take(limiter) == (True, 0, None)
    clock.now = 0.625
    assert _take(limiter) == (False, 0, "0.38")  # the t=0.0 arrival frees 1 at 1.0
    assert _take(limiter, "POST") == (False, 0, "0.63")  # 2 units: wait for t=0.25 too
    clock.now = 1.0
    assert _take(limiter) == (True, 0, None)
    clock.now = 1.375  # t=0.25 and the PATCH at 0.375 have left
    assert limiter.remaining() == 3


def test_real_minute_sends_whole_seconds() -> None:
    clock = Clock(0.0)
    limiter = _limiter(clock, per_minute=2, mode="sliding")
    _take(limiter)
    clock.advance(10.2)
    _take(limiter)
    assert _take(limiter) == (False, 0, "50")  # ceil(49.8)


def test_write_burst_rule_scales_with_the_window() -> None:
    clock = Clock(0.0)
    limiter = _limiter(clock, per_minute=100, window=6.0, writes_per_5s=2, mode="sliding")
    assert _take(limiter, "POST")[0]
    assert _take(limiter, "PUT")[0]
    allowed, remaining, retry = _take(limiter, "DELETE")
    assert (allowed, remaining, retry) == (False, 96, "0.50")  # burst window is 0.5 s
    assert _take(limiter, "GET")[0]  # reads are not writes
    clock.advance(0.5)
    assert _take(limiter, "DELETE")[0]


def test_config_is_checked() -> None:
    with pytest.raises(ValueError, match="mode"):
        FakeRateLimits(mode="leaky")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive"):
        FakeRateLimits(window=0)


@pytest.mark.parametrize("mode", ["fixed", "sliding"])
async def test_headers_over_http(session: aiohttp.ClientSession, mode: str) -> None:
    clock = Clock(50.0)
    limits = FakeRateLimits(per_minute=5, window=2.0, mode=mode)  # type: ignore[arg-type]
    async with FakeHelpScout(store=small_store(2), rate_limit=limits, clock=clock) as fake:
        api = Api(fake, session)
        seen = []
        for method, path in (("GET", "/users/me"), ("POST", "/conversations/1000/notes")):
            status, headers, _ = await api.call(method, path, json_body={"text": "n"})
            seen.append((status, headers["X-RateLimit-Remaining-Minute"]))
            assert headers["X-RateLimit-Limit-Minute"] == "5"
        assert seen == [(200, "4"), (201, "2")]
        # token requests are free
        form = {"grant_type": "client_credentials"}
        form.update(client_id=fake.client_id, client_secret=fake.client_secret)
        async with session.post(fake.token_url, data=form) as resp:
            assert resp.status == 200
        assert (await api.call("DELETE", "/conversations/1001"))[1][
            "X-RateLimit-Remaining-Minute"
        ] == "0"
        clock.advance(0.5)
        status, headers, body = await api.call("GET", "/mailboxes")
        assert status == 429
        assert body == {"message": "API rate limit exceeded"}
        assert headers["X-RateLimit-Remaining-Minute"] == "0"
        assert headers["X-RateLimit-Retry-After"] == "1.50"
        clock.advance(1.5)
        status, headers, _ = await api.call("GET", "/mailboxes")
        assert status == 200
        # fixed: a fresh window; sliding: every arrival (all at t=50.0) has left
        assert headers["X-RateLimit-Remaining-Minute"] == "4"
        metrics = fake.metrics.snapshot()
        assert metrics["rateLimited"] == 1
        assert metrics["unitsSpent"] == 6


async def test_unauthorized_requests_spend_nothing(session: aiohttp.ClientSession) -> None:
    async with FakeHelpScout(store=small_store(0), rate_limit=FakeRateLimits(per_minute=3)) as fake:
        async with session.get(f"{fake.base_url}/users/me") as resp:
            assert resp.status == 401
            assert resp.headers["X-RateLimit-Remaining-Minute"] == "3"
        _, headers, _ = await Api(fake, session).call("GET", "/users/me")
        assert headers["X-RateLimit-Remaining-Minute"] == "2"


async def test_limits_off(session: aiohttp.ClientSession) -> None:
    for limits in (None, FakeRateLimits(per_minute=1, enabled=False)):
        async with FakeHelpScout(store=small_store(0), rate_limit=limits) as fake:
            api = Api(fake, session)
            for _ in range(5):
                status, headers, _ = await api.call("GET", "/users/me")
                assert status == 200
                assert "X-RateLimit-Remaining-Minute" not in headers


async def test_real_time_small_window(session: aiohttp.ClientSession) -> None:
    limits = FakeRateLimits(per_minute=4, window=0.6, mode="sliding")
    async with FakeHelpScout(store=small_store(0), rate_limit=limits) as fake:
        api = Api(fake, session)
        statuses = [(await api.call("GET", "/users/me"))[0] for _ in range(4)]
        assert statuses == [200] * 4
        status, headers, _ = await api.call("GET", "/users/me")
        assert status == 429
        wait = float(headers["X-RateLimit-Retry-After"])
        assert 0 < wait <= 0.6
        await asyncio.sleep(wait + 0.02)
        assert (await api.call("GET", "/users/me"))[0] == 200


async def test_fixed_window_lets_a_double_burst_through(session: aiohttp.ClientSession) -> None:
    clock = Clock(0.0)
    limits = FakeRateLimits(per_minute=3, window=1.0, mode="fixed")
    async with FakeHelpScout(store=small_store(0), rate_limit=limits, clock=clock) as fake:
        api = Api(fake, session)
        clock.advance(0.95)
        for _ in range(3):
            assert (await api.call("GET", "/users/me"))[0] == 200
        clock.advance(0.1)  # the next fixed window
        for _ in range(3):
            assert (await api.call("GET", "/users/me"))[0] == 200
        assert (await api.call("GET", "/users/me"))[0] == 429
        snap = fake.metrics.snapshot()
    assert snap["maxUnitsInWindow"] == 6  # measured as a sliding window
    assert [p[1] for p in snap["points"]] == [1] * 6


async def test_latency_is_applied_before_counting(session: aiohttp.ClientSession) -> None:
    limits = FakeRateLimits(per_minute=10, window=60.0)
    slow_first = FaultRule("latency", at=(1,), delay=0.3)
    async with FakeHelpScout(store=small_store(0), rate_limit=limits, faults=[slow_first]) as fake:
        api = Api(fake, session)
        started = time.perf_counter()
        slow = asyncio.create_task(api.call("GET", "/users/me"))
        await asyncio.sleep(0.05)
        fast = await api.call("GET", "/users/me")
        slow_result = await slow
        assert time.perf_counter() - started >= 0.3
    # the later request arrived first: it was counted first
    assert fast[1]["X-RateLimit-Remaining-Minute"] == "9"
    assert slow_result[1]["X-RateLimit-Remaining-Minute"] == "8"
