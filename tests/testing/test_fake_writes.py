"""Conversation writes: create, JSON Patch, tags, fields, snooze, delete, threads, merges."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from _fake_support import Api, session, small_store

from helpscout_async.testing import FakeHelpScout

__all__ = ["session"]

CID = 1000  # the first conversation of small_store


@pytest_asyncio.fixture
async def api(session: aiohttp.ClientSession) -> AsyncIterator[Api]:
    # These tests read modifiedAt from bodies, which the live API leaves out: opt in.
    async with FakeHelpScout(store=small_store(3), rate_limit=None, body_modified_at=True) as fake:
        yield Api(fake, session)


def _new(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "subject": "Need help",
        "customer": {"email": "new.person@cust.test", "firstName": "New"},
        "mailboxId": 1,
        "type": "email",
        "status": "active",
        "threads": [{"type": "customer", "text": "Hello there"}],
        "tags": ["vip", "brand new"],
        "fields": [{"id": 31, "value": "41"}],
    }
    body.update(overrides)
    return body


def _errors(body: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    assert body is not None
    return {e["path"]: e for e in body["_embedded"]["errors"]}


def _recent(stamp: str) -> bool:
    when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return abs(datetime.now(UTC) - when) < timedelta(seconds=5)


async def test_create_answers_201_with_headers_and_no_body(api: Api) -> None:
    status, headers, body = await api.call("POST", "/conversations", json_body=_new())
    assert status == 201
    assert body is None
    new_id = int(headers["Resource-ID"])
    assert headers["Location"] == f"{api.fake.base_url}/conversations/{new_id}"
    conv = await api.get(f"/conversations/{new_id}", embed="threads")
    assert conv["subject"] == "Need help"
    assert conv["status"] == "active"
    assert conv["number"] == 4  # one above the highest number
    assert [t["tag"] for t in conv["tags"]] == ["vip", "brand new"]
    assert conv["customFields"] == [{"id": 31, "name": "Plan", "value": "41", "text": "Pro"}]
    assert conv["primaryCustomer"]["email"] == "new.person@cust.test"
    assert conv["_embedded"]["threads"][0]["body"] == "Hello there"
    assert _recent(conv["modifiedAt"])
    customer = await api.get(f"/customers/{conv['primaryCustomer']['id']}")
    assert customer["firstName"] == "New"
    tags = await api.get("/tags")
    assert "brand new" in {t["name"] for t in tags["_embedded"]["tags"]}
    listed = await api.ids("/conversations")
    assert new_id in listed


async def test_create_with_existing_customer_id(api: Api) -> None:
    body = _new(customer={"id": 202}, status="closed")
    status, headers, _ = await api.call("POST", "/conversations", json_body=body)
    assert status == 201
    conv = await api.get(f"/conversations/{headers['Resource-ID']}")
    assert conv["primaryCustomer"]["id"] == 202
    assert conv["closedBy"] == 101


@pytest.mark.parametrize(
    ("body", "paths"),
    [
        ({}, {"subject", "mailboxId", "type", "status", "customer", "threads"}),
        (_new(subject="  "), {"subject"}),
        (_new(mailboxId=999), {"mailboxId"}),
        (_new(type="fax"), {"type"}),
        (_new(status="open"), {"status"}),
        (_new(customer={"id": 999}), {"customer.id"}),
        (_new(customer={"first": "x"}), {"customer"}),
        (_new(threads=[]), {"threads"}),
        (_new(threads=[{"type": "sms", "text": "x"}]), {"threads[0].type"}),
        (_new(threads=[{"type": "customer"}]), {"threads[0].text"}),
        (_new(fields=[{"id": 999, "value": "1"}]), {"fields[0].id"}),
        (_new(fields=[{"id": 31, "value": "7"}]), {"fields[0].value"}),
        (_new(assignTo=5), {"assignTo"}),
    ],
)
async def test_create_validation(api: Api, body: dict[str, Any], paths: set[str]) -> None:
    status, headers, answer = await api.call("POST", "/conversations", json_body=body)
    assert status == 400
    assert headers["Content-Type"].startswith("application/vnd.error+json")
    assert answer is not None
    assert answer["message"] == "Bad request"
    assert set(_errors(answer)) == paths
    assert len(api.fake.store.conversations) == 3


async def test_create_rejects_non_json(api: Api) -> None:
    status, _, body = await api.call("POST", "/conversations", data=b"{nope")
    assert status == 400
    assert body is not None
    assert "_embedded" in body


@pytest.mark.parametrize(
    ("op", "check"),
    [
        ({"op": "replace", "path": "/subject", "value": "New!"}, ("subject", "New!")),
        ({"op": "replace", "path": "/status", "value": "closed"}, ("status", "closed")),
        ({"op": "replace", "path": "/status", "value": "pending"}, ("status", "pending")),
        ({"op": "replace", "path": "/assignTo", "value": 103}, ("assignee.id", 103)),
        ({"op": "move", "path": "/mailboxId", "value": 2}, ("mailboxId", 2)),
        (
            {"op": "replace", "path": "/primaryCustomer.id", "value": 203},
            ("primaryCustomer.id", 203),
        ),
        ({"op": "replace", "path": "/draft", "value": True}, ("state", "draft")),
        ({"op": "replace", "path": "/draft", "value": False}, ("state", "published")),
    ],
)
async def test_patch_ops(api: Api, op: dict[str, Any], check: tuple[str, Any]) -> None:
    before = api.fake.store.conversations[CID]["modifiedAt"]
    status, _, body = await api.call("PATCH", f"/conversations/{CID}", json_body=op)
    assert status == 204
    assert body is None
    conv = await api.get(f"/conversations/{CID}")
    key, expected = check
    value: Any = conv
    for part in key.split("."):
        value = value[part]
    assert value == expected
    assert conv["modifiedAt"] != before
    assert _recent(conv["modifiedAt"])
    assert conv["userUpdatedAt"] == conv["modifiedAt"]  # an agent's edit


async def test_default_bodies_have_no_modified_at(session: aiohttp.ClientSession) -> None:
    """As on the live API: lists sort by modifiedAt, bodies do not show it."""
    async with FakeHelpScout(store=small_store(3), rate_limit=None) as fake:
        api = Api(fake, session)
        listed = await api.get("/conversations", status="all", sortField="modifiedAt")
        assert listed["_embedded"]["conversations"]
        for conv in listed["_embedded"]["conversations"]:
            assert "modifiedAt" not in conv
            assert "userUpdatedAt" in conv
        assert "modifiedAt" not in await api.get(f"/conversations/{CID}")
        assert "modifiedAt" in fake.store.conversations[CID]  # kept for sorting


async def test_patch_remove_assignee(api: Api) -> None:
    op = {"op": "replace", "path": "/assignTo", "value": 102}
    assert (await api.call("PATCH", f"/conversations/{CID}", json_body=op))[0] == 204
    op = {"op": "remove", "path": "/assignTo"}
    assert (await api.call("PATCH", f"/conversations/{CID}", json_body=op))[0] == 204
    assert "assignee" not in await api.get(f"/conversations/{CID}")


@pytest.mark.parametrize(
    ("op", "path"),
    [
        ({"op": "replace", "path": "/tags", "value": []}, "/tags"),
        ({"op": "add", "path": "/subject", "value": "x"}, "/subject"),
        ({"op": "replace", "path": "/status", "value": "bogus"}, "/status"),
        ({"op": "replace", "path": "/assignTo", "value": 4242}, "/assignTo"),
        ({"op": "move", "path": "/mailboxId", "value": 4242}, "/mailboxId"),
        ({"op": "replace", "path": "/primaryCustomer.id", "value": 1}, "/primaryCustomer.id"),
        ({"op": "replace", "path": "/draft", "value": "yes"}, "/draft"),
        ({"op": "replace", "path": "/subject"}, "/subject"),
        ([{"op": "replace", "path": "/subject", "value": "x"}], ""),
    ],
)
async def test_patch_rejects_anything_else(api: Api, op: Any, path: str) -> None:
    status, _, body = await api.call("PATCH", f"/conversations/{CID}", json_body=op)
    assert status == 400
    assert path in _errors(body)


async def test_put_tags_and_fields_replace_the_set(api: Api) -> None:
    url = f"/conversations/{CID}"
    assert (await api.call("PUT", f"{url}/tags", json_body={"tags": ["a", "b"]}))[0] == 204
    assert (await api.call("PUT", f"{url}/tags", json_body={"tags": ["b", "VIP"]}))[0] == 204
    conv = await api.get(url)
    assert [t["tag"] for t in conv["tags"]] == ["b", "vip"]
    fields = {"fields": [{"id": 31, "value": "41"}, {"id": 51, "value": "R-1"}]}
    assert (await api.call("PUT", f"{url}/fields", json_body=fields))[0] == 204
    fields = {"fields": [{"id": 51, "value": "R-2"}]}
    assert (await api.call("PUT", f"{url}/fields", json_body=fields))[0] == 204
    conv = await api.get(url)
    assert conv["customFields"] == [{"id": 51, "name": "Ref", "value": "R-2", "text": "R-2"}]
    status, _, body = await api.call("PUT", f"{url}/tags", json_body={"tags": "vip"})
    assert status == 400
    assert "tags" in _errors(body)


async def test_snooze_and_unsnooze(api: Api) -> None:
    url = f"/conversations/{CID}/snooze"
    body = {"snoozedUntil": "2030-02-15T12:57:43Z", "unsnoozeOnCustomerReply": True}
    assert (await api.call("PUT", url, json_body=body))[0] == 204
    conv = await api.get(f"/conversations/{CID}")
    assert conv["snooze"] == {
        "snoozedBy": 101,
        "snoozedUntil": "2030-02-15T12:57:43Z",
        "unsnoozeOnCustomerReply": True,
    }
    assert conv["nextEvent"]["eventType"] == "snooze"
    assert (await api.call("DELETE", url))[0] == 204
    assert "snooze" not in await api.get(f"/conversations/{CID}")
    status, _, answer = await api.call("PUT", url, json_body={"snoozedUntil": "soon"})
    assert status == 400
    assert "snoozedUntil" in _errors(answer)


async def test_delete(api: Api) -> None:
    assert (await api.call("DELETE", f"/conversations/{CID}"))[0] == 204
    assert (await api.call("GET", f"/conversations/{CID}"))[0] == 404
    assert (await api.call("DELETE", f"/conversations/{CID}"))[0] == 404
    assert CID not in await api.ids("/conversations")


@pytest.mark.parametrize(
    ("route", "body", "thread_type"),
    [
        ("reply", {"customer": {"id": 201}, "text": "Reply", "draft": True}, "reply"),
        ("notes", {"text": "A note"}, "note"),
        ("customer", {"customer": {"id": 202}, "text": "Me again"}, "customer"),
        ("customer", {"customer": {"email": "bob@cust.test"}, "text": "Again"}, "customer"),
        ("chats", {"customer": {"id": 201}, "text": "Chat"}, "chat"),
        ("phones", {"customer": {"id": 201}, "text": "Called"}, "phone"),
    ],
)
async def test_thread_creating_posts(
    api: Api, route: str, body: dict[str, Any], thread_type: str
) -> None:
    body["attachments"] = [{"fileName": "f.txt", "mimeType": "text/plain", "data": "ZmlsZQ=="}]
    status, headers, answer = await api.call(
        "POST", f"/conversations/{CID}/{route}", json_body=body
    )
    assert status == 201, answer
    assert answer is None
    tid = int(headers["Resource-ID"])
    assert headers["Location"] == f"{api.fake.base_url}/conversations/{CID}/threads/{tid}"
    threads = (await api.get(f"/conversations/{CID}/threads"))["_embedded"]["threads"]
    assert threads[0]["id"] == tid
    assert threads[0]["type"] == thread_type
    assert threads[0]["body"] == body["text"]
    assert threads[0]["_embedded"]["attachments"][0]["size"] == 4
    assert len(threads) == 2
    conv = await api.get(f"/conversations/{CID}")
    assert _recent(conv["modifiedAt"])
    # userUpdatedAt follows agents' edits only: a customer's thread leaves it alone
    assert _recent(conv["userUpdatedAt"]) == (thread_type != "customer")


@pytest.mark.parametrize(
    ("route", "body", "path"),
    [
        ("reply", {"text": "no customer"}, "customer"),
        ("reply", {"customer": {"email": "ann@cust.test"}, "text": "x"}, "customer.id"),
        ("reply", {"customer": {"id": 999}, "text": "x"}, "customer.id"),
        ("reply", {"customer": {"id": 201}}, "text"),
        ("notes", {"text": ""}, "text"),
        ("notes", {"text": "x", "status": "weird"}, "status"),
        ("chats", {"text": "x"}, "customer"),
        ("phones", {"customer": {"id": 201}, "text": "x", "user": 5}, "user"),
        ("notes", {"text": "x", "attachments": [{"fileName": "a"}]}, "attachments[0].data"),
    ],
)
async def test_thread_validation(api: Api, route: str, body: dict[str, Any], path: str) -> None:
    status, _, answer = await api.call("POST", f"/conversations/{CID}/{route}", json_body=body)
    assert status == 400
    assert path in _errors(answer)


async def test_threads_are_paged_by_50(api: Api) -> None:
    for i in range(50):
        status, _, _ = await api.call(
            "POST", f"/conversations/{CID}/notes", json_body={"text": f"n{i}"}
        )
        assert status == 201
    first = await api.get(f"/conversations/{CID}/threads")
    assert first["page"] == {"size": 50, "totalElements": 51, "totalPages": 2, "number": 1}
    assert first["_embedded"]["threads"][0]["body"] == "n49"  # newest first
    second = await api.get(f"/conversations/{CID}/threads", page=2)
    assert [t["id"] for t in second["_embedded"]["threads"]] == [CID * 10]


async def test_merged_conversation_answers_301(api: Api) -> None:
    api.fake.merge(CID, 1001)
    status, headers, _ = await api.call("GET", f"/conversations/{CID}")
    assert status == 301
    assert headers["Location"] == f"{api.fake.base_url}/conversations/1001"
    status, headers, _ = await api.call("GET", f"/conversations/{CID}/threads")
    assert status == 301
    assert headers["Location"].endswith("/conversations/1001/threads")
    merged = await api.get("/conversations/1001/threads")
    assert merged["page"]["totalElements"] == 2
    assert (await api.call("PATCH", f"/conversations/{CID}", json_body={}))[0] == 404


async def test_unknown_ids_are_404s(api: Api) -> None:
    for path in (
        "/conversations/5",
        "/conversations/5/threads",
        "/customers/5",
        "/mailboxes/5",
        "/mailboxes/5/folders",
        "/users/5",
        "/teams/5/members",
        "/nothing/here",
    ):
        status, _, body = await api.call("GET", path)
        assert status == 404, path
        assert body is not None
        assert body["message"] == "Resource not found"
    status, _, _ = await api.call("POST", "/conversations/5/notes", json_body={"text": "x"})
    assert status == 404
    status, _, body = await api.call("POST", "/mailboxes")
    assert status == 405
    assert body is not None
    assert "logRef" in body


async def test_writes_invalidate_cached_pages(api: Api) -> None:
    first = await api.get("/conversations", sortField="subject", sortOrder="asc")
    assert first["_embedded"]["conversations"][0]["subject"] == "Subject 1000"
    again = await api.get("/conversations", sortField="subject", sortOrder="asc")
    assert again == first
    assert api.fake._state.cache.hits >= 1
    op = {"op": "replace", "path": "/subject", "value": "AAA first now"}
    assert (await api.call("PATCH", "/conversations/1002", json_body=op))[0] == 204
    after = await api.get("/conversations", sortField="subject", sortOrder="asc")
    assert after["_embedded"]["conversations"][0]["id"] == 1002
    assert after["_embedded"]["conversations"][0]["subject"] == "AAA first now"
    # A change made straight to the store is seen once the store is touched.
    api.fake.store.conversations[1002]["subject"] = "zzz last"
    api.fake.store.touch()
    last = await api.get("/conversations", sortField="subject", sortOrder="asc")
    assert last["_embedded"]["conversations"][-1]["subject"] == "zzz last"
