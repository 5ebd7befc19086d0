"""Fault injection: latency, 5xx, dropped connections, truncated bodies, expired tokens, churn."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
import pytest_asyncio
from _fake_support import Api, session, small_store

from helpscout_async.testing import Churn, FakeHelpScout, FaultRule, Faults

__all__ = ["session"]


@pytest_asyncio.fixture
async def api(session: aiohttp.ClientSession) -> AsyncIterator[Api]:
    async with FakeHelpScout(store=small_store(30), rate_limit=None) as fake:
        yield Api(fake, session)


async def test_latency(api: Api) -> None:
    api.fake.faults.add(FaultRule("latency", rate=1.0, delay=(0.05, 0.08)))
    started = time.perf_counter()
    assert (await api.call("GET", "/users/me"))[0] == 200
    assert time.perf_counter() - started >= 0.05
    assert api.fake.metrics.faults["latency"] == 1


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_by_schedule(api: Api, status: int) -> None:
    api.fake.faults.add(FaultRule("error", at=(2,), status=status))
    assert (await api.call("GET", "/conversations"))[0] == 200
    got, headers, body = await api.call("GET", "/conversations")
    assert got == status
    assert headers["Content-Type"].startswith("application/vnd.error+json")
    assert body is not None
    assert {"logRef", "message"} <= set(body)
    assert (await api.call("GET", "/conversations"))[0] == 200
    assert api.fake.metrics.faults["error"] == 1


async def test_dropped_connection(api: Api) -> None:
    # aiohttp's client silently retries an idempotent request once when the
    # server disconnects, so two drops in a row are needed to see the error.
    api.fake.faults.add(FaultRule("drop", times=2))
    with pytest.raises(aiohttp.ClientConnectionError):
        await api.call("GET", "/users/me")
    assert (await api.call("GET", "/users/me"))[0] == 200
    assert api.fake.metrics.faults["drop"] == 2


async def test_one_drop_is_retried_by_aiohttp_itself(api: Api) -> None:
    api.fake.faults.add(FaultRule("drop", times=1))
    assert (await api.call("GET", "/users/me"))[0] == 200
    assert api.fake.metrics.faults["drop"] == 1
    assert api.fake.metrics.requests["GET /v2/users/me"] == 2


async def test_dropped_after_the_write_happened(api: Api) -> None:
    api.fake.faults.add(FaultRule("drop", times=1, method="POST", after=True))
    with pytest.raises(aiohttp.ClientConnectionError):
        await api.call("POST", "/conversations/1000/notes", json_body={"text": "lost answer"})
    threads = await api.get("/conversations/1000/threads")
    assert threads["_embedded"]["threads"][0]["body"] == "lost answer"


async def test_dropped_before_the_write_happened(api: Api) -> None:
    api.fake.faults.add(FaultRule("drop", times=1, method="POST"))
    with pytest.raises(aiohttp.ClientConnectionError):
        await api.call("POST", "/conversations/1000/notes", json_body={"text": "never"})
    threads = await api.get("/conversations/1000/threads")
    assert threads["page"]["totalElements"] == 1


async def test_truncated_body_short_of_content_length(api: Api) -> None:
    api.fake.faults.add(FaultRule("truncate", times=1))
    with pytest.raises(aiohttp.ClientPayloadError):
        await api.call("GET", "/conversations")
    assert (await api.call("GET", "/conversations"))[0] == 200
    assert api.fake.metrics.faults["truncate"] == 1


async def test_truncated_json(api: Api) -> None:
    api.fake.faults.add(FaultRule("truncate", times=1, mode="json"))
    async with api.session.get(f"{api.fake.base_url}/conversations", headers=api.headers) as r:
        assert r.status == 200
        raw = await r.read()
    assert int(r.headers["Content-Length"]) == len(raw)
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw)


async def test_expired_token_fault(api: Api) -> None:
    api.fake.faults.add(FaultRule("expire_token", at=(2,)))
    assert (await api.call("GET", "/users/me"))[0] == 200
    assert (await api.call("GET", "/users/me"))[0] == 401
    assert (await api.call("GET", "/users/me"))[0] == 401  # it stays expired
    api.token = api.fake.issue_token()
    assert (await api.call("GET", "/users/me"))[0] == 200


async def test_rules_match_method_and_path(api: Api) -> None:
    rule = api.fake.faults.add(FaultRule("error", rate=1.0, method="GET", path="/v2/customers*"))
    assert (await api.call("GET", "/conversations"))[0] == 200
    assert (await api.call("GET", "/customers"))[0] == 500
    assert (await api.call("GET", "/customers/201"))[0] == 500
    assert (await api.call("PUT", "/customers/201", json_body={"firstName": "A"}))[0] == 204
    assert (rule.seen, rule.fired) == (2, 2)
    api.fake.faults.clear()
    assert (await api.call("GET", "/customers"))[0] == 200


async def test_rates_are_seeded(session: aiohttp.ClientSession) -> None:
    outcomes = []
    for _ in range(2):
        faults = Faults([FaultRule("error", rate=0.3, status=503)], seed=9)
        async with FakeHelpScout(store=small_store(0), rate_limit=None, faults=faults) as fake:
            api = Api(fake, session)
            outcomes.append([(await api.call("GET", "/users/me"))[0] for _ in range(40)])
    assert outcomes[0] == outcomes[1]
    assert 0 < outcomes[0].count(503) < 40


def test_bad_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        FaultRule("explode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="status"):
        FaultRule("error", status=200)


def _recent(stamp: str) -> bool:
    when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return abs(datetime.now(UTC) - when) < timedelta(seconds=5)


async def test_churn_on_demand(session: aiohttp.ClientSession) -> None:
    async with FakeHelpScout(
        seed=2, conversations=80, rate_limit=None, body_modified_at=True
    ) as fake:
        api = Api(fake, session)
        before = set(await api.ids("/conversations", status="all"))
        result = fake.churn(modify=3, create=2, delete=2)
        assert (len(result.modified), len(result.created), len(result.deleted)) == (3, 2, 2)
        after = set(await api.ids("/conversations", status="all"))
        assert after == (before - set(result.deleted)) | set(result.created)
        for cid in result.modified:
            assert _recent((await api.get(f"/conversations/{cid}"))["modifiedAt"])
        for cid in result.created:
            conv = await api.get(f"/conversations/{cid}", embed="threads")
            assert conv["_embedded"]["threads"]
        newest = await api.get("/conversations", status="all", sortField="modifiedAt")
        top = {c["id"] for c in newest["_embedded"]["conversations"][:7]}
        assert set(result.modified) | set(result.created) <= top


async def test_churn_while_walking_a_list(session: aiohttp.ClientSession) -> None:
    faults = Faults(churn=Churn(modify=2, create=0.5, delete=0.5), seed=4)
    async with FakeHelpScout(seed=3, conversations=200, rate_limit=None, faults=faults) as fake:
        api = Api(fake, session)
        seen = await api.ids("/conversations", status="all", sortField="modifiedAt")
        faults.churn = None
        now = set(fake.store.conversations)
        counts = fake.metrics.faults
        assert counts["churn_modify"] >= 2 * 8
        assert counts["churn_create"] + counts["churn_delete"] > 0
        # walking newest-first while records move to the front loses some of them:
        # exactly what a sync engine has to cope with.
        assert len(set(seen)) < len(seen) or now - set(seen)
        snap = await api.get("/conversations", status="all")
        assert snap["page"]["totalElements"] == len(now)
