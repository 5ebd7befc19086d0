"""A run's progress figures, and the checkpoint writer that keeps up with them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import attrs

from ._state import Checkpoint, SyncState

MAX_REJECTED_IDS = 100


@attrs.define(kw_only=True)
class SyncStats:
    """Progress figures of one run, updated after every page.

    Attributes:
        resource: what is being exported.
        written: records written in this run.
        pages: list pages read in this run (every list request that was answered).
        total: records the run expects to write (from the first page's totals).
        thread_fetches: conversations whose full thread list was fetched.
        requests: API requests the client has sent (retries included).
        rate_limited: 429 answers the client has received.
        shards: ``createdAt`` ranges the run was split into.
        rejected: list items that could not be synced (not an object, no integer
            id, no parsable ``createdAt``); never written, never a cursor.
        rejected_ids: the ids of those that had one (the first 100).
        since: the run's ``modifiedSince`` (``None``: everything).
        started: ``time.monotonic()`` at the start.
        finished: whether the run reached the end of the list.
    """

    resource: str
    written: int = 0
    pages: int = 0
    total: int | None = None
    thread_fetches: int = 0
    requests: int = 0
    rate_limited: int = 0
    shards: int = 0
    rejected: int = 0
    rejected_ids: list[object] = attrs.field(factory=list)
    since: str | None = None
    started: float = attrs.field(factory=time.monotonic)
    finished: bool = False
    _rejected_seen: set[object] = attrs.field(factory=set, repr=False, alias="_rejected_seen")

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started

    def reject(self, rid: object) -> bool:
        """Count one rejected item and keep its id; ``False`` if that id was counted already."""
        if rid is not None:
            try:
                if rid in self._rejected_seen:
                    return False
                self._rejected_seen.add(rid)
            except TypeError:  # an unhashable "id"
                pass
        self.rejected += 1
        if rid is not None and len(self.rejected_ids) < MAX_REJECTED_IDS:
            self.rejected_ids.append(rid)
        return True


Progress = Callable[[SyncStats], None]


class Saver:
    """Writes the state after pages, in a thread, one write at a time, coalescing.

    Each write takes a snapshot of the state when it starts, on the event loop,
    where every cursor in it already points behind records the sink holds; so
    whichever write a crash leaves, it never claims a record that is not written.
    """

    def __init__(self, checkpoint: Checkpoint | None, state: SyncState) -> None:
        self._checkpoint = checkpoint
        self._state = state
        self._dirty = False
        self._task: asyncio.Task[None] | None = None

    def soon(self) -> None:
        """Ask for a write of the state as it will be when the next write starts."""
        if self._checkpoint is None:
            return
        self._dirty = True
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        assert self._checkpoint is not None
        while self._dirty:
            self._dirty = False
            await self._checkpoint.save_async(self._state)

    async def now(self) -> None:
        """Wait for pending writes, then write the state as it is."""
        await self.drain()
        if self._checkpoint is not None:
            await self._checkpoint.save_async(self._state)

    async def drain(self) -> None:
        """Wait until no write is pending."""
        task = self._task
        if task is not None:
            await task
