"""``client.chats``: each request's method, path and body, argument checks, the retry rules.

The bodies sent are the documented request examples (``tests/fixtures/chat/request_*``);
the answers are the documented responses (``chat_get``, ``chat_write_response``).
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from _unit_support import API, body_of, calls, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs
from helpscout_async import _api
from helpscout_async.models import ChatEventType, LiveChat

CHAT = "5a0da3c3-4882-3352-8db9-8fc47e14111f"
MESSAGE = "6ef1eeee-8419-46b5-a80d-f36a713898d4"
URL = f"{API}/chats/{CHAT}"
WRITE = fixture("chat_write_response", "chat")
IN_USE = {
    "logRef": "4d2c",
    "message": "id value is already in use",
    "_embedded": {"errors": [{"path": "messageId", "message": "id value is already in use"}]},
}


def _put(mocked: aioresponses, url: str, **kwargs: Any) -> None:
    mocked.put(url, payload=WRITE, content_type="application/hal+json", **kwargs)


def _puts(mocked: aioresponses, pattern: str) -> list[tuple[str, Any]]:
    found = re.compile(pattern)
    return [
        (str(url), call)
        for (method, url), recorded in mocked.requests.items()
        for call in recorded
        if method == "PUT" and found.fullmatch(str(url))
    ]


async def test_get_structures_the_documented_chat(mocked: aioresponses) -> None:
    mocked.get(URL, payload=fixture("chat_get", "chat"), content_type="application/hal+json")
    async with make_client() as client:
        chat = await client.chats.get(CHAT)
    assert isinstance(chat, LiveChat)
    assert chat.assignee is not None
    assert chat.assignee.type == "agent"
    assert chat.created_at is not None
    assert chat.created_at.microsecond == 982028
    assert chat.events is not None
    assert [e.type for e in chat.events] == [ChatEventType.MESSAGE, ChatEventType.LINE_ITEM]
    assert chat.events[1].body is None
    assert chat.events[1].author is not None
    assert len(calls(mocked, "GET", URL)) == 1


async def test_events_walks_hal_pages_with_page_size(mocked: aioresponses) -> None:
    page = fixture("ChatPayloads.getEvents_1_2", "sdk_php")
    mocked.get(re.compile(re.escape(f"{URL}/events") + r"\?.*"), payload=page)
    async with make_client() as client:
        events = await client.chats.events(CHAT, page_size=10).collect()
    assert [e.id for e in events] == [
        "3f2b6c1e-0000-4000-8000-000000000008",
        "3f2b6c1e-0000-4000-8000-000000000009",
    ]
    assert events[0].params == {"test": "value"}
    assert len(calls(mocked, "GET", f"{URL}/events?page=1&pageSize=10")) == 1


@pytest.mark.parametrize(
    ("call", "args", "path", "request_fixture"),
    [
        ("accept", (), "accept", None),
        ("unassign", (), "unassign", None),
        ("assign", (154870,), "assign", "request_chat_assign"),
        ("update_tags", (["order-status", "vip-customer"],), "tags", "request_chat_tags_update"),
        ("end", (), "end", "request_chat_end"),
    ],
)
async def test_writes_send_the_documented_bodies(
    mocked: aioresponses, call: str, args: tuple[Any, ...], path: str, request_fixture: str | None
) -> None:
    _put(mocked, f"{URL}/{path}")
    async with make_client() as client:
        chat = await getattr(client.chats, call)(CHAT, *args)
    assert chat.id == CHAT
    assert chat.assignee is not None
    assert chat.assignee.first == "Jack"
    (sent,) = calls(mocked, "PUT", f"{URL}/{path}")
    expected = None if request_fixture is None else fixture(request_fixture, "chat")
    assert body_of(sent) == expected


@pytest.mark.parametrize(
    ("call", "segment", "key", "request_fixture"),
    [
        ("add_message", "messages", "message_id", "request_chat_message_add"),
        ("add_note", "notes", "note_id", "request_chat_note_add"),
    ],
)
async def test_posts_put_to_a_fresh_uuid_per_call(
    mocked: aioresponses, call: str, segment: str, key: str, request_fixture: str
) -> None:
    text = fixture(request_fixture, "chat")["body"]
    pattern = re.escape(f"{URL}/{segment}/") + r"[0-9a-f-]{36}"
    mocked.put(re.compile(pattern), payload=WRITE, repeat=True)
    async with make_client() as client:
        first = await getattr(client.chats, call)(CHAT, text)
        second = await getattr(client.chats, call)(CHAT, text)
        given = await getattr(client.chats, call)(CHAT, text, **{key: MESSAGE.upper()})
    assert uuid.UUID(first.id).version == 4
    assert first.id != second.id
    assert given.id == MESSAGE
    sent = _puts(mocked, pattern)
    assert sorted(url.rsplit("/", 1)[1] for url, _ in sent) == sorted(
        [first.id, second.id, MESSAGE]
    )
    assert all(body_of(c) == {"body": text} for _, c in sent)
    assert first.chat.id == CHAT


async def test_a_lost_answer_is_retried_with_the_same_uuid_and_422_is_done(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    url = f"{URL}/messages/{MESSAGE}"
    mocked.put(url, exception=TimeoutError())  # sent; the answer never came
    mocked.put(url, status=422, payload=IN_USE, content_type="application/vnd.error+json")
    mocked.get(URL, payload=fixture("chat_get", "chat"), content_type="application/hal+json")
    async with make_client() as client:
        posted = await client.chats.add_message(CHAT, "Hi!", message_id=MESSAGE)
    assert posted.id == MESSAGE
    assert posted.chat.preview == "Whoa there!"  # read back with Get Chat
    assert len(calls(mocked, "PUT", url)) == 2
    assert len(calls(mocked, "GET", URL)) == 1
    assert fast_backoff == [0]


async def test_another_422_is_an_error(mocked: aioresponses) -> None:
    body = {"message": "Validation error", "_embedded": {"errors": [{"path": "body"}]}}
    mocked.put(re.compile(re.escape(f"{URL}/notes/") + ".*"), status=422, payload=body)
    async with make_client() as client:
        with pytest.raises(hs.ValidationError):
            await client.chats.add_note(CHAT, "A note")
    assert not calls(mocked, "GET", URL)


async def test_a_message_to_a_chat_held_by_another_is_not_retried(mocked: aioresponses) -> None:
    mocked.put(
        re.compile(re.escape(f"{URL}/messages/") + ".*"),
        status=400,
        payload={"message": "The chat is assigned to another user"},
    )
    async with make_client() as client:
        with pytest.raises(hs.BadRequest, match="another user"):
            await client.chats.add_message(CHAT, "Hello")
    assert len(_puts(mocked, re.escape(f"{URL}/messages/") + ".*")) == 1


async def test_an_end_whose_answer_was_lost_is_done_on_404(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    # A gateway's 504: the origin's answer was lost, so the end may have applied
    # (a 503 is a refusal and would not count; see tests/integration/test_hostile.py).
    mocked.put(f"{URL}/end", status=504, payload={"message": "Gateway timeout"})
    mocked.put(f"{URL}/end", status=404, payload={"message": "Resource not found"})
    mocked.get(URL, payload={**WRITE, "endedAt": "2020-07-03T07:13:29.982028Z"})
    async with make_client() as client:
        chat = await client.chats.end(CHAT)
    assert chat.ended_at is not None
    assert chat.ended_at.microsecond == 982028
    assert len(calls(mocked, "PUT", f"{URL}/end")) == 2


@pytest.mark.parametrize(
    ("call", "args", "kwargs", "error", "match"),
    [
        ("get", (123,), {}, TypeError, "chat_id must be a str id"),
        ("get", ("123",), {}, ValueError, "chat_id must be an id like"),
        ("accept", (CHAT + "0",), {}, ValueError, "chat_id"),
        ("assign", (CHAT, "7"), {}, TypeError, "user_id must be a positive int"),
        ("assign", (CHAT, 0), {}, ValueError, "user_id"),
        ("update_tags", (CHAT, "vip"), {}, TypeError, r"tags must be a list of str"),
        ("update_tags", (CHAT, ["vip", " "]), {}, ValueError, "tags must not be empty"),
        ("end", (CHAT,), {"status": "spam"}, ValueError, "status must be one of"),
        ("add_message", (CHAT, ""), {}, ValueError, "body must not be empty"),
        ("add_message", (CHAT, None), {}, TypeError, "body must be a str"),
        ("add_message", (CHAT, "hi"), {"message_id": "m-1"}, ValueError, "message_id"),
        ("add_note", (CHAT, "hi"), {"note_id": 5}, TypeError, "note_id must be a str id"),
    ],
)
async def test_bad_arguments_fail_before_any_request(
    mocked: aioresponses,
    call: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    error: type[Exception],
    match: str,
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await getattr(client.chats, call)(*args, **kwargs)
    assert not mocked.requests


def test_events_checks_page_size_at_once() -> None:
    client = make_client()
    with pytest.raises(ValueError, match="page_size"):
        client.chats.events(CHAT, page_size=0)
    with pytest.raises(ValueError, match="chat_id"):
        client.chats.events("not-a-uuid")


def test_the_rows_are_the_documented_chat_api() -> None:
    documented = {
        ("GET", "/v2/chats/{chat_id}", "get/"),
        ("GET", "/v2/chats/{chat_id}/events", "events/"),
        ("PUT", "/v2/chats/{chat_id}/accept", "accept/"),
        ("PUT", "/v2/chats/{chat_id}/messages/{message_id}", "messages/"),
        ("PUT", "/v2/chats/{chat_id}/notes/{note_id}", "notes/"),
        ("PUT", "/v2/chats/{chat_id}/assign", "assign/"),
        ("PUT", "/v2/chats/{chat_id}/unassign", "unassign/"),
        ("PUT", "/v2/chats/{chat_id}/tags", "tags/"),
        ("PUT", "/v2/chats/{chat_id}/end", "end/"),
    }
    rows = _api.family_rows("chat")
    assert {(op.method, op.path, op.doc) for op in rows} == documented
    retry = {op.name: op.retry for op in rows}
    assert {n for n, r in retry.items() if r == "client-key"} == {
        "chats.add_message",
        "chats.add_note",
    }
    assert [op.name for op in rows if op.gone_is_done] == ["chats.end"]
    assert all(op.ok == {200} for op in rows)
    assert _api.PROFILES["chat"].id_type == "uuid"
    assert {e.call for e in hs.endpoints("chat")} == {op.name for op in rows}
