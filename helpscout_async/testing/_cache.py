"""Caches that make list pages O(page): sorted id lists, serialized pages and records.

Each collection (``conversations``, ``customers``, ``directory``) keeps:

- listings: the filtered, sorted ids of one filter set. A :class:`SortedIds`
  is kept up to date record by record when the app reports which ids a write
  touched, so even churn on every request costs O(changed x log n), not a
  re-sort; a :class:`StaticIds` is rebuilt after any write to its collection.
- pages: serialized page bytes, dropped on any write to the collection.
- items: each record's serialized list form, dropped one by one when it changes.

A write made straight to the store is noticed through ``store.version``
(bumped by ``store.touch()``) and drops everything.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from typing import Any, Protocol

from ._store import JSON, Store

COLLECTIONS = ("conversations", "customers", "directory")
MAX_LISTINGS = 64


class Listing(Protocol):
    """A filtered, sorted list of ids that can be sliced into pages."""

    def __len__(self) -> int: ...

    def page(self, start: int, stop: int) -> list[int]:
        """Ids at positions ``start:stop`` in the listing's order."""
        ...


class StaticIds:
    """A listing computed once; dropped when its collection changes."""

    updatable = False

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def page(self, start: int, stop: int) -> list[int]:
        """Ids at positions ``start:stop``."""
        return self.ids[start:stop]


class SortedIds:
    """Records matching a predicate, ordered by ``(key, id)``, updatable per record.

    Kept ascending; a descending listing reads it from the end, so ties are
    broken by id in the listing's direction.
    """

    updatable = True

    def __init__(
        self,
        records: Mapping[int, JSON],
        matches: Callable[[JSON], bool],
        key: Callable[[JSON], Any],
        *,
        descending: bool,
    ) -> None:
        self.records = records
        self.matches = matches
        self.key = key
        self.descending = descending
        self.entries = sorted((key(r), rid) for rid, r in records.items() if matches(r))
        self.keys = {rid: k for k, rid in self.entries}

    def __len__(self) -> int:
        return len(self.entries)

    def page(self, start: int, stop: int) -> list[int]:
        """Ids at positions ``start:stop`` in the listing's order."""
        if not self.descending:
            return [rid for _, rid in self.entries[start:stop]]
        n = len(self.entries)
        chunk = self.entries[max(0, n - stop) : max(0, n - start)]
        return [rid for _, rid in reversed(chunk)]

    def update(self, ids: Iterable[int]) -> None:
        """Re-place records that were created, changed or deleted."""
        for rid in ids:
            if rid in self.keys:
                old = self.keys.pop(rid)
                del self.entries[bisect_left(self.entries, (old, rid))]
            record = self.records.get(rid)
            if record is not None and self.matches(record):
                k = self.key(record)
                insort(self.entries, (k, rid))
                self.keys[rid] = k


class KeyRange:
    """The records of a :class:`SortedIds` whose sort key lies in ``[low, high]``.

    Two bisections on the sorted entries, so a ``createdAt:[a TO b]`` query over a
    listing sorted by ``createdAt`` costs O(log n + page), not a filtered re-sort.
    """

    def __init__(self, base: SortedIds, low: Any, high: Any) -> None:
        entries = base.entries
        self.base = base
        self.start = 0 if low is None else bisect_left(entries, (low,))
        self.stop = len(entries) if high is None else bisect_right(entries, (high, math.inf))

    def __len__(self) -> int:
        return max(0, self.stop - self.start)

    def page(self, start: int, stop: int) -> list[int]:
        """Ids at positions ``start:stop`` of the range, in the listing's order."""
        entries = self.base.entries
        if not self.base.descending:
            chunk = entries[self.start + start : min(self.stop, self.start + stop)]
            return [rid for _, rid in chunk]
        top = self.stop - start
        chunk = entries[max(self.start, self.stop - stop) : max(self.start, top)]
        return [rid for _, rid in reversed(chunk)]


def key_range(
    listing: StaticIds | SortedIds,
    low: Any,
    high: Any,
    key: Callable[[JSON], Any],
    records: Mapping[int, JSON],
) -> Listing:
    """``listing`` narrowed to records whose ``key`` lies in ``[low, high]`` (``None``: open)."""
    if isinstance(listing, SortedIds):
        return KeyRange(listing, low, high)

    def inside(rid: int) -> bool:
        value = key(records[rid]) if rid in records else None
        if value is None:
            return False
        return (low is None or value >= low) and (high is None or value <= high)

    return StaticIds([rid for rid in listing.ids if inside(rid)])


class Cache:
    """Listings, page bytes and item bytes per collection, invalidated on writes."""

    def __init__(
        self,
        store: Store,
        max_page_bytes: int = 32 * 1024 * 1024,
        max_item_bytes: int = 256 * 1024 * 1024,
    ) -> None:
        self.store = store
        self.max_page_bytes = max_page_bytes
        self.max_item_bytes = max_item_bytes
        self.versions = dict.fromkeys(COLLECTIONS, 0)
        self._listings: dict[str, OrderedDict[Hashable, StaticIds | SortedIds]] = {
            c: OrderedDict() for c in COLLECTIONS
        }
        self._pages: dict[str, OrderedDict[Hashable, bytes]] = {
            c: OrderedDict() for c in COLLECTIONS
        }
        self._items: dict[str, dict[int, bytes]] = {c: {} for c in COLLECTIONS}
        self._page_bytes = 0
        self._item_bytes = 0
        self._seen = store.version
        self.hits = 0
        self.misses = 0

    # -- invalidation

    def _drop_pages(self, collection: str) -> None:
        self.versions[collection] += 1
        self._page_bytes -= sum(len(b) for b in self._pages[collection].values())
        self._pages[collection] = OrderedDict()

    def sync(self) -> None:
        """Drop everything if the store changed behind the app's back."""
        if self.store.version != self._seen:
            self.clear()

    def clear(self) -> None:
        """Drop every listing, page and item."""
        for c in COLLECTIONS:
            self._drop_pages(c)
            self._listings[c] = OrderedDict()
            self.forget_all(c)
        self._seen = self.store.version

    def adopt(self) -> None:
        """Accept the store's current version as seen (the caller invalidates by hand)."""
        self._seen = self.store.version

    def changed(self, *rebuild: str, update: Mapping[str, Collection[int]] | None = None) -> None:
        """Record a write by the app and bump ``store.version``.

        Args:
            rebuild: collections whose listings must all be recomputed.
            update: collection -> ids of records created, changed or deleted;
                updatable listings re-place just those, others are dropped.
        """
        self.sync()
        self.store.touch()
        for c in rebuild:
            self._drop_pages(c)
            self._listings[c] = OrderedDict()
        for c, ids in (update or {}).items():
            self._drop_pages(c)
            self.forget(c, ids)
            listings = self._listings[c]
            for key, listing in list(listings.items()):
                if isinstance(listing, SortedIds):
                    listing.update(ids)
                else:
                    del listings[key]
        self._seen = self.store.version

    # -- listings and pages

    def listing(
        self,
        collection: str,
        key: Hashable,
        build: Callable[[], StaticIds | SortedIds],
    ) -> StaticIds | SortedIds:
        """The listing for ``key``, built once and kept (LRU, bounded)."""
        self.sync()
        listings = self._listings[collection]
        found = listings.get(key)
        if found is None:
            found = listings[key] = build()
            if len(listings) > MAX_LISTINGS:
                listings.popitem(last=False)
        else:
            listings.move_to_end(key)
        return found

    def page(self, collection: str, key: Hashable, build: Callable[[], bytes]) -> bytes:
        """Serialized page bytes for ``key``, LRU-bounded by total size."""
        self.sync()
        pages = self._pages[collection]
        found = pages.get(key)
        if found is not None:
            self.hits += 1
            pages.move_to_end(key)
            return found
        self.misses += 1
        body = build()
        pages[key] = body
        self._page_bytes += len(body)
        while self._page_bytes > self.max_page_bytes:
            victim = max(COLLECTIONS, key=lambda c: len(self._pages[c]))
            _, old = self._pages[victim].popitem(last=False)
            self._page_bytes -= len(old)
        return body

    # -- serialized records

    def forget_all(self, collection: str) -> None:
        """Drop the serialized form of every record of ``collection``."""
        self._item_bytes -= sum(len(b) for b in self._items[collection].values())
        self._items[collection] = {}

    def forget(self, collection: str, ids: Iterable[int]) -> None:
        """Drop the serialized form of records that changed."""
        items = self._items[collection]
        for rid in ids:
            old = items.pop(rid, None)
            if old is not None:
                self._item_bytes -= len(old)

    def item(self, collection: str, rid: int, build: Callable[[], bytes]) -> bytes:
        """The serialized list item of one record, built once until it changes."""
        items = self._items[collection]
        found = items.get(rid)
        if found is None:
            found = items[rid] = build()
            self._item_bytes += len(found)
            if self._item_bytes > self.max_item_bytes:
                for c in COLLECTIONS:
                    self.forget_all(c)
        return found
