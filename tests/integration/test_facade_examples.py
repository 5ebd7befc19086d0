"""The spec's own example calls (``integration-reference.md``, Lua transcribed to Python).

Each example runs against the fake over loopback, exactly as written in the spec
(one dict of parameters), and reads the result the way the spec's example does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from helpscout_async.integration import Accounts
from helpscout_async.testing import FakeHelpScout
from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture

from ._support import FAST

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=120, seed=5)


@pytest_asyncio.fixture
async def hs_app(helpscout_fake: HelpScoutFakeFixture) -> AsyncIterator[Accounts]:
    """``app.integrations.helpscout``: a default and a ``work`` account, both the fake."""
    default = helpscout_fake.client(rate_limit=FAST)
    work = helpscout_fake.client(rate_limit=FAST)
    async with Accounts({"default": default, "work": work}) as acc:
        yield acc


def a_mailbox(fake: FakeHelpScout) -> int:
    return min(fake.store.mailboxes)


def a_conversation(fake: FakeHelpScout) -> dict[str, Any]:
    """An active conversation whose primary customer is a stored customer."""
    for conv in fake.store.conversations.values():
        primary = conv.get("primaryCustomer") or {}
        if conv["status"] == "active" and primary.get("id") in fake.store.customers:
            return conv
    raise AssertionError("the seed has no such conversation")


async def test_list_conversations_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    mailbox = a_mailbox(fake)
    result = await hs_app.list_conversations({"status": "open", "mailbox": mailbox, "per_page": 10})
    lines = [
        f"{conv['id']}: {conv['subject']} ({conv['status']})"
        for conv in result["_embedded"]["conversations"]
    ]
    wanted = [
        c
        for c in fake.store.conversations.values()
        if c["status"] == "active" and c["mailboxId"] == mailbox
    ]
    assert len(wanted) > 10  # the seed gives more than one page of 10
    assert len(lines) == 10
    assert all(line.endswith("(active)") for line in lines)
    assert {c["id"] for c in result["_embedded"]["conversations"]} <= {c["id"] for c in wanted}
    assert result["page"] == {
        "size": 10,
        "totalElements": len(wanted),
        "totalPages": -(-len(wanted) // 10),
        "number": 1,
    }


async def test_get_conversation_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    stored = a_conversation(fake)
    conv = await hs_app.get_conversation({"id": stored["id"]})
    customer = fake.store.customers[stored["primaryCustomer"]["id"]]
    assert f"Subject: {conv['subject']}" == f"Subject: {stored['subject']}"
    assert conv["status"] == "active"
    shown = (
        conv["_embedded"]["customer"]["firstName"] + " " + conv["_embedded"]["customer"]["lastName"]
    )
    assert shown == f"{customer['firstName']} {customer['lastName']}"
    assert conv["_embedded"]["threads"]  # "including its message threads"


async def test_get_conversation_by_id_only_customer(
    hs_app: Accounts, fake: FakeHelpScout, helpscout_fake: HelpScoutFakeFixture
) -> None:
    """A body naming its customer by id only: the facade looks the customer up."""
    stored = a_conversation(fake)
    customer_id = stored["primaryCustomer"]["id"]
    stored["primaryCustomer"] = {"id": customer_id}
    fake.store.touch()
    conv = await hs_app.get_conversation({"id": stored["id"]})
    customer = fake.store.customers[customer_id]
    assert conv["_embedded"]["customer"]["firstName"] == customer["firstName"]
    assert conv["_embedded"]["customer"]["lastName"] == customer["lastName"]


async def test_create_conversation_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    mailbox = a_mailbox(fake)
    result = await hs_app.create_conversation(
        {
            "subject": "Billing question",
            "mailbox_id": mailbox,
            "customer_email": "customer@example.com",
            "body": "I have a question about my latest invoice.",
            "tags": ["billing", "priority"],
        }
    )
    created = fake.store.conversations[result["id"]]
    assert created["subject"] == "Billing question"
    assert created["mailboxId"] == mailbox
    assert created["status"] == "active"  # the spec's default "open"
    assert sorted(t["tag"] for t in created["tags"]) == ["billing", "priority"]
    threads = fake.store.get_threads(result["id"])
    assert [t["type"] for t in threads] == ["customer"]
    assert "latest invoice" in threads[0]["body"]


async def test_update_conversation_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    stored = a_conversation(fake)
    result = await hs_app.update_conversation(
        {"id": stored["id"], "status": "closed", "tags": ["resolved", "billing"]}
    )
    assert result == {"id": stored["id"], "updated": ["status", "tags"]}
    after = fake.store.conversations[stored["id"]]
    assert after["status"] == "closed"
    assert sorted(t["tag"] for t in after["tags"]) == ["billing", "resolved"]


async def test_list_customers_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    target = next(
        c for c in fake.store.customers.values() if (c.get("_embedded") or {}).get("emails")
    )
    email = target["_embedded"]["emails"][0]["value"]
    result = await hs_app.list_customers({"email": email})
    lines = [
        f"{customer['id']}: {customer['firstName']} {customer['lastName']}"
        for customer in result["_embedded"]["customers"]
    ]
    assert lines == [f"{target['id']}: {target['firstName']} {target['lastName']}"]


async def test_get_customer_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    target = next(
        c for c in fake.store.customers.values() if (c.get("_embedded") or {}).get("emails")
    )
    customer = await hs_app.get_customer({"id": target["id"]})
    assert customer["firstName"] + " " + customer["lastName"] == (
        f"{target['firstName']} {target['lastName']}"
    )
    assert customer["_embedded"]["emails"][0]["value"] == target["_embedded"]["emails"][0]["value"]


async def test_create_customer_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    result = await hs_app.create_customer(
        {
            "first_name": "Jane",
            "last_name": "Doe",
            "email": "jane@example.com",
            "organization": "Acme Corp",
        }
    )
    created = fake.store.customers[result["id"]]
    assert (created["firstName"], created["lastName"]) == ("Jane", "Doe")
    assert created["organization"] == "Acme Corp"
    assert [e["value"] for e in created["_embedded"]["emails"]] == ["jane@example.com"]


async def test_list_mailboxes_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    result = await hs_app.list_mailboxes({})
    lines = [
        f"{mailbox['id']}: {mailbox['name']} ({mailbox['email']})"
        for mailbox in result["_embedded"]["mailboxes"]
    ]
    assert sorted(lines) == sorted(
        f"{m['id']}: {m['name']} ({m['email']})" for m in fake.store.mailboxes.values()
    )
    assert result["page"]["totalElements"] == len(fake.store.mailboxes)


async def test_get_mailbox_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    stored = fake.store.mailboxes[a_mailbox(fake)]
    mailbox = await hs_app.get_mailbox({"id": stored["id"]})
    assert f"Mailbox: {mailbox['name']}" == f"Mailbox: {stored['name']}"
    assert f"Email: {mailbox['email']}" == f"Email: {stored['email']}"


async def test_get_current_user_example(hs_app: Accounts, fake: FakeHelpScout) -> None:
    user = await hs_app.get_current_user({})
    me = fake.store.users[fake.store.me_user_id]
    assert f"Logged in as: {user['firstName']} {user['lastName']}" == (
        f"Logged in as: {me['firstName']} {me['lastName']}"
    )
    assert user["email"] == me["email"]
    assert user["role"] == me["role"]


async def test_multi_account_namespaces(hs_app: Accounts, fake: FakeHelpScout) -> None:
    """Default, explicit default and a named account: the same functions, same answers."""
    plain = await hs_app.list_mailboxes({})
    explicit = await hs_app.default.list_mailboxes({})
    named = await hs_app.work.list_mailboxes({})
    assert plain == explicit == named
    assert hs_app.work.client is not hs_app.default.client
    assert hs_app["work"] is hs_app.work
    with pytest.raises(AttributeError, match=r"no account 'support'; configured: default, work"):
        _ = hs_app.support
