"""Served bodies have the shapes of Help Scout's real responses (the fixtures)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from _fake_support import Api, fixture, session, small_store

from helpscout_async.testing import FakeHelpScout

__all__ = ["session"]


@pytest_asyncio.fixture
async def seeded(session: aiohttp.ClientSession) -> AsyncIterator[Api]:
    async with FakeHelpScout(seed=5, conversations=60, rate_limit=None) as fake:
        yield Api(fake, session)


def _keys(d: dict[str, object]) -> set[str]:
    return set(d)


async def test_conversation_has_the_keys_of_the_real_one(seeded: Api) -> None:
    real = fixture("conversation_get")
    body = await seeded.get("/conversations", status="all")
    served = body["_embedded"]["conversations"]
    # Every always-present key of the real body is served; optional ones
    # (snooze, nextEvent, closedBy...) appear on some conversations.
    optional = {"snooze", "nextEvent", "closedBy", "closedByUser", "closedAt", "assignee"}
    optional |= {"_embedded"}  # only with embed=threads
    for conv in served:
        assert _keys(real) - optional <= _keys(conv)
    union = set().union(*(_keys(c) for c in served))
    assert (_keys(real) - {"_embedded"}) <= union
    one = await seeded.get(f"/conversations/{served[0]['id']}", embed="threads")
    assert set(one["_embedded"]) == {"threads"}
    thread_keys = _keys(fixture("threads_list_sdk")["_embedded"]["threads"][0])
    first_thread = one["_embedded"]["threads"][0]
    assert (thread_keys - {"action", "body"}) <= _keys(first_thread)


async def test_list_page_shape_matches_the_real_one(seeded: Api) -> None:
    real = fixture("pagination_fragment")
    body = await seeded.get("/conversations", status="all", page=2)
    assert list(body) == ["_embedded", "page", "_links"]
    assert _keys(body["page"]) == _keys(real["page"])
    assert _keys(body["_links"]) == _keys(real["_links"])
    assert body["page"] == {"size": 25, "totalElements": 59, "totalPages": 3, "number": 2}
    base = seeded.fake.base_url
    assert body["_links"]["next"]["href"] == f"{base}/conversations?page=3"
    assert body["_links"]["page"] == {"href": f"{base}/conversations{{?page}}", "templated": True}


@pytest.mark.parametrize(
    ("path", "name", "fixture_name"),
    [
        ("/customers", "customers", "customer_list"),
        ("/mailboxes", "mailboxes", "mailbox_list"),
        ("/teams", "teams", "team_list"),
        ("/tags", "tags", "tag_list"),
        ("/workflows", "workflows", "workflow_list"),
    ],
)
async def test_list_items_have_the_real_keys(
    seeded: Api, path: str, name: str, fixture_name: str
) -> None:
    real = fixture(fixture_name)["_embedded"][name][0]
    body = await seeded.get(path)
    item = body["_embedded"][name][0]
    assert _keys(real) - {"updatedAt", "background"} <= _keys(item), path
    assert body["page"]["size"] == 50


async def test_customer_user_and_mailbox_bodies(seeded: Api) -> None:
    customers = await seeded.get("/customers")
    listed = customers["_embedded"]["customers"][0]
    one = await seeded.get(f"/customers/{listed['id']}")
    assert {"emails", "phones"} <= set(one["_embedded"])
    assert listed["_embedded"] == one["_embedded"]  # list items carry their sub-lists
    me = await seeded.get("/users/me")
    assert _keys(fixture("user_get")) <= _keys(me) | {"alternateEmails"}
    mailbox = (await seeded.get("/mailboxes"))["_embedded"]["mailboxes"][0]
    mid = mailbox["id"]
    assert _keys(await seeded.get(f"/mailboxes/{mid}")) == _keys(mailbox)
    folders = await seeded.get(f"/mailboxes/{mid}/folders")
    real_folder = fixture("mailbox_folders")["_embedded"]["folders"][0]
    assert _keys(real_folder) <= _keys(folders["_embedded"]["folders"][0])
    fields = await seeded.get(f"/mailboxes/{mid}/fields")
    assert {"id", "name", "type", "options"} <= _keys(fields["_embedded"]["fields"][0])


async def test_hrefs_point_at_the_fake(seeded: Api) -> None:
    body = await seeded.get("/conversations", status="all")
    conv = body["_embedded"]["conversations"][0]
    assert conv["_links"]["self"]["href"] == f"{seeded.fake.base_url}/conversations/{conv['id']}"


async def test_content_types(seeded: Api) -> None:
    status, headers, _ = await seeded.call("GET", "/mailboxes")
    assert status == 200
    assert headers["Content-Type"].startswith("application/hal+json")
    status, headers, body = await seeded.call("GET", "/conversations/1")
    assert status == 404
    assert headers["Content-Type"].startswith("application/vnd.error+json")
    assert body is not None
    assert set(body) == {"logRef", "message", "_links"}


async def test_error_body_matches_the_real_validation_error(session: aiohttp.ClientSession) -> None:
    real = fixture("error_validation")
    async with FakeHelpScout(store=small_store(1), rate_limit=None) as fake:
        api = Api(fake, session)
        status, _, body = await api.call("POST", "/conversations", json_body={"status": "Wrong"})
    assert status == 400
    assert body is not None
    assert _keys(body) == _keys(real)
    error = next(e for e in body["_embedded"]["errors"] if e["path"] == "status")
    real_error = real["_embedded"]["errors"][1]
    assert _keys(real_error) - {"_links"} == _keys(error)
    assert error["rejectedValue"] == "Wrong"
    assert error["source"] == "JSON"
