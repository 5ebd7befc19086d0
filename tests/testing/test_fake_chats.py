"""The fake's Chat API, over plain HTTP: seeded chats, the writes and their documented rules."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator

import aiohttp
import pytest_asyncio
from _fake_support import Api, session

from helpscout_async.testing import FakeHelpScout, Store
from helpscout_async.testing._seed import generate

__all__ = ["session"]

_MICROS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


@pytest_asyncio.fixture
async def api(session: aiohttp.ClientSession) -> AsyncIterator[Api]:
    async with FakeHelpScout(seed=3, conversations=10, rate_limit=None) as fake:
        yield Api(fake, session)


def _chat(api: Api, *, assigned: bool) -> str:
    return next(c for c, v in api.fake.store.chats.items() if ("assignee" in v) == assigned)


def test_seeded_chats_are_deterministic_and_shaped_like_the_api() -> None:
    one, two = Store(), Store()
    generate(one, seed=8, conversations=5)
    generate(two, seed=8, conversations=5)
    assert one.chats == two.chats
    assert one.chat_events == two.chat_events
    assert len(one.chats) == 12
    for cid, chat in one.chats.items():
        assert uuid.UUID(cid).version == 4
        assert _MICROS.fullmatch(chat["createdAt"])
        assert chat["customer"]["type"] == "customer"
        assert chat.get("assignee", {"type": "agent"})["type"] == "agent"
        assert chat["mailboxId"] in one.mailboxes
        events = one.chat_events[cid]
        assert events[0]["type"] == "message"
        assert events[0]["author"]["type"] == "customer"
        assert all(
            e["chatId"] == cid and "body" not in e for e in events if e["type"] == "line_item"
        )
    assert {"assignee" in c for c in one.chats.values()} == {True, False}
    other = Store()
    generate(other, seed=9, conversations=5)
    assert set(other.chats).isdisjoint(one.chats)


async def test_get_embeds_events_and_lists_them_in_pages(api: Api) -> None:
    cid = _chat(api, assigned=True)
    chat = await api.get(f"/chats/{cid}")
    assert chat["id"] == cid
    assert len(chat["_embedded"]["events"]) == 3
    page = await api.get(f"/chats/{cid}/events", page=2, pageSize=2)
    assert page["page"] == {"size": 2, "totalElements": 3, "totalPages": 2, "number": 2}
    assert [e["id"] for e in page["_embedded"]["events"]] == [chat["_embedded"]["events"][2]["id"]]
    status, _, body = await api.call("GET", f"/chats/{cid}/events", params={"pageSize": 0})
    assert status == 400
    assert body is not None
    assert (await api.call("GET", f"/chats/{uuid.uuid4()}"))[0] == 404
    assert (await api.call("GET", "/chats/not-a-uuid"))[0] == 404


async def test_a_repeated_message_id_is_422_and_stored_once(api: Api) -> None:
    cid = _chat(api, assigned=False)
    path = f"/chats/{cid}/messages/{uuid.uuid4()}"
    status, _, first = await api.call("PUT", path, json_body={"body": "Hi there"})
    assert status == 200
    assert first is not None
    assert first["assignee"]["id"] == api.fake.store.me_user_id  # accepted on the way
    status, _, again = await api.call("PUT", path, json_body={"body": "Hi there"})
    assert status == 422
    assert again is not None
    assert again["message"] == "id value is already in use"
    bodies = [e.get("body") for e in api.fake.store.chat_events[cid]]
    assert bodies.count("Hi there") == 1
    status, _, _ = await api.call("PUT", f"/chats/{cid}/messages/{uuid.uuid4()}", json_body={})
    assert status == 400


async def test_only_the_holder_may_message_but_anyone_may_note(api: Api) -> None:
    me = api.fake.store.me_user_id
    held = next(
        c
        for c, v in api.fake.store.chats.items()
        if v.get("assignee", {}).get("id") not in (None, me)
    )
    status, _, _ = await api.call(
        "PUT", f"/chats/{held}/messages/{uuid.uuid4()}", json_body={"body": "x"}
    )
    assert status == 400
    status, _, chat = await api.call(
        "PUT", f"/chats/{held}/notes/{uuid.uuid4()}", json_body={"body": "n"}
    )
    assert status == 200
    assert chat is not None
    assert chat["assignee"]["id"] != me
    assert chat["_embedded"]["events"][-1]["type"] == "note"


async def test_an_ended_chat_refuses_writes_and_stays_readable(api: Api) -> None:
    cid = _chat(api, assigned=True)
    status, _, _ = await api.call("PUT", f"/chats/{cid}/end", json_body={"status": "open"})
    assert status == 400
    status, _, chat = await api.call("PUT", f"/chats/{cid}/end", json_body={"status": "closed"})
    assert status == 200
    assert chat is not None
    assert _MICROS.fullmatch(chat["endedAt"])
    for verb, tail, body in (
        ("PUT", "end", {"status": "closed"}),
        ("PUT", "accept", None),
        ("PUT", "tags", {"tags": []}),
        ("PUT", f"notes/{uuid.uuid4()}", {"body": "late"}),
    ):
        assert (await api.call(verb, f"/chats/{cid}/{tail}", json_body=body))[0] == 404
    assert (await api.get(f"/chats/{cid}"))["endedAt"] == chat["endedAt"]


async def test_assign_tags_and_unassign_record_only_changes(api: Api) -> None:
    cid = _chat(api, assigned=False)
    user = next(iter(api.fake.store.users))
    for _ in range(2):
        status, _, chat = await api.call(
            "PUT", f"/chats/{cid}/assign", json_body={"assignedTo": user}
        )
        assert status == 200
        assert chat is not None
        assert chat["assignee"]["id"] == user
    assert (await api.call("PUT", f"/chats/{cid}/assign", json_body={"assignedTo": 987_654}))[
        0
    ] == 400
    for _ in range(2):
        status, _, chat = await api.call(
            "PUT", f"/chats/{cid}/tags", json_body={"tags": ["Brand-New", "brand-new"]}
        )
        assert status == 200
        assert chat is not None
    assert chat["tags"] == [{"id": None, "slug": "brand-new", "color": "none"}]
    status, _, chat = await api.call("PUT", f"/chats/{cid}/unassign")
    assert status == 200
    assert chat is not None
    assert "assignee" not in chat
    actions = [e["action"] for e in api.fake.store.chat_events[cid]][1:]
    assert actions == ["chat-assigned", "tags-updated", "chat-unassigned"]


async def test_the_chat_api_needs_a_token(api: Api) -> None:
    cid = _chat(api, assigned=True)
    async with api.session.get(f"{api.fake.base_url}/chats/{cid}") as resp:
        assert resp.status == 401
