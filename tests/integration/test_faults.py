"""Faults injected by the fake, met by the client over real HTTP: what is retried, what is not.

The rule that matters most: a POST whose answer was lost or was a 5xx is never sent
again, so a reply is never emailed twice; safe requests are retried until they succeed.
"""

from __future__ import annotations

import asyncio
import math
from typing import Any

import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout, FaultRule
from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture

from ._support import FAST, count, metrics

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=200, seed=5)

GET_ONE = "GET /v2/conversations/{conversation_id}"
LIST = "GET /v2/conversations"
TOKEN = "POST /v2/oauth2/token"


def first_id(fake: FakeHelpScout) -> int:
    return next(iter(fake.store.conversations))


def customer_of(fake: FakeHelpScout, cid: int) -> int:
    return int(fake.store.conversations[cid]["primaryCustomer"]["id"])


# --- server errors --------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_get_is_retried_through_server_errors(
    client: hs.HelpScout, fake: FakeHelpScout, status: int
) -> None:
    cid = first_id(fake)
    rule = fake.faults.add(FaultRule("error", times=2, status=status, method="GET"))
    conv = await client.conversations.get(cid)
    assert conv.id == cid
    assert rule.fired == 2
    assert count(fake, GET_ONE) == 3
    assert metrics(fake)["statuses"][str(status)] == 2


async def test_retries_are_bounded(helpscout_fake: HelpScoutFakeFixture) -> None:
    fake = helpscout_fake.fake
    client = helpscout_fake.client(rate_limit=FAST, max_retries=2)
    fake.faults.add(FaultRule("error", rate=1.0, status=503, method="GET"))
    with pytest.raises(hs.ServerError) as info:
        await client.users.me()
    assert info.value.status == 503
    assert info.value.log_ref
    assert count(fake, "GET /v2/users/me") == 3


async def test_a_walk_survives_an_error_on_one_page(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    rule = fake.faults.add(FaultRule("error", at=(3,), status=502, path="/v2/conversations"))
    ids = [c.id async for c in client.conversations.list(status="all")]
    assert rule.fired == 1
    assert len(ids) == len(set(ids)) == len(fake.store.conversations)
    assert set(ids) == set(fake.store.conversations)
    assert count(fake, LIST) == math.ceil(len(ids) / 25) + 1


@pytest.mark.parametrize("status", [500, 503])
async def test_a_post_answered_5xx_is_not_sent_again(
    client: hs.HelpScout, fake: FakeHelpScout, status: int
) -> None:
    cid = first_id(fake)
    before = len(fake.store.get_threads(cid))
    fake.faults.add(FaultRule("error", times=1, status=status, method="POST"))
    with pytest.raises(hs.ServerError) as info:
        await client.conversations.reply(cid, text="only once", customer_id=customer_of(fake, cid))
    assert info.value.status == status
    assert count(fake, "POST /v2/conversations/{conversation_id}/reply") == 1
    assert len(fake.store.get_threads(cid)) == before


async def test_idempotent_writes_are_retried_through_a_503(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = first_id(fake)
    fake.faults.add(FaultRule("error", times=1, status=503, method="PATCH"))
    fake.faults.add(FaultRule("error", times=1, status=503, method="PUT"))
    await client.conversations.update(cid, subject="after a 503")
    await client.conversations.update_tags(cid, ["after-503"])
    stored = fake.store.conversations[cid]
    assert stored["subject"] == "after a 503"
    assert [t["tag"] for t in stored["tags"]] == ["after-503"]
    assert count(fake, "PATCH /v2/conversations/{conversation_id}") == 2
    assert count(fake, "PUT /v2/conversations/{conversation_id}/tags") == 2


# --- dropped connections --------------------------------------------------------------------


async def test_get_is_retried_through_dropped_connections(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = first_id(fake)
    # Three drops in a row: more than aiohttp's own single resend on a pooled connection,
    # so the client's retry must do the rest.
    rule = fake.faults.add(FaultRule("drop", times=3, method="GET"))
    conv = await client.conversations.get(cid)
    assert conv.id == cid
    assert rule.fired == 3
    assert count(fake, GET_ONE) == 4
    assert metrics(fake)["faults"]["drop"] == 3


async def test_a_post_whose_connection_dropped_is_not_sent_again(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = first_id(fake)
    before = len(fake.store.get_threads(cid))
    fake.faults.add(FaultRule("drop", times=1, method="POST"))
    with pytest.raises(hs.TransportError) as info:
        await client.conversations.add_note(cid, text="dropped")
    assert info.value.maybe_sent is True
    assert info.value.method == "POST"
    assert count(fake, "POST /v2/conversations/{conversation_id}/notes") == 1
    assert len(fake.store.get_threads(cid)) == before


async def test_a_post_done_but_unanswered_exists_exactly_once(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = first_id(fake)
    # The server makes the reply, then the connection drops before the answer.
    fake.faults.add(FaultRule("drop", times=1, method="POST", after=True))
    with pytest.raises(hs.TransportError) as info:
        await client.conversations.reply(
            cid, text="sent, answer lost", customer_id=customer_of(fake, cid)
        )
    assert info.value.maybe_sent is True
    assert count(fake, "POST /v2/conversations/{conversation_id}/reply") == 1
    made = [t for t in fake.store.get_threads(cid) if t.get("body") == "sent, answer lost"]
    assert len(made) == 1


# --- truncated bodies, latency, timeouts ----------------------------------------------------


@pytest.mark.parametrize("mode", ["short", "json"])
async def test_get_is_retried_after_a_truncated_body(
    client: hs.HelpScout, fake: FakeHelpScout, mode: str
) -> None:
    # short: Content-Length promises more than arrives; json: a complete answer, cut JSON.
    cid = first_id(fake)
    rule = fake.faults.add(FaultRule("truncate", times=1, method="GET", mode=mode))  # type: ignore[arg-type]
    conv = await client.conversations.get(cid, embed="threads")
    assert conv.id == cid
    assert conv.threads is not None
    assert rule.fired == 1
    assert count(fake, GET_ONE) == 2


async def test_a_walk_survives_truncated_pages(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    fake.faults.add(FaultRule("truncate", at=(2,), path="/v2/conversations", mode="json"))
    fake.faults.add(FaultRule("truncate", at=(5,), path="/v2/conversations", mode="short"))
    ids = [c.id async for c in client.conversations.list(status="all")]
    assert len(ids) == len(set(ids)) == len(fake.store.conversations)
    assert metrics(fake)["faults"]["truncate"] == 2


async def test_latency_is_absorbed_by_concurrent_pages(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    delay = 0.15
    fake.faults.add(FaultRule("latency", rate=1.0, delay=delay, path="/v2/conversations"))
    # Count the requests in flight at once instead of timing the walk: a busy machine
    # slows a walk down, but cannot make serial fetching look concurrent.
    transport = client._transport
    send = transport.request
    in_flight = peak = 0

    async def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            return await send(*args, **kwargs)
        finally:
            in_flight -= 1

    transport.request = counted  # type: ignore[method-assign]
    loop = asyncio.get_running_loop()
    started = loop.time()
    ids = [c.id async for c in client.conversations.list(status="all", concurrency=4)]
    elapsed = loop.time() - started
    pages = math.ceil(len(ids) / 25)
    assert pages == 8
    assert set(ids) == set(fake.store.conversations)
    assert peak == 4, "pages were not fetched 4 at a time"
    assert elapsed >= 3 * delay  # page 1 alone, then 7 pages 4 at a time


async def test_a_slow_answer_times_out_and_is_retried(
    helpscout_fake: HelpScoutFakeFixture,
) -> None:
    fake = helpscout_fake.fake
    client = helpscout_fake.client(rate_limit=FAST, timeout=0.2, max_retries=1)
    await client.users.me()  # the token is fetched before the latency starts
    fake.faults.add(FaultRule("latency", rate=1.0, delay=0.6, path="/v2/users/me"))
    with pytest.raises(hs.TransportError) as info:
        await client.users.me()
    assert "timed out" in str(info.value)
    assert info.value.maybe_sent is True
    assert count(fake, "GET /v2/users/me") == 1 + 2


# --- tokens ---------------------------------------------------------------------------------


async def test_token_expired_mid_walk_is_refreshed_once(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    rule = fake.faults.add(FaultRule("expire_token", at=(4,)))
    ids = [c.id async for c in client.conversations.list(status="all")]
    assert rule.fired == 1
    assert len(ids) == len(set(ids)) == len(fake.store.conversations)
    assert count(fake, TOKEN) == 2  # one token, then exactly one refresh
    assert metrics(fake)["statuses"].get("401", 0) >= 1


async def test_expired_tokens_between_calls(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    await client.users.me()
    fake.expire_tokens()
    me = await client.users.me()
    assert me.id == fake.store.me_user_id
    assert count(fake, TOKEN) == 2


async def test_a_second_401_is_not_refreshed_again(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    fake.faults.add(FaultRule("expire_token", times=2))
    with pytest.raises(hs.Unauthorized) as info:
        await client.users.me()
    assert info.value.status == 401
    assert count(fake, TOKEN) == 2
    assert count(fake, "GET /v2/users/me") == 2


@pytest.mark.helpscout_fake(token_ttl=0.6)
async def test_token_lifetime_runs_out_mid_walk(helpscout_fake: HelpScoutFakeFixture) -> None:
    fake = helpscout_fake.fake
    client = helpscout_fake.client(rate_limit=FAST, concurrency=1)
    fake.faults.add(FaultRule("latency", rate=1.0, delay=0.1, path="/v2/conversations"))
    loop = asyncio.get_running_loop()
    started = loop.time()
    ids = [c.id async for c in client.conversations.list(status="all")]
    elapsed = loop.time() - started
    assert len(ids) == len(set(ids)) == len(fake.store.conversations)
    assert elapsed > 0.6
    tokens = count(fake, TOKEN)
    # at least one renewal, and never more than one per lifetime (no refresh storm)
    assert 2 <= tokens <= 2 + math.floor(elapsed / 0.5)
    assert client._transport.auth.refreshes == tokens
