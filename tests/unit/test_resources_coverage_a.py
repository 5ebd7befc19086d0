"""Coverage A's operations: the request each sends (method, path, query, body), and refusals.

Conversations (v3 get), attachments, thread edits (text, hide, original source,
schedule, v3 list) and customers (PATCH, async delete, v3 list).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from _unit_support import API, body_of, calls, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs
from helpscout_async.models import AttachmentUpload

V3 = "https://api.helpscout.net/v3"
CONVERSATION = fixture("conversation_get")
UPLOAD = fixture("request_attachment_upload")


# -- conversations.get_v3 ------------------------------------------------------------------------


async def test_get_v3(mocked: aioresponses) -> None:
    mocked.get(f"{V3}/conversations/10", payload=CONVERSATION)
    async with make_client() as client:
        conv = await client.conversations.get_v3(10)
    assert conv.id == CONVERSATION["id"]
    assert len(calls(mocked, "GET", f"{V3}/conversations/10")) == 1


# -- attachments -------------------------------------------------------------------------------


def test_attachment_upload_does_the_base64() -> None:
    made = AttachmentUpload.from_bytes("file.txt", b"file")
    assert (made.file_name, made.mime_type, made.data) == ("file.txt", "text/plain", "ZmlsZQ==")
    assert made.content() == b"file"
    assert "ZmlsZQ" not in repr(made)
    with pytest.raises(ValueError, match="mime_type"):
        AttachmentUpload.from_bytes("noext", b"x")
    with pytest.raises(TypeError, match="content must be bytes"):
        AttachmentUpload.from_bytes("a.txt", "text")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="file_name"):
        AttachmentUpload.from_bytes(" ", b"x")


def test_attachment_upload_from_a_path(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.4")
    made = AttachmentUpload.from_path(target)
    assert (made.file_name, made.mime_type, made.content()) == (
        "report.pdf",
        "application/pdf",
        b"%PDF-1.4",
    )


async def test_upload_sends_the_documented_body(mocked: aioresponses) -> None:
    url = f"{API}/conversations/100/threads/1000/attachments"
    mocked.post(url, status=201, headers={"Resource-ID": "5000"})
    async with make_client() as client:
        found = await client.attachments.upload(
            100, 1000, AttachmentUpload.from_bytes("file.txt", b"file")
        )
    assert found == 5000
    (sent,) = calls(mocked, "POST", url)
    assert body_of(sent) == UPLOAD


async def test_upload_answers_none_without_an_id(mocked: aioresponses) -> None:
    mocked.post(f"{API}/conversations/100/threads/1000/attachments", status=201)
    async with make_client() as client:
        assert (
            await client.attachments.upload(100, 1000, AttachmentUpload.from_bytes("a.txt", b"a"))
            is None
        )


async def test_upload_is_not_resent_after_a_server_error(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    url = f"{API}/conversations/100/threads/1000/attachments"
    mocked.post(url, status=503, repeat=True)
    async with make_client() as client:
        with pytest.raises(hs.ServerError):
            await client.attachments.upload(100, 1000, AttachmentUpload.from_bytes("a.txt", b"a"))
    assert len(calls(mocked, "POST", url)) == 1


@pytest.mark.parametrize(
    ("bad", "error", "match"),
    [
        ({"fileName": "a", "mimeType": "b", "data": "c"}, TypeError, "AttachmentUpload.from_bytes"),
        ("a.txt", TypeError, "must be an AttachmentUpload"),
    ],
)
async def test_upload_refuses_what_is_not_an_upload(
    mocked: aioresponses, bad: Any, error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.attachments.upload(1, 2, bad)
        with pytest.raises(TypeError, match="AttachmentUpload"):
            await client.conversations.add_note(1, text="x", attachments=[bad])
    assert not mocked.requests


async def test_data_decodes_the_base64(mocked: aioresponses) -> None:
    url = f"{API}/conversations/100/attachments/5000/data"
    mocked.get(url, payload=fixture("attachment_data"))
    async with make_client() as client:
        assert await client.attachments.data(100, 5000) == b"file"
    assert len(calls(mocked, "GET", url)) == 1


async def test_data_that_is_not_base64_is_a_typed_error(mocked: aioresponses) -> None:
    mocked.get(f"{API}/conversations/100/attachments/5000/data", payload={"data": "%%%"})
    async with make_client() as client:
        with pytest.raises(hs.HelpScoutError, match="not base64"):
            await client.attachments.data(100, 5000)


async def test_download_as_bytes_and_to_a_file(mocked: aioresponses, tmp_path: Path) -> None:
    url = f"{API}/conversations/100/attachments/5000/file"
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    mocked.get(url, body=png, headers={"Content-Type": "image/png"}, repeat=True)
    target = tmp_path / "out.png"
    async with make_client() as client:
        assert await client.attachments.download(100, 5000) == png
        assert await client.attachments.download(100, 5000, to=target) == png
    assert _files(tmp_path) == {"out.png": png}
    (first, _) = calls(mocked, "GET", url)
    assert first.kwargs["headers"]["Accept"] == "*/*"


def _files(folder: Path) -> dict[str, bytes]:
    """The files in ``folder`` by name (no ``.part`` left behind means none listed)."""
    return {p.name: p.read_bytes() for p in folder.iterdir()}


async def test_a_failed_download_writes_no_file(
    mocked: aioresponses, tmp_path: Path, fast_backoff: list[int]
) -> None:
    mocked.get(f"{API}/conversations/100/attachments/5000/file", status=404)
    target = tmp_path / "out.bin"
    async with make_client() as client:
        with pytest.raises(hs.NotFound):
            await client.attachments.download(100, 5000, to=target)
    assert _files(tmp_path) == {}


async def test_delete_attachment(mocked: aioresponses) -> None:
    url = f"{API}/conversations/100/attachments/5000"
    mocked.delete(url, status=204)
    async with make_client() as client:
        assert await client.attachments.delete(100, 5000) is None
    assert len(calls(mocked, "DELETE", url)) == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.attachments.data(0, 1),
        lambda c: c.attachments.download(1, "2"),
        lambda c: c.attachments.delete(1, True),
        lambda c: c.attachments.upload(-1, 2, AttachmentUpload.from_bytes("a.txt", b"a")),
    ],
)
async def test_attachment_ids_are_checked(mocked: aioresponses, call: Any) -> None:
    async with make_client() as client:
        with pytest.raises((TypeError, ValueError), match="_id must be a positive int id"):
            await call(client)
    assert not mocked.requests


# -- thread edits ------------------------------------------------------------------------------

THREAD = f"{API}/conversations/123/threads/567"


async def test_update_thread_text_and_hidden(mocked: aioresponses) -> None:
    mocked.patch(THREAD, status=204, repeat=True)
    async with make_client() as client:
        await client.conversations.update_thread(123, 567, text="New text")
        await client.conversations.update_thread(123, 567, hidden=True)
        await client.conversations.update_thread(123, 567, hidden=False)
    sent = [body_of(c) for c in calls(mocked, "PATCH", THREAD)]
    assert sent == [
        fixture("request_thread_update"),
        {"op": "replace", "path": "/hidden", "value": True},
        {"op": "replace", "path": "/hidden", "value": False},
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({}, ValueError, "exactly one"),
        ({"text": "a", "hidden": True}, ValueError, "exactly one"),
        ({"hidden": 1}, TypeError, "hidden must be True or False"),
        ({"text": " "}, ValueError, "text"),
    ],
)
async def test_update_thread_checks_its_arguments(
    mocked: aioresponses, kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.conversations.update_thread(123, 567, **kwargs)
    assert not mocked.requests


async def test_thread_source_json_and_rfc822(mocked: aioresponses) -> None:
    url = f"{THREAD}/original-source"
    mocked.get(url, payload=fixture("thread_original_source"))
    raw = b"From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n"
    mocked.get(url, body=raw, headers={"Content-Type": "message/rfc822"})
    async with make_client() as client:
        assert await client.conversations.thread_source(123, 567) == "thread source text"
        assert await client.conversations.thread_source_rfc822(123, 567) == raw
    first, second = calls(mocked, "GET", url)
    assert first.kwargs["headers"]["Accept"] == "application/hal+json, application/json"
    assert second.kwargs["headers"]["Accept"] == "message/rfc822"


async def test_schedule_publish_unschedule(mocked: aioresponses) -> None:
    url = f"{THREAD}/schedule"
    mocked.put(url, status=204)
    mocked.patch(url, status=204)
    mocked.delete(url, status=204)
    when = datetime(2025, 2, 15, 12, 57, 43, tzinfo=UTC)
    async with make_client() as client:
        await client.conversations.schedule_thread(
            123, 567, send_at=when, unschedule_on_customer_reply=True, send_as_creator=False
        )
        await client.conversations.publish_thread(123, 567)
        await client.conversations.unschedule_thread(123, 567)
    (put,) = calls(mocked, "PUT", url)
    assert body_of(put) == {
        "scheduledFor": "2025-02-15T12:57:43Z",
        "unscheduleOnCustomerReply": True,
        "sendAsCreator": False,
    }
    (patch,) = calls(mocked, "PATCH", url)
    assert body_of(patch) == {"op": "replace", "path": "/state", "value": "published"}
    assert len(calls(mocked, "DELETE", url)) == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"send_at": datetime(2030, 1, 1), "unschedule_on_customer_reply": True},
         ValueError, "timezone"),
        ({"send_at": datetime(2100, 1, 1, tzinfo=UTC), "unschedule_on_customer_reply": True},
         ValueError, "before the year 2100"),
        ({"send_at": datetime(2030, 1, 1, tzinfo=UTC), "unschedule_on_customer_reply": "yes"},
         TypeError, "unschedule_on_customer_reply must be True or False"),
        ({"send_at": datetime(2030, 1, 1, tzinfo=UTC), "unschedule_on_customer_reply": True,
          "send_as_creator": 0}, TypeError, "send_as_creator"),
    ],
)  # fmt: skip
async def test_schedule_checks_its_arguments(
    mocked: aioresponses, kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.conversations.schedule_thread(123, 567, **kwargs)
    assert not mocked.requests


def _cursor_page(key: str, ids: list[int], cursor: str | None, path: str) -> dict[str, Any]:
    body: dict[str, Any] = {"_embedded": {key: [{"id": i} for i in ids]}, "_links": {}}
    if cursor is not None:
        body["_links"]["next"] = {"href": f"{V3}{path}?cursor={cursor}"}
    return body


async def test_threads_v3_follows_the_cursor(mocked: aioresponses) -> None:
    path = "/conversations/123/threads"
    mocked.get(f"{V3}{path}", payload=_cursor_page("threads", [1, 2], "c2", path))
    mocked.get(f"{V3}{path}?cursor=c2", payload=_cursor_page("threads", [3], None, path))
    async with make_client() as client:
        found = [t.id async for t in client.conversations.threads_v3(123)]
    assert found == [1, 2, 3]
    assert len(calls(mocked, "GET", f"{V3}{path}?cursor=c2")) == 1


# -- customers ---------------------------------------------------------------------------------


async def test_customers_list_v3_sends_its_filters_on_every_page(mocked: aioresponses) -> None:
    since = datetime(2024, 5, 4, 12, 0, 3, tzinfo=UTC)
    first = (
        f"{V3}/customers?firstName=Jo&email=jo@example.com&createdSince=2024-05-04T12:00:03Z"
        "&query=(lastName:%22Bear%22)"
    )
    mocked.get(first, payload=_cursor_page("customers", [9, 8], "n2", "/customers"))
    pattern = re.compile(re.escape(f"{V3}/customers?") + ".*cursor=n2.*")
    mocked.get(pattern, payload=_cursor_page("customers", [7], None, "/customers"))
    async with make_client() as client:
        stream = client.customers.list_v3(
            first_name="Jo", email="jo@example.com", created_since=since, query='(lastName:"Bear")'
        )
        found = [c.id async for c in stream]
    assert found == [9, 8, 7]
    ((_, url, _),) = [r for r in _all(mocked) if "cursor" in str(r[1])]
    assert (url.query["firstName"], url.query["email"], url.query["cursor"]) == (
        "Jo",
        "jo@example.com",
        "n2",
    )


def _all(m: aioresponses) -> list[tuple[str, Any, Any]]:
    return [(meth, url, c) for (meth, url), rec in m.requests.items() for c in rec]


async def test_customers_list_v3_has_no_page_argument() -> None:
    async with make_client() as client:
        with pytest.raises(TypeError):
            client.customers.list_v3(page=2)  # type: ignore[call-arg]
        with pytest.raises(ValueError, match="timezone"):
            client.customers.list_v3(modified_since=datetime(2024, 1, 1))
        with pytest.raises(ValueError, match="email"):
            client.customers.list_v3(email="not an address")


async def test_customers_patch_sends_json_patch_operations(mocked: aioresponses) -> None:
    url = f"{API}/customers/101"
    mocked.patch(url, status=204)
    async with make_client() as client:
        await client.customers.patch(101, first_name="Vernon", job_title="CEO", remove={"age"})
    (sent,) = calls(mocked, "PATCH", url)
    assert body_of(sent) == [
        {"op": "replace", "path": "/firstName", "value": "Vernon"},
        {"op": "replace", "path": "/jobTitle", "value": "CEO"},
        {"op": "remove", "path": "/age"},
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({}, ValueError, "nothing to change"),
        ({"remove": {"shoe_size"}}, ValueError, "unknown fields"),
        ({"age": "30", "remove": ["age"]}, ValueError, "both given a value and removed"),
        ({"remove": "age"}, TypeError, "collection of field names"),
        ({"first_name": 5}, TypeError, "first_name"),
    ],
)
async def test_customers_patch_checks_its_arguments(
    mocked: aioresponses, kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.customers.patch(101, **kwargs)
    assert not mocked.requests


async def test_customers_delete_async(mocked: aioresponses) -> None:
    url = f"{API}/customers/100?async=true"
    mocked.delete(url, status=202)
    async with make_client() as client:
        assert await client.customers.delete_async(100) is None
    assert len(calls(mocked, "DELETE", url)) == 1


async def test_customers_delete_async_checks_the_id(mocked: aioresponses) -> None:
    async with make_client() as client:
        with pytest.raises(ValueError, match="customer_id"):
            await client.customers.delete_async(0)
    assert not mocked.requests
