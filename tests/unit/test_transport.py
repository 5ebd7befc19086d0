"""The transport: retries per method, waits, bounds, same-host rule, rate-limit feedback.

Most tests use aioresponses; what it cannot fake (a real timeout, a connection
dropped by the server, a refused connection) runs against a tiny aiohttp.web app on
127.0.0.1.
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import re
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import aiohttp
import pytest
from _unit_support import API, SECRET, api, calls, make_client
from aiohttp import web
from aiohttp.client_reqrep import ConnectionKey
from aioresponses import aioresponses

import helpscout_async as hs
from helpscout_async import _retry
from helpscout_async._transport import Response, encode_params, format_param

IDEMPOTENT = ["GET", "PUT", "PATCH", "DELETE"]
ALL = [*IDEMPOTENT, "POST"]
URL1 = f"{API}/things/1"
THING = api("/things/1")

Serve = Callable[[web.Application], Awaitable[str]]


def connector_error() -> aiohttp.ClientConnectorError:
    key = ConnectionKey("api.helpscout.net", 443, True, True, None, None, None)
    return aiohttp.ClientConnectorError(key, OSError(errno.ECONNREFUSED, "Connection refused"))


def retry_delays(caplog: pytest.LogCaptureFixture) -> list[float]:
    """The waits the transport logged before each retry."""
    found = []
    for record in caplog.records:
        if record.name == "helpscout_async":
            match = re.search(r"retry \d+ in ([0-9.]+)s", record.getMessage())
            if match:
                found.append(float(match.group(1)))
    return found


async def send(client: hs.HelpScout, method: str, **kwargs: Any) -> Response:
    body = None if method in ("GET", "DELETE") else {"n": 1}
    return await client._transport.request(method, "/things/1", json_body=body, **kwargs)


# -- 429 ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("method", ALL)
async def test_429_is_retried_for_every_method(mocked: aioresponses, method: str) -> None:
    mocked.add(THING, method, status=429, headers={"X-RateLimit-Retry-After": "0.01"})
    mocked.add(THING, method, status=200, payload={"ok": True})
    async with make_client() as client:
        response = await send(client, method)
        assert client.rate_limited == 1
        assert client.requests_sent == 2
    assert response.json() == {"ok": True}
    assert len(calls(mocked, method, URL1)) == 2


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({"X-RateLimit-Retry-After": "0.03", "Retry-After": "0.07"}, 0.03),
        ({"Retry-After": "0.07"}, 0.07),
        ({"X-RateLimit-Retry-After": "junk", "Retry-After": "0.05"}, 0.05),
        ({}, 0.001),  # no hint: the (patched) backoff
    ],
)
async def test_429_waits_what_the_server_says(
    mocked: aioresponses,
    caplog: pytest.LogCaptureFixture,
    headers: dict[str, str],
    wait: float,
) -> None:
    caplog.set_level(logging.INFO, logger="helpscout_async")
    mocked.get(THING, status=429, headers=headers)
    mocked.get(THING, status=200, payload={})
    async with make_client() as client:
        await send(client, "GET")
    assert retry_delays(caplog) == [pytest.approx(wait, abs=0.006)]


async def test_429_really_sleeps_the_retry_after(mocked: aioresponses) -> None:
    mocked.post(THING, status=429, headers={"X-RateLimit-Retry-After": "0.15"})
    mocked.post(THING, status=201, headers={"Resource-ID": "9"})
    async with make_client() as client:
        started = time.monotonic()
        response = await send(client, "POST")
        elapsed = time.monotonic() - started
    assert response.resource_id == 9
    assert elapsed >= 0.14


@pytest.mark.usefixtures("fast_backoff")
async def test_429_retries_end_with_rate_limited(mocked: aioresponses) -> None:
    mocked.post(THING, status=429, payload={"message": "API rate limit exceeded"}, repeat=True)
    async with make_client(max_retries=3) as client:
        with pytest.raises(hs.RateLimited) as caught:
            await send(client, "POST")
        assert client.rate_limited == 4
    assert len(calls(mocked, "POST", URL1)) == 4
    assert caught.value.message == "API rate limit exceeded"


async def test_raise_on_rate_limit_raises_at_once(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    mocked.get(THING, status=429, headers={"X-RateLimit-Retry-After": "7.5"}, repeat=True)
    async with make_client(raise_on_rate_limit=True) as client:
        caplog.set_level("INFO", logger="helpscout_async")
        with pytest.raises(hs.RateLimited) as caught:
            async with asyncio.timeout(5):  # a guard far below the 7.5 s it must not wait
                await send(client, "GET")
        assert retry_delays(caplog) == []
        assert client.rate_limit_status is not None
        assert client.rate_limit_status.retry_after == 7.5
    assert caught.value.retry_after == 7.5
    assert caught.value.status == 429
    assert len(calls(mocked, "GET", URL1)) == 1


async def test_retry_after_beyond_max_wait_raises_instead_of_sleeping(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    mocked.get(THING, status=429, headers={"Retry-After": "30"}, repeat=True)
    async with make_client(max_wait=2.0) as client:
        caplog.set_level("INFO", logger="helpscout_async")
        with pytest.raises(hs.RateLimited) as caught:
            async with asyncio.timeout(5):  # a guard far below the 30 s it must not wait
                await send(client, "GET")
        assert retry_delays(caplog) == []
    assert caught.value.retry_after == 30.0
    assert "retry after 30 s" in str(caught.value)
    assert len(calls(mocked, "GET", URL1)) == 1


# -- 5xx ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("status", [500, 502, 503, 504])
@pytest.mark.parametrize("method", IDEMPOTENT)
async def test_5xx_is_retried_for_idempotent_methods(
    mocked: aioresponses, method: str, status: int
) -> None:
    mocked.add(THING, method, status=status, payload={"message": "oops"})
    mocked.add(THING, method, status=204)
    async with make_client() as client:
        response = await send(client, method)
    assert response.status == 204
    assert len(calls(mocked, method, URL1)) == 2


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_post_is_never_resent_after_a_5xx(mocked: aioresponses, status: int) -> None:
    mocked.post(THING, status=status, payload={"message": "Internal error"}, repeat=True)
    async with make_client() as client:
        with pytest.raises(hs.ServerError) as caught:
            await send(client, "POST")
        assert client.requests_sent == 1
    assert caught.value.status == status
    assert len(calls(mocked, "POST", URL1)) == 1


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("status", [501, 505])
async def test_other_5xx_are_final(mocked: aioresponses, status: int) -> None:
    mocked.get(THING, status=status, repeat=True)
    async with make_client() as client:
        with pytest.raises(hs.ServerError):
            await send(client, "GET")
    assert len(calls(mocked, "GET", URL1)) == 1


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("status", [400, 403, 404, 409, 412, 413, 415, 423])
async def test_client_errors_are_not_retried(mocked: aioresponses, status: int) -> None:
    mocked.get(THING, status=status, payload={"message": "no"}, repeat=True)
    async with make_client() as client:
        with pytest.raises(hs.APIError) as caught:
            await send(client, "GET")
    assert caught.value.status == status
    assert len(calls(mocked, "GET", URL1)) == 1


# -- timeouts and connection errors --------------------------------------------------------

DROPPED: list[Callable[[], Exception]] = [
    lambda: TimeoutError(),
    lambda: aiohttp.ServerDisconnectedError(),
    lambda: aiohttp.ClientOSError(errno.ECONNRESET, "Connection reset by peer"),
    lambda: aiohttp.ClientPayloadError("Response payload is not completed"),
    lambda: aiohttp.ServerTimeoutError("Timeout on reading data from socket"),
]


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("make_error", DROPPED)
@pytest.mark.parametrize("method", IDEMPOTENT)
async def test_idempotent_methods_retried_after_timeout_or_drop(
    mocked: aioresponses, method: str, make_error: Callable[[], Exception]
) -> None:
    mocked.add(THING, method, exception=make_error())
    mocked.add(THING, method, status=200, payload={"n": 2})
    async with make_client() as client:
        response = await send(client, method)
    assert response.json() == {"n": 2}
    assert len(calls(mocked, method, URL1)) == 2


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("make_error", DROPPED)
async def test_post_is_never_resent_after_timeout_or_drop(
    mocked: aioresponses, make_error: Callable[[], Exception]
) -> None:
    mocked.post(THING, exception=make_error(), repeat=True)
    async with make_client() as client:
        with pytest.raises(hs.TransportError) as caught:
            await send(client, "POST")
    assert caught.value.maybe_sent is True
    assert caught.value.method == "POST"
    assert caught.value.path == "/v2/things/1"
    assert len(calls(mocked, "POST", URL1)) == 1


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("method", ALL)
async def test_refused_connection_is_retried_even_for_post(
    mocked: aioresponses, method: str
) -> None:
    mocked.add(THING, method, exception=connector_error())
    mocked.add(THING, method, exception=connector_error())
    mocked.add(THING, method, status=201, headers={"Resource-ID": "77"})
    async with make_client() as client:
        response = await send(client, method)
    assert response.resource_id == 77
    assert len(calls(mocked, method, URL1)) == 3


@pytest.mark.usefixtures("fast_backoff")
async def test_refused_connection_gives_up_with_maybe_sent_false(mocked: aioresponses) -> None:
    mocked.post(THING, exception=connector_error(), repeat=True)
    async with make_client(max_retries=2) as client:
        with pytest.raises(hs.TransportError) as caught:
            await send(client, "POST")
    assert caught.value.maybe_sent is False
    assert "could not connect" in str(caught.value)
    assert isinstance(caught.value.__cause__, aiohttp.ClientConnectorError)
    assert len(calls(mocked, "POST", URL1)) == 3


# -- every retry is the same request; bounds -----------------------------------------------


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("method", ALL)
async def test_every_retry_sends_identical_params_and_body_bytes(
    mocked: aioresponses, method: str
) -> None:
    since = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    params = {"mailbox": [1, 2], "modifiedSince": since, "draft": True, "skip": None}
    body = {"text": "héllo ✓", "tags": ["a", "b"], "n": 1.5}
    expected_url = f"{URL1}?draft=true&mailbox=1,2&modifiedSince=2024-05-01T12:00:00Z"
    pattern = re.compile(re.escape(URL1) + r"\?.*")
    mocked.add(pattern, method, status=429, headers={"X-RateLimit-Retry-After": "0"})
    mocked.add(pattern, method, exception=connector_error())
    mocked.add(pattern, method, status=204)
    async with make_client() as client:
        await client._transport.request(method, "/things/1", params=params, json_body=body)
    sent = calls(mocked, method, expected_url)
    assert len(sent) == 3
    assert json.loads(sent[0].kwargs["data"]) == body
    assert isinstance(sent[0].kwargs["data"], bytes)
    assert {c.kwargs["data"] for c in sent} == {sent[0].kwargs["data"]}
    assert all(c.kwargs["params"] == sent[0].kwargs["params"] for c in sent)
    assert all(c.kwargs["headers"] == sent[0].kwargs["headers"] for c in sent)
    assert sent[0].kwargs["headers"]["Content-Type"] == "application/json; charset=UTF-8"
    assert sent[0].kwargs["headers"]["Authorization"] == f"Bearer {SECRET}"


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("max_retries", [0, 1, 4])
async def test_max_retries_bounds_the_attempts(mocked: aioresponses, max_retries: int) -> None:
    mocked.get(THING, status=503, repeat=True)
    async with make_client(max_retries=max_retries) as client:
        with pytest.raises(hs.ServerError):
            await send(client, "GET")
    assert len(calls(mocked, "GET", URL1)) == max_retries + 1


@pytest.mark.usefixtures("fast_backoff")
async def test_max_retries_bounds_failures_too(mocked: aioresponses) -> None:
    mocked.get(THING, exception=aiohttp.ServerDisconnectedError(), repeat=True)
    async with make_client(max_retries=2) as client:
        with pytest.raises(hs.TransportError) as caught:
            await send(client, "GET")
    assert caught.value.maybe_sent is True
    assert len(calls(mocked, "GET", URL1)) == 3


async def test_max_wait_bounds_the_total_wait(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(_retry, "backoff", lambda attempt, **_: 0.05)
    mocked.get(THING, status=502, repeat=True)
    mocked.put(THING, exception=TimeoutError(), repeat=True)
    async with make_client(max_retries=100, max_wait=0.12) as client:
        caplog.set_level("INFO", logger="helpscout_async")
        with pytest.raises(hs.ServerError):
            await send(client, "GET")
        with pytest.raises(hs.TransportError):
            await send(client, "PUT")
    # 0.05 + 0.05 fit in 0.12 s; a third wait would not: three attempts each.
    assert len(calls(mocked, "GET", URL1)) == 3
    assert len(calls(mocked, "PUT", URL1)) == 3
    assert retry_delays(caplog) == [0.05] * 4


async def test_backoff_grows_with_the_attempt(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []

    def backoff(attempt: int, **_: Any) -> float:
        asked.append(attempt)
        return 0.0

    monkeypatch.setattr(_retry, "backoff", backoff)
    mocked.get(THING, status=500, repeat=True)
    async with make_client(max_retries=3) as client:
        with pytest.raises(hs.ServerError):
            await send(client, "GET")
    assert asked == [0, 1, 2]


# -- the bearer token stays on the API's host ----------------------------------------------


async def test_absolute_url_on_another_host_is_refused(mocked: aioresponses) -> None:
    async with make_client() as client:
        for url in (
            "https://evil.example/v2/users/me",
            "http://api.helpscout.net/v2/users/me",  # same host, but plain HTTP
            "https://api.helpscout.net:8443/v2/users/me",
            "https://api.helpscout.net.evil.example/v2/users/me",
        ):
            with pytest.raises(ValueError, match="refusing to send the bearer token"):
                await client._transport.request("GET", url)
        with pytest.raises(ValueError, match="must start with '/'"):
            await client._transport.request("GET", "users/me")
    assert mocked.requests == {}


async def test_absolute_url_on_the_api_host_is_fine(mocked: aioresponses) -> None:
    mocked.get(f"{API}/users/me", payload={"id": 1})
    async with make_client() as client:
        response = await client._transport.request("GET", "https://API.helpscout.net/v2/users/me")
    assert response.json() == {"id": 1}


def test_token_url_on_another_host_is_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="not on the API's host"):
        make_client(client_id="id", client_secret="s", token_url="https://evil.example/token")
    with pytest.raises(ValueError, match="not on the API's host"):
        make_client(client_id="id", client_secret="s", token_url="http://api.helpscout.net/t")


@pytest.mark.parametrize(
    "location",
    [
        "https://evil.example/v2/conversations/2",
        "http://api.helpscout.net/v2/conversations/2",
        "//evil.example/v2/conversations/2",
    ],
)
async def test_redirect_to_another_host_is_not_followed(
    mocked: aioresponses, location: str
) -> None:
    mocked.get(api("/conversations/1"), status=301, headers={"Location": location})
    mocked.get(re.compile(r".*evil\.example.*"), payload={"id": 2})
    mocked.get(re.compile(r"^http://.*"), payload={"id": 2})
    async with make_client() as client:
        with pytest.raises(hs.Moved) as caught:
            await client.conversations.get(1)
    assert caught.value.status == 301
    assert caught.value.location == location
    assert caught.value.resource_id == 2
    assert [str(url) for _, url in mocked.requests] == [f"{API}/conversations/1"]


async def test_same_host_redirect_is_followed_with_the_query(mocked: aioresponses) -> None:
    mocked.get(
        f"{API}/conversations/1?embed=threads",
        status=301,
        headers={"Location": f"{API}/conversations/2"},
    )
    mocked.get(f"{API}/conversations/2?embed=threads", payload={"id": 2, "number": 7})
    async with make_client() as client:
        conv = await client.conversations.get(1, embed="threads")
    assert conv.id == 2
    assert len(calls(mocked, "GET", f"{API}/conversations/2?embed=threads")) == 1


async def test_relative_redirect_is_followed(mocked: aioresponses) -> None:
    mocked.get(api("/conversations/1"), status=302, headers={"Location": "/v2/conversations/3"})
    mocked.get(api("/conversations/3"), payload={"id": 3})
    async with make_client() as client:
        assert (await client.conversations.get(1)).id == 3


async def test_redirect_loop_stops(mocked: aioresponses) -> None:
    mocked.get(
        api("/conversations/1"),
        status=301,
        headers={"Location": f"{API}/conversations/1"},
        repeat=True,
    )
    async with make_client() as client:
        with pytest.raises(hs.Moved):
            await client.conversations.get(1)
    assert len(calls(mocked, "GET", f"{API}/conversations/1")) == 4


async def test_writes_are_not_redirected(mocked: aioresponses) -> None:
    mocked.patch(
        api("/conversations/1"), status=301, headers={"Location": f"{API}/conversations/2"}
    )
    async with make_client() as client:
        with pytest.raises(hs.Moved) as caught:
            await client.conversations.update(1, status="closed")
    assert caught.value.resource_id == 2
    assert [m for m, _ in mocked.requests] == ["PATCH"]


# -- rate-limit feedback ---------------------------------------------------------------------


async def test_rate_limit_status_reflects_the_last_response(mocked: aioresponses) -> None:
    mocked.get(
        THING,
        payload={},
        headers={"X-RateLimit-Limit-Minute": "400", "X-RateLimit-Remaining-Minute": "399"},
    )
    mocked.get(
        THING,
        payload={},
        headers={"X-RateLimit-Limit-Minute": "400", "X-RateLimit-Remaining-Minute": "398"},
    )
    mocked.get(THING, status=429, headers={"X-RateLimit-Retry-After": "0.02"})
    mocked.get(THING, payload={})
    async with make_client() as client:
        assert client.rate_limit_status is None
        before = datetime.now(UTC)
        await send(client, "GET")
        status = client.rate_limit_status
        assert status is not None
        assert (status.limit, status.remaining, status.retry_after) == (400, 399, None)
        assert status.at >= before
        await send(client, "GET")
        assert client.rate_limit_status is not None
        assert client.rate_limit_status.remaining == 398
        # A 429 followed by a success: the status is the success's (no headers).
        await send(client, "GET")
        status = client.rate_limit_status
        assert status is not None
        assert (status.limit, status.remaining, status.retry_after) == (None, None, None)
        assert client.rate_limited == 1


async def test_plan_limit_header_reaches_the_limiter(mocked: aioresponses) -> None:
    mocked.get(
        THING,
        payload={},
        headers={"X-RateLimit-Limit-Minute": "800", "X-RateLimit-Remaining-Minute": "799"},
    )
    async with make_client(rate_limit=hs.RateLimit(per_minute=200)) as client:
        limiter = client.limiter
        assert isinstance(limiter, hs.AccountLimiter)
        assert limiter.limit == 200
        await send(client, "GET")
        assert limiter.limit == 800


async def test_garbage_rate_limit_headers_do_not_break_a_request(mocked: aioresponses) -> None:
    mocked.get(
        THING,
        payload={"ok": 1},
        headers={"X-RateLimit-Limit-Minute": "inf", "X-RateLimit-Remaining-Minute": "n/a"},
    )
    async with make_client() as client:
        assert (await send(client, "GET")).json() == {"ok": 1}
        assert client.rate_limit_status is not None
        assert client.rate_limit_status.limit is None


class RecordingLimiter:
    """A Limiter that records what the transport asks and tells it."""

    def __init__(self) -> None:
        self.acquired: list[tuple[int, bool]] = []
        self.observed: list[hs.RateLimitInfo] = []

    async def acquire(self, cost: int, *, write: bool) -> None:
        self.acquired.append((cost, write))

    def observe(self, info: hs.RateLimitInfo) -> None:
        self.observed.append(info)


@pytest.mark.usefixtures("fast_backoff")
async def test_every_attempt_takes_budget_and_reports_back(mocked: aioresponses) -> None:
    mocked.get(THING, status=429, headers={"X-RateLimit-Retry-After": "0"})
    mocked.get(THING, payload={}, headers={"X-RateLimit-Remaining-Minute": "10"})
    mocked.patch(THING, status=204)
    limiter = RecordingLimiter()
    async with make_client(limiter=limiter) as client:
        assert client.limiter is limiter
        await send(client, "GET")
        await send(client, "PATCH")
    assert limiter.acquired == [(1, False), (1, False), (2, True)]
    assert [(i.status, i.retry_after, i.remaining) for i in limiter.observed] == [
        (429, 0.0, None),
        (200, None, 10),
        (204, None, None),
    ]
    assert all(i.latency >= 0 for i in limiter.observed)


async def test_request_headers(mocked: aioresponses) -> None:
    mocked.get(THING, payload={})
    async with make_client(user_agent="my-app/1.0") as client:
        await send(client, "GET")
    headers = calls(mocked, "GET", URL1)[0].kwargs["headers"]
    assert headers["Authorization"] == f"Bearer {SECRET}"
    assert headers["User-Agent"] == "my-app/1.0"
    assert "hal+json" in headers["Accept"]
    assert "Content-Type" not in headers
    assert calls(mocked, "GET", URL1)[0].kwargs["allow_redirects"] is False


# -- pure helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, "true"),
        (False, "false"),
        (5, "5"),
        ("x y", "x y"),
        ([1, 2, 3], "1,2,3"),
        (("a", "b"), "a,b"),
        (datetime(2024, 1, 2, 3, 4, 5, 999, tzinfo=UTC), "2024-01-02T03:04:05Z"),
        (
            datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2))),
            "2024-01-02T01:04:05Z",
        ),
    ],
)
def test_format_param(value: Any, expected: str) -> None:
    assert format_param(value) == expected


def test_format_param_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="no timezone"):
        format_param(datetime(2024, 1, 1))


def test_encode_params_drops_none() -> None:
    assert encode_params(None) == {}
    assert encode_params({"a": None, "b": 1, "c": False}) == {"b": "1", "c": "false"}


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Resource-ID": "42"}, 42),
        ({"Resource-ID": " 42 ", "Location": f"{API}/conversations/9"}, 42),
        ({"Location": f"{API}/conversations/9"}, 9),
        ({"Resource-ID": "abc", "Location": f"{API}/conversations/9"}, 9),
        ({}, None),
    ],
)
def test_response_resource_id(headers: dict[str, str], expected: int | None) -> None:
    response = Response(status=201, headers=headers, body=b"", url=API)
    assert response.resource_id == expected
    assert response.json() is None


# -- against a real socket on 127.0.0.1 ----------------------------------------------------


class Counting:
    """An aiohttp.web app that counts requests and behaves as ``mode`` says."""

    def __init__(self, *modes: str) -> None:
        self.modes = list(modes)
        self.hits = 0
        self.bodies: list[bytes] = []
        self.release = asyncio.Event()
        self.app = web.Application()
        self.app.router.add_route("*", "/v2/things/1", self.handle)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.hits += 1
        self.bodies.append(await request.read())
        mode = self.modes[min(self.hits, len(self.modes)) - 1]
        if mode == "slow":
            # Longer than the client's timeout; released when the test ends.
            await asyncio.wait_for(self.release.wait(), 5)
        elif mode == "drop":
            assert request.transport is not None
            request.transport.abort()
            raise asyncio.CancelledError
        elif mode == "truncate":
            # Headers promise 1000 bytes; 10 come, then the connection closes.
            response = web.StreamResponse(status=201, headers={"Content-Length": "1000"})
            await response.prepare(request)
            await response.write(b'{"hit": 1,')
            assert request.transport is not None
            request.transport.abort()
            raise asyncio.CancelledError
        return web.json_response({"hit": self.hits}, status=201, headers={"Resource-ID": "5"})


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("mode", ["slow", "drop", "truncate"])
async def test_real_post_is_sent_once_after_timeout_or_drop(serve: Any, mode: str) -> None:
    server = Counting(mode, "ok")
    base = await serve(server.app)
    try:
        async with make_client(base_url=base, timeout=0.2) as client:
            with pytest.raises(hs.TransportError) as caught:
                await send(client, "POST")
    finally:
        server.release.set()
    assert caught.value.maybe_sent is True
    assert server.hits == 1


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("mode", ["slow", "drop", "truncate"])
@pytest.mark.parametrize("method", IDEMPOTENT)
async def test_real_idempotent_request_is_retried_after_timeout_or_drop(
    serve: Any, mode: str, method: str
) -> None:
    server = Counting(mode, "ok")
    base = await serve(server.app)
    try:
        async with make_client(base_url=base, timeout=0.2) as client:
            response = await send(client, method)
    finally:
        server.release.set()
    assert response.json() == {"hit": 2}
    assert server.hits == 2
    assert server.bodies[0] == server.bodies[1]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.usefixtures("fast_backoff")
@pytest.mark.parametrize("method", ALL)
async def test_real_refused_connection_is_retried_then_raised(method: str) -> None:
    base = f"http://127.0.0.1:{closed_port()}/v2"
    async with make_client(base_url=base, max_retries=2) as client:
        with pytest.raises(hs.TransportError) as caught:
            await send(client, method)
        assert client.requests_sent == 3
    assert caught.value.maybe_sent is False
    assert "could not connect" in str(caught.value)
