"""``client.customers``, ``client.mailboxes`` and ``client.users``."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from _unit_support import API, all_calls, api, body_of, calls, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs

Call = Callable[[hs.HelpScout], Any]

CUSTOMERS = fixture("customer_list")


async def run(client: hs.HelpScout, call: Call) -> Any:
    result = call(client)
    return await result if inspect.isawaitable(result) else result


# -- customers ---------------------------------------------------------------------------------


async def test_customers_list_default(mocked: aioresponses) -> None:
    mocked.get(api("/customers"), payload=CUSTOMERS)
    async with make_client() as client:
        customers = await client.customers.list().collect()
    assert [c.id for c in customers] == [1, 2]
    assert all(isinstance(c, hs.Customer) for c in customers)
    ((_, _, call),) = all_calls(mocked)
    assert call.kwargs["params"] == {"page": "1"}


async def test_customers_list_filters(mocked: aioresponses) -> None:
    mocked.get(api("/customers"), payload=fixture("customer_list_empty"))
    async with make_client() as client:
        found = await client.customers.list(
            mailbox=3,
            first_name="Vernon",
            last_name="Bear",
            modified_since=datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC),
            sort_field="score",
            sort_order="desc",
            query='(email:"bear@acme.com")',
            page=2,
        ).collect()
    assert found == []
    ((_, _, call),) = all_calls(mocked)
    assert call.kwargs["params"] == {
        "mailbox": "3",
        "firstName": "Vernon",
        "lastName": "Bear",
        "modifiedSince": "2024-02-03T04:05:06Z",
        "sortField": "score",
        "sortOrder": "desc",
        "query": '(email:"bear@acme.com")',
        "page": "2",
    }


async def test_customers_get(mocked: aioresponses) -> None:
    one = CUSTOMERS["_embedded"]["customers"][0]
    mocked.get(f"{API}/customers/1", payload=one)
    async with make_client() as client:
        customer = await client.customers.get(1)
    assert customer.id == 1
    assert customer.first_name == one["firstName"]


async def test_customers_create_matches_the_api_example(mocked: aioresponses) -> None:
    mocked.post(f"{API}/customers", status=201, headers={"Resource-ID": "31"})
    async with make_client() as client:
        new_id = await client.customers.create(
            first_name="Vernon",
            last_name="Bear",
            photo_url="https://api.helpscout.net/img/some-avatar.jpg",
            photo_type="twitter",
            job_title="CEO and Co-Founder",
            location="Greater Dallas/FT Worth Area",
            background="I've worked with Vernon before and he's really great.",
            age="30-35",
            gender="Male",
            organization="Acme, Inc",
            emails=["bear@acme.com"],
        )
    assert new_id == 31
    expected = {
        k: v for k, v in fixture("request_customer_create").items() if k != "organizationId"
    }
    assert body_of(calls(mocked, "POST", f"{API}/customers")[0]) == expected


@pytest.mark.parametrize(
    ("kwargs", "body"),
    [
        ({"emails": ["a@b.co"]}, {"emails": [{"type": "work", "value": "a@b.co"}]}),
        ({"first_name": "Ann"}, {"firstName": "Ann"}),
        (
            {"last_name": "Lee", "phones": ["+1 555"]},
            {"lastName": "Lee", "phones": [{"type": "work", "value": "+1 555"}]},
        ),
    ],
)
async def test_customers_create_minimal(
    mocked: aioresponses, kwargs: dict[str, Any], body: dict[str, Any]
) -> None:
    mocked.post(f"{API}/customers", status=201, headers={"Location": f"{API}/customers/8"})
    async with make_client() as client:
        assert await client.customers.create(**kwargs) == 8
    assert body_of(calls(mocked, "POST", f"{API}/customers")[0]) == body


async def test_customers_update_and_delete(mocked: aioresponses) -> None:
    mocked.put(f"{API}/customers/8", status=204)
    mocked.delete(f"{API}/customers/8", status=204)
    async with make_client() as client:
        await client.customers.update(8, first_name="Ann", job_title="CTO")
        await client.customers.delete(8)
    assert body_of(calls(mocked, "PUT", f"{API}/customers/8")[0]) == {
        "firstName": "Ann",
        "jobTitle": "CTO",
    }
    assert calls(mocked, "DELETE", f"{API}/customers/8")[0].kwargs["data"] is None


# -- mailboxes ---------------------------------------------------------------------------------


async def test_mailboxes(mocked: aioresponses) -> None:
    listing = fixture("mailbox_list")
    mocked.get(f"{API}/mailboxes?page=1", payload=listing)
    mocked.get(f"{API}/mailboxes/1", payload=listing["_embedded"]["mailboxes"][0])
    mocked.get(f"{API}/mailboxes/1/folders?page=1", payload=fixture("mailbox_folders"))
    mocked.get(f"{API}/mailboxes/1/fields?page=1", payload=fixture("mailbox_fields"))
    async with make_client() as client:
        mailboxes = await client.mailboxes.list().collect()
        mailbox = await client.mailboxes.get(1)
        folders = await client.mailboxes.folders(1).collect()
        fields = await client.mailboxes.fields(1).collect()
    assert [m.id for m in mailboxes] == [1, 2]
    assert all(isinstance(m, hs.Mailbox) for m in mailboxes)
    assert mailbox.id == 1
    assert [f.id for f in folders] == [1234]
    assert isinstance(folders[0], hs.Folder)
    assert [f.id for f in fields] == [104]
    assert isinstance(fields[0], hs.MailboxField)
    assert len(all_calls(mocked)) == 4


# -- users -------------------------------------------------------------------------------------


async def test_users(mocked: aioresponses) -> None:
    user = fixture("user_get")
    mocked.get(
        api("/users"),
        payload={
            "_embedded": {"users": [user]},
            "page": {"size": 50, "totalElements": 1, "totalPages": 1, "number": 1},
        },
    )
    mocked.get(f"{API}/users/4", payload=user)
    mocked.get(f"{API}/users/me", payload=fixture("user_me"))
    async with make_client() as client:
        users = await client.users.list(mailbox=3, email="bear@acme.com").collect()
        one = await client.users.get(4)
        me = await client.users.me()
    assert [u.id for u in users] == [4]
    assert isinstance(one, hs.User)
    assert one.email == "bear@acme.com"
    assert me.id == 4
    list_call = next(c for m, u, c in all_calls(mocked) if u.path == "/v2/users")
    assert list_call.kwargs["params"] == {"mailbox": "3", "email": "bear@acme.com", "page": "1"}


# -- argument checks: nothing is sent ------------------------------------------------------------

NAIVE = datetime(2024, 1, 1)

BAD_CALLS: list[tuple[str, Call, type[Exception], str]] = [
    ("create nothing", lambda c: c.customers.create(), ValueError, "first_name"),
    ("create no emails", lambda c: c.customers.create(emails=[]), ValueError, "first_name"),
    ("create only job", lambda c: c.customers.create(job_title="CEO"), ValueError, "first_name"),
    (
        "create bad email",
        lambda c: c.customers.create(emails=["bear.acme.com"]),
        ValueError,
        "email",
    ),
    (
        "create email no tld",
        lambda c: c.customers.create(emails=["bear@acme"]),
        ValueError,
        "email",
    ),
    ("create emails str", lambda c: c.customers.create(emails="a@b.co"), TypeError, "emails"),
    ("create blank name", lambda c: c.customers.create(first_name=" "), ValueError, "first_name"),
    (
        "create phones str",
        lambda c: c.customers.create(first_name="A", phones="+1"),
        TypeError,
        "phones",
    ),
    ("customers sort", lambda c: c.customers.list(sort_field="name"), ValueError, "sort_field"),
    ("customers naive", lambda c: c.customers.list(modified_since=NAIVE), ValueError, "aware"),
    ("customers mailbox", lambda c: c.customers.list(mailbox=0), ValueError, "mailbox"),
    ("customers page", lambda c: c.customers.list(page=-1), ValueError, "page"),
    ("customers get", lambda c: c.customers.get("5"), TypeError, "customer_id"),
    (
        "customers update id",
        lambda c: c.customers.update(0, first_name="A"),
        ValueError,
        "customer_id",
    ),
    (
        "customers update blank",
        lambda c: c.customers.update(1, first_name=""),
        ValueError,
        "first_name",
    ),
    ("customers delete", lambda c: c.customers.delete(True), TypeError, "customer_id"),
    ("mailbox get", lambda c: c.mailboxes.get(0), ValueError, "mailbox_id"),
    ("mailbox folders", lambda c: c.mailboxes.folders(-1), ValueError, "mailbox_id"),
    ("mailbox fields", lambda c: c.mailboxes.fields(True), TypeError, "mailbox_id"),
    ("users email", lambda c: c.users.list(email="nobody"), ValueError, "email"),
    ("users mailbox", lambda c: c.users.list(mailbox=-2), ValueError, "mailbox"),
    ("users get", lambda c: c.users.get(0), ValueError, "user_id"),
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
