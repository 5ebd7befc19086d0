"""Webhooks end to end: changes made through the client, sent by the fake, received by
``hs.webhooks.receiver`` over real HTTP on loopback, each once, signed, typed.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import pytest_asyncio
from aiohttp import web
from aiohttp.test_utils import TestServer

import helpscout_async as hs
from helpscout_async.testing import DeliveryPolicy, FakeHelpScout

SECRET = "e2e-webhook-secret-77aa"
FAST = DeliveryPolicy(attempts=10, backoff=1.0, time_scale=0.002, timeout=5.0)
pytestmark = pytest.mark.helpscout_fake(
    rate_limit=None, conversations=10, seed=5, webhook_policy=FAST
)
EVERY = sorted(hs.webhooks.EVENTS.keys() - {"helpscout.test"})


class Inbox:
    """The user's handler: keeps every event it is given."""

    def __init__(self) -> None:
        self.events: list[hs.webhooks.WebhookEvent] = []
        self.gate: asyncio.Event | None = None

    async def __call__(self, event: hs.webhooks.WebhookEvent) -> None:
        if self.gate is not None:
            await self.gate.wait()
        self.events.append(event)

    def kinds(self) -> Counter[str]:
        return Counter(str(e.type) for e in self.events)


Start = Callable[..., Awaitable[tuple[hs.webhooks.Receiver, Inbox, str]]]


@pytest_asyncio.fixture
async def start_receiver() -> AsyncIterator[Start]:
    servers: list[TestServer] = []

    async def start(
        *, middlewares: tuple[object, ...] = (), **options: object
    ) -> tuple[hs.webhooks.Receiver, Inbox, str]:
        inbox = Inbox()
        rx = hs.webhooks.receiver(SECRET, inbox, **options)
        app = web.Application(middlewares=list(middlewares))  # type: ignore[arg-type]
        rx.setup(app, "/hs")
        server = TestServer(app, host="127.0.0.1", port=0)
        await server.start_server()
        servers.append(server)
        return rx, inbox, str(server.make_url("/hs"))

    yield start
    for server in servers:
        await server.close()


async def settle(fake: FakeHelpScout, rx: hs.webhooks.Receiver) -> None:
    await fake.drain_webhooks()
    await rx.drain()


async def test_every_change_arrives_once_signed_and_typed(
    fake: FakeHelpScout, client: hs.HelpScout, start_receiver: Start
) -> None:
    rx, inbox, url = await start_receiver()
    hook_id = await client.webhooks.create(url=url, events=EVERY, secret=SECRET, label="e2e")
    hook = await client.webhooks.get(hook_id)
    assert hook.state == "enabled"
    assert set(hook.events) == set(EVERY)
    mailbox = sorted(fake.store.mailboxes)[0]
    other_mailbox = sorted(fake.store.mailboxes)[1]
    user = sorted(fake.store.users)[0]

    conv_id = await client.conversations.create(
        subject="Where is my parcel? 📦",
        mailbox_id=mailbox,
        customer_email="new.buyer@example.org",
        text="Ordered a week ago.",
        tags=["shipping-e2e"],
    )
    customer_id = (await client.conversations.get(conv_id)).primary_customer.id  # type: ignore[union-attr]
    await client.conversations.update(conv_id, assign_to=user)
    await client.conversations.update(conv_id, status="pending")
    await client.conversations.update_tags(conv_id, ["shipping-e2e", "priority-e2e"])
    await client.conversations.reply(conv_id, text="On its way!", customer_id=customer_id)
    await client.conversations.add_note(conv_id, text="Checked with the courier")
    await client.conversations.update(conv_id, mailbox_id=other_mailbox)
    fake.rate(conv_id, "great", "Fast answer")
    other_customer = await client.customers.create(first_name="Ada", emails=["ada@example.org"])
    await client.customers.update(other_customer, first_name="Ada", last_name="Lovelace")
    await client.customers.delete(other_customer)
    await client.conversations.delete(conv_id)
    await settle(fake, rx)

    assert inbox.kinds() == Counter(
        {
            "customer.created": 2,
            "tag.created": 2,  # shipping-e2e, then priority-e2e
            "convo.created": 1,
            "convo.assigned": 1,
            "convo.status": 1,
            "convo.tags": 1,
            "convo.agent.reply.created": 1,
            "convo.note.created": 1,
            "convo.moved": 1,
            "satisfaction.ratings": 1,
            "customer.updated": 1,
            "customer.deleted": 1,
            "convo.deleted": 1,
        }
    )
    assert rx.stats.rejected == 0  # every signature was valid
    assert rx.stats.accepted == len(inbox.events) == 15
    assert rx.stats.duplicates == 0
    by_type = {str(e.type): e for e in inbox.events}
    created = by_type["convo.created"]
    assert isinstance(created, hs.webhooks.ConversationEvent)
    assert created.conversation.id == conv_id
    assert created.conversation.subject == "Where is my parcel? 📦"
    assert created.conversation.threads is not None
    status = by_type["convo.status"]
    assert isinstance(status, hs.webhooks.ConversationEvent)
    assert status.conversation.status == "pending"
    moved = by_type["convo.moved"]
    assert isinstance(moved, hs.webhooks.ConversationEvent)
    assert moved.conversation.mailbox_id == other_mailbox
    rating = by_type["satisfaction.ratings"]
    assert isinstance(rating, hs.webhooks.RatingEvent)
    assert rating.rating.conversation_id == conv_id
    deleted = by_type["customer.deleted"]
    assert isinstance(deleted, hs.webhooks.CustomerDeletedEvent)
    assert deleted.customer_id == other_customer
    updated = by_type["customer.updated"]
    assert isinstance(updated, hs.webhooks.CustomerEvent)
    assert updated.customer.last_name == "Lovelace"

    metrics = fake.metrics.snapshot()["webhooks"]
    assert metrics["delivered"] == 15
    assert metrics["attempts"] == 15
    assert metrics["pending"] == 0
    assert (await client.ratings.get(rating.rating.id)).rating == "great"

    # deleted through the client: nothing more arrives
    await client.webhooks.delete(hook_id)
    assert [w.id async for w in client.webhooks.list()] == []
    await client.customers.create(first_name="Late")
    await settle(fake, rx)
    assert len(inbox.events) == 15


async def test_retries_after_503_reach_the_handler_once(
    fake: FakeHelpScout, client: hs.HelpScout, start_receiver: Start
) -> None:
    # one worker, one queue slot: while the handler is stuck the receiver answers 503,
    # and the fake retries (time-scaled) until there is room again
    rx, inbox, url = await start_receiver(concurrency=1, queue_size=1)
    inbox.gate = asyncio.Event()
    fake.add_webhook(url, ["convo.status"], SECRET)
    ids = sorted(c for c, conv in fake.store.conversations.items() if conv["status"] != "closed")
    ids = ids[:4]
    assert len(ids) == 4
    for cid in ids:
        await client.conversations.update(cid, status="closed")
    for _ in range(2000):  # wait (bounded) until the fake has been turned away at least once
        if rx.stats.busy:
            break
        await asyncio.sleep(0.005)
    assert rx.stats.busy >= 1
    inbox.gate.set()
    await settle(fake, rx)
    assert sorted(e.conversation.id for e in inbox.events) == ids  # type: ignore[attr-defined]
    metrics = fake.metrics.snapshot()["webhooks"]
    assert metrics["delivered"] == 4
    assert metrics["retries"] == rx.stats.busy
    assert metrics["exhausted"] == 0


async def test_a_lost_200_is_redelivered_and_handled_once(
    fake: FakeHelpScout, client: hs.HelpScout, start_receiver: Start
) -> None:
    answered = 0

    @web.middleware
    async def slow_first_answer(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        nonlocal answered
        response = await handler(request)
        answered += 1
        if answered == 1:  # accepted, but the 200 comes after the fake gave up waiting
            await asyncio.sleep(5.0)
        return response

    rx, inbox, url = await start_receiver(middlewares=(slow_first_answer,))
    policy_timeout = 0.5
    fake.webhooks.policy = DeliveryPolicy(
        attempts=5, backoff=1.0, time_scale=0.002, timeout=policy_timeout
    )
    fake.add_webhook(url, ["convo.status"], SECRET)
    cid = next(c for c, conv in fake.store.conversations.items() if conv["status"] != "spam")
    await client.conversations.update(cid, status="spam")
    await settle(fake, rx)
    assert [d.error for d in fake.webhooks.log][:1] == ["timeout"]
    assert len(inbox.events) == 1
    assert rx.stats.duplicates >= 1
