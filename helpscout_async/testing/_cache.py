"""Caches that make list pages O(page): id lists, serialized pages and records.

Id lists and pages belong to a collection (``conversations``, ``customers``,
``directory``) and are dropped when the app writes to it (:meth:`Cache.changed`).
Serialized list items are kept per record and dropped one by one
(:meth:`Cache.forget`), so a new filter or sort order re-serializes nothing
that has not changed. A write made straight to the store is noticed through
``store.version`` (bumped by ``store.touch()``) and drops everything.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable

from ._store import Store

COLLECTIONS = ("conversations", "customers", "directory")


class Cache:
    """Id lists and page bytes per collection, invalidated on writes."""

    def __init__(
        self,
        store: Store,
        max_page_bytes: int = 32 * 1024 * 1024,
        max_item_bytes: int = 256 * 1024 * 1024,
    ) -> None:
        self.store = store
        self.max_page_bytes = max_page_bytes
        self.max_item_bytes = max_item_bytes
        self._items: dict[str, dict[int, bytes]] = {c: {} for c in COLLECTIONS}
        self._item_bytes = 0
        self.versions = dict.fromkeys(COLLECTIONS, 0)
        self._ids: dict[str, dict[Hashable, list[int]]] = {c: {} for c in COLLECTIONS}
        self._pages: dict[str, OrderedDict[Hashable, bytes]] = {
            c: OrderedDict() for c in COLLECTIONS
        }
        self._page_bytes = 0
        self._seen = store.version
        self.hits = 0
        self.misses = 0

    def _drop(self, collection: str) -> None:
        self.versions[collection] += 1
        self._ids[collection] = {}
        self._page_bytes -= sum(len(b) for b in self._pages[collection].values())
        self._pages[collection] = OrderedDict()

    def sync(self) -> None:
        """Drop everything if the store changed behind the app's back."""
        if self.store.version != self._seen:
            self.clear()

    def clear(self) -> None:
        """Drop every cached id list, page and record."""
        for c in COLLECTIONS:
            self._drop(c)
            self._items[c] = {}
        self._item_bytes = 0
        self._seen = self.store.version

    def adopt(self) -> None:
        """Accept the store's current version as seen (the caller invalidates by hand)."""
        self._seen = self.store.version

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

    def changed(self, *collections: str) -> None:
        """Record a write by the app: ``store.touch()`` and drop those collections."""
        self.sync()
        self.store.touch()
        for c in collections:
            self._drop(c)
        self._seen = self.store.version

    def ids(self, collection: str, key: Hashable, compute: Callable[[], list[int]]) -> list[int]:
        """The id list for ``key``, computed once per collection version."""
        self.sync()
        found = self._ids[collection].get(key)
        if found is None:
            found = self._ids[collection][key] = compute()
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
