"""Coverage A against the fake over loopback: v3 get, attachments, thread edits, customers.

Round trips (upload, read back, delete; edit, hide, schedule, publish; patch, erase),
the v3 cursor walks, and the fake's fixes of issue 11 in these groups (list items
with their ``_embedded``, ``companyId`` on ``/users/me``, token lifetimes, a refused
write changes nothing).
"""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

import helpscout_async as hs
from helpscout_async.models import AttachmentUpload
from helpscout_async.testing import FakeHelpScout

from ._support import count

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=40, customers=120, seed=11)

JSON = dict[str, Any]


def _conversation_with(fake: FakeHelpScout, kind: str) -> tuple[int, JSON]:
    """A stored conversation and one of its threads of type ``kind``."""
    for cid in sorted(fake.store.conversations):
        for thread in fake.store.get_threads(cid):
            if thread.get("type") == kind and thread.get("state") == "published":
                return cid, thread
    raise AssertionError(f"no {kind} thread seeded")


async def test_get_v3_is_the_conversation(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = min(fake.store.conversations)
    assert await client.conversations.get_v3(cid) == await client.conversations.get(cid)
    with pytest.raises(hs.NotFound):
        await client.conversations.get_v3(987_654_321)
    assert count(fake, "GET /v3/conversations/{conversation_id}") == 2


async def test_attachment_round_trip(
    client: hs.HelpScout, fake: FakeHelpScout, tmp_path: Path
) -> None:
    cid, thread = _conversation_with(fake, "customer")
    content = bytes(range(256)) * 3
    upload = AttachmentUpload.from_bytes("dump.bin", content, "application/octet-stream")
    aid = await client.attachments.upload(cid, thread["id"], upload)
    assert isinstance(aid, int)
    (shown,) = [t async for t in client.conversations.threads(cid) if t.id == thread["id"]]
    (found,) = [a for a in shown.attachments if a.id == aid]
    assert (found.filename, found.mime_type, found.size) == ("dump.bin", upload.mime_type, 768)
    assert await client.attachments.data(cid, aid) == content
    target = tmp_path / "copy.bin"
    assert await client.attachments.download(cid, aid, to=target) == content
    assert _read(target) == content
    await client.attachments.delete(cid, aid)
    with pytest.raises(hs.NotFound):
        await client.attachments.data(cid, aid)
    with pytest.raises(hs.NotFound):
        await client.attachments.upload(cid, 987_654_321, upload)


def _read(path: Path) -> bytes:
    return path.read_bytes()


async def test_a_seeded_attachment_has_bytes_of_its_size(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    seeded = [
        (cid, a)
        for cid in sorted(fake.store.conversations)
        for t in fake.store.get_threads(cid)
        for a in t["_embedded"].get("attachments", [])
    ]
    assert seeded, "seed 11 attaches files to some threads"
    cid, smallest = min(seeded, key=lambda found: found[1]["size"])
    data = await client.attachments.data(cid, smallest["id"])
    assert len(data) == smallest["size"]
    assert await client.attachments.download(cid, smallest["id"]) == data


async def test_an_upload_the_api_refuses_names_the_field(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid, thread = _conversation_with(fake, "customer")
    path = f"/v2/conversations/{cid}/threads/{thread['id']}/attachments"
    with pytest.raises(hs.ValidationError) as caught:
        await client.request("POST", path, json={"fileName": "a", "mimeType": "b", "data": "%%"})
    assert [e.path for e in caught.value.errors] == ["data"]
    assert caught.value.log_ref


async def test_thread_text_and_hiding(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid, thread = _conversation_with(fake, "customer")
    tid = thread["id"]
    await client.conversations.update_thread(cid, tid, text="Edited <b>text</b>")
    await client.conversations.update_thread(cid, tid, hidden=True)
    after = {t.id: t async for t in client.conversations.threads(cid)}
    assert (after[tid].body, after[tid].state) == (
        "Edited <b>text</b>",
        hs.models.ThreadState.HIDDEN,
    )
    await client.conversations.update_thread(cid, tid, hidden=False)
    again = {t.id: t async for t in client.conversations.threads(cid)}
    assert again[tid].state == hs.models.ThreadState.PUBLISHED
    note = await client.conversations.add_note(cid, text="internal")
    with pytest.raises(hs.ValidationError, match="can be hidden"):
        await client.conversations.update_thread(cid, note, hidden=True)
    with pytest.raises(hs.NotFound):
        await client.conversations.update_thread(cid, 987_654_321, text="x")


async def test_original_source_as_json_and_rfc822(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid, thread = _conversation_with(fake, "customer")
    text = await client.conversations.thread_source(cid, thread["id"])
    raw = await client.conversations.thread_source_rfc822(cid, thread["id"])
    assert raw.decode() == text
    message = email.message_from_bytes(raw)
    assert message["Subject"] == fake.store.conversations[cid]["subject"]
    assert thread["createdBy"]["email"] in message["From"]
    note = await client.conversations.add_note(cid, text="no email behind this")
    with pytest.raises(hs.NotFound):
        await client.conversations.thread_source(cid, note)


async def test_schedule_publish_and_unschedule(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = min(fake.store.conversations)
    customer = int(fake.store.conversations[cid]["primaryCustomer"]["id"])
    soon = datetime.now(UTC) + timedelta(days=1)

    def stored(tid: int) -> JSON:
        return next(t for t in fake.store.get_threads(cid) if t["id"] == tid)

    draft = await client.conversations.reply(cid, text="Later", customer_id=customer, draft=True)
    await client.conversations.schedule_thread(
        cid, draft, send_at=soon, unschedule_on_customer_reply=True
    )
    assert stored(draft)["scheduled"]["scheduledFor"] == soon.strftime("%Y-%m-%dT%H:%M:%SZ")
    await client.conversations.publish_thread(cid, draft)
    assert (stored(draft)["state"], stored(draft).get("scheduled")) == ("published", None)
    with pytest.raises(hs.ValidationError, match="not scheduled"):
        await client.conversations.publish_thread(cid, draft)

    other = await client.conversations.reply(cid, text="Maybe", customer_id=customer, draft=True)
    await client.conversations.schedule_thread(
        cid, other, send_at=soon, unschedule_on_customer_reply=False, send_as_creator=True
    )
    await client.conversations.unschedule_thread(cid, other)
    assert (stored(other)["state"], stored(other).get("scheduled")) == ("draft", None)
    with pytest.raises(hs.NotFound):
        await client.conversations.unschedule_thread(cid, other)
    past = datetime.now(UTC) - timedelta(hours=1)
    with pytest.raises(hs.ValidationError) as caught:
        await client.conversations.schedule_thread(
            cid, other, send_at=past, unschedule_on_customer_reply=True
        )
    assert caught.value.errors[0].path == "scheduledFor"
    with pytest.raises(hs.ValidationError, match="only a draft"):
        await client.conversations.schedule_thread(
            cid, draft, send_at=soon, unschedule_on_customer_reply=True
        )


async def test_threads_v3_walks_every_thread_by_cursor(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = min(fake.store.conversations)
    for i in range(55 - len(fake.store.get_threads(cid))):
        await client.conversations.add_note(cid, text=f"note {i}")
    v2 = {t.id async for t in client.conversations.threads(cid)}
    v3 = [t.id async for t in client.conversations.threads_v3(cid)]
    assert len(v3) == len(v2) >= 55
    assert set(v3) == v2
    assert len(set(v3)) == len(v3)  # no thread twice
    assert v3 == [t.id async for t in client.conversations.threads(cid)]  # newest first, as v2
    assert count(fake, "GET /v3/conversations/{conversation_id}/threads") == 2
    with pytest.raises(hs.ValidationError) as caught:
        await client.request("GET", f"/v3/conversations/{cid}/threads", params={"cursor": "nope"})
    assert caught.value.errors[0].path == "cursor"


async def test_customers_list_v3(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    store = fake.store.customers
    found = [c.id async for c in client.customers.list_v3()]
    newest_first = sorted(store, key=lambda i: (store[i]["createdAt"], i), reverse=True)
    assert found == newest_first
    assert len(found) == 120
    assert count(fake, "GET /v3/customers") == 3
    first = store[found[0]]
    name = first["firstName"]
    named = [c.id async for c in client.customers.list_v3(first_name=name)]
    assert found[0] in named
    assert all(store[i]["firstName"] == name for i in named)
    queried = [c.id async for c in client.customers.list_v3(query=f'(firstName:"{name}")')]
    assert queried == named
    address = first["_embedded"]["emails"][0]["value"]
    assert [c.id async for c in client.customers.list_v3(email=address)] == [found[0]]
    middle = datetime.fromisoformat(store[found[60]]["createdAt"].replace("Z", "+00:00"))
    recent = [c.id async for c in client.customers.list_v3(created_since=middle)]
    assert recent == [i for i in found if store[i]["createdAt"] >= store[found[60]]["createdAt"]]
    emails = (await client.customers.list_v3().collect(limit=1))[0].emails
    assert [e.value for e in emails] == [e["value"] for e in first["_embedded"]["emails"]]


async def test_customers_patch_and_a_refused_patch(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    cid = min(fake.store.customers)
    await client.customers.patch(cid, first_name="Vernon", job_title="Honey Master")
    got = await client.customers.get(cid)
    assert (got.first_name, got.job_title) == ("Vernon", "Honey Master")
    await client.customers.patch(cid, remove={"job_title"})
    assert (await client.customers.get(cid)).job_title is None
    ops = [
        {"op": "replace", "path": "/firstName", "value": "Changed"},
        {"op": "replace", "path": "/shoeSize", "value": "44"},
    ]
    with pytest.raises(hs.ValidationError) as caught:
        await client.request("PATCH", f"/v2/customers/{cid}", json=ops)
    assert caught.value.errors[0].path == "[1].path"
    assert (await client.customers.get(cid)).first_name == "Vernon"  # nothing applied
    with pytest.raises(hs.NotFound):
        await client.customers.patch(987_654_321, first_name="X")


async def test_customers_delete_async(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    store = fake.store
    owner = next(
        int(c["primaryCustomer"]["id"])
        for c in store.conversations.values()
        if int(c["primaryCustomer"]["id"]) in store.customers
    )
    theirs = [i for i, c in store.conversations.items() if int(c["primaryCustomer"]["id"]) == owner]
    await client.customers.delete_async(owner)
    with pytest.raises(hs.NotFound):
        await client.customers.get(owner)
    for cid in theirs:
        with pytest.raises(hs.NotFound):
            await client.conversations.get(cid)
    with pytest.raises(hs.NotFound):
        await client.customers.delete_async(owner)
    survivor = min(store.customers)
    await client.customers.delete(survivor)  # the plain delete shares the route: 204
    assert survivor not in store.customers
    with pytest.raises(hs.ValidationError) as caught:
        await client.request("DELETE", f"/v2/customers/{min(store.customers)}?async=maybe")
    assert caught.value.errors[0].path == "async"


async def test_list_customers_items_carry_their_embedded(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    listed = await client.customers.list().first_page()
    for customer in listed.items[:10]:
        stored = fake.store.customers[customer.id]["_embedded"]
        assert [e.value for e in customer.emails] == [e["value"] for e in stored["emails"]]
        assert [p.value for p in customer.phones] == [p["value"] for p in stored.get("phones", [])]


async def test_users_me_has_the_company_id(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    me = await client.users.me()
    assert me.company_id == fake.store.company_id == 1
    raw = await client.request("GET", "/v2/users/me")
    assert list(raw)[-2:] == ["companyId", "_links"]


async def test_token_lifetimes(fake: FakeHelpScout) -> None:
    async with aiohttp.ClientSession() as session:
        common = {"client_id": fake.client_id, "client_secret": fake.client_secret}
        async with session.post(
            fake.token_url, data={"grant_type": "client_credentials", **common}
        ) as resp:
            assert (await resp.json())["expires_in"] == 172800
        code = {"grant_type": "authorization_code", "code": fake.authorize(), **common}
        async with session.post(fake.token_url, data=code) as resp:
            first = await resp.json()
        assert first["expires_in"] == 7200
        again = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"], **common}
        async with session.post(fake.token_url, data=again) as resp:
            assert (await resp.json())["expires_in"] == 7200


async def test_a_refused_write_changes_nothing(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = min(fake.store.conversations)
    before = dict(fake.store.conversations[cid])
    with pytest.raises(hs.ValidationError):
        await client.request(
            "PATCH",
            f"/v2/conversations/{cid}",
            json={"op": "replace", "path": "/assignTo", "value": 987_654_321},
        )
    assert fake.store.conversations[cid] == before
    user = next(iter(fake.store.users))
    customer = int(before["primaryCustomer"]["id"])
    body = {"customer": {"id": customer}, "text": " ", "assignTo": user}
    with pytest.raises(hs.ValidationError):
        await client.request("POST", f"/v2/conversations/{cid}/reply", json=body)
    assert fake.store.conversations[cid].get("assignee") == before.get("assignee")
