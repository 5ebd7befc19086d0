"""The Chat API end to end: ``client.chats`` against the fake on loopback.

The retried message: the fake stores the message and drops the connection before
answering; the client sends the same UUID again, meets ``422 id value is already in
use``, takes it as done and reads the chat back. The message is stored once.
"""

from __future__ import annotations

import uuid

import pytest

import helpscout_async as hs
from helpscout_async.models import ChatEventType, LiveChat
from helpscout_async.testing import FakeHelpScout, FaultRule

from ._support import count

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=20, seed=11)

MESSAGES = "PUT /v2/chats/{chat_id}/messages/{message_id}"


def _chat(fake: FakeHelpScout, *, assigned: bool) -> str:
    return next(c for c, v in fake.store.chats.items() if ("assignee" in v) == assigned)


def _bodies(fake: FakeHelpScout, chat_id: str, kind: str) -> list[str]:
    return [e["body"] for e in fake.store.chat_events[chat_id] if e["type"] == kind]


async def test_get_and_events(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = _chat(fake, assigned=True)
    chat = await client.chats.get(cid)
    assert isinstance(chat, LiveChat)
    stored = fake.store.chats[cid]
    assert (chat.id, chat.mailbox_id, chat.preview) == (cid, stored["mailboxId"], stored["preview"])
    assert chat.assignee is not None
    assert chat.assignee.id == stored["assignee"]["id"]
    assert chat.created_at is not None
    assert chat.created_at.microsecond > 0
    assert chat.events is not None
    assert len(chat.events) == 3
    assert [e.type for e in chat.events] == [
        ChatEventType.MESSAGE,
        ChatEventType.LINE_ITEM,
        ChatEventType.MESSAGE,
    ]
    listed = await client.chats.events(cid, page_size=2).collect()
    assert [e.id for e in listed] == [e.id for e in chat.events]
    assert count(fake, "GET /v2/chats/{chat_id}/events") == 2  # two pages
    with pytest.raises(hs.NotFound):
        await client.chats.get(str(uuid.uuid4()))


async def test_message_to_an_unassigned_chat_accepts_it(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = _chat(fake, assigned=False)
    posted = await client.chats.add_message(cid, "Hello, I can help.")
    assert uuid.UUID(posted.id).version == 4
    assert posted.chat.assignee is not None
    assert posted.chat.assignee.id == fake.store.me_user_id
    assert posted.chat.events is not None
    assert posted.chat.events[-1].id == posted.id
    assert _bodies(fake, cid, "message")[-1] == "Hello, I can help."
    actions = [e["action"] for e in fake.store.chat_events[cid]]
    assert actions[-2:] == ["chat-accepted", "message-added"]


async def test_a_message_whose_answer_was_lost_is_stored_once(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = _chat(fake, assigned=False)
    # The fake stores the message, then drops the connection before answering.
    rule = fake.faults.add(
        FaultRule("drop", times=1, method="PUT", path="*/messages/*", after=True)
    )
    posted = await client.chats.add_message(cid, "Only once, please.")
    assert rule.fired == 1
    assert count(fake, MESSAGES) == 2  # the lost attempt and its retry (answered 422)
    assert _bodies(fake, cid, "message").count("Only once, please.") == 1
    stored = [e for e in fake.store.chat_events[cid] if e.get("body") == "Only once, please."]
    assert stored[0]["id"] == posted.id
    # The chat was read back after the 422: the caller still gets the chat.
    assert posted.chat.id == cid
    assert posted.chat.events is not None
    assert posted.chat.events[-1].id == posted.id


async def test_a_call_retried_with_its_key_is_done_once(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = _chat(fake, assigned=False)
    first = await client.chats.add_note(cid, "Asked about billing.")
    # A caller that lost track of the outcome retries with the same key: done, not twice.
    again = await client.chats.add_note(cid, "Asked about billing.", note_id=first.id.upper())
    assert again.id == first.id
    assert _bodies(fake, cid, "note") == ["Asked about billing."]
    assert count(fake, "PUT /v2/chats/{chat_id}/notes/{note_id}") == 2


async def test_a_note_needs_no_assignment_and_a_message_does(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    held = next(
        c for c, v in fake.store.chats.items()
        if v.get("assignee", {}).get("id") not in (None, fake.store.me_user_id)
    )  # fmt: skip
    note = await client.chats.add_note(held, "Context for a colleague.")
    assert note.chat.assignee is not None
    assert note.chat.assignee.id != fake.store.me_user_id
    with pytest.raises(hs.BadRequest, match="another user"):
        await client.chats.add_message(held, "Let me take over.")
    assert "Let me take over." not in _bodies(fake, held, "message")


async def test_assign_unassign_accept_and_tags(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = _chat(fake, assigned=False)
    other = next(u for u in fake.store.users if u != fake.store.me_user_id)
    chat = await client.chats.assign(cid, other)
    assert chat.assignee is not None
    assert chat.assignee.id == other
    before = len(fake.store.chat_events[cid])
    await client.chats.assign(cid, other)  # the same holder: nothing recorded
    assert len(fake.store.chat_events[cid]) == before
    chat = await client.chats.unassign(cid)
    assert chat.assignee is None
    chat = await client.chats.accept(cid)
    assert chat.assignee is not None
    assert chat.assignee.id == fake.store.me_user_id
    chat = await client.chats.update_tags(cid, ["Order-Status", "vip-customer"])
    assert [t.slug for t in chat.tags] == ["order-status", "vip-customer"]
    chat = await client.chats.update_tags(cid, [])
    assert chat.tags == ()
    actions = [e["action"] for e in fake.store.chat_events[cid]][before - 1 :]
    assert actions == [
        "chat-assigned",
        "chat-unassigned",
        "chat-accepted",
        "tags-updated",
        "tags-updated",
    ]


async def test_end_then_writes_are_404_and_a_lost_end_is_done(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = _chat(fake, assigned=True)
    # The chat ends on the server, the answer is lost; the retry meets a 404 (ended).
    fake.faults.add(FaultRule("drop", times=1, method="PUT", path="*/end", after=True))
    chat = await client.chats.end(cid, status="pending")
    assert chat.ended_at is not None
    assert fake.store.chats[cid]["conversationStatus"] == "pending"
    ended = [e for e in fake.store.chat_events[cid] if e["action"] == "chat-ended"]
    assert len(ended) == 1
    with pytest.raises(hs.NotFound):
        await client.chats.add_note(cid, "too late")
    assert (await client.chats.get(cid)).ended_at == chat.ended_at
