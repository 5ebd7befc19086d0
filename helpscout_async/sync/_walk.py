"""The walk of one shard: a keyset on ``createdAt``, restarted from the cursor each request.

Each request asks for ``createdAt:[low TO high]`` sorted by ``createdAt`` ascending
and reads its first page; records already written at ``low`` (``seen``) are
skipped, the rest are written, then the cursor moves to the page's newest
``createdAt``. Nothing ever changes a ``createdAt``, so edits, deletions and
races during the walk move no one across the cursor. The walk never trusts
``totalPages`` or ``page.number``: an empty page ends it, and so does a short page
that brought nothing new.

When a full page brought nothing past ``low``, at least a page of records share
that second: the walk then pages through ``createdAt:[low TO low]`` (page 2, 3, …)
and settles the group by re-reading it from page 1 until a pass finds nothing
new (records deleted from the group meanwhile shift the rest up a page), then
continues at ``low`` + 1 s. A page that repeats the previous one's ids (a server
that ignores ``page``) ends a pass; passes and pages per group are capped.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from ._keys import record_key, shift
from ._sinks import Record
from ._state import Shard

log = logging.getLogger("helpscout_async.sync")

Fetch = Callable[[str, str, int], Awaitable[list[Any]]]
"""Fetches page N of ``createdAt:[low TO high]`` sorted ascending; the raw items."""
Keyed = tuple[int, str, Record]
Commit = Callable[[Shard, list[Keyed]], Awaitable[None]]
"""Writes records durably (then the walk moves the shard's cursor)."""
Reject = Callable[[Any, str], None]
"""Reports an item that cannot be keyed, and why."""

MAX_SETTLE_PASSES = 4
MAX_GROUP_PAGES = 400  # 10,000 conversations created in one second


class ShardWalk:
    """Walks shards to their end through ``fetch``, writing through ``commit``."""

    def __init__(
        self,
        fetch: Fetch,
        commit: Commit,
        reject: Reject,
        *,
        page_size: int,
        after_page: Callable[[], None],
    ) -> None:
        self._fetch = fetch
        self._commit = commit
        self._reject = reject
        self.page_size = page_size
        self._after_page = after_page

    async def walk(self, shard: Shard) -> None:
        """Write every record of ``shard`` not yet written; mark it done."""
        while not shard.done:
            if shard.low > shard.high:
                shard.done = True
                break
            items = await self._fetch(shard.low, shard.high, 1)
            progressed = await self.take(shard, items)
            if not items or (not progressed and len(items) < self.page_size):
                shard.done = True
            elif not progressed and self._at(shard.low, items):
                await self._group(shard)
            elif not progressed:
                await self._skip(shard)  # a full page of items that cannot be keyed
            self._after_page()

    async def take(self, shard: Shard, items: Sequence[Any]) -> bool:
        """Write the records of one page not yet written; move the cursor. Whether any were."""
        fresh = self._fresh(shard, items, shard.low, shard.high)
        if not fresh:
            return False
        top = max(stamp for _, stamp, _ in fresh)
        shard.ahead = top
        try:
            await self._commit(shard, fresh)
        finally:
            shard.ahead = None
        if top > shard.low:
            shard.low = top
            shard.seen = {rid for rid, stamp, _ in fresh if stamp == top}
        else:
            shard.seen.update(rid for rid, _, _ in fresh)
        return True

    @staticmethod
    def _at(second: str, items: Sequence[Any]) -> bool:
        """Whether any record of a page was created in ``second``."""
        return any(not isinstance(k, str) and k[1] == second for k in map(record_key, items))

    async def _skip(self, shard: Shard) -> None:
        """Page past items that cannot be keyed until a page brings records; else end."""
        previous: frozenset[int] | None = None
        for number in range(2, 2 + MAX_GROUP_PAGES):
            items = await self._fetch(shard.low, shard.high, number)
            self._after_page()
            ids = frozenset(k[0] for k in map(record_key, items) if not isinstance(k, str))
            if not items or (previous is not None and ids == previous):
                break
            previous = ids
            if await self.take(shard, items):
                return  # the cursor moved past the junk: back to page 1 from there
            if len(items) < self.page_size:
                break
        log.warning("no usable records after %s in [%s, %s]", shard.low, shard.low, shard.high)
        shard.done = True

    def _fresh(self, shard: Shard, items: Sequence[Any], low: str, high: str) -> list[Keyed]:
        """The records of a page inside ``[low, high]`` (and the shard) not written yet."""
        out: list[Keyed] = []
        taken: set[int] = set()
        for item in items:
            key = record_key(item)
            if isinstance(key, str):
                self._reject(item, key)
                continue
            rid, stamp = key
            if stamp < max(low, shard.low) or stamp > min(high, shard.high):
                continue  # written already, or another shard's (the range was split)
            if (stamp == shard.low and rid in shard.seen) or rid in taken:
                continue
            taken.add(rid)
            out.append((rid, stamp, item))
        return out

    async def _group(self, shard: Shard) -> None:
        """Write every record created in the second ``shard.low``, then move past it."""
        second = shard.low
        first = 2  # page 1 of [second TO second] is the page just read
        for attempt in range(MAX_SETTLE_PASSES + 1):
            found = await self._pass(shard, second, first)
            if not found and attempt > 0:
                break
            first = 1
        else:
            log.warning(
                "records created at %s kept appearing after %d passes; moving on",
                second,
                MAX_SETTLE_PASSES,
            )
        shard.low = shift(second, 1)
        shard.seen = set()
        if shard.low > shard.high:
            shard.done = True

    async def _pass(self, shard: Shard, second: str, first: int) -> bool:
        """Read ``[second TO second]`` from page ``first`` to its end; whether any was new."""
        found = False
        previous: frozenset[int] | None = None
        for number in range(first, first + MAX_GROUP_PAGES):
            items = await self._fetch(second, second, number)
            ids = frozenset(k[0] for k in map(record_key, items) if not isinstance(k, str))
            if not items or ids == previous:
                self._after_page()
                return found
            previous = ids
            fresh = self._fresh(shard, items, second, second)
            if fresh:
                found = True
                await self._commit(shard, fresh)
                shard.seen.update(rid for rid, _, _ in fresh)
            self._after_page()
            if len(items) < self.page_size:
                return found
        log.warning("more than %d pages created at %s; moving on", MAX_GROUP_PAGES, second)
        return found
