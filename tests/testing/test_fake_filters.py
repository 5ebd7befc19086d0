"""Every conversation filter of the live API, sorting, and the ``query`` subset."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from _fake_support import Api, add_conversation, session, small_store, ts

from helpscout_async.testing import FakeHelpScout, Store

__all__ = ["session"]

VIP = {"id": 401, "color": "red", "tag": "vip"}
BILLING = {"id": 402, "color": "red", "tag": "Billing"}


def _store() -> Store:
    store = small_store(0)
    add = add_conversation
    add(store, 1, status="active", subject="Rainbow unicorns", tags=[VIP], number=5)
    add(store, 2, status="pending", mailboxId=2, folderId=12, customer=202, number=3)
    add(store, 3, status="closed", subject="Coffee or tea", tags=[BILLING], number=9)
    add(store, 4, status="spam", customer=203, number=1)
    add(
        store,
        5,
        status="active",
        assignee={"id": 102, "type": "user"},
        customFields=[{"id": 31, "name": "Plan", "value": "41", "text": "Pro"}],
        tags=[VIP, BILLING],
        number=7,
    )
    add(store, 6, status="active", mailboxId=2, folderId=22, subject="rainbow road", number=2)
    for cid, minute in ((1, 30), (2, 10), (3, 50), (4, 20), (5, 40), (6, 40)):
        store.conversations[cid]["modifiedAt"] = ts(minute)
        store.conversations[cid]["createdAt"] = ts(100 - minute)
    return store


@pytest_asyncio.fixture
async def api(session: aiohttp.ClientSession) -> AsyncIterator[Api]:
    async with FakeHelpScout(store=_store(), rate_limit=None) as fake:
        yield Api(fake, session)


async def _ids(api: Api, **params: Any) -> list[int]:
    return await api.ids("/conversations", **params)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {1, 5, 6}),  # active by default
        ({"status": "active"}, {1, 5, 6}),
        ({"status": "pending"}, {2}),
        ({"status": "closed"}, {3}),
        ({"status": "spam"}, {4}),
        ({"status": "open"}, {1, 2, 5, 6}),
        ({"status": "all"}, {1, 2, 3, 4, 5, 6}),
        ({"status": "all", "mailbox": "2"}, {2, 6}),
        ({"status": "all", "mailbox": "1,2"}, {1, 2, 3, 4, 5, 6}),
        ({"status": "all", "folder": 22}, {6}),
        ({"status": "all", "tag": "vip"}, {1, 5}),
        ({"status": "all", "tag": "billing"}, {3, 5}),
        ({"status": "all", "assigned_to": 102}, {5}),
        ({"status": "all", "modifiedSince": ts(40)}, {3, 5, 6}),  # inclusive
        ({"status": "all", "modifiedSince": "2024-01-01T00:40:00+00:00"}, {3, 5, 6}),
        ({"status": "all", "number": 9}, {3}),
        ({"status": "all", "customFieldsByIds": "31:41"}, {5}),
        ({"status": "all", "customFieldsByIds": "31:99"}, set()),
    ],
)
async def test_filters(api: Api, params: dict[str, object], expected: set[int]) -> None:
    assert set(await _ids(api, **params)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('(subject:"rainbow")', {1, 6}),
        ('(subject:"RAINBOW UNI")', {1}),
        ('(email:"bob@cust.test")', {2}),
        ('(tag:"vip")', {1, 5}),
        ('(NOT tag:"vip")', {2, 3, 4, 6}),
        ('(tag:"vip" AND tag:"billing")', {5}),
        ('(tag:"vip" tag:"billing")', {5}),
        ('(subject:"coffee" OR subject:"road")', {3, 6}),
        ('((subject:"rainbow") AND NOT (email:"ann@cust.test"))', set()),
        ('(subject:"rainbow" AND NOT email:"ann@cust.test") OR tag:"billing"', {3, 5}),
        (f"(modifiedAt:[{ts(20)} TO {ts(40)}])", {1, 4, 5, 6}),
        (f"(modifiedAt:[{ts(40)} TO *])", {3, 5, 6}),
        (f"(modifiedAt:[* TO {ts(10)}])", {2}),
        ("(number:9)", {3}),
    ],
)
async def test_query_subset(api: Api, query: str, expected: set[int]) -> None:
    assert set(await _ids(api, status="all", query=query)) == expected


@pytest.mark.parametrize(
    "query",
    ['(subject:"x"', '(nosuchfield:"x")', "(modifiedAt:[a TO b])", "(subject:[a TO b])", "AND"],
)
async def test_unparsable_query_is_a_400(api: Api, query: str) -> None:
    status, _, body = await api.call("GET", "/conversations", params={"query": query})
    assert status == 400
    assert body is not None
    error = body["_embedded"]["errors"][0]
    assert error["path"] == "query"
    assert error["rejectedValue"] == query


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"status": "bogus"}, "status"),
        ({"sortField": "nope"}, "sortField"),
        ({"sortOrder": "up"}, "sortOrder"),
        ({"mailbox": "a,b"}, "mailbox"),
        ({"modifiedSince": "yesterday"}, "modifiedSince"),
        ({"number": "x"}, "number"),
        ({"customFieldsByIds": "31"}, "customFieldsByIds"),
        ({"embed": "everything"}, "embed"),
    ],
)
async def test_bad_parameters_are_400s(api: Api, params: dict[str, str], path: str) -> None:
    status, _, body = await api.call("GET", "/conversations", params=params)
    assert status == 400
    assert body is not None
    assert body["_embedded"]["errors"][0]["path"] == path


@pytest.mark.parametrize(
    ("field", "order", "expected"),
    [
        ("createdAt", "desc", [2, 4, 1, 6, 5, 3]),  # ties: id, reversed too
        ("createdAt", "asc", [3, 5, 6, 1, 4, 2]),
        ("modifiedAt", "desc", [3, 6, 5, 1, 4, 2]),  # 5 and 6 tie: id breaks it
        ("modifiedAt", "asc", [2, 4, 1, 5, 6, 3]),
        ("number", "asc", [4, 6, 2, 1, 5, 3]),
        ("mailboxid", "asc", [1, 3, 4, 5, 2, 6]),
        ("status", "asc", [1, 5, 6, 3, 2, 4]),
        ("subject", "asc", [3, 6, 1, 2, 4, 5]),
        ("customerEmail", "asc", [1, 3, 5, 6, 2, 4]),
        ("customerName", "desc", [4, 2, 6, 5, 3, 1]),
        ("score", "asc", [1, 2, 3, 4, 5, 6]),
        ("waitingSince", "asc", [1, 2, 3, 4, 5, 6]),
    ],
)
async def test_sorting(api: Api, field: str, order: str, expected: list[int]) -> None:
    got = await _ids(api, status="all", sortField=field, sortOrder=order)
    assert got == expected


async def test_embed_threads_in_lists(api: Api) -> None:
    plain = await api.get("/conversations")
    assert all("_embedded" not in c for c in plain["_embedded"]["conversations"])
    embedded = await api.get("/conversations", embed="threads")
    for conv in embedded["_embedded"]["conversations"]:
        assert conv["_embedded"]["threads"][0]["id"] == conv["id"] * 10


async def test_filters_on_a_seeded_store(session: aiohttp.ClientSession) -> None:
    async with FakeHelpScout(seed=11, conversations=300, rate_limit=None) as fake:
        api = Api(fake, session)
        convs = fake.store.conversations.values()
        everything = await api.ids("/conversations", status="all", sortField="modifiedAt")
        assert sorted(everything) == sorted(c["id"] for c in convs)
        modified = [fake.store.conversations[i]["modifiedAt"] for i in everything]
        assert modified == sorted(modified, reverse=True)
        box = next(iter(fake.store.mailboxes))
        in_box = await api.ids("/conversations", status="all", mailbox=box)
        assert set(in_box) == {c["id"] for c in convs if c["mailboxId"] == box}
        active = await api.ids("/conversations")
        assert set(active) == {c["id"] for c in convs if c["status"] == "active"}


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize(
    ("low", "high"),
    [(None, None), ("2025-01-01T00:00:00Z", None), (None, "2025-01-01T00:00:00Z"), ("x", "x")],
)
async def test_a_created_at_range_sorted_by_created_at_pages_like_the_filter(
    session: aiohttp.ClientSession, order: str, low: str | None, high: str | None
) -> None:
    """The keyset query is served by bisecting the sorted listing; same pages as filtering."""
    async with FakeHelpScout(seed=4, conversations=120, rate_limit=None) as fake:
        api = Api(fake, session)
        convs = fake.store.conversations
        stamps = sorted(c["createdAt"] for c in convs.values())
        if low == "x":
            low = high = stamps[40]
            for cid in sorted(convs)[:30]:  # 31 share one second: ties across a page
                convs[cid]["createdAt"] = low
            fake.store.touch()
        query = f"(createdAt:[{low or '*'} TO {high or '*'}])"
        got = await api.ids(
            "/conversations", status="all", sortField="createdAt", sortOrder=order, query=query
        )
        inside = [
            (c["createdAt"], cid)
            for cid, c in convs.items()
            if (low is None or c["createdAt"] >= low) and (high is None or c["createdAt"] <= high)
        ]
        expected = [cid for _, cid in sorted(inside, reverse=order == "desc")]
        assert got == expected
        assert len(got) > 0
