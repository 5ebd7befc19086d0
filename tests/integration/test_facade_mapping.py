"""Each of the facade's mappings to the live API, against the fake on loopback.

``per_page`` over the fixed page sizes (25 conversations, 50 customers), ``open``,
``assignee`` 0, the customer filter, sort names, keyword queries, partial customer
matches, ``update_conversation`` part by part, and refusals before any request.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

import helpscout_async as hs
from helpscout_async.integration import Account, UpdateIncomplete
from helpscout_async.testing import FakeHelpScout

from ._support import FAST

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=140, customers=130, seed=7)


@pytest.fixture
def account(client: hs.HelpScout) -> Account:
    return Account(client)


async def listing(client: hs.HelpScout, **filters: Any) -> list[int]:
    """The ids of the full listing, in the API's order, from the typed client."""
    return [c.id async for c in client.conversations.list(**filters)]


def ids(result: dict[str, Any], key: str = "conversations") -> list[int]:
    return [item["id"] for item in result["_embedded"][key]]


@pytest.mark.parametrize("per_page", [10, 50, 7, 25])
async def test_per_page_walks_the_same_listing(
    account: Account, client: hs.HelpScout, per_page: int
) -> None:
    """Pages of ``per_page`` concatenate to the API's own listing of 25 a page."""
    full = await listing(client, status="all")
    assert len(full) > 100
    pages = math.ceil(len(full) / per_page)
    got: list[int] = []
    for number in range(1, pages + 1):
        result = await account.list_conversations(status="all", page=number, per_page=per_page)
        assert result["page"] == {
            "size": per_page,
            "totalElements": len(full),
            "totalPages": pages,
            "number": number,
        }
        assert len(result["_embedded"]["conversations"]) == min(per_page, len(full) - len(got))
        got += ids(result)
    assert got == full
    after = await account.list_conversations(status="all", page=pages + 1, per_page=per_page)
    assert after["_embedded"]["conversations"] == []


async def test_per_page_requests_only_the_api_pages_it_needs(
    account: Account, client: hs.HelpScout
) -> None:
    before = client.requests_sent
    await account.list_conversations(status="all", per_page=50)  # API pages 1 and 2
    assert client.requests_sent - before == 2
    before = client.requests_sent
    await account.list_conversations(status="all", per_page=10, page=3)  # items 20..29
    assert client.requests_sent - before == 2
    before = client.requests_sent
    await account.list_conversations(status="all", per_page=10, page=2)  # items 10..19
    assert client.requests_sent - before == 1


async def test_customers_per_page_over_pages_of_50(
    account: Account, client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    full = [c.id async for c in client.customers.list()]
    assert len(full) == len(fake.store.customers) > 100
    first = await account.list_customers(per_page=50)
    second = await account.list_customers(per_page=50, page=2)
    default = await account.list_customers(page=2)  # 25 a page by default
    assert ids(first, "customers") + ids(second, "customers") == full[:100]
    assert ids(default, "customers") == full[25:50]
    assert first["page"]["totalPages"] == math.ceil(len(full) / 50)
    assert default["page"]["size"] == 25


async def test_status_open_is_the_apis_active(
    account: Account, client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    result = await account.list_conversations(status="open", per_page=50)
    active = [c for c in fake.store.conversations.values() if c["status"] == "active"]
    pending = [c for c in fake.store.conversations.values() if c["status"] == "pending"]
    assert active
    assert pending
    assert result["page"]["totalElements"] == len(active)
    assert {c["status"] for c in result["_embedded"]["conversations"]} == {"active"}
    same = await account.list_conversations(status="active", per_page=50)
    assert ids(same) == ids(result)
    default = await account.list_conversations(per_page=50)
    assert ids(default) == ids(result)


async def test_assignee_zero_means_unassigned(account: Account, fake: FakeHelpScout) -> None:
    result = await account.list_conversations(status="all", assignee=0, per_page=50)
    unassigned = [c for c in fake.store.conversations.values() if not c.get("assignee")]
    assert 0 < len(unassigned) < len(fake.store.conversations)
    assert result["page"]["totalElements"] == len(unassigned)
    assert not any(c.get("assignee") for c in result["_embedded"]["conversations"])


async def test_assignee_and_customer_filters(account: Account, fake: FakeHelpScout) -> None:
    convs = list(fake.store.conversations.values())
    user = next(c["assignee"]["id"] for c in convs if c.get("assignee"))
    mine = await account.list_conversations(status="all", assignee=user, per_page=50)
    assert {c["assignee"]["id"] for c in mine["_embedded"]["conversations"]} == {user}
    assert mine["page"]["totalElements"] == sum(
        1 for c in convs if (c.get("assignee") or {}).get("id") == user
    )
    customer = next(c["primaryCustomer"]["id"] for c in convs if c.get("primaryCustomer"))
    theirs = await account.list_conversations(status="all", customer=customer)
    wanted = {c["id"] for c in convs if (c.get("primaryCustomer") or {}).get("id") == customer}
    assert set(ids(theirs)) == wanted
    assert {c["_embedded"]["customer"]["id"] for c in theirs["_embedded"]["conversations"]} == {
        customer
    }


@pytest.mark.parametrize(
    ("spec", "api"),
    [("updatedAt", "modifiedAt"), ("customer.name", "customerName"), ("mailbox", "mailboxid")],
)
async def test_sort_fields_map_to_the_apis(
    account: Account, client: hs.HelpScout, spec: str, api: str
) -> None:
    ours = await account.list_conversations(
        status="all", sort_field=spec, sort_order="asc", per_page=50
    )
    theirs = await listing(client, status="all", sort_field=api, sort_order="asc")
    assert ids(ours) == theirs[:50]


async def test_query_keyword_and_expression(account: Account, fake: FakeHelpScout) -> None:
    convs = fake.store.conversations.values()
    word = next(c["subject"].split()[0] for c in convs if c.get("subject"))
    result = await account.list_conversations(status="all", query=word, per_page=50)
    found = result["_embedded"]["conversations"]
    assert found
    for conv in found:
        bodies = " ".join(t.get("body") or "" for t in fake.store.get_threads(conv["id"]))
        assert word.lower() in (conv["subject"] + " " + bodies).lower()
    by_subject = await account.list_conversations(
        status="all", query=f'(subject:"{word}")', per_page=50
    )
    assert all(
        word.lower() in c["subject"].lower() for c in by_subject["_embedded"]["conversations"]
    )
    assert by_subject["page"]["totalElements"] <= result["page"]["totalElements"]


async def test_customers_partial_names(account: Account, fake: FakeHelpScout) -> None:
    target = next(c for c in fake.store.customers.values() if len(c.get("firstName") or "") > 4)
    part = target["firstName"][1:4]
    result = await account.list_customers(first_name=part, per_page=50)
    found = result["_embedded"]["customers"]
    assert target["id"] in {c["id"] for c in found}
    assert all(part.lower() in c["firstName"].lower() for c in found)
    last = await account.list_customers(last_name=target["lastName"][:-1], per_page=50)
    assert target["id"] in set(ids(last, "customers"))


async def test_create_conversation_chat_cc_assignee_status(
    account: Account, fake: FakeHelpScout
) -> None:
    user = min(fake.store.users)
    customer = min(fake.store.customers)
    result = await account.create_conversation(
        subject="Chat about plans",
        mailbox_id=min(fake.store.mailboxes),
        customer_id=customer,
        body="Hi there",
        type="chat",
        status="pending",
        assignee_id=user,
        cc=["boss@example.com"],
        bcc=["audit@example.com"],
    )
    created = fake.store.conversations[result["id"]]
    assert (created["type"], created["status"]) == ("chat", "pending")
    assert created["assignee"]["id"] == user
    thread = fake.store.get_threads(result["id"])[0]
    assert thread["type"] == "chat"
    assert thread["customer"]["id"] == customer
    assert thread["cc"] == ["boss@example.com"]
    assert thread["bcc"] == ["audit@example.com"]
    assert thread["body"] == "Hi there"


async def test_update_applies_each_part(account: Account, fake: FakeHelpScout) -> None:
    conv = next(c for c in fake.store.conversations.values() if c.get("assignee"))
    other_box = max(fake.store.mailboxes)
    result = await account.update_conversation(
        id=conv["id"], subject="Renamed", assignee_id=0, mailbox_id=other_box, status="pending"
    )
    assert result["updated"] == ["status", "subject", "assignee_id", "mailbox_id"]
    after = fake.store.conversations[conv["id"]]
    assert (after["subject"], after["status"], after["mailboxId"]) == (
        "Renamed",
        "pending",
        other_box,
    )
    assert not after.get("assignee")


async def test_update_reports_which_part_failed(account: Account, fake: FakeHelpScout) -> None:
    conv = next(c for c in fake.store.conversations.values() if c["status"] == "active")
    with pytest.raises(UpdateIncomplete) as caught:
        await account.update_conversation(
            id=conv["id"], status="closed", mailbox_id=999_999_999, tags=["kept"]
        )
    error = caught.value
    assert error.applied == ["status", "tags"]
    assert list(error.failed) == ["mailbox_id"]
    assert isinstance(error.failed["mailbox_id"], hs.BadRequest)
    assert "mailbox_id failed" in str(error)
    assert "Mailbox not found" in str(error)
    assert fake.store.conversations[conv["id"]]["status"] == "closed"


async def test_update_of_a_missing_conversation_raises_the_apis_error(account: Account) -> None:
    with pytest.raises(hs.NotFound):
        await account.update_conversation(id=999_999_999, status="closed", subject="x")


async def test_reply_defaults_to_the_conversations_customer(
    account: Account, fake: FakeHelpScout
) -> None:
    conv = next(c for c in fake.store.conversations.values() if c["status"] == "active")
    result = await account.reply_to_conversation(
        id=conv["id"], text="We are on it.", draft=True, status="pending"
    )
    assert result["customerId"] == conv["primaryCustomer"]["id"]
    thread = next(t for t in fake.store.get_threads(conv["id"]) if t["id"] == result["id"])
    assert thread["state"] == "draft"
    assert fake.store.conversations[conv["id"]]["status"] == "pending"


async def test_notes_tags_and_users(account: Account, fake: FakeHelpScout) -> None:
    conv = min(fake.store.conversations)
    note = await account.add_note(id=conv, text="internal only")
    assert any(t["id"] == note["id"] and t["type"] == "note" for t in fake.store.get_threads(conv))
    await account.update_tags(id=conv, tags=["a", "b"])
    assert sorted(t["tag"] for t in fake.store.conversations[conv]["tags"]) == ["a", "b"]
    users = await account.list_users({})
    assert sorted(ids(users, "users")) == sorted(fake.store.users)


@pytest.mark.parametrize(
    ("call", "kwargs", "error", "pattern"),
    [
        ("list_conversations", {"foo": 1}, TypeError, r"unknown parameter 'foo'; allowed: mailbox"),
        ("list_conversations", {"per_page": 51}, ValueError, r"per_page must be <= 50"),
        ("list_conversations", {"per_page": "10"}, TypeError, r"per_page must be an integer"),
        ("list_conversations", {"mailbox": True}, TypeError, r"mailbox must be an integer"),
        ("list_conversations", {"status": "opened"}, ValueError, r"status must be one of open"),
        ("list_conversations", {"assignee": -1}, ValueError, r"assignee must be >= 0"),
        ("get_conversation", {}, TypeError, r"missing the required parameter 'id'"),
        ("create_customer", {"organization": "Acme"}, ValueError, r"first_name, last_name, email"),
        (
            "create_conversation",
            {"subject": "s", "mailbox_id": 1, "body": "b"},
            ValueError,
            r"customer_id, customer_email",
        ),
        ("update_conversation", {"id": 1}, ValueError, r"at least one of: status, subject"),
        ("update_tags", {"id": 1, "tags": "vip"}, TypeError, r"tags must be a list of strings"),
        ("get_current_user", {"id": 1}, TypeError, r"allowed: none"),
    ],
)
async def test_bad_parameters_are_refused_before_any_request(
    helpscout_fake: Any, call: str, kwargs: dict[str, Any], error: type[Exception], pattern: str
) -> None:
    client = helpscout_fake.client(rate_limit=FAST)
    account = Account(client)
    with pytest.raises(error, match=pattern):
        await getattr(account, call)(kwargs)
    assert client.requests_sent == 0


async def test_dict_and_keywords_together(account: Account) -> None:
    both = await account.list_conversations({"status": "all"}, per_page=5)
    assert both["page"]["size"] == 5
    with pytest.raises(TypeError, match="'status' both in the dict and as a keyword"):
        await account.list_conversations({"status": "all"}, status="open")
    with pytest.raises(TypeError, match="one dict of parameters"):
        await account.list_conversations(["status"])  # type: ignore[arg-type]
