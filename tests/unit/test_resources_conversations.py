"""``client.conversations``: the requests it sends, what it returns, what it refuses."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from _unit_support import API, all_calls, api, body_of, calls, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs

CONVERSATION = fixture("conversation_get")
ATTACHMENT = hs.models.AttachmentUpload(
    file_name="file.txt", mime_type="plain/text", data="ZmlsZQ=="
)
CREATED = {"status": 201, "headers": {"Resource-ID": "4242", "Location": f"{API}/x/4242"}}

Call = Callable[[hs.HelpScout], Any]


async def run(client: hs.HelpScout, call: Call) -> Any:
    result = call(client)
    return await result if inspect.isawaitable(result) else result


# -- list ------------------------------------------------------------------------------------


async def test_list_defaults_to_active(mocked: aioresponses) -> None:
    mocked.get(api("/conversations"), payload=fixture("conversation_list_empty_sdk"))
    async with make_client() as client:
        assert await client.conversations.list().collect() == []
    ((method, url, call),) = all_calls(mocked)
    assert (method, str(url)) == ("GET", f"{API}/conversations?page=1&status=active")
    assert call.kwargs["params"] == {"status": "active", "page": "1"}


async def test_list_sends_every_filter(mocked: aioresponses) -> None:
    mocked.get(api("/conversations"), payload=fixture("conversation_list_embed_threads_sdk"))
    since = datetime(2024, 3, 1, 10, 30, tzinfo=timezone(timedelta(hours=-5)))
    async with make_client() as client:
        found = await client.conversations.list(
            status="all",
            mailbox=[12, 13],
            folder=4,
            tag=["vip", "refund"],
            assigned_to=9,
            modified_since=since,
            number=77,
            sort_field="modifiedAt",
            sort_order="asc",
            query='(subject:"hello")',
            custom_fields_by_ids={104: "168", 105: 3},
            embed="threads",
        ).collect()
    assert [c.id for c in found] == [
        c["id"]
        for c in fixture("conversation_list_embed_threads_sdk")["_embedded"]["conversations"]
    ]
    assert found[0].threads  # embedded threads were structured
    ((_, _, call),) = all_calls(mocked)
    assert call.kwargs["params"] == {
        "status": "all",
        "mailbox": "12,13",
        "folder": "4",
        "tag": "vip,refund",
        "assigned_to": "9",
        "modifiedSince": "2024-03-01T15:30:00Z",
        "number": "77",
        "sortField": "modifiedAt",
        "sortOrder": "asc",
        "query": '(subject:"hello")',
        "customFieldsByIds": "104:168,105:3",
        "embed": "threads",
        "page": "1",
    }


async def test_list_takes_one_mailbox_one_tag_and_enum_status(mocked: aioresponses) -> None:
    mocked.get(api("/conversations"), payload=fixture("conversation_list_empty_sdk"))
    async with make_client() as client:
        await client.conversations.list(
            status=hs.ConversationStatus.CLOSED, mailbox=5, tag="vip"
        ).collect()
    ((_, _, call),) = all_calls(mocked)
    assert call.kwargs["params"] == {"status": "closed", "mailbox": "5", "tag": "vip", "page": "1"}


async def test_list_page_n_is_built_with_the_filters(mocked: aioresponses) -> None:
    body = {**fixture("conversation_list_embed_threads_sdk")}
    body["page"] = {"size": 25, "totalElements": 100, "totalPages": 4, "number": 4}
    mocked.get(api("/conversations"), payload=body)
    async with make_client() as client:
        await client.conversations.list(status="closed", mailbox=3, page=4).collect()
    ((_, url, call),) = all_calls(mocked)
    assert call.kwargs["params"] == {"status": "closed", "mailbox": "3", "page": "4"}
    assert url.query["page"] == "4"


# -- get -------------------------------------------------------------------------------------


async def test_get(mocked: aioresponses) -> None:
    mocked.get(f"{API}/conversations/123?embed=threads", payload=CONVERSATION)
    async with make_client() as client:
        conv = await client.conversations.get(123, embed="threads")
    assert isinstance(conv, hs.Conversation)
    assert (conv.id, conv.number, conv.subject) == (123, 12, "Help")
    assert conv.created_at == datetime(2012, 3, 15, 22, 46, 22, tzinfo=UTC)


async def test_get_merged_conversation_returns_the_survivor(mocked: aioresponses) -> None:
    mocked.get(
        f"{API}/conversations/100", status=301, headers={"Location": f"{API}/conversations/123"}
    )
    mocked.get(f"{API}/conversations/123", payload=CONVERSATION)
    async with make_client() as client:
        conv = await client.conversations.get(100)
    assert conv.id == 123
    assert [str(url) for _, url in mocked.requests] == [
        f"{API}/conversations/100",
        f"{API}/conversations/123",
    ]


async def test_threads_stream(mocked: aioresponses) -> None:
    body = fixture("threads_list_sdk")
    mocked.get(f"{API}/conversations/7/threads?page=1", payload=body)
    async with make_client() as client:
        threads = await client.conversations.threads(7).collect()
    assert [t.id for t in threads] == [t["id"] for t in body["_embedded"]["threads"]]
    assert all(isinstance(t, hs.Thread) for t in threads)


# -- create ----------------------------------------------------------------------------------


async def test_create_body_and_id(mocked: aioresponses) -> None:
    mocked.post(f"{API}/conversations", **CREATED)
    async with make_client() as client:
        new_id = await client.conversations.create(
            subject="Hello",
            mailbox_id=12,
            customer_email="bear@acme.com",
            text="Help me",
            type="chat",
            status="pending",
            tags=["vip", "new"],
            fields={104: 168, 105: "x"},
            assign_to=9,
            user=3,
            imported=True,
            auto_reply=False,
            created_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        )
    assert new_id == 4242
    (call,) = calls(mocked, "POST", f"{API}/conversations")
    assert body_of(call) == {
        "subject": "Hello",
        "mailboxId": 12,
        "customer": {"email": "bear@acme.com"},
        "type": "chat",
        "status": "pending",
        "threads": [
            {"type": "customer", "customer": {"email": "bear@acme.com"}, "text": "Help me"}
        ],
        "tags": ["vip", "new"],
        "fields": [{"id": 104, "value": "168"}, {"id": 105, "value": "x"}],
        "assignTo": 9,
        "user": 3,
        "imported": True,
        "autoReply": False,
        "createdAt": "2024-01-02T03:04:05Z",
    }


async def test_create_with_customer_id_and_threads(mocked: aioresponses) -> None:
    mocked.post(f"{API}/conversations", status=201, headers={"Resource-ID": "5"})
    threads = [
        {"type": "customer", "customer": {"id": 8}, "text": "First"},
        {"type": "note", "text": "Internal"},
    ]
    async with make_client() as client:
        assert (
            await client.conversations.create(
                subject="S", mailbox_id=1, customer_id=8, threads=threads
            )
            == 5
        )
    body = body_of(calls(mocked, "POST", f"{API}/conversations")[0])
    assert body == {
        "subject": "S",
        "mailboxId": 1,
        "customer": {"id": 8},
        "type": "email",
        "status": "active",
        "threads": threads,
    }


async def test_create_with_a_full_customer_object(mocked: aioresponses) -> None:
    mocked.post(f"{API}/conversations", status=201, headers={"Resource-ID": "5"})
    who = {"email": "a@b.co", "firstName": "Ann"}
    async with make_client() as client:
        await client.conversations.create(subject="S", mailbox_id=1, customer=who, text="t")
    body = body_of(calls(mocked, "POST", f"{API}/conversations")[0])
    assert body["customer"] == who
    assert body["threads"][0]["customer"] == who


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Location": f"{API}/conversations/987"}, 987),
        ({"Location": "/v2/conversations/55/"}, 55),
        ({"Resource-ID": "12", "Location": f"{API}/conversations/987"}, 12),
    ],
)
async def test_create_id_from_resource_id_or_location(
    mocked: aioresponses, headers: dict[str, str], expected: int
) -> None:
    mocked.post(f"{API}/conversations", status=201, headers=headers)
    async with make_client() as client:
        new_id = await client.conversations.create(
            subject="S", mailbox_id=1, customer_id=2, text="t"
        )
    assert new_id == expected


async def test_create_without_an_id_in_the_answer(mocked: aioresponses) -> None:
    mocked.post(f"{API}/conversations", status=201)
    async with make_client() as client:
        with pytest.raises(hs.HelpScoutError, match="without a Resource-ID or Location"):
            await client.conversations.create(subject="S", mailbox_id=1, customer_id=2, text="t")


# -- update and friends ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "op"),
    [
        (
            {"subject": "super cool new subject"},
            fixture("request_conversation_update"),
        ),
        ({"status": "closed"}, {"op": "replace", "path": "/status", "value": "closed"}),
        ({"assign_to": 44}, {"op": "replace", "path": "/assignTo", "value": 44}),
        ({"unassign": True}, {"op": "remove", "path": "/assignTo"}),
        ({"mailbox_id": 9}, {"op": "move", "path": "/mailboxId", "value": 9}),
        (
            {"primary_customer_id": 321},
            {"op": "replace", "path": "/primaryCustomer.id", "value": 321},
        ),
        ({"publish_draft": True}, {"op": "replace", "path": "/draft", "value": False}),
    ],
)
async def test_update_sends_one_json_patch_op(
    mocked: aioresponses, kwargs: dict[str, Any], op: dict[str, Any]
) -> None:
    mocked.patch(f"{API}/conversations/10", status=204)
    async with make_client() as client:
        assert await client.conversations.update(10, **kwargs) is None
    (call,) = calls(mocked, "PATCH", f"{API}/conversations/10")
    assert body_of(call) == op
    assert len(all_calls(mocked)) == 1


async def test_update_sends_one_patch_per_field_in_order(mocked: aioresponses) -> None:
    mocked.patch(f"{API}/conversations/10", status=204, repeat=True)
    async with make_client() as client:
        await client.conversations.update(10, subject="New", status="pending", assign_to=3)
    sent = [body_of(c) for c in calls(mocked, "PATCH", f"{API}/conversations/10")]
    assert sent == [
        {"op": "replace", "path": "/subject", "value": "New"},
        {"op": "replace", "path": "/status", "value": "pending"},
        {"op": "replace", "path": "/assignTo", "value": 3},
    ]


async def test_update_tags(mocked: aioresponses) -> None:
    mocked.put(f"{API}/conversations/10/tags", status=204, repeat=True)
    async with make_client() as client:
        await client.conversations.update_tags(10, ["test26", "test1"])
        await client.conversations.update_tags(10, [])
    first, second = calls(mocked, "PUT", f"{API}/conversations/10/tags")
    assert body_of(first) == fixture("request_conversation_tags_update")
    assert body_of(second) == {"tags": []}


async def test_update_custom_fields(mocked: aioresponses) -> None:
    mocked.put(f"{API}/conversations/10/fields", status=204)
    async with make_client() as client:
        await client.conversations.update_custom_fields(10, {104: 168})
    (call,) = calls(mocked, "PUT", f"{API}/conversations/10/fields")
    assert body_of(call) == fixture("request_conversation_fields_update")


async def test_snooze_and_unsnooze(mocked: aioresponses) -> None:
    mocked.put(f"{API}/conversations/10/snooze", status=204)
    mocked.delete(f"{API}/conversations/10/snooze", status=204)
    until = datetime(2025, 2, 15, 13, 57, 43, tzinfo=timezone(timedelta(hours=1)))
    async with make_client() as client:
        await client.conversations.snooze(10, until, unsnooze_on_customer_reply=True)
        await client.conversations.unsnooze(10)
    (put,) = calls(mocked, "PUT", f"{API}/conversations/10/snooze")
    assert body_of(put) == fixture("request_conversation_snooze")
    (delete,) = calls(mocked, "DELETE", f"{API}/conversations/10/snooze")
    assert delete.kwargs["data"] is None


async def test_delete(mocked: aioresponses) -> None:
    mocked.delete(f"{API}/conversations/10", status=204)
    async with make_client() as client:
        assert await client.conversations.delete(10) is None
    (call,) = calls(mocked, "DELETE", f"{API}/conversations/10")
    assert call.kwargs["data"] is None


# -- threads -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "path", "expected"),
    [
        (
            lambda c: c.conversations.reply(
                10, text="How are you?", customer_id=123, attachments=[ATTACHMENT]
            ),
            "reply",
            fixture("request_thread_reply_create"),
        ),
        (
            lambda c: c.conversations.add_customer_thread(
                10, text="Buy more pens", customer_id=456, attachments=[ATTACHMENT]
            ),
            "customer",
            fixture("request_thread_customer_create"),
        ),
        (
            lambda c: c.conversations.add_chat_thread(
                10, text="Buy more pens", customer_id=456, attachments=[ATTACHMENT]
            ),
            "chats",
            fixture("request_thread_chat_create"),
        ),
        (
            lambda c: c.conversations.add_phone_thread(
                10, text="Buy more pens", customer_id=456, attachments=[ATTACHMENT]
            ),
            "phones",
            fixture("request_thread_phone_create"),
        ),
        (
            lambda c: c.conversations.add_note(10, text="Internal", user=5, status="closed"),
            "notes",
            {"text": "Internal", "user": 5, "status": "closed"},
        ),
        (
            lambda c: c.conversations.add_customer_thread(10, text="Hi", customer_email="a@b.co"),
            "customer",
            {"customer": {"email": "a@b.co"}, "text": "Hi"},
        ),
    ],
)
async def test_thread_bodies_match_the_api_examples(
    mocked: aioresponses, call: Call, path: str, expected: dict[str, Any]
) -> None:
    url = f"{API}/conversations/10/{path}"
    mocked.post(url, status=201, headers={"Resource-ID": "555"})
    async with make_client() as client:
        assert await run(client, call) == 555
    (sent,) = calls(mocked, "POST", url)
    assert body_of(sent) == expected


async def test_reply_with_every_option(mocked: aioresponses) -> None:
    url = f"{API}/conversations/10/reply"
    mocked.post(url, status=201, headers={"Location": f"{API}/conversations/10/threads/66"})
    async with make_client() as client:
        thread_id = await client.conversations.reply(
            10,
            text="Done",
            customer_id=1,
            draft=True,
            status="closed",
            assign_to=2,
            user=3,
            cc=["c@x.io"],
            bcc=["b@x.io"],
            imported=False,
            created_at=datetime(2024, 6, 1, tzinfo=UTC),
        )
    assert thread_id == 66
    assert body_of(calls(mocked, "POST", url)[0]) == {
        "customer": {"id": 1},
        "text": "Done",
        "imported": False,
        "createdAt": "2024-06-01T00:00:00Z",
        "cc": ["c@x.io"],
        "bcc": ["b@x.io"],
        "user": 3,
        "draft": True,
        "status": "closed",
        "assignTo": 2,
    }


# -- argument checks: nothing is sent ------------------------------------------------------------

NAIVE = datetime(2024, 1, 1)

BAD_CALLS: list[tuple[str, Call, type[Exception], str]] = [
    ("unknown status", lambda c: c.conversations.list(status="open-ish"), ValueError, "status"),
    ("sort field", lambda c: c.conversations.list(sort_field="created"), ValueError, "sort_field"),
    ("sort order", lambda c: c.conversations.list(sort_order="up"), ValueError, "sort_order"),
    ("list embed", lambda c: c.conversations.list(embed="customers"), ValueError, "embed"),
    ("mailbox 0", lambda c: c.conversations.list(mailbox=0), ValueError, "mailbox"),
    ("mailbox bool", lambda c: c.conversations.list(mailbox=True), TypeError, "mailbox"),
    ("mailbox str", lambda c: c.conversations.list(mailbox="12"), TypeError, "mailbox"),
    ("no mailboxes", lambda c: c.conversations.list(mailbox=[]), ValueError, "mailbox"),
    ("folder", lambda c: c.conversations.list(folder=-3), ValueError, "folder"),
    ("tag ints", lambda c: c.conversations.list(tag=[1]), TypeError, "tag"),
    ("naive since", lambda c: c.conversations.list(modified_since=NAIVE), ValueError, "aware"),
    ("page 0", lambda c: c.conversations.list(page=0), ValueError, "page"),
    (
        "custom field key",
        lambda c: c.conversations.list(custom_fields_by_ids={0: "x"}),
        ValueError,
        "custom_fields_by_ids",
    ),
    ("get id 0", lambda c: c.conversations.get(0), ValueError, "conversation_id"),
    ("get id -1", lambda c: c.conversations.get(-1), ValueError, "conversation_id"),
    ("get id bool", lambda c: c.conversations.get(True), TypeError, "conversation_id"),
    ("get id str", lambda c: c.conversations.get("12"), TypeError, "conversation_id"),
    ("get id float", lambda c: c.conversations.get(1.0), TypeError, "conversation_id"),
    ("get embed", lambda c: c.conversations.get(1, embed="thread"), ValueError, "embed"),
    ("threads id", lambda c: c.conversations.threads(0), ValueError, "conversation_id"),
    (
        "create no customer",
        lambda c: c.conversations.create(subject="s", mailbox_id=1, text="t"),
        ValueError,
        "customer_id",
    ),
    (
        "create no text",
        lambda c: c.conversations.create(subject="s", mailbox_id=1, customer_id=2),
        ValueError,
        "text",
    ),
    (
        "create text and threads",
        lambda c: c.conversations.create(
            subject="s",
            mailbox_id=1,
            customer_id=2,
            text="t",
            threads=[{"type": "note", "text": "x"}],
        ),
        ValueError,
        "not both",
    ),
    (
        "create empty threads",
        lambda c: c.conversations.create(subject="s", mailbox_id=1, customer_id=2, threads=[]),
        ValueError,
        "at least one",
    ),
    (
        "create bad email",
        lambda c: c.conversations.create(
            subject="s", mailbox_id=1, customer_email="nope", text="t"
        ),
        ValueError,
        "email",
    ),
    (
        "create empty customer",
        lambda c: c.conversations.create(subject="s", mailbox_id=1, customer={}, text="t"),
        ValueError,
        "customer",
    ),
    (
        "create tags str",
        lambda c: c.conversations.create(
            subject="s", mailbox_id=1, customer_id=2, text="t", tags="vip"
        ),
        TypeError,
        "tags",
    ),
    (
        "create naive",
        lambda c: c.conversations.create(
            subject="s", mailbox_id=1, customer_id=2, text="t", created_at=NAIVE
        ),
        ValueError,
        "created_at",
    ),
    (
        "create type",
        lambda c: c.conversations.create(
            subject="s", mailbox_id=1, customer_id=2, text="t", type="sms"
        ),
        ValueError,
        "type",
    ),
    (
        "create status spam",
        lambda c: c.conversations.create(
            subject="s", mailbox_id=1, customer_id=2, text="t", status="spam"
        ),
        ValueError,
        "status",
    ),
    (
        "create mailbox",
        lambda c: c.conversations.create(subject="s", mailbox_id=0, customer_id=2, text="t"),
        ValueError,
        "mailbox_id",
    ),
    (
        "create blank subject",
        lambda c: c.conversations.create(subject=" ", mailbox_id=1, customer_id=2, text="t"),
        ValueError,
        "subject",
    ),
    (
        "create fields list",
        lambda c: c.conversations.create(
            subject="s", mailbox_id=1, customer_id=2, text="t", fields=[(1, "a")]
        ),
        TypeError,
        "fields",
    ),
    ("update nothing", lambda c: c.conversations.update(1), ValueError, "nothing to update"),
    (
        "update both",
        lambda c: c.conversations.update(1, assign_to=2, unassign=True),
        ValueError,
        "not both",
    ),
    ("update status", lambda c: c.conversations.update(1, status="open"), ValueError, "status"),
    (
        "update id",
        lambda c: c.conversations.update(0, status="closed"),
        ValueError,
        "conversation_id",
    ),
    (
        "update blank subject",
        lambda c: c.conversations.update(1, subject=""),
        ValueError,
        "subject",
    ),
    ("tags str", lambda c: c.conversations.update_tags(1, "vip"), TypeError, "tags"),
    ("tags ints", lambda c: c.conversations.update_tags(1, ["a", 2]), TypeError, "tags"),
    (
        "fields not mapping",
        lambda c: c.conversations.update_custom_fields(1, [(1, "a")]),
        TypeError,
        "fields",
    ),
    ("snooze naive", lambda c: c.conversations.snooze(1, NAIVE), ValueError, "until"),
    ("snooze not datetime", lambda c: c.conversations.snooze(1, "2025-01-01"), TypeError, "until"),
    ("delete id", lambda c: c.conversations.delete(-5), ValueError, "conversation_id"),
    ("unsnooze id", lambda c: c.conversations.unsnooze(False), TypeError, "conversation_id"),
    (
        "reply customer",
        lambda c: c.conversations.reply(1, text="t", customer_id=0),
        ValueError,
        "customer_id",
    ),
    (
        "reply blank",
        lambda c: c.conversations.reply(1, text="  ", customer_id=2),
        ValueError,
        "text",
    ),
    (
        "reply cc str",
        lambda c: c.conversations.reply(1, text="t", customer_id=2, cc="a@b.co"),
        TypeError,
        "cc",
    ),
    (
        "reply bcc email",
        lambda c: c.conversations.reply(1, text="t", customer_id=2, bcc=["x"]),
        ValueError,
        "bcc",
    ),
    (
        "reply status",
        lambda c: c.conversations.reply(1, text="t", customer_id=2, status="gone"),
        ValueError,
        "status",
    ),
    (
        "reply naive",
        lambda c: c.conversations.reply(1, text="t", customer_id=2, created_at=NAIVE),
        ValueError,
        "created_at",
    ),
    (
        "reply conversation",
        lambda c: c.conversations.reply(0, text="t", customer_id=2),
        ValueError,
        "conversation_id",
    ),
    ("note blank", lambda c: c.conversations.add_note(1, text=""), ValueError, "text"),
    ("note user", lambda c: c.conversations.add_note(1, text="t", user=0), ValueError, "user"),
    (
        "customer thread nobody",
        lambda c: c.conversations.add_customer_thread(1, text="t"),
        ValueError,
        "customer_id",
    ),
    (
        "chat nobody",
        lambda c: c.conversations.add_chat_thread(1, text="t"),
        ValueError,
        "customer_id",
    ),
    (
        "phone bad email",
        lambda c: c.conversations.add_phone_thread(1, text="t", customer_email="no at"),
        ValueError,
        "email",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [pytest.param(call, error, match, id=name) for name, call, error, match in BAD_CALLS],
)
async def test_bad_arguments_raise_before_any_request(
    mocked: aioresponses, call: Call, error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await run(client, call)
    assert mocked.requests == {}
