"""The client's rate limiting against the fake's account budget, with time scaled down.

The fake counts units when requests arrive (GET 1, writes 2) and answers 429 past the
budget; its metrics record the most units that ever arrived within one window. A
"minute" here lasts two seconds, so a walk of several windows takes a few seconds.
"""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout, FakeRateLimits
from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture

from ._support import FAST, count, fake_token, metrics

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=40)

WINDOW = 2.0  # seconds in the scaled "minute"
BURST_WINDOW = 5.0 * WINDOW / 60.0  # the 12-writes-per-5-s rule, scaled alike


def policy(per_minute: int) -> hs.RateLimit:
    """The client's default policy shape, time-scaled like the fake."""
    return hs.RateLimit(per_minute=per_minute, window=WINDOW, burst_window=BURST_WINDOW)


async def walk(client: hs.HelpScout, gets: int) -> int:
    """Walk every conversation page, then fan out ``gets`` single GETs at once."""
    ids = [c.id async for c in client.conversations.list(status="all")]
    assert len(ids) == len(set(ids))
    got = await asyncio.gather(*(client.conversations.get(i) for i in ids[:gets]))
    assert [c.id for c in got] == ids[:gets]
    return len(ids)


async def spend(fake: FakeHelpScout, units: int) -> None:
    """Spend ``units`` of the account's budget with raw GETs (another client of the account)."""
    async with aiohttp.ClientSession() as session:
        bearer = {"Authorization": f"Bearer {await fake_token(session, fake)}"}
        for _ in range(units):
            async with session.get(f"{fake.base_url}/users/me", headers=bearer) as resp:
                assert resp.status == 200


@pytest.mark.parametrize("mode", ["sliding", "fixed"])
async def test_walk_of_several_windows_never_exceeds_the_budget(
    mode: str,
) -> None:
    limits = FakeRateLimits(per_minute=60, window=WINDOW, mode=mode)  # type: ignore[arg-type]
    async with (
        FakeHelpScout(seed=1, conversations=2000, rate_limit=limits) as fake,
        hs.HelpScout(
            client_id=fake.client_id,
            client_secret=fake.client_secret,
            base_url=fake.base_url,
            rate_limit=policy(60),
        ) as client,
    ):
        loop = asyncio.get_running_loop()
        started = loop.time()
        total = await walk(client, gets=90)
        elapsed = loop.time() - started
        seen = metrics(fake)
    assert total == len(fake.store.conversations)
    served = seen["requests"]
    requests = served["GET /v2/conversations"] + served["GET /v2/conversations/{conversation_id}"]
    assert requests == 80 + 90
    assert elapsed > 2 * WINDOW  # several windows' worth of budget was needed
    assert client.rate_limited == 0
    assert seen["rateLimited"] == 0
    assert seen["unitsSpent"] == 170
    assert seen["maxUnitsInWindow"] <= 60
    assert seen["maxUnitsInWindow"] >= 45, "the budget was left largely unused"


@pytest.mark.helpscout_fake(rate_limit=FakeRateLimits(per_minute=1000, window=60.0, mode="fixed"))
async def test_writes_weigh_two_and_status_follows_the_headers(
    helpscout_fake: HelpScoutFakeFixture,
) -> None:
    fake = helpscout_fake.fake
    client = helpscout_fake.client(
        rate_limit=hs.RateLimit(per_minute=1000, window=60.0, writes_per_burst=None)
    )
    assert client.rate_limit_status is None
    cid = next(iter(fake.store.conversations))
    await client.conversations.list(status="all").first_page()  # GET 1
    status = client.rate_limit_status
    assert status is not None
    assert (status.limit, status.remaining, status.retry_after) == (1000, 999, None)
    await client.conversations.get(cid)  # GET 1
    await client.conversations.update(cid, subject="weighed")  # PATCH 2
    await client.conversations.update_tags(cid, ["weighed"])  # PUT 2
    await client.conversations.add_note(cid, text="weighed")  # POST 2
    await client.customers.create(first_name="Weighed")  # POST 2
    await client.conversations.delete(cid)  # DELETE 2
    seen = metrics(fake)
    assert seen["unitsSpent"] == 2 * 1 + 5 * 2
    assert sum(seen["requests"].values()) == 7 + 1  # and one token request, which is free
    status = client.rate_limit_status
    assert status is not None
    assert status.limit == 1000
    assert status.remaining == 1000 - 12
    assert fake.limiter is not None
    assert status.remaining == fake.limiter.remaining()


@pytest.mark.helpscout_fake(
    seed=2, conversations=1500, rate_limit=FakeRateLimits(per_minute=120, window=WINDOW)
)
async def test_client_adopts_the_servers_limit(helpscout_fake: HelpScoutFakeFixture) -> None:
    fake = helpscout_fake.fake
    client = helpscout_fake.client(rate_limit=policy(60))
    assert isinstance(client.limiter, hs.AccountLimiter)
    assert client.limiter.limit == 60
    await client.users.me()
    assert client.limiter.limit == 120
    await walk(client, gets=70)  # 60 pages + 70 gets: more than a window at 120
    seen = metrics(fake)
    assert client.rate_limited == 0
    assert seen["rateLimited"] == 0
    assert seen["maxUnitsInWindow"] <= 120
    assert seen["maxUnitsInWindow"] > 60, "the adopted limit was not used"


@pytest.mark.helpscout_fake(
    seed=4, conversations=1000, rate_limit=FakeRateLimits(per_minute=60, window=WINDOW)
)
async def test_clients_sharing_one_limiter_share_the_budget(
    helpscout_fake: HelpScoutFakeFixture,
) -> None:
    fake = helpscout_fake.fake
    shared = hs.AccountLimiter(policy(60))
    first = helpscout_fake.client(limiter=shared, rate_limit=policy(60))
    second = helpscout_fake.client(limiter=shared, rate_limit=policy(60))
    await asyncio.gather(walk(first, gets=0), walk(second, gets=0))
    seen = metrics(fake)
    assert seen["requests"]["GET /v2/conversations"] == 2 * 40
    assert first.rate_limited == second.rate_limited == 0
    assert seen["rateLimited"] == 0
    assert seen["maxUnitsInWindow"] <= 60


@pytest.mark.helpscout_fake(rate_limit=FakeRateLimits(per_minute=10, window=60.0))
async def test_raise_on_rate_limit_when_the_budget_is_spent(
    helpscout_fake: HelpScoutFakeFixture,
) -> None:
    fake = helpscout_fake.fake
    await spend(fake, 10)
    client = helpscout_fake.client(rate_limit=FAST, raise_on_rate_limit=True)
    with pytest.raises(hs.RateLimited) as info:
        await client.users.me()
    err = info.value
    assert err.status == 429
    assert err.retry_after is not None
    assert 0 < err.retry_after <= 60
    assert "429" in str(err)
    assert count(fake, "GET /v2/users/me") == 10 + 1  # raised at once: no retry
    assert client.rate_limited == 1
    status = client.rate_limit_status
    assert status is not None
    assert (status.limit, status.remaining, status.retry_after) == (10, 0, err.retry_after)


@pytest.mark.helpscout_fake(rate_limit=FakeRateLimits(per_minute=10, window=1.0))
async def test_a_429_is_waited_out_and_retried(helpscout_fake: HelpScoutFakeFixture) -> None:
    fake = helpscout_fake.fake
    await spend(fake, 10)
    client = helpscout_fake.client(rate_limit=FAST)
    me = await client.users.me()
    assert me.id == fake.store.me_user_id
    assert client.rate_limited >= 1
    assert metrics(fake)["rateLimited"] == client.rate_limited


@pytest.mark.helpscout_fake(rate_limit=FakeRateLimits(per_minute=10, window=1.0))
async def test_a_post_refused_with_429_is_sent_again_and_made_once(
    helpscout_fake: HelpScoutFakeFixture,
) -> None:
    fake = helpscout_fake.fake
    cid = next(iter(fake.store.conversations))
    await spend(fake, 10)
    client = helpscout_fake.client(rate_limit=FAST)
    tid = await client.conversations.add_note(cid, text="sent after a 429")
    made = [t for t in fake.store.get_threads(cid) if t.get("body") == "sent after a 429"]
    assert [t["id"] for t in made] == [tid]
    assert client.rate_limited >= 1
    assert count(fake, "POST /v2/conversations/{conversation_id}/notes") == client.rate_limited + 1
