"""Streams over list endpoints: items across pages, fetched concurrently, in order.

What a page body looks like is the job of a page shape (``_pages``: HAL page
numbers, the Docs envelope, v3 cursors, bare arrays, unpaged lists). Where the
shape allows random access, page 1 tells ``totalPages`` and pages 2..N are fetched
with a bounded window of tasks and yielded in order, so at most the window's pages
are in memory. Where it does not (a cursor: only the page in hand knows the next),
the walk is serial, with the next page fetched while the reader handles this one. The limiter, not
the window, sets the pace; the window only has to be wide enough to keep that pace
(it may be a function, asked before each page is scheduled). Page requests carry
the caller's filters plus ``page=N`` (the API's ``_links`` may drop query
parameters). Each id is yielded once per walk: an item that reappears on a later
page (the list shifted between fetches) or twice within a page is dropped. The walk
remembers the ids it has yielded, so its memory grows with the items walked (tens of
bytes per id; pass ``dedupe=False`` to a ``Stream`` to keep every item and nothing).

A walk never trusts the page figures over the pages: the first empty page ends it
(nothing past it is fetched, however large ``totalPages`` claims to be), and a
full page with a ``next`` link keeps it going past a ``totalPages`` too small to
reach it while the pages so far hold fewer than ``totalElements`` (the API links
``next`` from its last page too).

The page tasks live in a ``_PageWalker`` whose ``aclose()`` cancels them; the async
generators only ever ``await`` the walker, never yield inside a task group (PEP 789),
so breaking out early leaves no orphaned task behind.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, Generic, TypeVar

import attrs

from ._pages import HAL, Figures, PageShape

T = TypeVar("T")

PageFetch = Callable[[int], Awaitable[Any]]
"""Fetches page number N (1-based) and returns the parsed JSON body."""
LinkFetch = Callable[[str], Awaitable[Any]]
"""Fetches the page a serial shape's next link points at; returns the parsed JSON body."""


@attrs.frozen(kw_only=True)
class Page(Generic[T]):
    """One page of a list: its items and the server's page figures."""

    items: list[T]
    number: int
    total_pages: int
    total_elements: int
    size: int


def page_items(body: Any, key: str) -> list[Any]:
    """The raw items of a HAL page (an absent ``_embedded`` is an empty page)."""
    return HAL.items(body, key)


def page_figures(body: Any, default_number: int) -> tuple[int, int, int, int]:
    """``(number, total_pages, total_elements, size)`` from a HAL ``page`` object."""
    f = HAL.figures(body, default_number, "")
    return (f.number, f.total_pages, f.total_elements, f.size)


_SLOW_START = 4
"""Pages an adaptive window may fetch ahead before the reader has read any."""


class _PageWalker:
    """Fetches pages ahead of the reader with at most ``window`` tasks in flight.

    For a serial shape, the next page is scheduled as soon as the page in hand names
    it (one ahead at most).
    """

    def __init__(
        self,
        fetch: PageFetch,
        *,
        start: int,
        window: Callable[[], int],
        shape: PageShape = HAL,
        key: str = "",
        follow: LinkFetch | None = None,
        slow_start: bool = False,
    ) -> None:
        self._fetch = fetch
        self._slow_start = slow_start  # an adaptive window grows with the pages read
        self._follow = follow
        self._shape = shape
        self._key = key
        self._next = self._first = start  # the page the reader gets next
        self._scheduled = start  # the next page to schedule
        self._last: int | None = None  # the last page, once page 1 has said it
        self._window = window
        self._tasks: dict[int, asyncio.Task[Any]] = {}

    async def next_body(self) -> tuple[int, Any] | None:
        """The next page's body in order, or ``None`` after the last page."""
        number = self._next
        if self._last is not None and number > self._last:
            return None
        self._fill()
        body = await self._take(number)
        self._next = number + 1
        if self._shape.random_access:
            if not self._shape.items(body, self._key):
                # The first empty page ends the walk, whatever totalPages claims:
                # nothing past it is fetched, and pages already asked for are dropped.
                self._last = number
                await self._drop_after(number)
                return (number, body)
            figures = self._shape.figures(body, number, self._key)
            # Page 1 tells the total; a later page may say the list grew, and a full
            # page with a ``next`` link, short of totalElements, outranks a total too
            # small to reach it (a short page is the last, whatever its links say).
            full = len(self._shape.items(body, self._key)) >= figures.size
            short_of_total = number * figures.size < figures.total_elements
            onward = full and short_of_total and self._shape.has_next(body)
            more = number + 1 if onward else number
            self._last = max(self._last or 0, figures.total_pages, more)
            self._fill()
        else:
            link = self._shape.next_link(body)
            if link is None or self._follow is None:
                self._last = number
            else:
                self._last = number + 1
                self._spawn(number + 1, self._follow(link))
                self._scheduled = number + 2
        return (number, body)

    def _fill(self) -> None:
        if not self._shape.random_access:
            if self._scheduled == self._next and self._last is None:  # the first page
                self._spawn(self._next, self._fetch(self._next))
                self._scheduled += 1
            return
        # Only the first page until we know how many there are.
        last = self._last
        ahead = max(1, self._window())  # asked each time: the window may grow or shrink
        if self._slow_start:
            # A reader that stops early wastes at most about what it read (+4), however
            # wide a burst the budget allows: the window doubles as pages are read.
            ahead = min(ahead, _SLOW_START + 2 * (self._next - self._first))
        limit = self._next if last is None else min(last, self._next + ahead - 1)
        while self._scheduled <= limit:
            self._spawn(self._scheduled, self._fetch(self._scheduled))
            self._scheduled += 1

    async def _take(self, number: int) -> Any:
        task = self._tasks[number]
        try:
            return await task
        finally:
            self._tasks.pop(number, None)

    def _spawn(self, number: int, fetch: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(fetch)
        task.add_done_callback(_retrieve)  # a page nobody awaits logs nothing at exit
        self._tasks[number] = task

    async def _drop_after(self, number: int) -> None:
        """Cancel the pages scheduled past ``number`` (a page that ended the walk)."""
        late = [task for n, task in self._tasks.items() if n > number]
        self._tasks = {n: task for n, task in self._tasks.items() if n <= number}
        for task in late:
            task.cancel()
        if late:
            await asyncio.gather(*late, return_exceptions=True)

    async def aclose(self) -> None:
        """Cancel every page still in flight and wait for the cancellations."""
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


class Stream(Generic[T]):
    """The items of a list endpoint across all its pages. Returned without ``await``.

    Use ``async for item in stream``, ``stream.pages()``, ``await stream.first_page()``,
    ``await stream.collect(limit=N)``, or ``stream.raw()`` for the JSON dicts
    untouched. ``async with stream:`` cancels pages still in flight when you leave
    early.
    """

    def __init__(
        self,
        fetch: PageFetch,
        *,
        key: str,
        convert: Callable[[list[Any]], list[T]],
        concurrency: int | Callable[[], int] = 4,
        start_page: int = 1,
        dedupe: bool = True,
        shape: PageShape = HAL,
        follow: LinkFetch | None = None,
    ) -> None:
        if isinstance(concurrency, int) and concurrency < 1:
            raise ValueError(f"concurrency must be >= 1, got {concurrency!r}")
        if start_page < 1:
            raise ValueError(f"page must be >= 1, got {start_page!r}")
        self._fetch = fetch
        self._key = key
        self._convert = convert
        self._concurrency = concurrency
        self._start = start_page
        self._dedupe = dedupe
        self._shape = shape
        self._follow = follow
        self._walkers: set[_PageWalker] = set()

    def __repr__(self) -> str:
        window = "auto" if callable(self._concurrency) else self._concurrency
        return f"Stream(key={self._key!r}, shape={self._shape.name}, concurrency={window})"

    def raw(self) -> Stream[dict[str, Any]]:
        """The same stream yielding the API's JSON dicts as received."""
        return Stream(
            self._fetch,
            key=self._key,
            convert=_identity,
            concurrency=self._concurrency,
            start_page=self._start,
            dedupe=self._dedupe,
            shape=self._shape,
            follow=self._follow,
        )

    async def pages(self) -> AsyncGenerator[Page[T], None]:
        """Each page in order, with its items converted."""
        concurrency = self._concurrency
        window = concurrency if callable(concurrency) else lambda: concurrency
        walker = _PageWalker(
            self._fetch,
            start=self._start,
            window=window,
            shape=self._shape,
            key=self._key,
            follow=self._follow,
            slow_start=callable(concurrency),
        )
        self._walkers.add(walker)
        seen: set[int | str] = set()  # the ids of this walk (see the module doc)
        try:
            while (got := await walker.next_body()) is not None:
                number, body = got
                raw = self._shape.items(body, self._key)
                if self._dedupe:
                    raw = _first_sightings(raw, seen)
                yield self._page(raw, self._shape.figures(body, number, self._key))
        finally:
            self._walkers.discard(walker)
            await walker.aclose()

    async def __aiter__(self) -> AsyncIterator[T]:
        pages = self.pages()
        try:
            async for page in pages:
                for item in page.items:
                    yield item
        finally:
            await pages.aclose()

    async def first_page(self) -> Page[T]:
        """Only the first page (one request)."""
        body = await self._fetch(self._start)
        figures = self._shape.figures(body, self._start, self._key)
        return self._page(self._shape.items(body, self._key), figures)

    def _page(self, raw: list[Any], figures: Figures) -> Page[T]:
        return Page(
            items=self._convert(raw),
            number=figures.number,
            total_pages=figures.total_pages,
            total_elements=figures.total_elements,
            size=figures.size,
        )

    async def collect(self, limit: int | None = None) -> list[T]:
        """All items (or the first ``limit``) as a list; stops fetching at the limit."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, got {limit!r}")
        found: list[T] = []
        if limit == 0:
            return found
        async with self:
            async for item in self:
                found.append(item)
                if limit is not None and len(found) >= limit:
                    break
        return found

    async def aclose(self) -> None:
        """Cancel every page still in flight for this stream's iterations."""
        walkers = list(self._walkers)
        self._walkers.clear()
        for walker in walkers:
            await walker.aclose()

    async def __aenter__(self) -> Stream[T]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


def _identity(items: list[Any]) -> list[Any]:
    return items


def _first_sightings(raw: list[Any], seen: set[int | str]) -> list[Any]:
    """The items of ``raw`` whose id this walk has not yielded yet; their ids join ``seen``.

    Items without an int or str ``id`` are always kept.
    """
    kept: list[Any] = []
    for item in raw:
        key = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(key, int | str) and not isinstance(key, bool):
            if key in seen:
                continue
            seen.add(key)
        kept.append(item)
    return kept


def _retrieve(task: asyncio.Task[Any]) -> None:
    """Mark a page task's outcome as seen (its reader may have gone away)."""
    if not task.cancelled():
        task.exception()
