"""Operations added on the operation table, against the fake on loopback; ``client.request``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout

from ._support import count

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=30, seed=5)

RATING = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "mailbox" / "rating_get.json").read_text()
)


async def test_tags_get(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    tid, stored = next(iter(fake.store.tags.items()))
    tag = await client.tags.get(tid)
    assert (tag.id, tag.name, tag.slug, tag.ticket_count) == (
        tid,
        stored["name"],
        stored["slug"],
        stored["ticketCount"],
    )
    with pytest.raises(hs.NotFound):
        await client.tags.get(987_654)


async def test_ratings_get(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    fake.store.ratings[77] = {**RATING, "id": 77}
    rating = await client.ratings.get(77)
    assert (rating.id, rating.rating, rating.comments) == (77, "great", "Well done!")
    with pytest.raises(hs.NotFound):
        await client.ratings.get(78)
    assert count(fake, "GET /v2/ratings/{rating_id}") == 2


async def test_workflows_run(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    store = fake.store
    wid, workflow = next((i, w) for i, w in store.workflows.items() if w["type"] == "manual")
    mine = [c for c, v in store.conversations.items() if v["mailboxId"] == workflow["mailboxId"]]
    await client.workflows.run(wid, mine[:3])
    assert store.workflow_runs == [(wid, mine[:3])]
    other = next(c for c, v in store.conversations.items() if c not in mine)
    with pytest.raises(hs.ValidationError) as caught:
        await client.workflows.run(wid, [other])
    assert caught.value.errors[0].path == "conversationIds"
    automatic = next(i for i, w in store.workflows.items() if w["type"] != "manual")
    with pytest.raises(hs.BadRequest, match="only a manual workflow"):
        await client.workflows.run(automatic, mine[:1])
    with pytest.raises(hs.NotFound):
        await client.workflows.run(987_654, mine[:1])
    assert len(store.workflow_runs) == 1


async def test_request_escape_hatch(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    tid = next(iter(fake.store.tags))
    assert (await client.request("GET", f"/v2/tags/{tid}"))["id"] == tid
    page = await client.request("GET", "/tags", params={"page": 1})
    assert {t["id"] for t in page["_embedded"]["tags"]} == set(fake.store.tags)
    cid = next(iter(fake.store.conversations))
    assert (
        await client.request("PUT", f"/v2/conversations/{cid}/tags", json={"tags": ["a"]}) is None
    )
    assert [t["tag"] for t in fake.store.conversations[cid]["tags"]] == ["a"]
    with pytest.raises(hs.NotFound):
        await client.request("GET", "/v2/not-an-endpoint")
    assert count(fake, "PUT /v2/conversations/{conversation_id}/tags") == 1
