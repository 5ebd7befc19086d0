"""Routing, saved replies, user administration, teams, system users and workflow status,
client against the fake over loopback."""

from __future__ import annotations

import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout

from ._support import count

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=30, seed=5)


async def test_routing_round_trip(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    mid = next(iter(fake.store.mailboxes))
    users = sorted(fake.store.users)[:3]
    await client.mailboxes.update_routing(mid, state="enabled", assignment_limit=1, user_ids=users)
    config = await client.mailboxes.routing(mid)
    assert (config.state, config.assignment_limit, config.user_ids) == (
        hs.models.RoutingState.ENABLED, 1, tuple(users),
    )  # fmt: skip
    assert [r.user_id for r in config.rotation] == users
    for entry in config.rotation:
        assert entry.eligible == (entry.reason is None)
    with pytest.raises(hs.ValidationError) as caught:
        await client.mailboxes.update_routing(mid, state="enabled", user_ids=[987_654])
    assert caught.value.errors[0].path == "userIds"
    assert (await client.mailboxes.routing(mid)).user_ids == tuple(
        users
    )  # a refused PUT changes nothing
    with pytest.raises(hs.NotFound):
        await client.mailboxes.routing(987_654)


async def test_saved_reply_round_trip(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    mid = next(iter(fake.store.mailboxes))
    stored = fake.store.saved_replies[mid]
    email_ones = {r for r, v in stored.items() if "text" in v}
    assert {r.id for r in await client.saved_replies.list(mid).collect()} == email_ones
    everything = await client.saved_replies.list(mid, include_chat=True).collect()
    assert {r.id for r in everything} == set(stored)
    rid = await client.saved_replies.create(mid, "Sale: Now On", text="<p>10% off <b>today</b></p>")
    listed = {r.id: r for r in await client.saved_replies.list(mid).collect()}
    assert listed[rid].preview == "10% off today"
    await client.saved_replies.update(mid, rid, "Sale: over", chat_text="It's over, sorry!")
    got = await client.saved_replies.get(mid, rid)
    assert (got.name, got.text, got.chat_text) == ("Sale: over", None, "It's over, sorry!")
    await client.saved_replies.delete(mid, rid)
    with pytest.raises(hs.NotFound):
        await client.saved_replies.get(mid, rid)
    with pytest.raises(hs.NotFound):
        await client.saved_replies.list(987_654).collect()
    assert count(fake, "POST /v2/mailboxes/{mailbox_id}/saved-replies") == 1


async def test_user_create_status_reassignment_delete(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    mid = next(iter(fake.store.mailboxes))
    uid = await client.users.create(
        "New", "Agent", "new-agent@example.com", "user", mailboxes=[mid]
    )
    user = await client.users.get(uid)
    assert (user.first_name, user.email, user.role) == (
        "New",
        "new-agent@example.com",
        hs.models.UserRole.USER,
    )
    assert uid in {u.id for u in await client.users.list().collect()}
    with pytest.raises(hs.ValidationError) as taken:
        await client.users.create("Other", "Agent", "NEW-agent@example.com", "admin")
    assert taken.value.errors[0].path == "email"

    await client.users.set_status(uid, "away", custom_text="On a coffee break", emoji="☕")
    status = await client.users.status(uid)
    assert status.email is not None
    assert status.email.status == "away"
    assert status.email.custom_status is not None
    assert status.email.custom_status.text == "On a coffee break"
    assert uid in {s.user_id for s in await client.users.statuses().collect()}

    await client.users.update_reassignment(uid, enabled=True, hours=1, minutes=45)
    config = await client.users.reassignment(uid)
    assert config.enabled is True
    assert config.away_duration is not None
    assert (config.away_duration.hours, config.away_duration.minutes) == (1, 45)

    await client.users.delete(uid)
    with pytest.raises(hs.NotFound):
        await client.users.get(uid)
    with pytest.raises(hs.NotFound):
        await client.users.status(uid)
    with pytest.raises(hs.BadRequest, match="owner"):
        await client.users.delete(fake.store.me_user_id)


async def test_team_members_update(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    tid, _members = next(iter(fake.store.team_members.items()))
    before = {u.id for u in await client.teams.members(tid).collect()}
    outsider = next(u for u in sorted(fake.store.users) if u not in before)
    leaving = sorted(before)[0]
    await client.teams.update_members(tid, add=[outsider], remove=[leaving])
    after = {u.id for u in await client.teams.members(tid).collect()}
    assert after == (before - {leaving}) | {outsider}
    with pytest.raises(hs.ValidationError):
        await client.teams.update_members(tid, add=[987_654])
    with pytest.raises(hs.NotFound):
        await client.teams.update_members(987_654, add=[outsider])


async def test_system_users_v3(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    found = await client.system_users.list().collect()
    assert [u.id for u in found] == sorted(fake.store.system_users)
    one = await client.system_users.get(found[0].id)
    assert (one.type, one.first_name) == (hs.models.UserType.SYSTEM_USER, "AI Agent")
    with pytest.raises(hs.NotFound):
        await client.system_users.get(987_654)
    assert count(fake, "GET /v3/system-users") == 1


@pytest.mark.helpscout_fake(rate_limit=None, conversations=400, seed=5)
async def test_workflow_status_and_batched_run(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    store = fake.store
    wid, workflow = next((i, w) for i, w in store.workflows.items() if w["type"] == "manual")
    await client.workflows.update_status(wid, "inactive")
    listed = {w.id: w for w in await client.workflows.list().collect()}
    assert listed[wid].status == hs.models.WorkflowStatus.INACTIVE
    await client.workflows.update_status(wid, "active")
    assert store.workflows[wid]["status"] == "active"
    with pytest.raises(hs.NotFound):
        await client.workflows.update_status(987_654, "active")
    mine = [c for c, v in store.conversations.items() if v["mailboxId"] == workflow["mailboxId"]]
    assert len(mine) > 101
    ids = mine[:101] + mine[:5]  # duplicates are sent once
    assert await client.workflows.run(wid, ids) == 3
    assert [run for _, run in store.workflow_runs] == [mine[:50], mine[50:100], mine[100:101]]
    assert count(fake, "POST /v2/workflows/{workflow_id}/run") == 3
