"""Mailboxes (folders, fields), users, teams, tags and workflows against the fake on loopback."""

from __future__ import annotations

import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout

from ._support import count

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=40, users=64, seed=11)


# --- mailboxes ------------------------------------------------------------------------------


async def test_mailboxes_list(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    got = await client.mailboxes.list().collect()
    assert [m.id for m in got] == sorted(fake.store.mailboxes)
    for mailbox in got:
        stored = fake.store.mailboxes[mailbox.id]
        assert (mailbox.name, mailbox.email, mailbox.slug) == (
            stored["name"],
            stored["email"],
            stored["slug"],
        )


async def test_mailbox_get(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    mid = sorted(fake.store.mailboxes)[-1]
    mailbox = await client.mailboxes.get(mid)
    assert mailbox.id == mid
    assert mailbox.name == fake.store.mailboxes[mid]["name"]
    assert mailbox.created_at is not None
    with pytest.raises(hs.NotFound):
        await client.mailboxes.get(987_654)


async def test_mailbox_folders(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    for mid, stored in fake.store.folders.items():
        folders = await client.mailboxes.folders(mid).collect()
        assert [f.id for f in folders] == [f["id"] for f in stored]
        assert [(f.name, f.type, f.total_count) for f in folders] == [
            (f["name"], f["type"], f["totalCount"]) for f in stored
        ]
    with pytest.raises(hs.NotFound):
        await client.mailboxes.folders(987_654).collect()


async def test_mailbox_fields(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    for mid, stored in fake.store.fields.items():
        fields = await client.mailboxes.fields(mid).collect()
        assert [f.id for f in fields] == [f["id"] for f in stored]
        assert [(f.name, str(f.type), f.required) for f in fields] == [
            (f["name"], f["type"], f["required"]) for f in stored
        ]
        for field, spec in zip(fields, stored, strict=True):
            assert [(o.id, o.label) for o in field.options] == [
                (o["id"], o["label"]) for o in spec["options"]
            ]
        assert any(f.options for f in fields)


async def test_mailbox_field_types_are_the_v2_values(client: hs.HelpScout) -> None:
    mailbox = (await client.mailboxes.list().collect())[0]
    fields = await client.mailboxes.fields(mailbox.id).collect()
    assert all(f.type is not None and f.type.is_known for f in fields)


# --- users ----------------------------------------------------------------------------------


async def test_users_list_walks_every_page(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    got = [u.id async for u in client.users.list()]
    assert got == sorted(fake.store.users)
    assert len(got) == 64
    assert count(fake, "GET /v2/users") == 2  # 50 a page


async def test_users_of_a_mailbox(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    # The fake's rule: the owners of the mailbox's personal folders and its assignees.
    narrower = 0
    for mid, folders in fake.store.folders.items():
        members = {f["userId"] for f in folders if f.get("userId")}
        members |= {
            c["assignee"]["id"]
            for c in fake.store.conversations.values()
            if c["mailboxId"] == mid and c.get("assignee")
        }
        got = [u.id async for u in client.users.list(mailbox=mid)]
        assert got == sorted(members)
        narrower += 0 < len(members) < len(fake.store.users)
    assert narrower, "no mailbox filter left anyone out"


async def test_users_by_email(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = list(fake.store.users.values())[5]
    got = await client.users.list(email=stored["email"]).collect()
    assert [u.id for u in got] == [stored["id"]]
    assert await client.users.list(email="nobody@nowhere.example").collect() == []


async def test_user_get_and_me(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    stored = list(fake.store.users.values())[3]
    user = await client.users.get(stored["id"])
    assert (user.id, user.first_name, user.last_name, user.email) == (
        stored["id"],
        stored["firstName"],
        stored["lastName"],
        stored["email"],
    )
    me = await client.users.me()
    assert me.id == fake.store.me_user_id
    assert me.email == fake.store.users[me.id]["email"]
    with pytest.raises(hs.NotFound):
        await client.users.get(987_654)


# --- teams, tags, workflows -------------------------------------------------------------------


async def test_teams_and_members(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    teams = await client.teams.list().collect()
    assert [t.id for t in teams] == sorted(fake.store.teams)
    assert [t.name for t in teams] == [fake.store.teams[t.id]["name"] for t in teams]
    for team in teams:
        members = await client.teams.members(team.id).collect()
        assert [u.id for u in members] == fake.store.team_members[team.id]
        assert all(u.email == fake.store.users[u.id]["email"] for u in members)
    with pytest.raises(hs.NotFound):
        await client.teams.members(987_654).collect()


async def test_tags(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    tags = await client.tags.list().collect()
    assert [t.id for t in tags] == sorted(fake.store.tags)
    for tag in tags:
        stored = fake.store.tags[tag.id]
        assert (tag.name, tag.slug, tag.color, tag.ticket_count) == (
            stored["name"],
            stored["slug"],
            stored["color"],
            stored["ticketCount"],
        )


async def test_workflows(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    every = await client.workflows.list().collect()
    assert [w.id for w in every] == sorted(fake.store.workflows)
    assert all(w.name == fake.store.workflows[w.id]["name"] for w in every)
    mid = next(iter(fake.store.workflows.values()))["mailboxId"]
    mine = await client.workflows.list(mailbox=mid).collect()
    expected = sorted(i for i, w in fake.store.workflows.items() if w["mailboxId"] == mid)
    assert [w.id for w in mine] == expected
    assert 0 < len(expected) < len(every)
