"""Page shapes: each adapter read from real-shaped bodies, and ``Stream`` driving each one."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from _unit_support import make_client
from aioresponses import aioresponses

import helpscout_async as hs
from helpscout_async import _api
from helpscout_async._pages import SHAPES, Figures
from helpscout_async._resource import Resource
from helpscout_async.pagination import Stream


def docs_page(number: int, pages: int, ids: list[str]) -> Any:
    return {
        "articles": {"page": number, "pages": pages, "count": 5, "items": [{"id": i} for i in ids]}
    }


def cursor_page(ids: list[int], cursor: str | None) -> Any:
    body: dict[str, Any] = {"_embedded": {"customers": [{"id": i} for i in ids]}, "_links": {}}
    if cursor is not None:
        body["_links"]["next"] = {"href": f"https://api.helpscout.net/v3/customers?cursor={cursor}"}
    return body


@pytest.mark.parametrize(
    ("shape", "body", "key", "items", "figures"),
    [
        (
            "hal",
            {"_embedded": {"tags": [{"id": 1}]}, "page": {"number": 2, "totalPages": 3,
                                                          "totalElements": 51, "size": 50}},
            "tags",
            [{"id": 1}],
            Figures(2, 3, 51, 50),
        ),
        ("hal", ["not", "a", "page"], "tags", [], Figures(4, 4, 0, 0)),
        ("docs", docs_page(2, 3, ["a", "b"]), "articles", [{"id": "a"}, {"id": "b"}],
         Figures(2, 3, 5, 2)),
        ("docs", {"articles": {"items": "nope"}}, "articles", [], Figures(4, 0, 0, 0)),
        ("docs", {}, "articles", [], Figures(4, 4, 0, 0)),
        ("cursor", cursor_page([7, 8], "c2"), "customers", [{"id": 7}, {"id": 8}],
         Figures(4, 5, 0, 2)),
        ("cursor", cursor_page([9], None), "customers", [{"id": 9}], Figures(4, 4, 0, 1)),
        ("array", [{"id": 1}, {"id": 2}], "", [{"id": 1}, {"id": 2}], Figures(4, 4, 2, 2)),
        ("array", {"_embedded": []}, "", [], Figures(4, 4, 0, 0)),
        ("embedded", {"_embedded": {"users": [{"id": 3}]}}, "users", [{"id": 3}],
         Figures(4, 4, 1, 1)),
    ],
)  # fmt: skip
def test_shapes_read_bodies(
    shape: str, body: Any, key: str, items: list[Any], figures: Figures
) -> None:
    adapter = SHAPES[shape]
    assert adapter.items(body, key) == items
    assert adapter.figures(body, 4, key) == figures


def test_which_shapes_allow_random_access() -> None:
    assert {n for n, s in SHAPES.items() if s.random_access} == {"hal", "docs"}
    assert {n for n, s in SHAPES.items() if s.numbered} == {"hal", "docs"}
    assert SHAPES["cursor"].next_link(cursor_page([1], "x")) == (
        "https://api.helpscout.net/v3/customers?cursor=x"
    )
    assert SHAPES["cursor"].next_link({"_links": {"next": {"href": ""}}}) is None


async def test_docs_envelope_pages_are_fetched_in_a_window() -> None:
    pages = {1: ["a", "b"], 2: ["c", "d"], 3: ["e"]}
    fetched: list[int] = []
    in_flight = most = 0

    async def fetch(number: int) -> Any:
        nonlocal in_flight, most
        fetched.append(number)
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return docs_page(number, 3, pages[number])

    stream: Stream[Any] = Stream(
        fetch, key="articles", convert=list, shape=SHAPES["docs"], concurrency=2
    )
    got = [p async for p in stream.pages()]
    assert [[i["id"] for i in p.items] for p in got] == [["a", "b"], ["c", "d"], ["e"]]
    assert (got[0].number, got[0].total_pages, got[0].total_elements) == (1, 3, 5)
    assert sorted(fetched) == [1, 2, 3]
    assert most == 2


async def test_cursor_pages_are_walked_serially_following_the_next_link() -> None:
    bodies = {
        "c2": cursor_page([3, 4], "c3"),
        "c3": cursor_page([5], None),
    }
    followed: list[str] = []
    first: list[int] = []

    async def fetch(number: int) -> Any:
        first.append(number)
        return cursor_page([1, 2], "c2")

    async def follow(link: str) -> Any:
        followed.append(link)
        return bodies[link.rsplit("=", 1)[1]]

    stream: Stream[Any] = Stream(
        fetch, key="customers", convert=list, shape=SHAPES["cursor"], follow=follow
    )
    assert [i["id"] async for i in stream] == [1, 2, 3, 4, 5]
    assert first == [1]
    assert [link.rsplit("=", 1)[1] for link in followed] == ["c2", "c3"]
    pages = [p async for p in stream.raw().pages()]
    assert [(p.number, p.total_pages) for p in pages] == [(1, 2), (2, 3), (3, 3)]


async def test_a_cursor_walk_stops_early_without_leaving_a_task() -> None:
    async def fetch(number: int) -> Any:
        return cursor_page([1], "next")

    async def follow(link: str) -> Any:
        await asyncio.sleep(30)  # would hang if awaited
        return cursor_page([2], None)

    stream: Stream[Any] = Stream(
        fetch, key="customers", convert=list, shape=SHAPES["cursor"], follow=follow
    )
    assert await stream.collect(limit=1) == [{"id": 1}]
    await asyncio.sleep(0)
    left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert left == []


@pytest.mark.parametrize(
    ("shape", "body"),
    [("array", [{"id": 1}, {"id": 2}]), ("embedded", {"_embedded": {"x": [{"id": 1}, {"id": 2}]}})],
)
async def test_unpaged_shapes_are_one_request(shape: str, body: Any) -> None:
    fetched: list[int] = []

    async def fetch(number: int) -> Any:
        fetched.append(number)
        return body

    stream: Stream[Any] = Stream(fetch, key="x", convert=list, shape=SHAPES[shape])
    assert [i["id"] async for i in stream] == [1, 2]
    assert fetched == [1]
    assert (await stream.first_page()).total_pages == 1


async def test_a_cursor_row_walks_v3_links_with_the_callers_filters(
    mocked: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A v3 row as the coverage work will add it: the resource layer follows _links.next.
    row = _api.row("mailbox", "customers.list_v3", "GET", "/v3/customers", "customers/list-v3/",
                   page="cursor", key="customers", page_size=50, model="Customer")  # fmt: skip
    monkeypatch.setattr(Resource, "_row", lambda self, name: row)
    v3 = "https://api.helpscout.net/v3/customers"
    mocked.get(f"{v3}?mailbox=3", payload=cursor_page([1, 2], "c2"))
    mocked.get(f"{v3}?cursor=c2&mailbox=3", payload=cursor_page([3], None))
    async with make_client() as client:
        stream = client.customers._stream("customers.list_v3", hs.Customer, {"mailbox": 3})
        assert [c.id async for c in stream] == [1, 2, 3]
        with pytest.raises(ValueError, match="is not numbered"):
            client.customers._stream("customers.list_v3", hs.Customer, page=2)
    sent = [(str(url), len(calls)) for (_, url), calls in mocked.requests.items()]
    assert sent == [(f"{v3}?mailbox=3", 1), (f"{v3}?cursor=c2&mailbox=3", 1)]
