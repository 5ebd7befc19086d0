"""Incremental sync over a ``createdAt`` keyset in concurrent shards, and reference exports.

The cursor is built only on what every body reliably carries: ``createdAt``,
which nothing ever changes. A run walks the records created up to one second
before its start (on the server's clock, from the first answer's ``Date``
header) in ``createdAt`` order, restarting each request from the last written
``createdAt`` (see ``_walk.py``), so an edit, a deletion or a body rendered
newer than its sort position moves nobody across the cursor. An incremental run
asks the server for ``modifiedSince`` = the previous run's start less a safety
overlap (``overlap``), which catches everything edited or created since,
including what was edited behind a shard's cursor during the previous run.

A keyset walk is serial, so the ``createdAt`` range is split into shards walked
at once: the first page tells the oldest ``createdAt``; whenever fewer shards
are being walked than the limiter wants requests in flight (rate x latency),
the shard with the most records left (its observed density x its remaining
span) is cut in two at its remaining midpoint. Each shard's cursor is in the
checkpoint, written after the sink has flushed the records it covers, so a
killed run resumes and repeats at most one page per shard.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from .. import _api
from ..client import HelpScout
from ..errors import HelpScoutError, NotFound
from ..pagination import Stream
from ._keys import format_stamp, record_key, shift, span, to_datetime
from ._sinks import Record, Sink
from ._state import Checkpoint, Shard, SyncState
from ._stats import Progress, Saver, SyncStats
from ._walk import Keyed, ShardWalk

log = logging.getLogger("helpscout_async.sync")

SYNCABLE = ("conversations", "customers")
PAGE_SIZES = {name: _api.operation(f"{name}.list").page_size or 50 for name in SYNCABLE}
"""The API's fixed page sizes of the synced lists (from the operation table)."""
DEFAULT_OVERLAP = timedelta(minutes=5)
EPOCH = "1970-01-01T00:00:00Z"
MIN_WORKERS = 4
_SPLIT_PAGES = 2  # cut a shard only if about this many pages are left in it


def _threads_incomplete(record: Mapping[str, Any]) -> bool:
    embedded = record.get("_embedded")
    threads = embedded.get("threads") if isinstance(embedded, Mapping) else None
    if not isinstance(threads, list):
        return True
    count = record.get("threads")
    return (isinstance(count, int) and count > len(threads)) or record.get("type") == "chat"


class _Run:
    """One sync run of one resource: the shards, the writes, the checkpoints."""

    def __init__(
        self,
        client: HelpScout,
        sink: Sink,
        state: SyncState,
        *,
        checkpoint: Checkpoint | None,
        filters: Mapping[str, Any],
        threads: bool,
        thread_concurrency: int,
        concurrency: int | None,
        on_progress: Progress | None,
    ) -> None:
        self.client = client
        self.sink = sink
        self.state = state
        self.filters = dict(filters)
        self.threads = threads and state.resource == "conversations"
        self.thread_slots = asyncio.Semaphore(thread_concurrency)
        self.concurrency = concurrency
        self.on_progress = on_progress
        self.stats = SyncStats(resource=state.resource, since=state.since)
        self.saver = Saver(checkpoint, state)
        self.page_size = PAGE_SIZES[state.resource]
        self.walker = ShardWalk(
            self._fetch,
            self._commit,
            self._reject,
            page_size=self.page_size,
            after_page=self._after_page,
        )
        self._sink_lock = asyncio.Lock()
        self._busy: set[int] = set()  # id() of shards being walked
        self._workers = 0
        self._group: asyncio.TaskGroup | None = None
        self._expected_density = 0.0  # records per second of createdAt, from page 1

    # -- requests

    def _stream(self, query: str | None, page: int) -> Stream[dict[str, Any]]:
        since = None if self.state.since is None else to_datetime(self.state.since)
        common: dict[str, Any] = {
            "modified_since": since,
            "sort_field": "createdAt",
            "sort_order": "asc",
            "query": query,
            "page": page,
            **self.filters,
        }
        if self.state.resource == "conversations":
            embed = "threads" if self.threads else None
            return self.client.conversations.list(embed=embed, **common).raw()
        return self.client.customers.list(**common).raw()

    async def _first(self, query: str | None, number: int) -> list[Any]:
        page = await self._stream(query, number).first_page()
        self.stats.pages += 1
        if not page.items and page.size == 0:
            raise HelpScoutError(
                f"the {self.state.resource} list answered page {number} without items "
                "or a page object; not a list page"
            )
        if self.stats.total is None:
            self.stats.total = page.total_elements
        return page.items

    async def _fetch(self, low: str, high: str, number: int) -> list[Any]:
        return await self._first(f"(createdAt:[{low} TO {high}])", number)

    # -- writes

    async def _commit(self, shard: Shard, keyed: list[Keyed]) -> None:
        """Write records (threads completed), flushed, before any cursor covers them."""
        records = [record for _, _, record in keyed]
        if self.threads:
            await self._complete_threads(records)
        async with self._sink_lock:
            await self.sink.write(records)
            # counted as soon as the sink has them (a figure, not a cursor: the cursor
            # moves only after the flush)
            shard.written += len(records)
            self.state.written += len(records)
            self.stats.written += len(records)
            await self.sink.flush()

    def _reject(self, item: Any, reason: str) -> None:
        rid = item.get("id") if isinstance(item, Mapping) else None
        if self.stats.reject(rid):
            log.warning("skipped a %s list item (id %r): %s", self.state.resource, rid, reason)

    async def _complete_threads(self, records: list[Record]) -> None:
        todo = [r for r in records if _threads_incomplete(r)]
        if not todo:
            return
        async with asyncio.TaskGroup() as group:
            for record in todo:
                group.create_task(self._fetch_threads(record))
        self.stats.thread_fetches += len(todo)

    async def _fetch_threads(self, record: Record) -> None:
        async with self.thread_slots:
            try:
                threads = await self.client.conversations.threads(record["id"]).raw().collect()
            except NotFound:  # deleted since it was listed: written as it was listed
                log.info("conversation %s was deleted before its threads were read", record["id"])
                return
        embedded = record.get("_embedded")
        if not isinstance(embedded, dict):
            embedded = record["_embedded"] = {}
        embedded["threads"] = threads

    def _after_page(self) -> None:
        self.saver.soon()
        self._report()
        self._grow()

    def _report(self) -> None:
        self.stats.requests = self.client.requests_sent
        self.stats.rate_limited = self.client.rate_limited
        self.stats.shards = len(self.state.shards)
        if self.on_progress is not None:
            self.on_progress(self.stats)

    # -- the run

    async def run(self) -> SyncStats:
        state = self.state
        resuming = not state.complete and state.started is not None
        state.runs += 1
        try:
            if not resuming:
                await self._begin()
            else:
                await self.saver.now()
            await self._walk_all()
        except BaseException:
            await self.saver.now()  # what was flushed stays claimed; the rest is repeated
            self._report()
            raise
        state.complete = True
        state.previous_start = state.started
        self.stats.finished = True
        await self.saver.now()
        self._report()
        return self.stats

    async def _begin(self) -> None:
        """Start a new run: one first page tells the server's time and the oldest record."""
        state = self.state
        state.complete = False
        state.shards = []
        sent = datetime.now(UTC)
        items = await self._first(None, 1)
        status = self.client.rate_limit_status
        now = status.server_date if status is not None else None
        if now is None:
            log.warning("the server sent no Date header; the run's start is this machine's clock")
            now = sent
        state.started = format_stamp(now)
        state.ceiling = shift(state.started, -1)
        keys = [k for k in map(record_key, items) if not isinstance(k, str)]
        oldest = min((stamp for _, stamp in keys), default=EPOCH)
        shard = Shard(low=min(oldest, state.ceiling), high=state.ceiling)
        state.shards.append(shard)
        total, seconds = self.stats.total or 0, span(shard.low, shard.high)
        # for cutting shards only, never for ending one: the server's count may lie
        self._expected_density = total / seconds if seconds > 0 else 0.0
        await self.saver.now()
        if items:
            progressed = await self.walker.take(shard, items)
            if not progressed and len(items) < self.page_size:
                shard.done = True
        else:
            shard.done = True
        self._after_page()

    async def _walk_all(self) -> None:
        try:
            async with asyncio.TaskGroup() as group:
                self._group = group
                self._grow(most=self._target())
        except BaseExceptionGroup as failed:
            errors = [e for e in failed.exceptions if not isinstance(e, asyncio.CancelledError)]
            raise (errors[0] if errors else failed) from None
        finally:
            self._group = None
        left = [s for s in self.state.shards if not s.done]
        if left:  # only if a worker ended without finishing, which walk() never does
            raise HelpScoutError(f"{len(left)} shards were left unfinished")

    def _target(self) -> int:
        if self.concurrency is not None:
            return self.concurrency
        # The limiter's rate x latency, bounded by the client's connections.
        return max(MIN_WORKERS, self.client.parallelism())

    def _grow(self, most: int = 1) -> None:
        """Start up to ``most`` workers while fewer shards are walked than the budget can feed.

        One at a time after each page, so a burst of slow first answers (new
        connections) does not cut the range into more shards than the pace needs;
        each shard costs one closing request.
        """
        if self._group is None:
            return
        for _ in range(most):
            if self._workers >= self._target():
                return
            shard = self._next_shard()
            if shard is None:
                return
            self._workers += 1
            self._busy.add(id(shard))
            self._group.create_task(self._worker(shard))

    async def _worker(self, shard: Shard | None) -> None:
        try:
            while shard is not None:
                try:
                    await self.walker.walk(shard)
                finally:
                    self._busy.discard(id(shard))
                self.saver.soon()
                # more walkers than the pace needs: let this one go
                shard = self._next_shard() if self._workers <= self._target() else None
                if shard is not None:
                    self._busy.add(id(shard))
        finally:
            self._workers -= 1

    def _next_shard(self) -> Shard | None:
        """A shard nobody walks, or a new one cut from the fullest shard being walked."""
        for shard in self.state.shards:
            if not shard.done and id(shard) not in self._busy:
                return shard
        busy = [s for s in self.state.shards if id(s) in self._busy and not s.done]
        if not busy:
            return None
        density = self._density()
        fullest = max(busy, key=lambda s: self._left(s, density))
        if self._left(fullest, density) < _SPLIT_PAGES * self.page_size:
            return None
        return self._split(fullest)

    def _density(self) -> float:
        """Records per second of ``createdAt``: as written so far, else as page 1 counted.

        0 when neither is known yet (a resumed run): no shard is cut before data says
        it holds more than a few pages.
        """
        covered = sum(span(s.origin, s.low) for s in self.state.shards)
        written = sum(s.written for s in self.state.shards)
        return written / covered if covered > 0 and written else self._expected_density

    @staticmethod
    def _frontier(shard: Shard) -> str:
        return max(shard.low, shard.ahead or shard.low)

    def _left(self, shard: Shard, density: float) -> float:
        """Records expected in the part of ``shard`` not written yet."""
        left = span(self._frontier(shard), shard.high)
        covered = span(shard.origin, shard.low)
        own = shard.written / covered if covered > 0 and shard.written else density
        return left * own

    def _split(self, shard: Shard) -> Shard | None:
        frontier = self._frontier(shard)
        middle = shift(frontier, span(frontier, shard.high) // 2)
        if middle < frontier or middle >= shard.high:
            return None
        cut = Shard(low=shift(middle, 1), high=shard.high)
        shard.high = middle
        self.state.shards.append(cut)
        return cut


async def sync(
    client: HelpScout,
    resource: str,
    sink: Sink,
    *,
    checkpoint: Checkpoint | None = None,
    since: datetime | None = None,
    status: str = "all",
    mailbox: int | None = None,
    threads: bool = True,
    thread_concurrency: int = 4,
    concurrency: int | None = None,
    overlap: timedelta = DEFAULT_OVERLAP,
    on_progress: Progress | None = None,
) -> SyncStats:
    """Write every record of ``resource`` created or modified since the cursor to ``sink``.

    The cursor comes from ``checkpoint`` when its file exists: an interrupted run
    resumes where its shards stopped; after a finished one this run is incremental,
    with ``modifiedSince`` = that run's start (server clock) less ``overlap``.
    Without a checkpoint the run writes everything (or what was modified since
    ``since``). Records created after the run's start are left to the next run.

    Args:
        client: the client to read with (its limiter sets the pace).
        resource: ``conversations`` or ``customers``.
        sink: where records go, page by page, flushed before each checkpoint.
        checkpoint: the state file to resume from and write to.
        since: for a first run, only records modified since (aware datetime).
        status: conversations of this status (``all`` by default).
        mailbox: only this mailbox's records.
        threads: complete each conversation's thread list where the embedded one
            may be short (a chat, or fewer embedded than counted).
        thread_concurrency: thread lists fetched at once.
        concurrency: shards walked at once (default: what the limiter wants in
            flight to spend its budget at the observed latency, at least 4).
        overlap: how far before the previous run's start an incremental run looks
            (covers the server's search index lagging behind its writes).
        on_progress: called with the run's figures after every page.

    Returns:
        The run's figures.

    Raises:
        ValueError: a bad argument, or a state file for another resource.
        TypeError: ``overlap`` is not a ``timedelta``.
        StateError: the state file is not a sync state (a ``ValueError``).
        HelpScoutError: the API failed or answered something that is not a list page.
    """
    if resource not in SYNCABLE:
        raise ValueError(f"resource must be one of {', '.join(SYNCABLE)}; got {resource!r}")
    if not isinstance(overlap, timedelta) or overlap < timedelta(0):
        raise TypeError("overlap must be a timedelta >= 0, e.g. timedelta(minutes=5)")
    if concurrency is not None and concurrency < 1:
        raise ValueError(f"concurrency must be >= 1 (shards walked at once); got {concurrency}")
    if since is not None and since.tzinfo is None:
        raise ValueError("since must be timezone-aware, e.g. datetime(2024, 1, 1, tzinfo=UTC)")
    state = checkpoint.load() if checkpoint is not None else None
    if state is None:
        state = SyncState(resource=resource, since=None if since is None else format_stamp(since))
    elif state.resource != resource:
        raise ValueError(f"the state file is for {state.resource!r}, not {resource!r}")
    elif state.complete and state.previous_start is not None:
        state.since = shift(state.previous_start, -overlap.total_seconds())
    filters: dict[str, Any] = {"mailbox": mailbox}
    if resource == "conversations":
        filters["status"] = status
    run = _Run(
        client,
        sink,
        state,
        checkpoint=checkpoint,
        filters=filters,
        threads=threads,
        thread_concurrency=thread_concurrency,
        concurrency=concurrency,
        on_progress=on_progress,
    )
    return await run.run()
