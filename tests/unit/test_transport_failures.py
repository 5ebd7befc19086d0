"""Which failures are retried: token requests per grant, connect timeouts, TLS and bad URLs."""

from __future__ import annotations

import ssl

import aiohttp
import pytest
from _unit_support import API, api, make_client
from aioresponses import aioresponses

import helpscout_async as hs
from helpscout_async._failures import failure_of, transient

TOKEN = API + "/oauth2/token"
GRANT = {"token_type": "bearer", "access_token": "fresh", "expires_in": 7200}


async def test_client_credentials_token_request_is_retried_on_503(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    mocked.post(TOKEN, status=503, body="busy")
    mocked.post(TOKEN, payload=GRANT)
    mocked.get(api("/users/me"), payload={"id": 1})
    async with make_client(client_id="app", client_secret="s3cret") as client:
        me = await client.users.me()
    assert me.id == 1
    assert fast_backoff == [0]


async def test_refresh_token_request_is_not_repeated_after_a_503(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    mocked.post(TOKEN, status=503, body="busy")
    mocked.post(TOKEN, payload={**GRANT, "refresh_token": "r2"})
    async with make_client(client_id="app", client_secret="s3cret", refresh_token="r1") as client:
        with pytest.raises(hs.ServerError):
            await client.users.me()
    assert fast_backoff == []  # a rotating refresh token is never sent twice blindly


async def test_refresh_token_request_is_retried_when_it_never_left(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    refused = aiohttp.ClientConnectorError(
        aiohttp.client_reqrep.ConnectionKey("api.helpscout.net", 443, True, True, None, None, None),
        OSError(111, "refused"),
    )
    mocked.post(TOKEN, exception=refused)
    mocked.post(TOKEN, payload={**GRANT, "refresh_token": "r2"})
    mocked.get(api("/users/me"), payload={"id": 2})
    async with make_client(client_id="app", client_secret="s3cret", refresh_token="r1") as client:
        assert (await client.users.me()).id == 2


async def test_a_post_whose_connection_timed_out_is_retried(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    mocked.post(api("/conversations/7/notes"), exception=aiohttp.ConnectionTimeoutError())
    mocked.post(api("/conversations/7/notes"), status=201, headers={"Resource-ID": "99"})
    async with make_client() as client:
        assert await client.conversations.add_note(7, text="hi") == 99


async def test_a_tls_failure_is_not_retried(mocked: aioresponses, fast_backoff: list[int]) -> None:
    key = aiohttp.client_reqrep.ConnectionKey(
        "api.helpscout.net", 443, True, True, None, None, None
    )
    bad = aiohttp.ClientConnectorCertificateError(key, ssl.SSLCertVerificationError("bad cert"))
    mocked.get(api("/users/me"), exception=bad)
    async with make_client() as client:
        with pytest.raises(hs.TransportError) as caught:
            await client.users.me()
    assert caught.value.maybe_sent is False
    assert fast_backoff == []


def test_failure_classification() -> None:
    assert failure_of(TimeoutError(), method="GET", path="/x").maybe_sent is True
    assert failure_of(aiohttp.ServerDisconnectedError(), method="POST", path="/x").maybe_sent
    assert not failure_of(aiohttp.ConnectionTimeoutError(), method="POST", path="/x").maybe_sent
    invalid = failure_of(aiohttp.InvalidURL("nope"), method="GET", path="/x")
    assert invalid.maybe_sent is False
    assert not transient(invalid)
    assert transient(failure_of(TimeoutError(), method="GET", path="/x"))


async def test_a_delete_whose_answer_was_lost_is_done_when_the_retry_finds_404(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    mocked.delete(api("/conversations/5"), exception=aiohttp.ServerDisconnectedError())
    mocked.delete(api("/conversations/5"), status=404, payload={"message": "Not found"})
    async with make_client() as client:
        await client.conversations.delete(5)  # no NotFound: the first attempt deleted it
    assert fast_backoff == [0]


async def test_a_delete_of_a_missing_conversation_is_still_not_found(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    mocked.delete(api("/conversations/5"), status=404, payload={"message": "Not found"})
    async with make_client() as client:
        with pytest.raises(hs.NotFound):
            await client.conversations.delete(5)
