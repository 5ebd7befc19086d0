"""Streams: items in order across concurrently fetched pages, early exit, errors, raw dicts."""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings
from typing import Any

import pytest
from _unit_support import API, api, fixture, make_client
from aioresponses import CallbackResult, aioresponses

import helpscout_async as hs
from helpscout_async.pagination import Page, Stream, page_figures, page_items


def hal(number: int, total_pages: int, ids: list[int] | None, *, size: int = 3) -> Any:
    body: dict[str, Any] = {
        "page": {
            "size": size,
            "totalElements": total_pages * size,
            "totalPages": total_pages,
            "number": number,
        }
    }
    if ids is not None:
        body["_embedded"] = {"items": [{"id": i, "name": f"item {i}"} for i in ids]}
    return body


class Pages:
    """A fake page fetch that records timing, concurrency and cancellations."""

    def __init__(
        self,
        pages: list[list[int] | None],
        *,
        delay: float = 0.0,
        slow: frozenset[int] = frozenset(),
        fail: dict[int, BaseException] | None = None,
    ) -> None:
        self.pages = pages
        self.delay = delay
        self.slow = slow
        self.fail = fail or {}
        self.fetched: list[int] = []
        self.started: dict[int, float] = {}
        self.ended: dict[int, float] = {}
        self.cancelled: list[int] = []
        self.in_flight = 0
        self.most_in_flight = 0

    async def fetch(self, number: int) -> Any:
        loop = asyncio.get_running_loop()
        self.fetched.append(number)
        self.started[number] = loop.time()
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(30 if number in self.slow else self.delay)
            if number in self.fail:
                raise self.fail[number]
            return hal(number, len(self.pages), self.pages[number - 1])
        except asyncio.CancelledError:
            self.cancelled.append(number)
            raise
        finally:
            self.in_flight -= 1
            self.ended[number] = loop.time()

    def stream(self, concurrency: int = 3, **kwargs: Any) -> Stream[int]:
        return Stream(
            self.fetch,
            key="items",
            convert=lambda items: [item["id"] for item in items],
            concurrency=concurrency,
            **kwargs,
        )


def numbered(pages: int, per_page: int = 3) -> list[list[int] | None]:
    return [list(range(p * per_page + 1, (p + 1) * per_page + 1)) for p in range(pages)]


async def settle() -> set[asyncio.Task[Any]]:
    """Let finalizers run; the tasks other than this one that are still alive."""
    for _ in range(5):
        await asyncio.sleep(0)
    return {t for t in asyncio.all_tasks() if t is not asyncio.current_task()}


async def test_items_in_order_across_pages() -> None:
    source = Pages(numbered(7), delay=0.01)
    items = [i async for i in source.stream(concurrency=3)]
    assert items == list(range(1, 22))
    assert sorted(source.fetched) == list(range(1, 8))


async def test_pages_are_fetched_concurrently_within_the_window() -> None:
    source = Pages(numbered(8), delay=0.03)
    pages = [p async for p in source.stream(concurrency=3).pages()]
    assert [p.number for p in pages] == list(range(1, 9))
    assert source.most_in_flight == 3
    # Page 1 alone first (it tells how many there are) ...
    assert source.started[2] >= source.ended[1]
    # ... then pages 2..N overlap in time.
    assert source.started[3] < source.ended[2]
    assert source.started[4] < source.ended[2]


@pytest.mark.parametrize("concurrency", [1, 2, 5])
async def test_window_bounds_pages_in_flight(concurrency: int) -> None:
    source = Pages(numbered(9), delay=0.01)
    items = await source.stream(concurrency=concurrency).collect()
    assert items == list(range(1, 28))
    assert source.most_in_flight == concurrency


async def test_page_figures() -> None:
    source = Pages(numbered(3))
    pages: list[Page[int]] = [p async for p in source.stream().pages()]
    assert [(p.number, p.total_pages, p.total_elements, p.size) for p in pages] == [
        (1, 3, 9, 3),
        (2, 3, 9, 3),
        (3, 3, 9, 3),
    ]
    assert pages[1].items == [4, 5, 6]


async def test_first_page_makes_one_request() -> None:
    source = Pages(numbered(5))
    page = await source.stream().first_page()
    assert source.fetched == [1]
    assert (page.items, page.number, page.total_pages) == ([1, 2, 3], 1, 5)


async def test_collect_limit_stops_fetching() -> None:
    source = Pages(numbered(20), delay=0.01)
    items = await source.stream(concurrency=2).collect(limit=5)
    assert items == [1, 2, 3, 4, 5]
    assert len(source.fetched) <= 4
    assert await settle() == set()


async def test_collect_zero_fetches_nothing() -> None:
    source = Pages(numbered(2))
    assert await source.stream().collect(limit=0) == []
    assert source.fetched == []
    with pytest.raises(ValueError, match="limit"):
        await source.stream().collect(limit=-1)


def test_stream_argument_checks() -> None:
    source = Pages(numbered(1))
    with pytest.raises(ValueError, match="concurrency"):
        source.stream(concurrency=0)
    with pytest.raises(ValueError, match="page"):
        source.stream(start_page=0)


async def test_missing_embedded_is_an_empty_page_and_ends_the_walk() -> None:
    # An empty page ends a walk whatever totalPages says (issue 10, item 2).
    source = Pages([[1, 2], None, [5, 6]])
    pages = [p async for p in source.stream().pages()]
    assert [p.items for p in pages] == [[1, 2], []]
    assert [i async for i in Pages([[1, 2], None, [5, 6]]).stream()] == [1, 2]


async def test_empty_list_is_one_request() -> None:
    body = fixture("conversation_list_empty_sdk")
    fetched: list[int] = []

    async def fetch(number: int) -> Any:
        fetched.append(number)
        return body

    stream: Stream[Any] = Stream(fetch, key="conversations", convert=list)
    assert await stream.collect() == []
    assert fetched == [1]


async def test_item_repeated_at_a_page_boundary_is_yielded_once() -> None:
    # The list shifted between fetches: 3 moved from the end of page 1 to the top of page 2.
    source = Pages([[1, 2, 3], [3, 4, 5], [5, 6, 7]])
    assert [i async for i in source.stream()] == [1, 2, 3, 4, 5, 6, 7]


async def test_start_page() -> None:
    source = Pages(numbered(4))
    assert [i async for i in source.stream(start_page=3)] == [7, 8, 9, 10, 11, 12]
    assert sorted(source.fetched) == [3, 4]


async def test_list_that_grows_is_followed() -> None:
    bodies = {1: hal(1, 2, [1]), 2: hal(2, 3, [2]), 3: hal(3, 3, [3])}

    async def fetch(number: int) -> Any:
        return bodies[number]

    stream: Stream[Any] = Stream(fetch, key="items", convert=list)
    assert [item["id"] async for item in stream] == [1, 2, 3]


async def test_break_inside_async_with_cancels_pages_in_flight(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="asyncio")
    source = Pages(numbered(10), slow=frozenset(range(3, 11)))
    stream = source.stream(concurrency=4)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with stream:
            async for item in stream:
                if item == 4:  # the first item of page 2; pages 3..5 are in flight
                    break
        assert sorted(source.cancelled) == [3, 4, 5]
        assert source.in_flight == 0
        assert await settle() == set()
        gc.collect()
        await settle()
    assert not [w for w in caught if "never awaited" in str(w.message)]
    assert "Task was destroyed but it is pending" not in caplog.text
    assert "exception was never retrieved" not in caplog.text


async def test_aclose_of_the_iterator_cancels_pages_in_flight() -> None:
    source = Pages(numbered(6), slow=frozenset(range(2, 7)))
    iterator = source.stream(concurrency=3).__aiter__()
    assert await iterator.__anext__() == 1
    await asyncio.sleep(0.01)  # pages 2..4 are now in flight
    assert source.in_flight == 3
    await iterator.aclose()
    assert sorted(source.cancelled) == [2, 3, 4]
    assert await settle() == set()


async def test_exception_in_one_page_propagates_and_cancels_the_rest(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="asyncio")
    boom = hs.ServerError(status=500, message="Internal error", method="GET", path="/v2/x")
    source = Pages(numbered(8), slow=frozenset({4, 5}), fail={3: boom})
    seen: list[int] = []

    async def read() -> None:
        async for item in source.stream(concurrency=3):
            seen.append(item)

    with pytest.raises(hs.ServerError) as caught:
        await read()
    assert caught.value is boom
    assert seen == [1, 2, 3, 4, 5, 6]
    # Page 4 was in flight and was cancelled; page 5, scheduled but not yet started,
    # never ran; nothing past the window was asked for.
    assert 4 in source.cancelled
    assert set(source.fetched) - set(source.cancelled) == {1, 2, 3}
    assert max(source.fetched) <= 5
    assert await settle() == set()
    gc.collect()
    await settle()
    assert "exception was never retrieved" not in caplog.text
    assert "Task was destroyed" not in caplog.text


async def test_failure_of_a_later_page_is_not_lost_while_reading_an_earlier_one() -> None:
    # Page 4 fails at once while page 2 is still slow to arrive: the error comes out
    # in order, after pages 2 and 3, and nothing is left behind.
    source = Pages(numbered(5), delay=0.02, fail={4: RuntimeError("page 4 broke")})
    seen: list[int] = []

    async def read() -> None:
        async for item in source.stream(concurrency=4):
            seen.append(item)

    with pytest.raises(RuntimeError, match="page 4"):
        await read()
    assert seen == list(range(1, 10))
    assert await settle() == set()


def test_page_helpers_tolerate_odd_bodies() -> None:
    assert page_items(None, "x") == []
    assert page_items({"_embedded": []}, "x") == []
    assert page_items({"_embedded": {"x": {}}}, "x") == []
    assert page_figures(None, 4) == (4, 4, 0, 0)
    assert page_figures({"page": {"totalPages": 9}}, 2) == (2, 9, 0, 0)


# -- through the client ------------------------------------------------------------------


class ConversationPages:
    """An aioresponses callback serving ``total`` pages of conversations, slowly."""

    def __init__(self, total: int, *, delay: float = 0.0, per_page: int = 25) -> None:
        self.total = total
        self.delay = delay
        self.per_page = per_page
        self.params: list[dict[str, Any]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.template = fixture("conversation_list_embed_threads_sdk")["_embedded"][
            "conversations"
        ][0]

    async def handle(self, url: Any, **kwargs: Any) -> CallbackResult:
        params = dict(kwargs["params"])
        self.params.append(params)
        number = int(params["page"])
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        first = (number - 1) * self.per_page + 1
        items = [
            {**self.template, "id": i, "number": i} for i in range(first, first + self.per_page)
        ]
        return CallbackResult(
            payload={
                "_embedded": {"conversations": items},
                "page": {
                    "size": self.per_page,
                    "totalElements": self.total * self.per_page,
                    "totalPages": self.total,
                    "number": number,
                },
                "_links": {"next": {"href": f"{API}/conversations?page={number + 1}"}},
            }
        )


async def test_client_stream_fetches_pages_concurrently_with_filters(
    mocked: aioresponses,
) -> None:
    server = ConversationPages(6, delay=0.03, per_page=5)
    mocked.get(api("/conversations"), callback=server.handle, repeat=True)
    async with make_client(concurrency=3) as client:
        ids = [c.id async for c in client.conversations.list(status="all", mailbox=7)]
    assert ids == list(range(1, 31))
    assert server.most_in_flight == 3
    assert server.params[0]["page"] == "1"
    assert sorted(int(p["page"]) for p in server.params) == list(range(1, 7))
    # Every page carries the caller's filters: the API's links may drop them.
    assert all(p["status"] == "all" and p["mailbox"] == "7" for p in server.params)


async def test_client_stream_concurrency_per_stream(mocked: aioresponses) -> None:
    server = ConversationPages(5, delay=0.02, per_page=2)
    mocked.get(api("/conversations"), callback=server.handle, repeat=True)
    async with make_client(concurrency=4) as client:
        items = await client.conversations.list(concurrency=1).collect()
    assert len(items) == 10
    assert server.most_in_flight == 1


async def test_client_stream_starts_at_a_page(mocked: aioresponses) -> None:
    server = ConversationPages(4, per_page=2)
    mocked.get(api("/conversations"), callback=server.handle, repeat=True)
    async with make_client() as client:
        ids = [c.id async for c in client.conversations.list(page=3, tag="vip")]
    assert ids == [5, 6, 7, 8]
    assert [(p["page"], p["tag"]) for p in server.params] == [("3", "vip"), ("4", "vip")]


async def test_raw_yields_untouched_dicts(mocked: aioresponses) -> None:
    body = fixture("conversation_list_embed_threads_sdk")
    mocked.get(api("/conversations"), payload=body)
    async with make_client() as client:
        raw = await client.conversations.list(embed="threads").raw().collect()
    assert raw == body["_embedded"]["conversations"]
    assert isinstance(raw[0], dict)
    assert "_embedded" in raw[0]  # nothing converted or dropped


async def test_client_first_page_and_figures(mocked: aioresponses) -> None:
    server = ConversationPages(9, per_page=3)
    mocked.get(api("/conversations"), callback=server.handle, repeat=True)
    async with make_client() as client:
        page = await client.conversations.list().first_page()
    assert len(server.params) == 1
    assert (page.number, page.total_pages, page.total_elements, page.size) == (1, 9, 27, 3)
    assert [c.id for c in page.items] == [1, 2, 3]
    assert all(isinstance(c, hs.Conversation) for c in page.items)


async def test_client_collect_limit_stops_early(mocked: aioresponses) -> None:
    server = ConversationPages(40, delay=0.01, per_page=5)
    mocked.get(api("/conversations"), callback=server.handle, repeat=True)
    async with make_client(concurrency=2) as client:
        items = await client.conversations.list().collect(limit=7)
        assert await settle() == set()
    assert [c.id for c in items] == list(range(1, 8))
    assert len(server.params) <= 4


async def test_client_break_cancels_requests_in_flight_and_the_client_stays_usable(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="asyncio")
    cancelled: list[int] = []
    fast = ConversationPages(10, per_page=2)

    async def handle(url: Any, **kwargs: Any) -> CallbackResult:
        number = int(kwargs["params"]["page"])
        if number >= 3:
            try:
                await asyncio.sleep(30)
            except asyncio.CancelledError:
                cancelled.append(number)
                raise
        return await fast.handle(url, **kwargs)

    mocked.get(api("/conversations"), callback=handle, repeat=True)
    mocked.get(f"{API}/users/me", payload=fixture("user_me"))
    async with make_client(concurrency=3, max_connections=3) as client:
        stream = client.conversations.list()
        async with stream:
            async for conv in stream:
                if conv.id == 3:  # first item of page 2; pages 3 and 4 are in flight
                    break
        assert sorted(cancelled) == [3, 4]
        assert await settle() == set()
        # Every connection slot and the limiter were given back.
        assert (await client.users.me()).id == fixture("user_me")["id"]
    gc.collect()
    assert "Task was destroyed" not in caplog.text
