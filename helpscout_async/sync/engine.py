"""Incremental sync over a keyset cursor, and whole exports of reference data.

Page numbers shift while a list is walked: a conversation edited during the walk
moves to the end of a ``modifiedAt`` ordering, and everything behind it moves up a
place, so fetching "page 2" after "page 1" can skip a record that nobody touched.
The sync therefore never trusts a page number across records it has passed: each
request asks for ``modifiedSince=<watermark>`` sorted by ``modifiedAt`` ascending
and reads its first page, skipping the ids already written at the watermark. Only
when a whole page shares the watermark's timestamp (a bulk action touched many
records in one second) does it read further pages of the same query; before moving
past such a tie group it re-reads the group until a pass finds nothing new, since
records leaving the group shift the others up.

After every page the records are written and flushed to the sink, then the cursor
is checkpointed atomically, so a killed run resumes where it stopped, repeating at
most one page. Records are written as the API sent them; conversations get their
full thread list when the embedded one may be incomplete (fewer threads embedded
than the conversation counts, or a chat, whose embedded threads the API truncates).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import attrs

from ..client import HelpScout
from ..errors import HelpScoutError
from ..pagination import Page, Stream
from ._sinks import Record, Sink
from ._state import Checkpoint, SyncState

SYNCABLE = ("conversations", "customers")
REFERENCE = ("mailboxes", "folders", "fields", "users", "teams", "tags", "workflows")


@attrs.define(kw_only=True)
class SyncStats:
    """Progress figures of one run, updated after every page.

    Attributes:
        resource: what is being exported.
        written: records written in this run.
        pages: list pages read in this run.
        total: records the run expects to write (from the first page's totals).
        thread_fetches: conversations whose full thread list was fetched.
        requests: API requests the client has sent (retries included).
        rate_limited: 429 answers the client has received.
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
    started: float = attrs.field(factory=time.monotonic)
    finished: bool = False

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started


Progress = Callable[[SyncStats], None]


def stamp_of(record: Mapping[str, Any], keys: Sequence[str]) -> str:
    """A record's modification time as ``YYYY-MM-DDTHH:MM:SSZ`` (second resolution)."""
    for key in keys:
        raw = record.get(key)
        if isinstance(raw, str) and raw:
            when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    raise HelpScoutError(
        f"record {record.get('id')!r} has none of {', '.join(keys)}: cannot sync it by time"
    )


def _parse_stamp(stamp: str | None) -> datetime | None:
    return (
        None
        if stamp is None
        else datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    )


def _threads_incomplete(record: Mapping[str, Any]) -> bool:
    embedded = record.get("_embedded")
    threads = embedded.get("threads") if isinstance(embedded, Mapping) else None
    if not isinstance(threads, list):
        return True
    count = record.get("threads")
    return (isinstance(count, int) and count > len(threads)) or record.get("type") == "chat"


class _Run:
    """One sync run of one resource: the walk, the writes, the checkpoints."""

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
        on_progress: Progress | None,
    ) -> None:
        self.client = client
        self.sink = sink
        self.state = state
        self.checkpoint = checkpoint
        self.filters = dict(filters)
        self.threads = threads and state.resource == "conversations"
        self.thread_slots = asyncio.Semaphore(thread_concurrency)
        self.on_progress = on_progress
        self.stats = SyncStats(resource=state.resource)
        conversations = state.resource == "conversations"
        self.keys = (
            ("modifiedAt", "userUpdatedAt") if conversations else ("modifiedAt", "updatedAt")
        )

    def _stream(self, watermark: str | None, page: int) -> Stream[dict[str, Any]]:
        since = _parse_stamp(watermark)
        common: dict[str, Any] = {
            "modified_since": since,
            "sort_field": "modifiedAt",
            "sort_order": "asc",
            "page": page,
            **self.filters,
        }
        if self.state.resource == "conversations":
            embed = "threads" if self.threads else None
            return self.client.conversations.list(embed=embed, **common).raw()
        return self.client.customers.list(**common).raw()

    async def _page(self, watermark: str | None, number: int) -> Page[dict[str, Any]]:
        page = await self._stream(watermark, number).first_page()
        self.stats.pages += 1
        if self.stats.total is None:
            self.stats.total = page.total_elements
        return page

    async def run(self) -> SyncStats:
        self.state.runs += 1
        self.state.complete = False
        self._save()
        watermark = self.state.watermark
        number = 1
        while True:
            page = await self._page(watermark, number)
            stamped = [(stamp_of(r, self.keys), r) for r in page.items]
            at_mark = [(s, r) for s, r in stamped if s == watermark and not self._done(s, r)]
            beyond = [(s, r) for s, r in stamped if watermark is None or s > watermark]
            await self._emit(at_mark)
            last = page.number >= page.total_pages
            if beyond:
                if number > 1 and watermark is not None:
                    await self._settle_tie(watermark)
                await self._emit(beyond)
                watermark, number = self.state.watermark, 1
            elif number > 1 and last and watermark is not None:
                await self._settle_tie(watermark)
            else:
                number += 1
            if last:
                break
        self.state.complete = True
        self.stats.finished = True
        self._save()
        self._report()
        return self.stats

    async def _settle_tie(self, watermark: str) -> None:
        """Re-read the records at ``watermark`` until a pass finds none unwritten."""
        found = True
        while found:
            found = False
            number = 1
            while True:
                page = await self._page(watermark, number)
                stamped = [(stamp_of(r, self.keys), r) for r in page.items]
                fresh = [(s, r) for s, r in stamped if s == watermark and not self._done(s, r)]
                if fresh:
                    found = True
                    await self._emit(fresh)
                if any(s > watermark for s, _ in stamped) or page.number >= page.total_pages:
                    break
                number += 1

    def _done(self, stamp: str, record: Mapping[str, Any]) -> bool:
        return self.state.is_done(stamp, int(record["id"]))

    async def _emit(self, stamped: list[tuple[str, Record]]) -> None:
        """Write records (threads completed), flush, advance the cursor, checkpoint."""
        if stamped:
            records = [r for _, r in stamped]
            if self.threads:
                await self._complete_threads(records)
            await self.sink.write(records)
            await self.sink.flush()
            for stamp, record in stamped:
                self.state.advance(stamp, int(record["id"]))
            self.stats.written += len(records)
            self._save()  # only after the sink holds them: a crash repeats, never loses
        self._report()

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
            threads = await self.client.conversations.threads(int(record["id"])).raw().collect()
        embedded = record.get("_embedded")
        if not isinstance(embedded, dict):
            embedded = record["_embedded"] = {}
        embedded["threads"] = threads

    def _save(self) -> None:
        if self.checkpoint is not None:
            self.checkpoint.save(self.state)

    def _report(self) -> None:
        self.stats.requests = self.client.requests_sent
        self.stats.rate_limited = self.client.rate_limited
        if self.on_progress is not None:
            self.on_progress(self.stats)


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
    on_progress: Progress | None = None,
) -> SyncStats:
    """Write every record of ``resource`` modified since the cursor to ``sink``.

    The cursor comes from ``checkpoint`` when its file exists (an interrupted run
    resumes, a finished one continues incrementally), else from ``since`` (or the
    beginning). ``resource`` is ``conversations`` (``status`` defaults to ``all``) or
    ``customers``. Returns the run's figures.
    """
    if resource not in SYNCABLE:
        raise ValueError(f"resource must be one of {', '.join(SYNCABLE)}; got {resource!r}")
    state = checkpoint.load() if checkpoint is not None else None
    if state is None:
        watermark = None if since is None else _format_since(since)
        state = SyncState(resource=resource, watermark=watermark)
    elif state.resource != resource:
        raise ValueError(f"the state file is for {state.resource!r}, not {resource!r}")
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
        on_progress=on_progress,
    )
    return await run.run()


def _format_since(since: datetime) -> str:
    if since.tzinfo is None:
        raise ValueError("since must be timezone-aware, e.g. datetime(2024, 1, 1, tzinfo=UTC)")
    return since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


async def export(
    client: HelpScout,
    resource: str,
    sink: Sink,
    *,
    on_progress: Progress | None = None,
) -> SyncStats:
    """Write every record of a reference list (mailboxes, users, tags, ...) to ``sink``.

    Folders and custom fields are read for every mailbox; each of their records gets
    the ``mailboxId`` it belongs to (the only key added to what the API sent).
    """
    if resource not in REFERENCE:
        raise ValueError(f"resource must be one of {', '.join(REFERENCE)}; got {resource!r}")
    stats = SyncStats(resource=resource)

    async def drain(stream: Stream[dict[str, Any]], extra: Mapping[str, Any]) -> None:
        async with stream:
            async for page in stream.pages():
                stats.pages += 1
                records = [{**r, **extra} for r in page.items] if extra else page.items
                await sink.write(records)
                await sink.flush()
                stats.written += len(records)
                stats.requests = client.requests_sent
                stats.rate_limited = client.rate_limited
                if on_progress is not None:
                    on_progress(stats)

    if resource in ("folders", "fields"):
        mailboxes = await client.mailboxes.list().raw().collect()
        for mailbox in mailboxes:
            mailbox_id = int(mailbox["id"])
            group = client.mailboxes.folders if resource == "folders" else client.mailboxes.fields
            await drain(group(mailbox_id).raw(), {"mailboxId": mailbox_id})
    else:
        listing = getattr(client, resource).list()
        await drain(listing.raw(), {})
    stats.finished = True
    if on_progress is not None:
        on_progress(stats)
    return stats
