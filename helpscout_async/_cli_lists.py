"""What ``export`` can list, derived from the operation table, and the walk that writes it.

A Mailbox row is exportable when it is a list (it has a page shape) whose client
method needs nothing but its path parameters, and each path parameter can be
enumerated from a parent list without parameters of its own (``mailbox_id`` from
``mailboxes.list``, ``team_id`` from ``teams.list``). Left out: the incremental
sync's resources (conversations, customers: their own path, and any list of their
items), parents that are themselves those (a customer's emails would cost a request
per customer), reports (their own command) and other families (Docs has its own
export). A row landing in the table becomes exportable with no change here.

Names: ``G.list`` is ``G`` (``saved_replies`` -> ``saved-replies``); another list
call is ``{singular G}-{call}`` (``users.statuses`` -> ``user-statuses``), except the
two names the command always had (``folders``, ``fields``). Records are written as
the API sent them; a child record gets its parent's id (``mailboxId``), the only key
added.
"""

from __future__ import annotations

import csv
import inspect
import os
import re
import types
import typing
from collections.abc import Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import IO, Any

import attrs

from . import _api, models
from ._convert._generate import api_keys
from .client import HelpScout
from .pagination import Stream
from .sync import CSV_COLUMNS, SYNCABLE, Sink, SyncStats
from .sync._csv import _cell, _dig
from .sync._sinks import FileSink, Record
from .sync._stats import Progress

_SKIPPED_GROUPS = frozenset({*SYNCABLE, "reports"})
_LEGACY = {"mailboxes.folders": "folders", "mailboxes.fields": "fields"}


@attrs.frozen
class Listing:
    """One exportable list: its CLI name, its row and the rows that enumerate its parents."""

    name: str
    op: _api.Operation
    parents: tuple[tuple[str, _api.Operation], ...]
    """``(path parameter, parent list row)`` in path order."""


def _singular(group: str) -> str:
    for tail, short in (("xes", "x"), ("ies", "y"), ("s", "")):
        if group.endswith(tail):
            return group[: -len(tail)] + short
    return group


def _name(op: _api.Operation) -> str:
    if op.name in _LEGACY:
        return _LEGACY[op.name]
    if op.call == "list":
        return op.group.replace("_", "-")
    return f"{_singular(op.group)}-{op.call}".replace("_", "-")


def _method_takes_only(op: _api.Operation) -> bool:
    """Whether the client method of ``op`` needs no argument but its path parameters."""
    group = _GROUPS.get(op.group)
    method = getattr(group, op.call, None) if group is not None else None
    if method is None:
        return False
    params = list(inspect.signature(method).parameters.values())[1:]  # self
    required = {
        p.name
        for p in params
        if p.default is inspect.Parameter.empty
        and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    }
    return required == set(op.params)


def _read_groups() -> dict[str, type[Any]]:
    client = HelpScout(access_token="x" * 8)  # no session, no request: only the groups
    return {
        name: type(value)
        for name, value in vars(client).items()
        if not name.startswith("_") and hasattr(value, "_transport")
    }


_GROUPS = _read_groups()


def _parent_of(param: str, rows: Mapping[str, _api.Operation]) -> _api.Operation | None:
    """The list row that enumerates ``param`` (``mailbox_id`` -> ``mailboxes.list``)."""
    stem = param.removesuffix("_id")
    for group in (f"{stem}s", f"{stem}es", f"{stem[:-1]}ies" if stem.endswith("y") else ""):
        parent = rows.get(f"{group}.list")
        if parent is not None and not parent.params and group not in _SKIPPED_GROUPS:
            return parent
    return None


def listings(rows: tuple[_api.Operation, ...] = _api.OPERATIONS) -> dict[str, Listing]:
    """Every exportable list of ``rows`` (default the whole table), by CLI name, in order."""
    mailbox = {op.name: op for op in rows if op.family == "mailbox"}
    found: dict[str, Listing] = {}
    for op in mailbox.values():
        if op.page is None or op.key is None or op.method != "GET" or op.accept is not None:
            continue
        if op.group in _SKIPPED_GROUPS or op.key in SYNCABLE:
            continue
        if not _method_takes_only(op):
            continue
        parents = []
        for param in op.params:
            parent = _parent_of(param, mailbox)
            if parent is None:
                break
            parents.append((param, parent))
        else:
            found.setdefault(_name(op), Listing(_name(op), op, tuple(parents)))
    return found


LISTINGS: MappingProxyType[str, Listing] = MappingProxyType(listings())
"""The lists ``export`` knows, by name (e.g. ``saved-replies``)."""


def _camel(param: str) -> str:
    head, *rest = param.split("_")
    return head + "".join(part.title() for part in rest)


def _stream(client: HelpScout, op: _api.Operation, args: dict[str, Any]) -> Stream[Any]:
    stream: Stream[Any] = getattr(getattr(client, op.group), op.call)(**args)
    return stream


async def export_list(
    client: HelpScout, name: str, sink: Sink, *, on_progress: Progress | None = None
) -> SyncStats:
    """Write every record of the list ``name`` (see ``LISTINGS``) to ``sink``, page by page.

    Args:
        client: the client to read with.
        name: an exportable list's name (``saved-replies``, ``folders``, ...).
        sink: where records go; flushed after every page.
        on_progress: called with the run's figures after every page.

    Returns:
        The run's figures.

    Raises:
        ValueError: ``name`` is not an exportable list.
        HelpScoutError: the API failed.
    """
    listing = LISTINGS.get(name)
    if listing is None:
        raise ValueError(f"name must be one of {', '.join(LISTINGS)}; got {name!r}")
    stats = SyncStats(resource=name)

    async def drain(stream: Stream[Any], extra: Mapping[str, Any]) -> None:
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

    combos: list[dict[str, Any]] = [{}]
    for param, parent in listing.parents:
        ids = [r["id"] for r in await _stream(client, parent, {}).raw().collect()]
        combos = [{**c, param: i} for c in combos for i in ids]
    for args in combos:
        extra = {_camel(p): v for p, v in args.items()}
        await drain(_stream(client, listing.op, args).raw(), extra)
    stats.finished = True
    if on_progress is not None:
        on_progress(stats)
    return stats


_FLAT = (str, int, bool, float, datetime)
_SECRET = re.compile(r"secret|token|password", re.I)
"""Columns never written to a CSV (a webhook's signing secret)."""


def _flat(hint: Any) -> bool:
    """Whether a field's type is one CSV cell (a scalar, or an optional one)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return all(_flat(arg) for arg in typing.get_args(hint) if arg is not type(None))
    if typing.get_origin(hint) is typing.Literal:
        return True
    return isinstance(hint, type) and issubclass(hint, _FLAT)


def csv_columns(listing: Listing) -> tuple[str, ...]:
    """The CSV columns of ``listing``: the command's own, else its model's scalar fields.

    A model's columns are its scalar fields' JSON keys (``id`` first), after the
    parent ids the export adds (``mailboxId``).
    """
    if listing.name in CSV_COLUMNS:
        return CSV_COLUMNS[listing.name]
    cls = getattr(models, listing.op.model or "", None)
    if cls is None or not attrs.has(cls):
        return ()
    hints = typing.get_type_hints(cls)
    keys = api_keys(cls)
    own = [
        keys[a.name]
        for a in attrs.fields(cls)
        if _flat(hints.get(a.name)) and not _SECRET.search(a.name)
    ]
    parents = [_camel(param) for param, _ in listing.parents]
    ordered = sorted(own, key=lambda key: key != "id")
    return tuple(dict.fromkeys([*ordered[:1], *parents, *ordered[1:]]))


class ListCsvSink(FileSink):
    """One CSV row per record of an exportable list, with a header line, UTF-8."""

    def __init__(self, path: str | os.PathLike[str], columns: Sequence[str]) -> None:
        if not columns:
            raise ValueError("no columns for a CSV export")
        self.columns = tuple(columns)
        super().__init__(path, append=False, newline="")
        self._writer = csv.DictWriter(self._open_file(), fieldnames=self.columns)
        self._writer.writeheader()

    def _write(self, file: IO[str], records: Sequence[Record]) -> None:
        self._writer.writerows({c: _cell(_dig(r, c)) for c in self.columns} for r in records)


__all__ = ["LISTINGS", "ListCsvSink", "Listing", "csv_columns", "export_list", "listings"]
