"""Export a knowledge base: every article with its full text, or collections, categories...

``export_docs(docs, "articles", sink)`` walks every collection, lists its articles a
page at a time (``ArticleRef``s, without text), fetches each one in full, and hands
the page's articles to the sink exactly as the API sent them. With a ``state`` file it
is resumable: after each page is flushed, the file records the collections finished
and the article ids written in the current one, so a rerun skips what is done (the
current collection is listed again, its written articles are not fetched again). A
crash can repeat the last page, never lose it. Collections, categories, sites and
redirects are small: they are exported in one pass.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import HelpScoutError
from ..sync import Record, Sink, SyncStats
from ._base import unwrap
from .client import Docs

DOCS_RESOURCES = ("articles", "collections", "categories", "sites", "redirects")
"""What ``export_docs`` exports (``articles`` with their full text)."""

OnProgress = Callable[[SyncStats], None]


@attrs.define
class DocsCheckpoint:
    """Where an articles export stands, in a JSON file written atomically.

    Attributes:
        path: the state file.
        done: ids of the collections whose articles are all written.
        current: the collection being exported, if any.
        seen: ids of the articles of ``current`` already written.
        written: articles written so far (all runs).
        complete: whether the export reached the end.
    """

    path: Path
    done: list[str] = attrs.Factory(list)
    current: str | None = None
    seen: set[str] = attrs.Factory(set)
    written: int = 0
    complete: bool = False

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> DocsCheckpoint:
        """Read ``path`` (a fresh checkpoint when it does not exist).

        Raises:
            ValueError: the file is not an articles checkpoint.
        """
        where = Path(path)
        if not where.exists():
            return cls(where)
        try:
            data = json.loads(where.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{where} is not a readable checkpoint: {exc}") from None
        if not isinstance(data, Mapping) or data.get("resource") != "articles":
            raise ValueError(f"{where} is not a Docs articles checkpoint")
        return cls(
            where,
            done=[str(c) for c in data.get("done", [])],
            current=data.get("current"),
            seen={str(a) for a in data.get("seen", [])},
            written=int(data.get("written", 0)),
            complete=bool(data.get("complete", False)),
        )

    def save(self) -> None:
        """Write the state durably: a temporary file, fsync'd, then renamed over."""
        data = {
            "resource": "articles",
            "done": self.done,
            "current": self.current,
            "seen": sorted(self.seen),
            "written": self.written,
            "complete": self.complete,
        }
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)


async def export_docs(
    docs: Docs,
    resource: str,
    sink: Sink,
    *,
    state: str | os.PathLike[str] | None = None,
    on_progress: OnProgress | None = None,
) -> SyncStats:
    """Export one Docs resource to ``sink``, page by page, records as the API sent them.

    Args:
        docs: the client.
        resource: one of ``DOCS_RESOURCES``.
        sink: where the records go (flushed after every page).
        state: a checkpoint file that makes an ``articles`` export resumable.
        on_progress: called with the figures after every page.

    Returns:
        The run's figures (``finished`` once everything is written).

    Raises:
        ValueError: an unknown resource, or ``state`` for another resource than articles.
        HelpScoutError: the API failed (the checkpoint keeps what was done).
    """
    if resource not in DOCS_RESOURCES:
        raise ValueError(f"resource must be one of {', '.join(DOCS_RESOURCES)}, got {resource!r}")
    if state is not None and resource != "articles":
        raise ValueError("only an articles export takes a state file")
    stats = SyncStats(resource=resource)

    async def emit(records: Sequence[Record]) -> None:
        await sink.write(records)
        await sink.flush()
        stats.written += len(records)
        stats.pages += 1
        _tick(docs, stats, on_progress)

    if resource == "articles":
        checkpoint = DocsCheckpoint.load(state) if state is not None else None
        await _articles(docs, emit, stats, checkpoint, on_progress)
    elif resource == "collections":
        async for page in docs.collections.list().raw().pages():
            await emit(page.items)
    elif resource == "sites":
        async for page in docs.sites.list().raw().pages():
            await emit(page.items)
    else:
        parents = (
            docs.collections.list().raw() if resource == "categories" else docs.sites.list().raw()
        )
        async for parent in parents:
            pid = str(parent["id"])
            children = (
                docs.categories.list(pid) if resource == "categories" else docs.redirects.list(pid)
            )
            async for page in children.raw().pages():
                await emit(page.items)
    stats.finished = True
    _tick(docs, stats, on_progress)
    return stats


def _tick(docs: Docs, stats: SyncStats, on_progress: OnProgress | None) -> None:
    stats.requests = docs.requests_sent
    stats.rate_limited = docs.rate_limited
    if on_progress is not None:
        on_progress(stats)


async def _articles(
    docs: Docs,
    emit: Callable[[Sequence[Record]], Any],
    stats: SyncStats,
    checkpoint: DocsCheckpoint | None,
    on_progress: OnProgress | None,
) -> None:
    collections = await docs.collections.list(sort="number", order="asc").raw().collect()
    stats.total = sum(int(c.get("articleCount") or 0) for c in collections)
    if checkpoint is not None:
        if checkpoint.complete:  # a finished export: start again from nothing
            checkpoint = DocsCheckpoint(checkpoint.path)
        stats.total = max(0, stats.total - checkpoint.written)
    _tick(docs, stats, on_progress)
    for collection in collections:
        cid = str(collection["id"])
        if checkpoint is not None and cid in checkpoint.done:
            continue
        if checkpoint is not None and checkpoint.current != cid:
            checkpoint.current, checkpoint.seen = cid, set()
        stream = docs.articles.list(cid, sort="number", order="asc", page_size=100).raw()
        async for page in stream.pages():
            wanted = [
                str(ref["id"])
                for ref in page.items
                if checkpoint is None or str(ref["id"]) not in checkpoint.seen
            ]
            records = list(await asyncio.gather(*(_full(docs, aid) for aid in wanted)))
            await emit(records)
            if checkpoint is not None:
                checkpoint.seen.update(wanted)
                checkpoint.written += len(records)
                checkpoint.save()
        if checkpoint is not None:
            checkpoint.done.append(cid)
            checkpoint.current, checkpoint.seen = None, set()
            checkpoint.save()
    if checkpoint is not None:
        checkpoint.complete = True
        checkpoint.save()


async def _full(docs: Docs, article_id: str) -> Record:
    """One article with its text, as the API sent it."""
    response = await docs.articles._call("articles.get", article_id_or_number=article_id)
    record = unwrap(response.json(), "article", "articles.get")
    if record.get("id") != article_id:
        raise HelpScoutError(f"articles.get {article_id}: the answer is another article")
    return dict(record)


__all__ = ["DOCS_RESOURCES", "DocsCheckpoint", "export_docs"]
