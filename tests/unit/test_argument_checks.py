"""Issue 10, item 10: bad arguments are refused before any request, naming the argument."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from _unit_support import make_client
from aioresponses import aioresponses

import helpscout_async as hs

UNTIL = datetime(2030, 1, 1, tzinfo=UTC)


def _calls(client: hs.HelpScout) -> list[tuple[str, Any]]:
    c = client.conversations
    return [
        ("tag", lambda: c.list(tag=["a,b"])),
        ("tag", lambda: c.list(tag="")),
        ("tag", lambda: c.list(tag=["ok", "  "])),
        ("concurrency", lambda: c.list(concurrency=0)),
        ("concurrency", lambda: client.tags.list(concurrency=0)),
        ("custom_fields_by_ids", lambda: c.list(custom_fields_by_ids=[1])),  # type: ignore[arg-type]
        ("custom_fields_by_ids[1]", lambda: c.list(custom_fields_by_ids={1: "a,b"})),
        ("custom_fields_by_ids[1]", lambda: c.list(custom_fields_by_ids={1: None})),  # type: ignore[dict-item]
    ]


def test_list_arguments_are_refused_at_once(mocked: aioresponses) -> None:
    client = make_client()
    for name, call in _calls(client):
        with pytest.raises((TypeError, ValueError), match=name.replace("[", r"\[")):
            call()
    assert not mocked.requests


CREATE = {"subject": "Hi", "mailbox_id": 1}


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("text", {"customer_email": "a@b.co", "text": ""}),
        ("text", {"customer_email": "a@b.co", "text": "   "}),
        ("text", {"customer_email": "a@b.co", "text": 123}),
        ("tags", {"customer_email": "a@b.co", "text": "x", "tags": {"a": 1}}),
        ("customer", {"customer": "a@b.co", "text": "x"}),
        (r"customer\['id'\]", {"customer": {"id": "x"}, "text": "x"}),
        (r"customer\['email'\]", {"customer": {"email": "nope"}, "text": "x"}),
        ("imported", {"customer_email": "a@b.co", "text": "x", "imported": "no"}),
        ("auto_reply", {"customer_email": "a@b.co", "text": "x", "auto_reply": 1}),
    ],
)
async def test_create_arguments_are_refused_before_any_request(
    mocked: aioresponses, name: str, kwargs: dict[str, Any]
) -> None:
    async with make_client() as client:
        with pytest.raises((TypeError, ValueError), match=name):
            await client.conversations.create(**CREATE, **kwargs)
    assert not mocked.requests


@pytest.mark.parametrize("draft", ["false", [], 0, 1, "true"])
async def test_reply_draft_must_be_a_bool(mocked: aioresponses, draft: Any) -> None:
    async with make_client() as client:
        with pytest.raises(TypeError, match="draft must be True or False"):
            await client.conversations.reply(7, text="hello", customer_id=3, draft=draft)
    assert not mocked.requests


async def test_reply_attachments_must_be_uploads(mocked: aioresponses) -> None:
    async with make_client() as client:
        with pytest.raises(TypeError, match=r"attachments\[0\]"):
            await client.conversations.reply(7, text="hello", customer_id=3, attachments=[{"x": 1}])
    assert not mocked.requests


@pytest.mark.parametrize("value", ["no", 0, None])
async def test_snooze_flag_must_be_a_bool(mocked: aioresponses, value: Any) -> None:
    async with make_client() as client:
        with pytest.raises(TypeError, match="unsnooze_on_customer_reply"):
            await client.conversations.snooze(7, UNTIL, unsnooze_on_customer_reply=value)
    assert not mocked.requests


async def test_custom_field_none_is_refused_not_sent_as_none(mocked: aioresponses) -> None:
    async with make_client() as client:
        with pytest.raises(TypeError, match=r"fields\[1\]"):
            await client.conversations.update_custom_fields(7, {1: None})  # type: ignore[dict-item]
        with pytest.raises(TypeError, match=r"fields\[2\]"):
            await client.conversations.update_custom_fields(7, {2: True})
    assert not mocked.requests
