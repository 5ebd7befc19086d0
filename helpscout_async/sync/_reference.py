"""Whole exports of reference lists (mailboxes, folders, users, tags, ...), page by page.

Reference lists are small and have no cursor: each run writes all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..client import HelpScout
from ..pagination import Stream
from ._sinks import Sink
from ._stats import Progress, SyncStats

REFERENCE = ("mailboxes", "folders", "fields", "users", "teams", "tags", "workflows")


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

    Args:
        client: the client to read with.
        resource: one of ``REFERENCE``.
        sink: where records go, page by page.
        on_progress: called with the run's figures after every page.

    Returns:
        The run's figures.

    Raises:
        ValueError: ``resource`` is not a reference list.
        HelpScoutError: the API failed.
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
