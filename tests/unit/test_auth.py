"""Token providers: single-flight refresh, proactive and after a 401, rotation, the code flow."""

from __future__ import annotations

import asyncio
import itertools
import urllib.parse
from collections.abc import Mapping
from typing import Any

import pytest
from _unit_support import API, TOKEN_URL, api, calls, fixture, make_client
from aioresponses import CallbackResult, aioresponses

import helpscout_async as hs
from helpscout_async.auth import AUTHORIZE_URL, MIN_TOKEN_LIFETIME

ME = fixture("user_me")


def bearer(call: Any) -> str:
    return str(call.kwargs["headers"]["Authorization"])


class TokenEndpoint:
    """A token endpoint that issues ``a1``, ``a2``, ... and rotates ``r1``, ``r2``, ..."""

    def __init__(self, *, expires_in: float = 7200, delay: float = 0.0) -> None:
        self.expires_in = expires_in
        self.delay = delay
        self.forms: list[dict[str, str]] = []
        self._n = itertools.count(1)

    async def handle(self, url: Any, **kwargs: Any) -> CallbackResult:
        self.forms.append(dict(kwargs["data"]))
        n = next(self._n)
        if self.delay:
            await asyncio.sleep(self.delay)
        return CallbackResult(
            payload={
                "token_type": "bearer",
                "access_token": f"a{n}",
                "refresh_token": f"r{n}",
                "expires_in": self.expires_in,
            }
        )


class ManualClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def rejecting(*bad: str, delay: float = 0.0) -> Any:
    """An API callback answering 401 (after ``delay``) to the given tokens, else the user."""

    async def answer(url: Any, **kwargs: Any) -> CallbackResult:
        if kwargs["headers"]["Authorization"] in {f"Bearer {b}" for b in bad}:
            await asyncio.sleep(delay)
            return CallbackResult(status=401, payload={"message": "Unauthorized"})
        return CallbackResult(payload=ME)

    return answer


def test_authorize_url() -> None:
    url = hs.authorize_url("my-app", state="a b&c")
    parts = urllib.parse.urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == AUTHORIZE_URL
    assert AUTHORIZE_URL == (
        "https://secure.helpscout.net/authentication/authorizeClientApplication"
    )
    assert urllib.parse.parse_qs(parts.query) == {"client_id": ["my-app"], "state": ["a b&c"]}
    assert hs.authorize_url("x") == f"{AUTHORIZE_URL}?client_id=x"
    with pytest.raises(ValueError, match="client_id"):
        hs.authorize_url("")


def test_token_set_from_the_real_reply() -> None:
    tokens = hs.TokenSet.from_reply(fixture("token_response"))
    assert tokens.access_token == "369dbb08be58430086d2f8bd832bc1eb"
    assert tokens.expires_in == 172800.0
    assert tokens.token_type == "bearer"
    assert tokens.refresh_token is None
    sdk = hs.TokenSet.from_reply(fixture("token_response_sdk_mock"))
    assert sdk.refresh_token


@pytest.mark.parametrize("reply", [{}, {"access_token": ""}, {"access_token": 5}])
def test_token_set_without_access_token(reply: dict[str, Any]) -> None:
    with pytest.raises(hs.HelpScoutError, match="access_token"):
        hs.TokenSet.from_reply(reply)


def test_token_freshness_keeps_a_margin() -> None:
    # 10 % of the lifetime, at most 60 s, is kept as a margin before expiry.
    short = hs.TokenSet(access_token="t", expires_in=100.0, obtained_at=1000.0)
    assert short.fresh(now=1089.9)
    assert not short.fresh(now=1090.0)
    long = hs.TokenSet(access_token="t", expires_in=172800.0, obtained_at=0.0)
    assert long.fresh(now=172739.0)
    assert not long.fresh(now=172740.0)
    assert hs.TokenSet(access_token="t", expires_in=None, obtained_at=0.0).fresh(now=1e12)
    assert not hs.TokenSet(access_token="t", expires_in=0.0, obtained_at=0.0).fresh(now=0.0)


def test_provider_argument_checks() -> None:
    with pytest.raises(ValueError, match="access_token"):
        hs.StaticToken("")
    with pytest.raises(ValueError, match="refresh_token"):
        hs.RefreshToken("id", "secret")


async def test_provider_single_flight_without_http() -> None:
    fetched: list[Mapping[str, str]] = []

    async def fetch(form: Mapping[str, str]) -> Mapping[str, Any]:
        fetched.append(form)
        await asyncio.sleep(0.02)
        return {"access_token": f"t{len(fetched)}", "expires_in": 3600}

    provider = hs.ClientCredentials("id", "secret")
    tokens = await asyncio.gather(*(provider.token(fetch) for _ in range(50)))
    assert tokens == ["t1"] * 50
    assert len(fetched) == 1
    assert provider.refreshes == 1
    # A 401 on an old token that was already replaced does not drop the new one.
    assert provider.invalidate("stale") is True
    assert await provider.token(fetch) == "t1"
    assert provider.invalidate("t1") is True
    assert await asyncio.gather(*(provider.token(fetch) for _ in range(20))) == ["t2"] * 20
    assert len(fetched) == 2


async def test_static_token_cannot_refresh() -> None:
    provider = hs.StaticToken("fixed")

    async def fetch(form: Mapping[str, str]) -> Mapping[str, Any]:
        raise AssertionError("a static token never fetches")

    assert await provider.token(fetch) == "fixed"
    assert provider.invalidate("fixed") is False


async def test_hundred_concurrent_requests_fetch_one_token(mocked: aioresponses) -> None:
    endpoint = TokenEndpoint(delay=0.05)
    mocked.post(TOKEN_URL, callback=endpoint.handle, repeat=True)
    mocked.get(api("/users/me"), payload=ME, repeat=True)
    async with make_client(client_id="app-id", client_secret="app-secret") as client:
        users = await asyncio.gather(*(client.users.me() for _ in range(100)))
    assert len(users) == 100
    assert len(calls(mocked, "POST", TOKEN_URL)) == 1
    assert endpoint.forms == [
        {"grant_type": "client_credentials", "client_id": "app-id", "client_secret": "app-secret"}
    ]
    sent = calls(mocked, "GET", f"{API}/users/me")
    assert len(sent) == 100
    assert {bearer(c) for c in sent} == {"Bearer a1"}
    # The token request itself carries no bearer token and is not a JSON body.
    token_call = calls(mocked, "POST", TOKEN_URL)[0]
    assert "Authorization" not in token_call.kwargs["headers"]


async def test_hundred_requests_with_an_expired_token_fetch_one_more(
    mocked: aioresponses,
) -> None:
    clock = ManualClock()
    endpoint = TokenEndpoint(expires_in=100, delay=0.02)
    mocked.post(TOKEN_URL, callback=endpoint.handle, repeat=True)
    mocked.get(api("/users/me"), payload=ME, repeat=True)
    auth = hs.ClientCredentials("id", "secret", clock=clock)
    async with make_client(auth=auth, access_token=None) as client:
        await client.users.me()
        clock.advance(100)
        await asyncio.gather(*(client.users.me() for _ in range(100)))
    assert len(endpoint.forms) == 2
    sent = calls(mocked, "GET", f"{API}/users/me")
    assert [bearer(c) for c in sent] == ["Bearer a1"] + ["Bearer a2"] * 100


async def test_token_refreshed_before_it_expires(mocked: aioresponses) -> None:
    # expires_in 100 s: fresh for 90 s (a 10 % margin), then a new one is fetched unasked.
    clock = ManualClock()
    endpoint = TokenEndpoint(expires_in=100)
    mocked.post(TOKEN_URL, callback=endpoint.handle, repeat=True)
    mocked.get(api("/users/me"), payload=ME, repeat=True)
    auth = hs.ClientCredentials("id", "secret", clock=clock)
    async with make_client(auth=auth, access_token=None) as client:
        await client.users.me()
        clock.advance(89.9)
        await client.users.me()
        assert len(endpoint.forms) == 1
        clock.advance(0.1)  # inside the margin: not expired yet, but due for renewal
        await client.users.me()
    assert len(endpoint.forms) == 2
    sent = calls(mocked, "GET", f"{API}/users/me")
    assert [bearer(c) for c in sent] == ["Bearer a1", "Bearer a1", "Bearer a2"]
    # No request was answered 401 on the way: the refresh came first.
    assert len(sent) == 3


async def test_401_refreshes_once_and_retries(mocked: aioresponses) -> None:
    endpoint = TokenEndpoint()
    mocked.post(TOKEN_URL, callback=endpoint.handle, repeat=True)
    mocked.get(api("/users/me"), callback=rejecting("a1"), repeat=True)
    async with make_client(client_id="id", client_secret="secret") as client:
        user = await client.users.me()
    assert user.id == ME["id"]
    assert len(endpoint.forms) == 2
    sent = calls(mocked, "GET", f"{API}/users/me")
    assert [bearer(c) for c in sent] == ["Bearer a1", "Bearer a2"]


async def test_second_401_raises_unauthorized(mocked: aioresponses) -> None:
    endpoint = TokenEndpoint()
    mocked.post(TOKEN_URL, callback=endpoint.handle, repeat=True)
    mocked.get(api("/users/me"), callback=rejecting("a1", "a2", "a3"), repeat=True)
    async with make_client(client_id="id", client_secret="secret") as client:
        with pytest.raises(hs.Unauthorized) as caught:
            await client.users.me()
    assert caught.value.status == 401
    assert len(endpoint.forms) == 2
    assert len(calls(mocked, "GET", f"{API}/users/me")) == 2


async def test_concurrent_401s_share_one_refresh(mocked: aioresponses) -> None:
    endpoint = TokenEndpoint(delay=0.02)
    mocked.post(TOKEN_URL, callback=endpoint.handle, repeat=True)
    # The 401s come late, so that all 100 requests are sent with the first token.
    mocked.get(api("/users/me"), callback=rejecting("a1", delay=0.1), repeat=True)
    async with make_client(client_id="id", client_secret="secret") as client:
        await asyncio.gather(*(client.users.me() for _ in range(100)))
    # One token to start, one refresh after the 401s, however many requests saw a 401.
    assert len(endpoint.forms) == 2
    sent = calls(mocked, "GET", f"{API}/users/me")
    rejected = sum(bearer(c) == "Bearer a1" for c in sent)
    assert rejected > 50  # (all 100, unless the machine is very slow)
    assert sum(bearer(c) == "Bearer a2" for c in sent) == 100
    assert len(sent) == 100 + rejected


async def test_static_token_401_raises_without_refresh(mocked: aioresponses) -> None:
    mocked.get(api("/users/me"), status=401, payload={"message": "Unauthorized"}, repeat=True)
    async with make_client(access_token="static-token") as client:
        with pytest.raises(hs.Unauthorized):
            await client.users.me()
    assert calls(mocked, "POST", TOKEN_URL) == []
    assert len(calls(mocked, "GET", f"{API}/users/me")) == 1


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_refresh_token_rotates_and_reports_every_set(mocked: aioresponses, kind: str) -> None:
    endpoint = TokenEndpoint()
    mocked.post(TOKEN_URL, callback=endpoint.handle, repeat=True)
    mocked.get(api("/users/me"), callback=rejecting("a1"), repeat=True)
    stored: list[hs.TokenSet] = []

    def on_token_sync(tokens: hs.TokenSet) -> None:
        stored.append(tokens)

    async def on_token_async(tokens: hs.TokenSet) -> None:
        await asyncio.sleep(0)
        stored.append(tokens)

    on_token = on_token_sync if kind == "sync" else on_token_async
    async with make_client(
        client_id="id", client_secret="secret", refresh_token="r0", on_token=on_token
    ) as client:
        await client.users.me()  # a1 (401) -> refresh -> a2
    assert [f["refresh_token"] for f in endpoint.forms] == ["r0", "r1"]
    assert {f["grant_type"] for f in endpoint.forms} == {"refresh_token"}
    assert all(f["client_id"] == "id" and f["client_secret"] == "secret" for f in endpoint.forms)
    assert [(t.access_token, t.refresh_token) for t in stored] == [("a1", "r1"), ("a2", "r2")]
    assert all(isinstance(t, hs.TokenSet) for t in stored)


async def test_refresh_token_kept_when_reply_does_not_rotate(mocked: aioresponses) -> None:
    replies = iter(
        [
            {"access_token": "a1", "expires_in": 7200},
            {"access_token": "a2", "expires_in": 7200},
        ]
    )
    forms: list[dict[str, str]] = []

    def endpoint(url: Any, **kwargs: Any) -> CallbackResult:
        forms.append(dict(kwargs["data"]))
        return CallbackResult(payload=next(replies))

    mocked.post(TOKEN_URL, callback=endpoint, repeat=True)
    mocked.get(api("/users/me"), callback=rejecting("a1"), repeat=True)
    async with make_client(client_id="id", client_secret="s", refresh_token="r0") as client:
        await client.users.me()
    assert [f["refresh_token"] for f in forms] == ["r0", "r0"]


async def test_authorization_code_exchanged_once(mocked: aioresponses) -> None:
    endpoint = TokenEndpoint()
    mocked.post(TOKEN_URL, callback=endpoint.handle, repeat=True)
    mocked.get(api("/users/me"), callback=rejecting("a1"), repeat=True)
    got: list[hs.TokenSet] = []
    async with make_client(
        client_id="id", client_secret="secret", authorization_code="code-1", on_token=got.append
    ) as client:
        await asyncio.gather(client.users.me(), client.users.me())
    first, second = endpoint.forms
    assert first == {
        "grant_type": "authorization_code",
        "code": "code-1",
        "client_id": "id",
        "client_secret": "secret",
    }
    assert second["grant_type"] == "refresh_token"
    assert second["refresh_token"] == "r1"
    assert "code" not in second
    assert [t.refresh_token for t in got] == ["r1", "r2"]


async def test_token_endpoint_error_is_typed(mocked: aioresponses) -> None:
    mocked.post(
        TOKEN_URL,
        status=401,
        payload={"error": "invalid_client", "error_description": "Bad client credentials"},
    )
    async with make_client(client_id="id", client_secret="wrong") as client:
        with pytest.raises(hs.Unauthorized) as caught:
            await client.users.me()
    assert str(caught.value) == "POST /v2/oauth2/token -> 401: Bad client credentials"
    assert "wrong" not in str(caught.value)
    assert calls(mocked, "GET", f"{API}/users/me") == []


async def test_token_endpoint_answering_non_json(mocked: aioresponses) -> None:
    mocked.post(TOKEN_URL, status=200, body="<html>login</html>", content_type="text/html")
    async with make_client(client_id="id", client_secret="s") as client:
        with pytest.raises(hs.HelpScoutError, match="did not answer with JSON"):
            await client.users.me()


async def test_custom_token_url_on_the_api_host(mocked: aioresponses) -> None:
    url = "https://api.helpscout.net/v2/custom/token"
    mocked.post(url, payload={"access_token": "z", "expires_in": 60})
    mocked.get(api("/users/me"), payload=ME)
    async with make_client(client_id="id", client_secret="s", token_url=url) as client:
        await client.users.me()
    assert len(calls(mocked, "POST", url)) == 1
    assert bearer(calls(mocked, "GET", f"{API}/users/me")[0]) == "Bearer z"


async def test_code_exchange_without_refresh_token_fails_clearly(mocked: aioresponses) -> None:
    # The code is spent after one exchange; with no refresh token in the reply there is
    # nothing to renew with: say so, instead of crashing or posting an empty grant.
    mocked.post(TOKEN_URL, payload={"access_token": "a1", "expires_in": 7200}, repeat=True)
    mocked.get(api("/users/me"), callback=rejecting("a1"), repeat=True)
    async with make_client(client_id="id", client_secret="s", authorization_code="c") as client:
        with pytest.raises(hs.HelpScoutError, match="no refresh_token") as caught:
            await client.users.me()
    assert not isinstance(caught.value, AssertionError)
    assert len(calls(mocked, "POST", TOKEN_URL)) == 1


@pytest.mark.parametrize(
    "bad", ["abc", "", [7200], {"s": 1}, True, float("nan"), float("inf"), "inf"]
)
def test_token_reply_with_a_bad_expires_in_is_a_typed_error(bad: Any) -> None:
    with pytest.raises(hs.HelpScoutError, match="expires_in") as info:
        hs.TokenSet.from_reply({"access_token": "secret-token", "expires_in": bad})
    assert "secret-token" not in str(info.value)
    assert info.value.__cause__ is None


def test_token_reply_with_a_refresh_token_of_the_wrong_type_is_a_typed_error() -> None:
    with pytest.raises(hs.HelpScoutError, match="refresh_token"):
        hs.TokenSet.from_reply({"access_token": "t", "refresh_token": 12})


def test_token_reply_expires_in_as_text_or_absent() -> None:
    assert hs.TokenSet.from_reply({"access_token": "t", "expires_in": "7200"}).expires_in == 7200.0
    assert hs.TokenSet.from_reply({"access_token": "t", "expires_in": 30}).expires_in == 30.0
    assert hs.TokenSet.from_reply({"access_token": "t"}).expires_in is None
    tokens = hs.TokenSet.from_reply({"access_token": "t", "expires_in": 10}, now=5.0)
    assert tokens.obtained_at == 5.0


@pytest.mark.parametrize("lifetime", [0, -5, 0.0, "-1"])
def test_a_token_that_expires_at_once_gets_a_floor(
    lifetime: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="helpscout_async"):
        tokens = hs.TokenSet.from_reply({"access_token": "secret-token", "expires_in": lifetime})
    assert tokens.expires_in == MIN_TOKEN_LIFETIME == 60.0
    (record,) = caplog.records
    assert f"expires_in={lifetime}" in record.getMessage()
    assert "60 s" in record.getMessage()
    assert "secret-token" not in record.getMessage()


async def test_expires_in_zero_does_not_fetch_a_token_before_every_call(
    mocked: aioresponses,
) -> None:
    clock = ManualClock()
    endpoint = TokenEndpoint(expires_in=0)
    mocked.post(TOKEN_URL, callback=endpoint.handle, repeat=True)
    mocked.get(api("/users/me"), payload=ME, repeat=True)
    auth = hs.ClientCredentials("id", "secret", clock=clock)
    async with make_client(auth=auth, access_token=None) as client:
        for _ in range(10):
            await client.users.me()
        assert len(endpoint.forms) == 1  # was 10: one token request per call
        clock.advance(MIN_TOKEN_LIFETIME)
        await client.users.me()
    assert len(endpoint.forms) == 2


async def test_a_token_without_expires_in_is_used_until_a_401(mocked: aioresponses) -> None:
    clock = ManualClock()
    mocked.post(TOKEN_URL, payload={"access_token": "a1"}, repeat=True)
    mocked.get(api("/users/me"), payload=ME, repeat=True)
    auth = hs.ClientCredentials("id", "secret", clock=clock)
    async with make_client(auth=auth, access_token=None) as client:
        await client.users.me()
        clock.advance(10**7)
        await client.users.me()
    assert len(calls(mocked, "POST", TOKEN_URL)) == 1


def test_the_clock_must_be_callable() -> None:
    with pytest.raises(TypeError, match="clock"):
        hs.ClientCredentials("id", "secret", clock=5.0)  # type: ignore[arg-type]
