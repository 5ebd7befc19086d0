"""``HelpScout``: credentials (arguments or env), configuration checks, session ownership."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest
from _unit_support import API, FAST, SECRET, TOKEN_URL, api, calls, fixture, make_client
from aioresponses import CallbackResult, aioresponses

import helpscout_async as hs

ME = fixture("user_me")
TOKEN = {"access_token": "env-token", "expires_in": 7200}


def test_missing_credentials_name_the_env_vars() -> None:
    with pytest.raises(ValueError, match="credentials") as caught:
        hs.HelpScout()
    for name in ("HELPSCOUT_CLIENT_ID", "HELPSCOUT_CLIENT_SECRET", "HELPSCOUT_ACCESS_TOKEN"):
        assert name in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"client_id": "id"}, "without client_secret"),
        ({"client_secret": "s"}, "without client_id"),
        ({"refresh_token": "r"}, "credentials"),
    ],
)
def test_half_credentials(kwargs: dict[str, str], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        hs.HelpScout(**kwargs)


def test_half_credentials_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPSCOUT_CLIENT_ID", "id")
    with pytest.raises(ValueError, match="HELPSCOUT_CLIENT_SECRET"):
        hs.HelpScout()


async def test_env_client_credentials_are_used(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPSCOUT_CLIENT_ID", "env-id")
    monkeypatch.setenv("HELPSCOUT_CLIENT_SECRET", "env-secret")
    mocked.post(TOKEN_URL, payload=TOKEN)
    mocked.get(f"{API}/users/me", payload=ME)
    async with hs.HelpScout(rate_limit=FAST) as client:
        assert isinstance(client._transport.auth, hs.ClientCredentials)
        await client.users.me()
    (token_call,) = calls(mocked, "POST", TOKEN_URL)
    assert token_call.kwargs["data"] == {
        "grant_type": "client_credentials",
        "client_id": "env-id",
        "client_secret": "env-secret",
    }
    (call,) = calls(mocked, "GET", f"{API}/users/me")
    assert call.kwargs["headers"]["Authorization"] == "Bearer env-token"


async def test_env_access_token_and_base_url(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPSCOUT_ACCESS_TOKEN", "env-static")
    monkeypatch.setenv("HELPSCOUT_BASE_URL", "https://api.example.test/v2/")
    mocked.get("https://api.example.test/v2/users/me", payload=ME)
    async with hs.HelpScout(rate_limit=FAST) as client:
        assert client.base_url == "https://api.example.test/v2"
        assert isinstance(client._transport.auth, hs.StaticToken)
        await client.users.me()
    (call,) = calls(mocked, "GET", "https://api.example.test/v2/users/me")
    assert call.kwargs["headers"]["Authorization"] == "Bearer env-static"


def test_env_refresh_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPSCOUT_CLIENT_ID", "id")
    monkeypatch.setenv("HELPSCOUT_CLIENT_SECRET", "s")
    monkeypatch.setenv("HELPSCOUT_REFRESH_TOKEN", "r")
    assert isinstance(hs.HelpScout()._transport.auth, hs.RefreshToken)


async def test_arguments_win_over_env(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPSCOUT_CLIENT_ID", "env-id")
    monkeypatch.setenv("HELPSCOUT_CLIENT_SECRET", "env-secret")
    mocked.get(f"{API}/users/me", payload=ME)
    async with make_client(access_token="arg-token") as client:
        await client.users.me()
    assert calls(mocked, "POST", TOKEN_URL) == []
    (call,) = calls(mocked, "GET", f"{API}/users/me")
    assert call.kwargs["headers"]["Authorization"] == "Bearer arg-token"


def test_provider_choice() -> None:
    assert isinstance(make_client()._transport.auth, hs.StaticToken)
    assert isinstance(
        make_client(client_id="i", client_secret="s")._transport.auth, hs.ClientCredentials
    )
    assert isinstance(
        make_client(client_id="i", client_secret="s", refresh_token="r")._transport.auth,
        hs.RefreshToken,
    )
    assert isinstance(
        make_client(client_id="i", client_secret="s", authorization_code="c")._transport.auth,
        hs.RefreshToken,
    )


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"timeout": 0}, "timeout"),
        ({"timeout": -1.0}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"concurrency": 0}, "concurrency"),
        ({"max_connections": 0}, "max_connections"),
        ({"base_url": "api.helpscout.net/v2"}, "base_url"),
        ({"base_url": "ftp://api.helpscout.net/v2"}, "base_url"),
    ],
)
def test_configuration_checks(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        make_client(**kwargs)


def test_defaults() -> None:
    client = hs.HelpScout(access_token=SECRET)
    assert client.base_url == "https://api.helpscout.net/v2"
    assert client._transport.token_url == "https://api.helpscout.net/v2/oauth2/token"
    assert isinstance(client.limiter, hs.AccountLimiter)
    assert client.limiter.policy == hs.RateLimit()
    assert client.limiter.policy.per_minute == 200
    assert client._transport.max_retries == 5
    assert client.rate_limit_status is None
    assert client.requests_sent == 0
    assert SECRET not in repr(client)
    assert "https://api.helpscout.net/v2" in repr(client)


async def test_own_session_is_closed_on_exit(mocked: aioresponses) -> None:
    mocked.get(f"{API}/users/me", payload=ME)
    async with make_client() as client:
        await client.users.me()
        session = client._transport._session
        assert session is not None
        assert not session.closed
    assert session.closed


async def test_exit_without_any_request_is_fine() -> None:
    async with make_client() as client:
        pass
    assert client._transport._session is None
    await client.aclose()


async def test_borrowed_session_is_used_and_left_open(mocked: aioresponses) -> None:
    mocked.get(f"{API}/users/me", payload=ME, repeat=True)
    async with aiohttp.ClientSession() as session:
        async with make_client(session=session) as client:
            await client.users.me()
            assert client._transport._session is session
        assert not session.closed
        # A second client may borrow the same session after the first is gone.
        async with make_client(session=session) as other:
            await other.users.me()
        assert not session.closed
    assert len(calls(mocked, "GET", f"{API}/users/me")) == 2


class InFlight:
    def __init__(self) -> None:
        self.now = 0
        self.most = 0

    async def handle(self, url: Any, **kwargs: Any) -> CallbackResult:
        self.now += 1
        self.most = max(self.most, self.now)
        try:
            await asyncio.sleep(0.02)
        finally:
            self.now -= 1
        return CallbackResult(payload=ME)


async def test_max_connections_bounds_requests_in_flight(mocked: aioresponses) -> None:
    server = InFlight()
    mocked.get(api("/users/me"), callback=server.handle, repeat=True)
    async with make_client(max_connections=3) as client:
        await asyncio.gather(*(client.users.me() for _ in range(12)))
    assert server.most == 3


async def test_borrowed_session_connector_limit_bounds_requests_in_flight(
    mocked: aioresponses,
) -> None:
    server = InFlight()
    mocked.get(api("/users/me"), callback=server.handle, repeat=True)
    connector = aiohttp.TCPConnector(limit=2)
    async with (
        aiohttp.ClientSession(connector=connector) as session,
        make_client(session=session, max_connections=50) as client,
    ):
        await asyncio.gather(*(client.users.me() for _ in range(8)))
    assert server.most == 2


async def test_clients_can_share_one_limiter(mocked: aioresponses) -> None:
    mocked.get(
        f"{API}/users/me",
        payload=ME,
        headers={"X-RateLimit-Limit-Minute": "400", "X-RateLimit-Remaining-Minute": "399"},
    )
    limiter = hs.AccountLimiter(FAST)
    async with make_client(limiter=limiter) as a, make_client(limiter=limiter) as b:
        assert a.limiter is b.limiter is limiter
        await a.users.me()
    assert limiter.limit == 400


async def test_counters(mocked: aioresponses, fast_backoff: list[int]) -> None:
    mocked.get(f"{API}/users/me", status=429, headers={"X-RateLimit-Retry-After": "0"})
    mocked.get(f"{API}/users/me", status=503)
    mocked.get(f"{API}/users/me", payload=ME)
    async with make_client() as client:
        await client.users.me()
        assert client.requests_sent == 3
        assert client.rate_limited == 1
    assert fast_backoff == [1]  # the 503 (second attempt) used backoff; the 429 its header
