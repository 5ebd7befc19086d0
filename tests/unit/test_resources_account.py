"""The requests of the account-structure operations (mailbox_account rows): method, path,
query and body as documented, and arguments refused before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest
from _unit_support import API, body_of, calls, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs

V3 = "https://api.helpscout.net/v3"
CREATED = {"Resource-ID": "15", "Location": f"{API}/x/15"}

# -- organizations -----------------------------------------------------------------------------


async def test_organizations_list_sends_the_sort(mocked: aioresponses) -> None:
    body = {"_embedded": {"organizations": [{"id": 1, "name": "Acme"}]},
            "page": {"size": 50, "totalElements": 1, "totalPages": 1, "number": 1}}  # fmt: skip
    mocked.get(f"{API}/organizations?page=1&sort=name,asc", payload=body)
    async with make_client() as client:
        found = await client.organizations.list(sort_field="name", sort_order="asc").collect()
    assert [o.name for o in found] == ["Acme"]
    assert len(calls(mocked, "GET", f"{API}/organizations?page=1&sort=name,asc")) == 1


async def test_organizations_get_with_counts_and_properties(mocked: aioresponses) -> None:
    url = f"{API}/organizations/10?includeCounts=true&includeProperties=true"
    mocked.get(url, payload=fixture("organization_get"))
    async with make_client() as client:
        org = await client.organizations.get(10, counts=True, properties=True)
    assert (org.id, org.customer_count, org.domains) == (10, 42, ("domain.com", "domain.org"))
    assert org.properties is not None
    assert org.properties[1].value == "Software"
    assert len(calls(mocked, "GET", url)) == 1


async def test_organizations_create_sends_the_documented_body(mocked: aioresponses) -> None:
    mocked.post(f"{API}/organizations", status=201, headers=CREATED)
    request = fixture("request_organization_create")
    async with make_client() as client:
        new_id = await client.organizations.create(
            request["name"],
            domain=request["domain"],
            website=request["website"],
            description=request["description"],
            location=request["location"],
            note=request["note"],
            phones=request["phones"],
            brand_color=request["brandColor"],
        )
    assert new_id == 15
    (sent,) = calls(mocked, "POST", f"{API}/organizations")
    assert body_of(sent) == request


async def test_organizations_update_delete_and_lists(mocked: aioresponses) -> None:
    mocked.put(f"{API}/organizations/7", status=204)
    mocked.delete(f"{API}/organizations/7", status=204)
    mocked.get(f"{API}/organizations/7/customers?page=1", payload={"page": {"totalPages": 0}})
    mocked.get(f"{API}/organizations/7/conversations?page=1", payload={"page": {"totalPages": 0}})
    async with make_client() as client:
        await client.organizations.update(7, "Acme", domain="acme.com")
        await client.organizations.delete(7)
        assert await client.organizations.customers(7).collect() == []
        assert await client.organizations.conversations(7).collect() == []
    (sent,) = calls(mocked, "PUT", f"{API}/organizations/7")
    assert body_of(sent) == {"name": "Acme", "domain": "acme.com"}
    assert len(calls(mocked, "DELETE", f"{API}/organizations/7")) == 1


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda c: c.organizations.create(""), ValueError, "name must not be empty"),
        (lambda c: c.organizations.create("A", phones="555"), TypeError, "phones must be a list"),
        (lambda c: c.organizations.get(1, counts=1), TypeError, "counts must be True or False"),
        (lambda c: c.organizations.update(0, "A"), ValueError, "organization_id must be"),
        (lambda c: c.organizations.list(sort_field="id").collect(), ValueError,
         "sort_field must be one of"),
        (lambda c: c.organizations.list(sort_order="asc").collect(), ValueError,
         "needs a sort_field"),
    ],
)  # fmt: skip
async def test_organizations_check_their_arguments(
    mocked: aioresponses, call: Any, error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await call(client)
    assert not mocked.requests


# -- organization properties -------------------------------------------------------------------


async def test_organization_properties_requests(mocked: aioresponses) -> None:
    base = f"{API}/organizations/properties"
    listing = {
        "_embedded": {"organization-properties": [{"type": "text", "slug": "tier", "name": "Tier"}]}
    }
    mocked.get(base, payload=listing)
    mocked.post(base, status=201)
    industry = {"type": "dropdown", "slug": "industry", "name": "Industry",
                "options": [{"label": "Tech"}]}  # fmt: skip
    mocked.get(f"{base}/industry", payload=industry)
    mocked.put(f"{base}/industry", status=204)
    mocked.delete(f"{base}/industry", status=204)
    mocked.put(f"{API}/organizations/3/properties/industry", status=204)
    mocked.delete(f"{API}/organizations/3/properties/industry", status=204)
    props = None
    async with make_client() as client:
        props = client.organization_properties
        assert [d.slug for d in await props.list().collect()] == ["tier"]
        assert await props.create("industry", "Industry", "dropdown", options=["Tech"]) is None
        got = await props.get("industry")
        await props.update("industry", "Sector", options=["Tech", "Health"])
        await props.set_value(3, "industry", "Tech")
        await props.remove_value(3, "industry")
        await props.delete("industry")
    assert (got.name, [o.label for o in got.options]) == ("Industry", ["Tech"])
    (created,) = calls(mocked, "POST", base)
    assert body_of(created) == {"type": "dropdown", "slug": "industry", "name": "Industry",
                                "options": [{"label": "Tech"}]}  # fmt: skip
    (updated,) = calls(mocked, "PUT", f"{base}/industry")
    assert body_of(updated) == {
        "name": "Sector",
        "options": [{"label": "Tech"}, {"label": "Health"}],
    }
    (value,) = calls(mocked, "PUT", f"{API}/organizations/3/properties/industry")
    assert body_of(value) == {"value": "Tech"}
    assert len(calls(mocked, "DELETE", f"{API}/organizations/3/properties/industry")) == 1
    assert len(calls(mocked, "DELETE", f"{base}/industry")) == 1


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda p: p.create("s", "S", "bool"), ValueError, "type must be one of"),
        (lambda p: p.create("s", "S", "text", options=["a"]), ValueError, "only for type='dropd"),
        (lambda p: p.create("x" * 121, "S", "text"), ValueError, "slug must be at most 120"),
        (lambda p: p.create("s", "S" * 101, "text"), ValueError, "name must be at most 100"),
        (lambda p: p.create("s", "S", "dropdown", options=["a"] * 101), ValueError, "at most 100"),
        (lambda p: p.get(""), ValueError, "slug must not be empty"),
        (lambda p: p.set_value(1, "s", True), TypeError, "value must be a str or a number"),
        (lambda p: p.remove_value("1", "s"), TypeError, "organization_id must be a positive"),
    ],
)  # fmt: skip
async def test_organization_properties_check_their_arguments(
    mocked: aioresponses, call: Any, error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await call(client.organization_properties)
    assert not mocked.requests


# -- routing and saved replies -----------------------------------------------------------------


async def test_routing_get_and_update(mocked: aioresponses) -> None:
    mocked.get(f"{API}/mailboxes/5/routing", payload=fixture("mailbox_routing_get"))
    mocked.put(f"{API}/mailboxes/5/routing", status=204)
    async with make_client() as client:
        config = await client.mailboxes.routing(5)
        await client.mailboxes.update_routing(
            5,
            state="enabled",
            assignment_limit=10,
            assignment_method="round_robin",
            user_ids=[1, 2, 3],
        )
    assert (config.assignment_limit, config.rotation[0].reason) == (10, "at_capacity")
    (sent,) = calls(mocked, "PUT", f"{API}/mailboxes/5/routing")
    assert body_of(sent) == fixture("request_mailbox_routing_update")


async def test_saved_replies_requests(mocked: aioresponses) -> None:
    base = f"{API}/mailboxes/100/saved-replies"
    mocked.get(f"{base}?includeChatReplies=true", payload=fixture("saved_replies"))
    mocked.post(base, status=201, headers=CREATED)
    mocked.get(f"{base}/234567", payload=fixture("saved_reply_get"))
    mocked.put(f"{base}/234567", status=204)
    mocked.delete(f"{base}/234567", status=204)
    request = fixture("request_saved_reply_create")
    async with make_client() as client:
        replies = await client.saved_replies.list(100, include_chat=True).collect()
        new_id = await client.saved_replies.create(
            100, request["name"], text=request["text"], chat_text=request["chatText"]
        )
        one = await client.saved_replies.get(100, 234567)
        await client.saved_replies.update(100, 234567, "Renamed", text="<p>Hi</p>")
        await client.saved_replies.delete(100, 234567)
    assert [r.id for r in replies] == [123456, 234567, 345678]
    assert replies[2].chat_preview == "Sample chat content."
    assert (new_id, one.name) == (15, "Visiting us in person")
    (created,) = calls(mocked, "POST", base)
    assert body_of(created) == request
    (updated,) = calls(mocked, "PUT", f"{base}/234567")
    assert body_of(updated) == {"name": "Renamed", "text": "<p>Hi</p>"}
    assert len(calls(mocked, "DELETE", f"{base}/234567")) == 1


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda c: c.mailboxes.update_routing(1, state="on"), ValueError, "state must be one of"),
        (lambda c: c.mailboxes.update_routing(1, state="enabled", assignment_limit=0), ValueError,
         "assignment_limit must be an int >= 1"),
        (lambda c: c.saved_replies.create(1, " "), ValueError, "name must not be empty"),
        (lambda c: c.saved_replies.list(1, include_chat="yes").collect(), TypeError,
         "include_chat must be True or False"),
        (lambda c: c.saved_replies.get(1, 0), ValueError, "saved_reply_id must be a positive"),
    ],
)  # fmt: skip
async def test_inbox_calls_check_their_arguments(
    mocked: aioresponses, call: Any, error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await call(client)
    assert not mocked.requests


# -- users, teams, system users, workflows -----------------------------------------------------


async def test_users_create_and_delete(mocked: aioresponses) -> None:
    mocked.post(f"{API}/users", status=201, headers={"Resource-ID": "7"})
    mocked.delete(f"{API}/users/7", status=204)
    async with make_client() as client:
        uid = await client.users.create(
            "New", "Agent", "new-agent@example.com", "user", timezone="America/New_York",
            job_title="Support Agent", phone="+1 555 0100", mailboxes=[1, 2],
        )  # fmt: skip
        await client.users.delete(uid)
    (sent,) = calls(mocked, "POST", f"{API}/users")
    assert body_of(sent) == {
        "firstName": "New", "lastName": "Agent", "email": "new-agent@example.com",
        "role": "user", "timezone": "America/New_York", "jobTitle": "Support Agent",
        "phone": "+1 555 0100", "sendInvite": True,
        "mailboxes": [{"id": 1, "emailAccess": True}, {"id": 2, "emailAccess": True}],
    }  # fmt: skip
    assert len(calls(mocked, "DELETE", f"{API}/users/7")) == 1


async def test_users_create_is_not_resent_after_a_server_error(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    mocked.post(f"{API}/users", status=503, repeat=True)
    async with make_client() as client:
        with pytest.raises(hs.ServerError):
            await client.users.create("A", "B", "a@b.example", "admin")
    assert len(calls(mocked, "POST", f"{API}/users")) == 1


async def test_user_status_and_reassignment(mocked: aioresponses) -> None:
    mocked.get(f"{API}/users/status?page=1", payload=fixture("user_status_list"))
    mocked.get(f"{API}/users/4/status", payload=fixture("user_status_get"))
    mocked.put(f"{API}/users/4/status", status=204)
    mocked.get(f"{API}/users/4/conversation-reassignment", payload=fixture("user_reassignment_get"))
    mocked.put(f"{API}/users/4/conversation-reassignment", status=204)
    async with make_client() as client:
        statuses = await client.users.statuses().collect()
        one = await client.users.status(4)
        await client.users.set_status(
            4, "active", custom_text="On a coffee break", emoji="☕", emoji_name=":coffee:"
        )
        config = await client.users.reassignment(4)
        await client.users.update_reassignment(4, enabled=True, hours=1, minutes=45)
    assert [s.user_id for s in statuses] == [4, 5]
    assert one.chat is not None
    assert one.chat.mailbox_statuses == {
        "100": "assign",
        "101": "unavailable",
    }
    assert config.away_duration is not None
    assert config.away_duration.minutes == 30
    (status,) = calls(mocked, "PUT", f"{API}/users/4/status")
    assert body_of(status) == fixture("request_user_status_set")
    (reassign,) = calls(mocked, "PUT", f"{API}/users/4/conversation-reassignment")
    assert body_of(reassign) == {"enabled": True, "awayDuration": {"hours": 1, "minutes": 45}}


async def test_team_members_system_users_and_workflow_status(mocked: aioresponses) -> None:
    mocked.put(f"{API}/teams/10/members", status=204)
    mocked.get(f"{V3}/system-users?page=1", payload=fixture("system_user_list"))
    mocked.get(f"{V3}/system-users/155250", payload=fixture("system_user_get"))
    mocked.patch(f"{API}/workflows/3", status=204)
    async with make_client() as client:
        await client.teams.update_members(10, add=[10, 11], remove=[5])
        system = await client.system_users.list().collect()
        one = await client.system_users.get(155250)
        await client.workflows.update_status(3, "active")
    (team,) = calls(mocked, "PUT", f"{API}/teams/10/members")
    assert body_of(team) == {"addedUserIds": [10, 11], "deletedUserIds": [5]}
    assert [u.id for u in system] == [155250]
    assert one.type == hs.models.UserType.SYSTEM_USER
    (patch,) = calls(mocked, "PATCH", f"{API}/workflows/3")
    assert body_of(patch) == fixture("request_workflow_status_update")


async def test_workflows_run_splits_into_batches_of_50(mocked: aioresponses) -> None:
    mocked.post(f"{API}/workflows/20/run", status=204, repeat=True)
    async with make_client() as client:
        assert await client.workflows.run(20, range(1, 121)) == 3
    sent = [body_of(c)["conversationIds"] for c in calls(mocked, "POST", f"{API}/workflows/20/run")]
    assert sent == [list(range(1, 51)), list(range(51, 101)), list(range(101, 121))]


async def test_workflows_run_stops_at_the_failed_batch_and_says_what_ran(
    mocked: aioresponses, fast_backoff: list[int]
) -> None:
    url = f"{API}/workflows/20/run"
    mocked.post(url, status=204)
    mocked.post(url, status=503, repeat=True)
    async with make_client() as client:
        with pytest.raises(hs.ServerError) as caught:
            await client.workflows.run(20, range(1, 151))
    assert len(calls(mocked, "POST", url)) == 2
    assert "already ran on the first 50 of 150 conversations" in "".join(caught.value.__notes__)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda c: c.users.create("A" * 41, "B", "a@b.example", "user"), ValueError,
         "first_name must be at most 40"),
        (lambda c: c.users.create("A", "B", "nope", "user"), ValueError, "email must be an email"),
        (lambda c: c.users.create("A", "B", "a@b.example", "owner"), ValueError, "role must be"),
        (lambda c: c.users.create("A", "B", "a@b.example", "user", send_invite=0), TypeError,
         "send_invite must be True or False"),
        (lambda c: c.users.set_status(1, "busy"), ValueError, "status must be one of"),
        (lambda c: c.users.set_status(1, "away", emoji="x"), ValueError, "need a custom_text"),
        (lambda c: c.users.update_reassignment(1, enabled=1, hours=0, minutes=0), TypeError,
         "enabled must be True or False"),
        (lambda c: c.users.update_reassignment(1, enabled=True, hours=0, minutes=60), ValueError,
         "minutes must be an int from 0 to 59"),
        (lambda c: c.teams.update_members(1), ValueError, "needs user ids to add or to remove"),
        (lambda c: c.teams.update_members(1, add=[2], remove=[2]), ValueError, "both in add and"),
        (lambda c: c.workflows.update_status(1, "on"), ValueError, "status must be one of"),
        (lambda c: c.system_users.get(True), TypeError, "system_user_id must be a positive"),
    ],
)  # fmt: skip
async def test_people_calls_check_their_arguments(
    mocked: aioresponses, call: Any, error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await call(client)
    assert not mocked.requests
