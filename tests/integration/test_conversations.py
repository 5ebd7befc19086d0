"""``client.conversations`` against the fake on loopback: every method, checked with the store."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout

from ._support import count, with_status

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=90, seed=7)

API_ROOT = "https://api.helpscout.net/v2"


def convs(fake: FakeHelpScout) -> dict[int, dict[str, Any]]:
    return fake.store.conversations


async def ids_of(stream: hs.Stream[hs.Conversation]) -> list[int]:
    return [conv.id async for conv in stream]


def thread_ids(fake: FakeHelpScout, cid: int) -> list[int]:
    return [int(t["id"]) for t in fake.store.get_threads(cid)]


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def some(fake: FakeHelpScout, **wanted: Any) -> dict[str, Any]:
    """A stored conversation whose fields equal ``wanted``."""
    for conv in convs(fake).values():
        if all(conv.get(k) == v for k, v in wanted.items()):
            return conv
    raise AssertionError(f"the seed has no conversation with {wanted}")


def other_mailbox(fake: FakeHelpScout, mailbox_id: int) -> int:
    return next(m for m in fake.store.mailboxes if m != mailbox_id)


# --- list -------------------------------------------------------------------------------


async def test_status_defaults_to_active(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    expected = with_status(convs(fake), "active")
    assert expected
    assert expected != set(convs(fake)), "the seed must mix statuses"
    got = await ids_of(client.conversations.list())
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize(
    ("status", "stored"),
    [("pending", ("pending",)), ("closed", ("closed",)), ("open", ("active", "pending"))],
)
async def test_status_filter(
    client: hs.HelpScout, fake: FakeHelpScout, status: str, stored: tuple[str, ...]
) -> None:
    expected = with_status(convs(fake), *stored)
    assert expected
    assert sorted(await ids_of(client.conversations.list(status=status))) == sorted(expected)


async def test_full_walk_equals_the_store_exactly(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    got = await ids_of(client.conversations.list(status="all"))
    assert len(got) == len(set(got)), "a conversation was yielded twice"
    assert set(got) == set(convs(fake))
    assert len(got) == len(convs(fake))
    pages = math.ceil(len(convs(fake)) / 25)
    assert pages >= 4
    assert count(fake, "GET /v2/conversations") == pages


async def test_pages_carry_the_server_figures(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    total = len(convs(fake))
    pages = [page async for page in client.conversations.list(status="all").pages()]
    assert [p.number for p in pages] == list(range(1, math.ceil(total / 25) + 1))
    assert all(p.total_elements == total and p.size == 25 for p in pages)
    assert [len(p.items) for p in pages[:-1]] == [25] * (len(pages) - 1)
    first = await client.conversations.list(status="all").first_page()
    assert [c.id for c in first.items] == [c.id for c in pages[0].items]


async def test_walk_from_a_later_page(client: hs.HelpScout) -> None:
    everything = await ids_of(client.conversations.list(status="all"))
    from_two = await ids_of(client.conversations.list(status="all", page=2))
    assert from_two == everything[25:]


async def test_mailbox_filter_one_and_several(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    boxes = sorted(fake.store.mailboxes)
    assert len(boxes) >= 3
    one = await ids_of(client.conversations.list(status="all", mailbox=boxes[0]))
    assert set(one) == {i for i, c in convs(fake).items() if c["mailboxId"] == boxes[0]}
    two = await ids_of(client.conversations.list(status="all", mailbox=boxes[:2]))
    expected = {i for i, c in convs(fake).items() if c["mailboxId"] in boxes[:2]}
    assert set(two) == expected
    assert len(two) == len(expected) > len(one) > 0


async def test_folder_filter(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    folder = next(iter(convs(fake).values()))["folderId"]
    got = await ids_of(client.conversations.list(status="all", folder=folder))
    assert set(got) == {i for i, c in convs(fake).items() if c["folderId"] == folder}
    assert got


async def test_tag_filter(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    tagged = [c for c in convs(fake).values() if c.get("tags")]
    name = tagged[0]["tags"][0]["tag"]
    expected = {
        c["id"] for c in convs(fake).values() if name in {t["tag"] for t in c.get("tags") or []}
    }
    got = await ids_of(client.conversations.list(status="all", tag=name))
    assert set(got) == expected
    assert 0 < len(expected) < len(convs(fake))


async def test_assigned_to_filter(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    assignees = [c["assignee"]["id"] for c in convs(fake).values() if c.get("assignee")]
    user = max(set(assignees), key=assignees.count)
    got = await client.conversations.list(status="all", assigned_to=user).collect()
    expected = {i for i, c in convs(fake).items() if (c.get("assignee") or {}).get("id") == user}
    assert {c.id for c in got} == expected
    assert all(c.assignee is not None and c.assignee.id == user for c in got)
    assert 0 < len(expected) < len(convs(fake))


@pytest.mark.helpscout_fake(body_modified_at=True)  # reads modified_at
async def test_modified_since_filter(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stamps = sorted(c["modifiedAt"] for c in convs(fake).values())
    since = when(stamps[len(stamps) // 2])
    got = await client.conversations.list(status="all", modified_since=since).collect()
    expected = {i for i, c in convs(fake).items() if when(c["modifiedAt"]) >= since}
    assert {c.id for c in got} == expected
    assert all(c.modified_at is not None and c.modified_at >= since for c in got)
    assert 0 < len(expected) < len(convs(fake))


async def test_number_filter(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    conv = some(fake, status="closed")
    got = await client.conversations.list(status="all", number=conv["number"]).collect()
    assert [c.id for c in got] == [conv["id"]]
    assert got[0].number == conv["number"]


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize(("field", "key"), [("createdAt", "createdAt"), ("number", "number")])
async def test_sort(
    client: hs.HelpScout, fake: FakeHelpScout, order: str, field: str, key: str
) -> None:
    got = await ids_of(client.conversations.list(status="all", sort_field=field, sort_order=order))
    expected = sorted(convs(fake), key=lambda i: (convs(fake)[i][key], i), reverse=order == "desc")
    assert got == expected


async def test_default_order_is_newest_first(client: hs.HelpScout) -> None:
    got = await client.conversations.list(status="all").collect()
    created = [c.created_at for c in got]
    assert all(a is not None for a in created)
    assert created == sorted(created, reverse=True)  # type: ignore[type-var]


async def test_query_gives_the_matching_subset(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    word = next(iter(convs(fake).values()))["subject"].split()[-1].lower()
    expected = {i for i, c in convs(fake).items() if word in c["subject"].lower()}
    got = await ids_of(client.conversations.list(status="all", query=f'(subject:"{word}")'))
    assert set(got) == expected
    assert 0 < len(expected) < len(convs(fake))
    negated = await ids_of(client.conversations.list(status="all", query=f'NOT subject:"{word}"'))
    assert set(negated) == set(convs(fake)) - expected
    within = await ids_of(client.conversations.list(status="closed", query=f'subject:"{word}"'))
    assert set(within) == expected & with_status(convs(fake), "closed")


async def test_custom_fields_filter(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    conv = next(c for c in convs(fake).values() if c.get("customFields"))
    field = conv["customFields"][0]
    got = await ids_of(
        client.conversations.list(status="all", custom_fields_by_ids={field["id"]: field["value"]})
    )
    expected = {
        i
        for i, c in convs(fake).items()
        if any(
            (f["id"], str(f["value"])) == (field["id"], str(field["value"]))
            for f in c.get("customFields") or []
        )
    }
    assert conv["id"] in got
    assert set(got) == expected


async def test_list_embed_threads(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    page = await client.conversations.list(status="all", embed="threads").first_page()
    assert len(page.items) == 25
    for conv in page.items:
        assert conv.threads is not None
        assert [t.id for t in conv.threads] == thread_ids(fake, conv.id)
    plain = await client.conversations.list(status="all").first_page()
    assert all(c.threads is None for c in plain.items)


async def test_raw_items_are_the_api_bodies(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    raw = await client.conversations.list(status="all").raw().collect(limit=30)
    assert len(raw) == 30
    for item in raw:
        stored = json.loads(json.dumps(convs(fake)[item["id"]]).replace(API_ROOT, fake.base_url))
        del stored["modifiedAt"]  # sorted and filtered by, but not in bodies (as live)
        assert item == stored


# --- get ----------------------------------------------------------------------------------


@pytest.mark.helpscout_fake(body_modified_at=True)  # reads modified_at
async def test_get_matches_the_store(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="closed")
    conv = await client.conversations.get(stored["id"])
    assert conv.id == stored["id"]
    assert conv.number == stored["number"]
    assert conv.subject == stored["subject"]
    assert conv.status == hs.ConversationStatus.CLOSED
    assert conv.mailbox_id == stored["mailboxId"]
    assert conv.modified_at == when(stored["modifiedAt"])
    assert conv.thread_count == stored["threads"]
    assert conv.primary_customer is not None
    assert conv.primary_customer.id == stored["primaryCustomer"]["id"]
    assert [t.tag for t in conv.tags] == [t["tag"] for t in stored.get("tags") or []]
    assert conv.threads is None


async def test_get_embed_threads(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = max(convs(fake).values(), key=lambda c: c["threads"])
    conv = await client.conversations.get(stored["id"], embed="threads")
    assert conv.threads is not None
    assert [t.id for t in conv.threads] == thread_ids(fake, stored["id"])
    assert len(conv.threads) >= 2


async def test_get_unknown_is_not_found(client: hs.HelpScout) -> None:
    with pytest.raises(hs.NotFound) as info:
        await client.conversations.get(987_654_321)
    assert info.value.status == 404
    assert info.value.log_ref


async def test_get_merged_id_answers_with_the_survivor(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    ids = sorted(convs(fake))
    source, target = ids[3], ids[4]
    fake.merge(source, target)
    conv = await client.conversations.get(source)
    assert conv.id == target
    with_threads = await client.conversations.get(source, embed="threads")
    assert with_threads.id == target
    assert with_threads.threads is not None, "embed=threads was lost following the 301"
    assert [t.id for t in with_threads.threads] == thread_ids(fake, target)
    # the seed's own merged conversations answer the same way
    for gone, survivor in fake.store.merged.items():
        assert (await client.conversations.get(gone)).id == survivor


# --- create -------------------------------------------------------------------------------


async def test_create_then_get(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    mailbox = sorted(fake.store.mailboxes)[0]
    before = set(convs(fake))
    new_id = await client.conversations.create(
        subject="Broken invoice PDF",
        mailbox_id=mailbox,
        customer_email="new.person@example.com",
        text="The PDF of invoice 42 does not open.",
        tags=["vip", "billing-issue"],
        status="pending",
    )
    assert new_id not in before
    assert new_id in convs(fake)
    conv = await client.conversations.get(new_id, embed="threads")
    assert conv.subject == "Broken invoice PDF"
    assert conv.mailbox_id == mailbox
    assert conv.status == hs.ConversationStatus.PENDING
    assert sorted(t.tag or "" for t in conv.tags) == ["billing-issue", "vip"]
    assert conv.threads is not None
    assert len(conv.threads) == 1
    thread = conv.threads[0]
    assert thread.type == hs.ThreadType.CUSTOMER
    assert thread.body == "The PDF of invoice 42 does not open."
    assert conv.primary_customer is not None
    assert conv.primary_customer.email == "new.person@example.com"
    assert conv.primary_customer.id in fake.store.customers  # the customer was created
    listed = await ids_of(client.conversations.list(status="pending"))
    assert new_id in listed


async def test_create_with_threads_fields_and_assignee(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    mailbox = sorted(fake.store.mailboxes)[0]
    customer = next(iter(fake.store.customers))
    user = next(iter(fake.store.users))
    text_field = next(f for f in fake.store.fields[mailbox] if f["type"] == "singleline")
    new_id = await client.conversations.create(
        subject="Imported from the old desk",
        mailbox_id=mailbox,
        customer_id=customer,
        threads=[
            {"type": "customer", "customer": {"id": customer}, "text": "first"},
            {"type": "note", "text": "an internal note"},
        ],
        fields={text_field["id"]: "ORD-1"},
        assign_to=user,
        imported=True,
        created_at=datetime(2023, 5, 1, 12, 0, tzinfo=UTC),
    )
    conv = await client.conversations.get(new_id, embed="threads")
    assert conv.threads is not None
    assert sorted(t.body or "" for t in conv.threads) == ["an internal note", "first"]
    assert conv.assignee is not None
    assert conv.assignee.id == user
    assert conv.primary_customer is not None
    assert conv.primary_customer.id == customer
    assert [(f.id, f.value) for f in conv.custom_fields] == [(text_field["id"], "ORD-1")]
    assert conv.created_at == datetime(2023, 5, 1, 12, 0, tzinfo=UTC)


async def test_create_in_unknown_mailbox_is_a_validation_error(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    before = len(convs(fake))
    with pytest.raises(hs.ValidationError) as info:
        await client.conversations.create(
            subject="x", mailbox_id=999_999, customer_email="a@example.com", text="hi"
        )
    err = info.value
    assert err.status == 400
    assert err.log_ref
    assert [(e.path, e.rejected_value) for e in err.errors] == [("mailboxId", 999_999)]
    assert "mailboxId" in str(err)
    assert err.log_ref in str(err)
    assert len(convs(fake)) == before
    assert count(fake, "POST /v2/conversations") == 1  # a 400 is not retried


async def test_server_side_validation_of_several_fields(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    mailbox = sorted(fake.store.mailboxes)[0]
    with pytest.raises(hs.ValidationError) as info:
        await client.conversations.create(
            subject="x",
            mailbox_id=mailbox,
            customer_id=987_654,
            text="hi",
            assign_to=876_543,
            fields={999: "nope"},
        )
    paths = {e.path for e in info.value.errors}
    assert {"customer.id", "assignTo", "fields[0].id"} <= paths


async def test_bad_patch_operation_from_the_server(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    # The client cannot build this operation, so send it through the transport itself.
    cid = next(iter(convs(fake)))
    with pytest.raises(hs.ValidationError) as info:
        await client._transport.request(
            "PATCH", f"/conversations/{cid}", json_body={"op": "add", "path": "/x", "value": 1}
        )
    assert info.value.errors[0].path == "/x"
    assert "Unsupported operation" in info.value.errors[0].message


# --- update ---------------------------------------------------------------------------------


@pytest.mark.helpscout_fake(body_modified_at=True)  # reads modified_at
async def test_update_subject(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    before = when(stored["modifiedAt"])
    await client.conversations.update(stored["id"], subject="Renamed by the test")
    assert convs(fake)[stored["id"]]["subject"] == "Renamed by the test"
    conv = await client.conversations.get(stored["id"])
    assert conv.subject == "Renamed by the test"
    assert conv.modified_at is not None
    assert conv.modified_at > before
    listed = await client.conversations.list(query='subject:"Renamed by the test"').collect()
    assert [c.id for c in listed] == [stored["id"]]


async def test_update_status(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    await client.conversations.update(stored["id"], status="closed")
    conv = await client.conversations.get(stored["id"])
    assert conv.status == hs.ConversationStatus.CLOSED
    assert conv.closed_at is not None
    assert stored["id"] not in await ids_of(client.conversations.list())
    await client.conversations.update(stored["id"], status="pending")
    conv = await client.conversations.get(stored["id"])
    assert conv.status == hs.ConversationStatus.PENDING
    assert conv.closed_at is None
    assert convs(fake)[stored["id"]]["status"] == "pending"


async def test_update_assign_and_unassign(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    user = sorted(fake.store.users)[-1]
    await client.conversations.update(stored["id"], assign_to=user)
    conv = await client.conversations.get(stored["id"])
    assert conv.assignee is not None
    assert conv.assignee.id == user
    assert stored["id"] in await ids_of(client.conversations.list(assigned_to=user))
    await client.conversations.update(stored["id"], unassign=True)
    assert (await client.conversations.get(stored["id"])).assignee is None
    assert "assignee" not in convs(fake)[stored["id"]]


async def test_update_moves_mailbox(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    target = other_mailbox(fake, stored["mailboxId"])
    await client.conversations.update(stored["id"], mailbox_id=target)
    conv = await client.conversations.get(stored["id"])
    assert conv.mailbox_id == target
    assert conv.folder_id in {f["id"] for f in fake.store.folders[target]}
    assert stored["id"] in await ids_of(client.conversations.list(status="all", mailbox=target))


async def test_update_primary_customer(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    other = next(c for c in fake.store.customers if c != stored["primaryCustomer"]["id"])
    await client.conversations.update(stored["id"], primary_customer_id=other)
    conv = await client.conversations.get(stored["id"])
    assert conv.primary_customer is not None
    assert conv.primary_customer.id == other
    assert convs(fake)[stored["id"]]["primaryCustomer"]["id"] == other


async def test_update_publish_draft(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    stored["state"] = "draft"  # the store may be changed directly
    assert (await client.conversations.get(stored["id"])).state == hs.ConversationState.DRAFT
    await client.conversations.update(stored["id"], publish_draft=True)
    conv = await client.conversations.get(stored["id"])
    assert conv.state == hs.ConversationState.PUBLISHED


async def test_update_several_fields_sends_one_patch_each(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    stored = some(fake, status="active")
    user = sorted(fake.store.users)[0]
    await client.conversations.update(
        stored["id"], subject="Both at once", status="pending", assign_to=user
    )
    assert count(fake, "PATCH /v2/conversations/{conversation_id}") == 3
    conv = await client.conversations.get(stored["id"])
    assert (conv.subject, conv.status) == ("Both at once", hs.ConversationStatus.PENDING)
    assert conv.assignee is not None
    assert conv.assignee.id == user


async def test_update_with_unknown_user_is_a_validation_error(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    stored = some(fake, status="active")
    with pytest.raises(hs.ValidationError) as info:
        await client.conversations.update(stored["id"], assign_to=999_999)
    assert [e.path for e in info.value.errors] == ["/assignTo"]
    assert info.value.log_ref
    with pytest.raises(hs.NotFound):
        await client.conversations.update(987_654_321, subject="nobody")


# --- delete, tags, fields, snooze ------------------------------------------------------------


async def test_delete(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = next(iter(convs(fake)))
    await client.conversations.delete(cid)
    assert cid not in convs(fake)
    with pytest.raises(hs.NotFound):
        await client.conversations.get(cid)
    assert cid not in await ids_of(client.conversations.list(status="all"))
    with pytest.raises(hs.NotFound):
        await client.conversations.delete(cid)


async def test_update_tags_replaces_the_set(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = next(c for c in convs(fake).values() if c.get("tags"))
    await client.conversations.update_tags(stored["id"], ["brand-new-tag", "vip"])
    conv = await client.conversations.get(stored["id"])
    assert sorted(t.tag or "" for t in conv.tags) == ["brand-new-tag", "vip"]
    assert "brand-new-tag" in {t.name async for t in client.tags.list()}
    tagged = await ids_of(client.conversations.list(status="all", tag="brand-new-tag"))
    assert tagged == [stored["id"]]
    await client.conversations.update_tags(stored["id"], [])
    assert (await client.conversations.get(stored["id"])).tags == ()


async def test_update_custom_fields(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    defs = fake.store.fields[stored["mailboxId"]]
    dropdown = next(f for f in defs if f["type"] == "dropdown")
    line = next(f for f in defs if f["type"] == "singleline")
    option = dropdown["options"][1]
    await client.conversations.update_custom_fields(
        stored["id"], {dropdown["id"]: option["id"], line["id"]: "ORD-77"}
    )
    conv = await client.conversations.get(stored["id"])
    got = {f.id: (f.value, f.text) for f in conv.custom_fields}
    assert got == {
        dropdown["id"]: (str(option["id"]), option["label"]),
        line["id"]: ("ORD-77",) * 2,
    }
    with pytest.raises(hs.ValidationError) as info:
        await client.conversations.update_custom_fields(stored["id"], {dropdown["id"]: 999_999})
    assert info.value.errors[0].path == "fields[0].value"


async def test_snooze_and_unsnooze(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    until = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    await client.conversations.snooze(stored["id"], until, unsnooze_on_customer_reply=True)
    conv = await client.conversations.get(stored["id"])
    assert conv.snooze is not None
    assert conv.snooze.snoozed_until == until
    assert conv.snooze.unsnooze_on_customer_reply is True
    assert conv.next_event is not None
    assert conv.next_event.time == until
    await client.conversations.unsnooze(stored["id"])
    conv = await client.conversations.get(stored["id"])
    assert conv.snooze is None
    assert conv.next_event is None


# --- threads --------------------------------------------------------------------------------


async def test_threads_stream_across_pages(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = some(fake, status="active")["id"]
    seeded = thread_ids(fake, cid)
    added = [await client.conversations.add_note(cid, text=f"note {n}") for n in range(55)]
    threads = [t async for t in client.conversations.threads(cid)]
    got = [t.id for t in threads]
    assert len(got) == len(set(got)) == len(seeded) + 55 > 50
    assert got == thread_ids(fake, cid)
    assert got[:55] == added[::-1]  # newest first
    assert got[55:] == seeded
    assert threads[0].body == "note 54"
    assert count(fake, "GET /v2/conversations/{conversation_id}/threads") == 2


async def test_thread_kinds(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    cid = stored["id"]
    customer = stored["primaryCustomer"]["id"]
    before = stored["threads"]
    made = {
        "reply": await client.conversations.reply(cid, text="a reply", customer_id=customer),
        "note": await client.conversations.add_note(cid, text="a note"),
        "customer": await client.conversations.add_customer_thread(
            cid, text="from the customer", customer_id=customer
        ),
        "chat": await client.conversations.add_chat_thread(
            cid, text="a chat line", customer_id=customer
        ),
        "phone": await client.conversations.add_phone_thread(
            cid, text="a call", customer_id=customer
        ),
    }
    assert len(set(made.values())) == 5
    threads = {t.id: t async for t in client.conversations.threads(cid)}
    for kind, tid in made.items():
        assert threads[tid].type == hs.ThreadType(kind)
    assert threads[made["reply"]].body == "a reply"
    assert threads[made["phone"]].body == "a call"
    conv = await client.conversations.get(cid, embed="threads")
    assert conv.thread_count == before + 5
    assert conv.threads is not None
    assert conv.threads[0].id == made["phone"]


async def test_reply_options(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = some(fake, status="active")
    cid = stored["id"]
    user = sorted(fake.store.users)[-1]
    tid = await client.conversations.reply(
        cid,
        text="draft reply",
        customer_id=stored["primaryCustomer"]["id"],
        draft=True,
        status="pending",
        assign_to=user,
        cc=["cc@example.com"],
    )
    thread = {t.id: t async for t in client.conversations.threads(cid)}[tid]
    assert thread.state == hs.ThreadState.DRAFT
    assert thread.cc == ("cc@example.com",)
    conv = await client.conversations.get(cid)
    assert conv.status == hs.ConversationStatus.PENDING
    assert conv.assignee is not None
    assert conv.assignee.id == user
    assert conv.thread_count == stored["threads"]  # a draft is not counted


async def test_customer_thread_by_email_and_unknown_customer(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    stored = some(fake, status="closed")
    customer = fake.store.customers[stored["primaryCustomer"]["id"]]
    email = customer["_embedded"]["emails"][0]["value"]
    tid = await client.conversations.add_customer_thread(
        stored["id"], text="me again", customer_email=email
    )
    assert fake.store.get_threads(stored["id"])[0]["id"] == tid
    assert (await client.conversations.get(stored["id"])).status == hs.ConversationStatus.ACTIVE
    with pytest.raises(hs.ValidationError) as info:
        await client.conversations.reply(stored["id"], text="x", customer_id=987_654)
    assert [e.path for e in info.value.errors] == ["customer.id"]
    assert count(fake, "POST /v2/conversations/{conversation_id}/reply") == 1
