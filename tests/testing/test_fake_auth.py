"""The token endpoint (three grants, three encodings, rotation) and token expiry."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from _fake_support import Clock, session, small_store

from helpscout_async.testing import FakeHelpScout

__all__ = ["session"]


@pytest_asyncio.fixture
async def clock() -> Clock:
    return Clock()


@pytest_asyncio.fixture
async def fake(clock: Clock) -> AsyncIterator[FakeHelpScout]:
    async with FakeHelpScout(
        store=small_store(2), rate_limit=None, token_ttl=7200, clock=clock
    ) as started:
        yield started


async def _token(
    session: aiohttp.ClientSession, fake: FakeHelpScout, how: str, **params: str
) -> tuple[int, dict[str, Any]]:
    url = fake.token_url
    if how == "form":
        request = session.post(url, data=params)
    elif how == "json":
        request = session.post(url, json=params)
    elif how == "query":
        request = session.post(url, params=params)
    else:
        user, password = params.pop("client_id"), params.pop("client_secret")
        basic = base64.b64encode(f"{user}:{password}".encode()).decode()
        headers = {"Authorization": f"Basic {basic}"}
        request = session.post(url, data=params, headers=headers)
    async with request as resp:
        body: dict[str, Any] = await resp.json()
        return resp.status, body


async def _me(session: aiohttp.ClientSession, fake: FakeHelpScout, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    async with session.get(f"{fake.base_url}/users/me", headers=headers) as resp:
        return resp.status


def _creds(fake: FakeHelpScout) -> dict[str, str]:
    return {"client_id": fake.client_id, "client_secret": fake.client_secret}


@pytest.mark.parametrize("how", ["form", "json", "query", "basic"])
async def test_client_credentials(
    session: aiohttp.ClientSession, fake: FakeHelpScout, how: str
) -> None:
    status, body = await _token(session, fake, how, grant_type="client_credentials", **_creds(fake))
    assert status == 200
    assert set(body) == {"token_type", "access_token", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 7200
    assert await _me(session, fake, body["access_token"]) == 200


async def test_wrong_secret_and_bad_grants(
    session: aiohttp.ClientSession, fake: FakeHelpScout
) -> None:
    creds = {**_creds(fake), "client_secret": "wrong"}
    status, body = await _token(session, fake, "form", grant_type="client_credentials", **creds)
    assert status == 401
    assert body["error"] == "invalid_client"
    assert "error_description" in body
    status, body = await _token(session, fake, "form", grant_type="password", **_creds(fake))
    assert (status, body["error"]) == (400, "unsupported_grant_type")
    status, body = await _token(session, fake, "form", **_creds(fake))
    assert (status, body["error"]) == (400, "invalid_request")
    status, body = await _token(
        session, fake, "form", grant_type="authorization_code", code="nope", **_creds(fake)
    )
    assert (status, body["error"]) == (400, "invalid_grant")


async def test_code_flow_and_refresh_rotation(
    session: aiohttp.ClientSession, fake: FakeHelpScout
) -> None:
    code = fake.authorize()
    creds = _creds(fake)
    status, first = await _token(
        session, fake, "json", grant_type="authorization_code", code=code, **creds
    )
    assert status == 200
    assert set(first) == {"token_type", "access_token", "expires_in", "refresh_token"}
    status, again = await _token(
        session, fake, "json", grant_type="authorization_code", code=code, **creds
    )
    assert (status, again["error"]) == (400, "invalid_grant")  # codes are single-use
    status, second = await _token(
        session,
        fake,
        "form",
        grant_type="refresh_token",
        refresh_token=first["refresh_token"],
        **creds,
    )
    assert status == 200
    assert second["refresh_token"] != first["refresh_token"]
    assert await _me(session, fake, second["access_token"]) == 200
    status, reused = await _token(
        session,
        fake,
        "form",
        grant_type="refresh_token",
        refresh_token=first["refresh_token"],
        **creds,
    )
    assert (status, reused["error"]) == (400, "invalid_grant")  # rotated away
    direct = fake.issue_refresh_token()
    status, third = await _token(
        session, fake, "query", grant_type="refresh_token", refresh_token=direct, **creds
    )
    assert status == 200
    assert "refresh_token" in third


async def test_tokens_expire(
    session: aiohttp.ClientSession, fake: FakeHelpScout, clock: Clock
) -> None:
    token = fake.issue_token()
    assert await _me(session, fake, token) == 200
    clock.advance(7199)
    assert await _me(session, fake, token) == 200
    clock.advance(1)
    headers = {"Authorization": f"Bearer {token}"}
    async with session.get(f"{fake.base_url}/conversations", headers=headers) as resp:
        assert resp.status == 401
        assert resp.headers["Content-Type"].startswith("application/vnd.error+json")
        assert "invalid_token" in resp.headers["WWW-Authenticate"]
        body = await resp.json(content_type=None)
    assert {"logRef", "message", "_links"} <= set(body)
    fresh = fake.issue_token()
    assert await _me(session, fake, fresh) == 200
    fake.expire_tokens()
    assert await _me(session, fake, fresh) == 401


async def test_missing_or_unknown_token(
    session: aiohttp.ClientSession, fake: FakeHelpScout
) -> None:
    async with session.get(f"{fake.base_url}/mailboxes") as resp:
        assert resp.status == 401
    assert await _me(session, fake, "made-up") == 401


async def test_fractional_ttl_is_sent_as_a_decimal(session: aiohttp.ClientSession) -> None:
    async with FakeHelpScout(store=small_store(0), rate_limit=None, token_ttl=0.5) as fake:
        status, body = await _token(
            session, fake, "form", grant_type="client_credentials", **_creds(fake)
        )
    assert status == 200
    assert body["expires_in"] == 0.5


async def test_credentials_are_deterministic_per_seed() -> None:
    a = FakeHelpScout(store=small_store(0), seed=4)
    b = FakeHelpScout(store=small_store(0), seed=4)
    c = FakeHelpScout(store=small_store(0), seed=5)
    assert (a.client_id, a.client_secret) == (b.client_id, b.client_secret)
    assert a.client_id != c.client_id
    assert a.client_id != a.client_secret
