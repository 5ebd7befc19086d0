"""OAuth against the fake's token endpoint: client credentials, wrong secrets, the code flow."""

from __future__ import annotations

import aiohttp
import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout, FaultRule

from ._support import FAST, count, metrics

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=10)

TOKEN = "POST /v2/oauth2/token"


def make(fake: FakeHelpScout, **options: object) -> hs.HelpScout:
    return hs.HelpScout(base_url=fake.base_url, rate_limit=FAST, **options)  # type: ignore[arg-type]


async def refresh_status(fake: FakeHelpScout, refresh_token: str) -> tuple[int, dict[str, str]]:
    """Try a refresh token at the token endpoint directly (which spends it if it is good)."""
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": fake.client_id,
        "client_secret": fake.client_secret,
    }
    async with aiohttp.ClientSession() as session, session.post(fake.token_url, data=form) as r:
        return r.status, await r.json()


async def test_client_credentials(fake: FakeHelpScout) -> None:
    seen: list[hs.TokenSet] = []
    async with make(
        fake, client_id=fake.client_id, client_secret=fake.client_secret, on_token=seen.append
    ) as client:
        me = await client.users.me()
        await client.mailboxes.list().collect()
    assert me.id == fake.store.me_user_id
    assert len(seen) == 1
    assert seen[0].expires_in == 172800  # read from the reply, not assumed
    assert seen[0].refresh_token is None
    assert count(fake, TOKEN) == 1  # one token serves every request


async def test_credentials_from_the_environment(
    fake: FakeHelpScout, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPSCOUT_CLIENT_ID", fake.client_id)
    monkeypatch.setenv("HELPSCOUT_CLIENT_SECRET", fake.client_secret)
    monkeypatch.setenv("HELPSCOUT_BASE_URL", fake.base_url)
    async with hs.HelpScout(rate_limit=FAST) as client:
        assert client.base_url == fake.base_url
        assert (await client.users.me()).id == fake.store.me_user_id


@pytest.mark.parametrize("which", ["secret", "client_id"])
async def test_wrong_credentials_are_unauthorized_without_leaking(
    fake: FakeHelpScout, which: str
) -> None:
    secret = "s3cr3t-that-must-not-leak"
    if which == "secret":
        options = {"client_id": fake.client_id, "client_secret": secret}
    else:
        options = {"client_id": "no-such-app", "client_secret": secret}
    async with make(fake, **options) as client:
        with pytest.raises(hs.Unauthorized) as info:
            await client.users.me()
        text = f"{info.value} {info.value!r} {client!r}"
    err = info.value
    assert err.status == 401
    assert "oauth2/token" in str(err)
    assert "Bad client credentials" in str(err)
    assert secret not in text
    assert fake.client_secret not in text
    assert count(fake, "GET /v2/users/me") == 0  # no API request without a token
    assert count(fake, TOKEN) == 1  # wrong credentials are not retried


async def test_static_token(fake: FakeHelpScout) -> None:
    token = fake.issue_token()
    async with make(fake, access_token=token) as client:
        assert (await client.users.me()).id == fake.store.me_user_id
        fake.expire_tokens()
        with pytest.raises(hs.Unauthorized) as info:
            await client.users.me()
    assert token not in f"{info.value} {info.value!r}"
    assert count(fake, TOKEN) == 0  # a static token cannot be refreshed
    assert count(fake, "GET /v2/users/me") == 2


async def test_code_flow_rotates_the_refresh_token(fake: FakeHelpScout) -> None:
    seen: list[hs.TokenSet] = []

    async def store(tokens: hs.TokenSet) -> None:  # an async callback is awaited
        seen.append(tokens)

    code = fake.authorize()
    async with make(
        fake,
        client_id=fake.client_id,
        client_secret=fake.client_secret,
        authorization_code=code,
        on_token=store,
    ) as client:
        await client.users.me()
        for _ in range(2):
            fake.expire_tokens()  # the next request gets 401, and the client refreshes
            await client.users.me()
        # a refresh also happens when the token is expired while a walk runs
        fake.faults.add(FaultRule("expire_token", at=(1,)))
        ids = [c.id async for c in client.conversations.list(status="all")]
    assert set(ids) == set(fake.store.conversations)
    assert count(fake, TOKEN) == 4
    assert len(seen) == 4
    refresh = [t.refresh_token for t in seen]
    assert all(refresh)
    assert len(set(refresh)) == 4, "every refresh must hand out a new refresh token"
    assert len({t.access_token for t in seen}) == 4
    assert metrics(fake)["statuses"]["401"] == 3
    for old in refresh[:-1]:
        status, body = await refresh_status(fake, old or "")
        assert status == 400
        assert body["error"] == "invalid_grant"
    status, body = await refresh_status(fake, refresh[-1] or "")
    assert status == 200  # the newest one is the only one that works
    assert body["refresh_token"] not in refresh


async def test_stored_refresh_token(fake: FakeHelpScout) -> None:
    first = fake.issue_refresh_token()
    seen: list[hs.TokenSet] = []
    async with make(
        fake,
        client_id=fake.client_id,
        client_secret=fake.client_secret,
        refresh_token=first,
        on_token=seen.append,
    ) as client:
        assert (await client.users.me()).id == fake.store.me_user_id
    assert len(seen) == 1
    assert seen[0].refresh_token not in (None, first)
    # The first refresh token was spent: a client still holding it is locked out.
    async with make(
        fake, client_id=fake.client_id, client_secret=fake.client_secret, refresh_token=first
    ) as stale:
        with pytest.raises(hs.BadRequest) as info:
            await stale.users.me()
    assert "Invalid refresh token" in str(info.value)
    assert first not in str(info.value)


async def test_an_authorization_code_works_once(fake: FakeHelpScout) -> None:
    code = fake.authorize()
    options = {
        "client_id": fake.client_id,
        "client_secret": fake.client_secret,
        "authorization_code": code,
    }
    async with make(fake, **options) as client:
        await client.users.me()
    async with make(fake, **options) as again:
        with pytest.raises(hs.BadRequest) as info:
            await again.users.me()
    assert info.value.status == 400
    assert "Invalid authorization code" in str(info.value)
    assert code not in str(info.value)
