"""The fake sends webhooks: signed POSTs on writes, Help Scout's retries, metrics.

The receiver here is a bare aiohttp.web app that records what arrives and checks the
signature with hmac itself; the API is driven with a plain aiohttp session.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from _fake_support import Api, session, small_store
from aiohttp import web
from aiohttp.test_utils import TestServer

from helpscout_async.testing import DeliveryPolicy, FakeHelpScout

__all__ = ["session"]

SECRET = "fake-whsec-5d04b7f3a9c1"
FAST = DeliveryPolicy(attempts=4, backoff=1.0, time_scale=0.001, timeout=5.0)
CID = 1000


class Sink:
    """A webhook receiver: records deliveries; answers with ``plan`` statuses in turn."""

    def __init__(self) -> None:
        self.received: list[tuple[str, bytes, bool]] = []
        self.plan: list[int] = []
        self.hang_first = False
        self.release = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        expected = base64.b64encode(hmac.new(SECRET.encode(), raw, hashlib.sha1).digest())
        valid = hmac.compare_digest(
            expected.decode(), request.headers.get("X-HelpScout-Signature", "")
        )
        self.received.append((request.headers["X-HelpScout-Event"], raw, valid))
        if self.hang_first and len(self.received) == 1:
            await self.release.wait()
        status = self.plan.pop(0) if self.plan else 200
        return web.Response(status=status)

    def events(self) -> list[str]:
        return [event for event, _, _ in self.received]

    def body(self, index: int = -1) -> Any:
        return json.loads(self.received[index][1])


@pytest_asyncio.fixture
async def sink() -> AsyncIterator[tuple[Sink, str]]:
    receiver = Sink()
    app = web.Application()
    app.router.add_post("/hook", receiver.handle)
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    yield receiver, str(server.make_url("/hook"))
    receiver.release.set()
    await server.close()


@pytest_asyncio.fixture
async def api(session: aiohttp.ClientSession) -> AsyncIterator[Api]:
    async with FakeHelpScout(store=small_store(3), rate_limit=None, webhook_policy=FAST) as fake:
        yield Api(fake, session)


ALL_EVENTS = [
    "convo.created",
    "convo.assigned",
    "convo.status",
    "convo.moved",
    "convo.tags",
    "convo.custom-fields",
    "convo.agent.reply.created",
    "convo.customer.reply.created",
    "convo.note.created",
    "convo.deleted",
    "convo.merged",
    "customer.created",
    "customer.updated",
    "customer.deleted",
    "tag.created",
    "satisfaction.ratings",
]


async def _write(api: Api, method: str, path: str, body: Any = None) -> Any:
    status, headers, _ = await api.call(method, path, json_body=body)
    assert 200 <= status < 300, (method, path, status)
    return headers


async def test_each_write_fires_its_event_signed(api: Api, sink: tuple[Sink, str]) -> None:
    receiver, url = sink
    fake = api.fake
    fake.add_webhook(url, ALL_EVENTS, SECRET)
    new = {
        "subject": "Café ☕ order",
        "customer": {"email": "zoe@cust.test", "firstName": "Zoë"},
        "mailboxId": 1,
        "type": "email",
        "status": "active",
        "tags": ["brand-new-tag"],
        "threads": [{"type": "customer", "text": "Grüße"}],
    }
    headers = await _write(api, "POST", "/conversations", new)
    new_id = int(headers["Resource-ID"])
    await fake.drain_webhooks()
    assert receiver.events() == ["customer.created", "tag.created", "convo.created"]
    raw = receiver.received[-1][1]
    assert "Café ☕".encode() in raw  # UTF-8 on the wire, not \\u escapes
    created = receiver.body()
    assert created["id"] == new_id
    assert created["_embedded"]["threads"][0]["body"] == "Grüße"
    assert fake.base_url in created["_links"]["self"]["href"]  # rebased onto the fake
    assert "modifiedAt" not in created  # as the live API's conversation bodies

    path = f"/conversations/{CID}"
    steps: list[tuple[str, str, Any, list[str]]] = [
        ("PATCH", path, {"op": "replace", "path": "/status", "value": "pending"}, ["convo.status"]),
        ("PATCH", path, {"op": "replace", "path": "/status", "value": "pending"}, []),
        ("PATCH", path, {"op": "replace", "path": "/assignTo", "value": 102}, ["convo.assigned"]),
        ("PATCH", path, {"op": "move", "path": "/mailboxId", "value": 2}, ["convo.moved"]),
        ("PATCH", path, {"op": "replace", "path": "/subject", "value": "New subject"}, []),
        ("PUT", f"{path}/tags", {"tags": ["vip"]}, ["convo.tags"]),
        ("PUT", f"{path}/fields", {"fields": [{"id": 32, "value": "42"}]}, ["convo.custom-fields"]),
        (
            "POST",
            f"{path}/reply",
            {"text": "hi", "customer": {"id": 201}},
            ["convo.agent.reply.created"],
        ),
        ("POST", f"{path}/reply", {"text": "draft", "customer": {"id": 201}, "draft": True}, []),
        (
            "POST",
            f"{path}/reply",
            {"text": "done", "customer": {"id": 201}, "status": "closed"},
            ["convo.agent.reply.created", "convo.status"],
        ),
        ("POST", f"{path}/notes", {"text": "internal"}, ["convo.note.created"]),
        (
            "POST",
            f"{path}/customer",
            {"text": "thanks", "customer": {"id": 201}},
            ["convo.customer.reply.created", "convo.status"],
        ),
        ("PUT", f"{path}/snooze", {"snoozedUntil": "2030-01-01T00:00:00Z"}, []),
        ("PUT", "/customers/202", {"firstName": "Robert"}, ["customer.updated"]),
        ("DELETE", "/customers/203", None, ["customer.deleted"]),
        ("DELETE", f"/conversations/{CID + 1}", None, ["convo.deleted"]),
    ]
    for method, where, body, expected in steps:
        before = len(receiver.received)
        await _write(api, method, where, body)
        await fake.drain_webhooks()
        assert receiver.events()[before:] == expected, (method, where, body)
    assert all(valid for _, _, valid in receiver.received)
    assert receiver.body() == {"id": CID + 1}


async def test_customer_create_and_failed_writes(api: Api, sink: tuple[Sink, str]) -> None:
    receiver, url = sink
    api.fake.add_webhook(url, ["customer.created", "convo.status"], SECRET)
    headers = await _write(
        api, "POST", "/customers", {"firstName": "Ada", "emails": [{"value": "ada@x.io"}]}
    )
    status, _, _ = await api.call(
        "PATCH",
        f"/conversations/{CID}",
        json_body={"op": "replace", "path": "/status", "value": "nope"},
    )
    assert status == 400  # a rejected write fires nothing
    await api.fake.drain_webhooks()
    assert receiver.events() == ["customer.created"]
    assert receiver.body()["id"] == int(headers["Resource-ID"])
    assert receiver.body()["_embedded"]["emails"][0]["value"] == "ada@x.io"


async def test_failed_deliveries_are_retried_with_backoff(api: Api, sink: tuple[Sink, str]) -> None:
    receiver, url = sink
    receiver.plan = [500, 503]
    hook = api.fake.add_webhook(url, ["convo.status"], SECRET)
    await _write(
        api,
        "PATCH",
        f"/conversations/{CID}",
        {"op": "replace", "path": "/status", "value": "closed"},
    )
    await api.fake.drain_webhooks()
    assert receiver.events() == ["convo.status"] * 3
    assert len({raw for _, raw, _ in receiver.received}) == 1  # the same bytes each time
    log = [(d.webhook_id, d.attempt, d.status) for d in api.fake.webhooks.log]
    assert log == [(hook, 1, 500), (hook, 2, 503), (hook, 3, 200)]
    async with api.session.get(api.fake.url + "/_fake/metrics") as resp:
        metrics = (await resp.json())["webhooks"]
    assert metrics["attempts"] == 3
    assert metrics["retries"] == 2
    assert metrics["failedAttempts"] == 2
    assert metrics["delivered"] == 1
    assert metrics["deliveredByEvent"] == {"convo.status": 1}
    assert metrics["pending"] == 0


def test_backoff_doubles_and_is_time_scaled() -> None:
    policy = DeliveryPolicy(backoff=2.0, max_backoff=10.0, time_scale=0.5)
    assert [policy.delay(n) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]
    with pytest.raises(ValueError, match="attempts"):
        DeliveryPolicy(attempts=0)


async def test_retries_stop_after_the_last_attempt(api: Api, sink: tuple[Sink, str]) -> None:
    receiver, url = sink
    receiver.plan = [500] * 10
    api.fake.add_webhook(url, ["convo.status"], SECRET)
    await _write(
        api,
        "PATCH",
        f"/conversations/{CID}",
        {"op": "replace", "path": "/status", "value": "closed"},
    )
    await api.fake.drain_webhooks()
    assert len(receiver.received) == FAST.attempts
    assert api.fake.metrics.webhooks["exhausted"] == 1
    assert api.fake.metrics.webhooks["delivered"] == 0


async def test_410_disables_the_webhook(api: Api, sink: tuple[Sink, str]) -> None:
    receiver, url = sink
    receiver.plan = [410]
    hook = api.fake.add_webhook(url, ["convo.status"], SECRET)
    for value in ("closed", "active"):
        await _write(
            api,
            "PATCH",
            f"/conversations/{CID}",
            {"op": "replace", "path": "/status", "value": value},
        )
        await api.fake.drain_webhooks()
    assert len(receiver.received) == 1
    assert api.fake.webhooks.subscriptions[hook].state == "disabled"
    assert api.fake.metrics.webhooks["disabled"] == 1


async def test_timeouts_and_refused_connections_are_retried(
    session: aiohttp.ClientSession, sink: tuple[Sink, str]
) -> None:
    receiver, url = sink
    receiver.hang_first = True
    policy = DeliveryPolicy(attempts=5, backoff=1.0, time_scale=0.001, timeout=0.5)
    async with FakeHelpScout(store=small_store(2), rate_limit=None, webhook_policy=policy) as fake:
        api = Api(fake, session)
        live = fake.add_webhook(url, ["convo.status"], SECRET)
        dead = fake.add_webhook("http://127.0.0.1:9/nothing-listens", ["convo.status"], SECRET)
        patch = {"op": "replace", "path": "/status", "value": "closed"}
        await _write(api, "PATCH", f"/conversations/{CID}", patch)
        await fake.drain_webhooks()
        log = list(fake.webhooks.log)
    to_live = [(d.status, d.error) for d in log if d.webhook_id == live]
    to_dead = [(d.status, d.error) for d in log if d.webhook_id == dead]
    assert to_live[0] == (None, "timeout")  # the receiver never answered in time
    assert to_live[-1] == (200, None)  # a retry got through
    assert len(receiver.received) == len(to_live) >= 2
    # every attempt at the closed port failed to connect, then it gave up
    assert len(to_dead) == policy.attempts
    assert all(status is None and error not in (None, "timeout") for status, error in to_dead)


async def test_mailbox_filter_applies_to_conversations_not_customers(
    api: Api, sink: tuple[Sink, str]
) -> None:
    receiver, url = sink
    api.fake.add_webhook(url, ["convo.status", "customer.updated"], SECRET, mailbox_ids=[2])
    await _write(
        api,
        "PATCH",
        f"/conversations/{CID}",
        {"op": "replace", "path": "/status", "value": "closed"},
    )
    await _write(api, "PUT", "/customers/201", {"firstName": "Annie"})
    await api.fake.drain_webhooks()
    assert receiver.events() == ["customer.updated"]  # the conversation is in mailbox 1


async def test_other_events_ratings_merges_and_the_test_ping(
    api: Api, sink: tuple[Sink, str]
) -> None:
    receiver, url = sink
    fake = api.fake
    hook = fake.add_webhook(
        url,
        [
            "satisfaction.ratings",
            "convo.merged",
            "beacon.chat.created",
            "message.survey.response.received",
        ],
        SECRET,
    )
    await _write(
        api, "POST", f"/conversations/{CID}/reply", {"text": "hi", "customer": {"id": 201}}
    )
    rating = fake.rate(CID, "great", "Thanks ✨")
    fake.merge(CID + 1, CID)
    assert (
        fake.emit_webhook("beacon.chat.created", {"id": "5a0da3c3-4882-3352-8db9-8fc47e14111f"})
        == 1
    )
    assert fake.emit_webhook("message.survey.response.received", {"response": {"value": "9"}}) == 1
    assert fake.emit_webhook("tag.updated", {"id": 401}) == 0  # not subscribed
    fake.webhooks.send_test(hook)
    await fake.drain_webhooks()
    assert sorted(receiver.events()) == sorted(
        [
            "satisfaction.ratings",
            "convo.merged",
            "beacon.chat.created",
            "message.survey.response.received",
            "helpscout.test",
        ]
    )
    by_event = {event: json.loads(raw) for event, raw, _ in receiver.received}
    assert by_event["satisfaction.ratings"] == rating
    assert rating["threadId"] is not None
    assert by_event["convo.merged"]["id"] == CID


async def test_add_webhook_validates(api: Api) -> None:
    fake = api.fake
    with pytest.raises(ValueError, match="events"):
        fake.add_webhook("https://x.io/h", ["convo.teleported"], SECRET)
    with pytest.raises(ValueError, match="secret"):
        fake.add_webhook("https://x.io/h", ["convo.created"], "x" * 41)
    with pytest.raises(ValueError, match="url"):
        fake.add_webhook("ftp://x.io/h", ["convo.created"], SECRET)
    with pytest.raises(ValueError, match="events"):
        fake.add_webhook("https://x.io/h", ["helpscout.test"], SECRET)


async def test_secret_never_in_reprs_or_logs(
    api: Api, sink: tuple[Sink, str], caplog: pytest.LogCaptureFixture
) -> None:
    receiver, url = sink
    receiver.plan = [410]
    hook = api.fake.add_webhook(url, ["convo.status"], SECRET)
    with caplog.at_level(logging.DEBUG):
        await _write(
            api,
            "PATCH",
            f"/conversations/{CID}",
            {"op": "replace", "path": "/status", "value": "closed"},
        )
        await api.fake.drain_webhooks()
    texts = [repr(api.fake.webhooks), repr(api.fake.webhooks.subscriptions[hook]), caplog.text]
    texts.append(repr(api.fake._state))
    assert all(SECRET not in text for text in texts)


async def test_no_webhook_no_work(api: Api) -> None:
    await _write(
        api,
        "PATCH",
        f"/conversations/{CID}",
        {"op": "replace", "path": "/status", "value": "closed"},
    )
    assert api.fake.metrics.snapshot()["webhooks"]["events"] == 0
    assert api.fake.webhooks.pending == 0


async def test_close_cancels_pending_retries(
    session: aiohttp.ClientSession, sink: tuple[Sink, str]
) -> None:
    receiver, url = sink
    receiver.plan = [500] * 10
    slow = DeliveryPolicy(attempts=5, backoff=3600.0)  # an hour between tries
    fake = FakeHelpScout(store=small_store(2), rate_limit=None, webhook_policy=slow)
    await fake.start()
    api = Api(fake, session)
    fake.add_webhook(url, ["convo.status"], SECRET)
    await _write(
        api,
        "PATCH",
        f"/conversations/{CID}",
        {"op": "replace", "path": "/status", "value": "closed"},
    )
    for _ in range(1000):  # bounded: 5 s at most on a busy machine
        if receiver.received:
            break
        await asyncio.sleep(0.005)
    assert fake.webhooks.pending == 1
    await fake.close()
    assert fake.webhooks.pending == 0
    assert len(receiver.received) == 1


async def test_webhook_crud_over_http(api: Api, sink: tuple[Sink, str]) -> None:
    receiver, url = sink
    status, headers, _ = await api.call(
        "POST", "/webhooks", json_body={"url": url, "events": ["convo.status"], "secret": SECRET}
    )
    assert status == 201
    hook = int(headers["Resource-ID"])
    assert headers["Location"] == f"{api.fake.base_url}/webhooks/{hook}"
    got = await api.get(f"/webhooks/{hook}")
    assert got["events"] == ["convo.status"]
    assert got["state"] == "enabled"
    assert got["payloadVersion"] == "V2"
    assert "secret" not in got
    assert SECRET not in json.dumps(got)
    listing = await api.get("/webhooks")
    assert [w["id"] for w in listing["_embedded"]["webhooks"]] == [hook]
    assert listing["page"]["totalElements"] == 1

    patch = {"op": "replace", "path": "/status", "value": "closed"}
    await _write(api, "PATCH", f"/conversations/{CID}", patch)
    await api.fake.drain_webhooks()
    assert receiver.events() == ["convo.status"]

    replaced = {"url": url, "events": ["convo.assigned"], "secret": SECRET, "label": "v2"}
    await _write(api, "PUT", f"/webhooks/{hook}", replaced)
    got = await api.get(f"/webhooks/{hook}")
    assert (got["events"], got["label"]) == (["convo.assigned"], "v2")
    await _write(api, "PATCH", f"/conversations/{CID}", {**patch, "value": "active"})
    await api.fake.drain_webhooks()
    assert receiver.events() == ["convo.status"]  # no longer subscribed to it

    await _write(api, "DELETE", f"/webhooks/{hook}")
    status, _, _ = await api.call("GET", f"/webhooks/{hook}")
    assert status == 404
    assert api.fake.webhooks.subscriptions == {}


async def test_bad_webhook_is_400_and_the_secret_is_not_echoed(api: Api) -> None:
    bad_secret = "y" * 41
    status, _, body = await api.call(
        "POST",
        "/webhooks",
        json_body={"url": "not-a-url", "events": ["convo.teleported"], "secret": bad_secret},
    )
    assert status == 400
    assert body is not None
    paths = sorted(e["path"] for e in body["_embedded"]["errors"])
    assert paths == ["events", "secret", "url"]
    assert bad_secret not in json.dumps(body)
    status, _, _ = await api.call(
        "POST",
        "/webhooks",
        json_body={
            "url": "https://x.io",
            "events": ["convo.created"],
            "secret": "s",
            "payloadVersion": "V1",
        },
    )
    assert status == 400


async def test_a_rating_is_served_after_it_was_sent(api: Api, sink: tuple[Sink, str]) -> None:
    receiver, url = sink
    api.fake.add_webhook(url, ["satisfaction.ratings"], SECRET)
    rating = api.fake.rate(CID, "okay", "Could be faster")
    await api.fake.drain_webhooks()
    assert receiver.body() == rating
    served = await api.get(f"/ratings/{rating['id']}")
    assert served["rating"] == "okay"


def test_fake_server_command_sets_the_delivery_policy() -> None:
    from helpscout_async.testing import _command

    args = _command._parser().parse_args(
        ["--webhook-time-scale", "0.01", "--webhook-attempts", "3"]
    )
    policy = _command._fake(args)._state.webhook_policy
    assert (policy.time_scale, policy.attempts) == (0.01, 3)
    with pytest.raises(_command._UsageError, match="webhook-time-scale"):
        _command._parser().parse_args(["--webhook-time-scale", "-1"])


async def test_pending_deliveries_are_bounded(
    session: aiohttp.ClientSession, sink: tuple[Sink, str]
) -> None:
    receiver, url = sink
    receiver.plan = [500] * 10
    bounded = DeliveryPolicy(attempts=5, backoff=3600.0, max_pending=2)
    async with FakeHelpScout(store=small_store(3), rate_limit=None, webhook_policy=bounded) as fake:
        api = Api(fake, session)
        fake.add_webhook(url, ["convo.status"], SECRET)
        for cid in (CID, CID + 1, CID + 2):
            patch = {"op": "replace", "path": "/status", "value": "closed"}
            await _write(api, "PATCH", f"/conversations/{cid}", patch)
        assert fake.webhooks.pending == 2
        assert fake.metrics.snapshot()["webhooks"]["dropped"] == 1
