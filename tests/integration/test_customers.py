"""``client.customers`` against the fake on loopback: list, get, create, update, delete."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout

from ._support import count

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=60, customers=130, seed=3)


def custs(fake: FakeHelpScout) -> dict[int, dict[str, Any]]:
    return fake.store.customers


def emails(stored: dict[str, Any]) -> list[str]:
    return [e["value"] for e in stored.get("_embedded", {}).get("emails") or []]


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def test_list_walk_equals_the_store(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    got = [c.id async for c in client.customers.list()]
    assert len(got) == len(set(got)) == len(custs(fake)) == 130
    assert set(got) == set(custs(fake))
    assert count(fake, "GET /v2/customers") == math.ceil(130 / 50)


async def test_list_items_carry_their_sub_lists(client: hs.HelpScout) -> None:
    page = await client.customers.list().first_page()
    assert page.size == 50
    assert len(page.items) == 50
    assert all(c.emails for c in page.items)  # issue 11: items carry their _embedded


async def test_list_filters(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    first = next(iter(custs(fake).values()))["firstName"]
    by_first = [c.id async for c in client.customers.list(first_name=first)]
    expected = {i for i, c in custs(fake).items() if c["firstName"].lower() == first.lower()}
    assert set(by_first) == expected
    assert 0 < len(expected) < len(custs(fake))

    last = next(iter(custs(fake).values()))["lastName"]
    by_last = [c.id async for c in client.customers.list(last_name=last)]
    assert set(by_last) == {i for i, c in custs(fake).items() if c["lastName"] == last}

    target = next(c for c in custs(fake).values() if emails(c))
    by_email = [c.id async for c in client.customers.list(query=f"(email:{emails(target)[0]})")]
    assert by_email == [target["id"]]


async def test_modified_since(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stamps = sorted(c["updatedAt"] for c in custs(fake).values())
    since = when(stamps[len(stamps) // 2])
    got = [c.id async for c in client.customers.list(modified_since=since)]
    expected = {i for i, c in custs(fake).items() if when(c["updatedAt"]) >= since}
    assert set(got) == expected
    assert 0 < len(expected) < len(custs(fake))


@pytest.mark.parametrize("order", ["asc", "desc"])
async def test_sort(client: hs.HelpScout, fake: FakeHelpScout, order: str) -> None:
    got = [c.id async for c in client.customers.list(sort_field="createdAt", sort_order=order)]
    expected = sorted(
        custs(fake), key=lambda i: (custs(fake)[i]["createdAt"], i), reverse=order == "desc"
    )
    assert got == expected


async def test_mailbox_filter(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    mailbox = sorted(fake.store.mailboxes)[0]
    got = [c.id async for c in client.customers.list(mailbox=mailbox)]
    expected = {
        c["primaryCustomer"]["id"]
        for c in fake.store.conversations.values()
        if c["mailboxId"] == mailbox
    }
    assert set(got) == expected
    assert 0 < len(expected) < len(custs(fake))


async def test_get_matches_the_store(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = next(c for c in custs(fake).values() if emails(c) and c.get("organization"))
    customer = await client.customers.get(stored["id"])
    assert customer.id == stored["id"]
    assert (customer.first_name, customer.last_name) == (stored["firstName"], stored["lastName"])
    assert customer.organization == stored["organization"]
    assert customer.emails is not None
    assert [e.value for e in customer.emails] == emails(stored)
    assert customer.phones is not None
    assert [p.value for p in customer.phones] == [
        p["value"] for p in stored["_embedded"].get("phones") or []
    ]
    assert customer.created_at == when(stored["createdAt"])


async def test_get_unknown_is_not_found(client: hs.HelpScout) -> None:
    with pytest.raises(hs.NotFound):
        await client.customers.get(987_654_321)


async def test_create_then_get_and_list(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    new_id = await client.customers.create(
        first_name="Ada",
        last_name="Lovelace",
        emails=["ada@example.com", "ada.l@example.org"],
        phones=["555-0100"],
        organization="Analytical Engines",
        job_title="Programmer",
    )
    assert new_id in custs(fake)
    customer = await client.customers.get(new_id)
    assert (customer.first_name, customer.last_name) == ("Ada", "Lovelace")
    assert customer.organization == "Analytical Engines"
    assert customer.job_title == "Programmer"
    assert customer.emails is not None
    assert [e.value for e in customer.emails] == ["ada@example.com", "ada.l@example.org"]
    assert customer.phones is not None
    assert [p.value for p in customer.phones] == ["555-0100"]
    assert new_id in {c.id async for c in client.customers.list(first_name="Ada")}


async def test_create_rejected_by_the_server(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    before = len(custs(fake))
    with pytest.raises(hs.ValidationError) as info:
        await client.customers.create(first_name="x" * 41)
    assert {e.path for e in info.value.errors} == {"firstName"}
    assert any(e.rejected_value == "x" * 41 for e in info.value.errors)
    assert info.value.log_ref
    assert len(custs(fake)) == before


async def test_update_replaces_the_profile(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = next(c for c in custs(fake).values() if c.get("organization") and emails(c))
    kept_emails = emails(stored)
    await client.customers.update(stored["id"], first_name="Grace", last_name="Hopper")
    customer = await client.customers.get(stored["id"])
    assert (customer.first_name, customer.last_name) == ("Grace", "Hopper")
    assert customer.organization is None  # PUT replaces: what is not given is cleared
    assert customer.emails is not None
    assert [e.value for e in customer.emails] == kept_emails  # sub-lists are not touched
    assert custs(fake)[stored["id"]]["firstName"] == "Grace"
    assert stored["id"] in {c.id async for c in client.customers.list(first_name="Grace")}
    with pytest.raises(hs.NotFound):
        await client.customers.update(987_654_321, first_name="Nobody")


async def test_delete(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    cid = next(iter(custs(fake)))
    await client.customers.delete(cid)
    assert cid not in custs(fake)
    with pytest.raises(hs.NotFound):
        await client.customers.get(cid)
    assert cid not in {c.id async for c in client.customers.list()}
