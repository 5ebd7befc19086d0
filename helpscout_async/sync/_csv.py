"""A CSV sink: one row per record, a fixed set of flattened common fields per resource.

CSV is a flat view for spreadsheets; JSONL is the lossless export. Each resource
has its own columns (``CSV_COLUMNS``); a column named with a dot (``assignee.email``)
reads a nested field, ``tags`` joins tag names with ``;`` and ``email`` of a customer
is the first of its emails when the record carries any (the list endpoint usually
does not embed them). Missing values are empty cells.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from ._sinks import FileSink, Record

CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "conversations": (
        "id",
        "number",
        "status",
        "type",
        "subject",
        "mailboxId",
        "assignee.email",
        "primaryCustomer.email",
        "tags",
        "createdAt",
        "modifiedAt",
        "closedAt",
        "threads",
    ),
    "customers": (
        "id",
        "firstName",
        "lastName",
        "email",
        "organization",
        "createdAt",
        "updatedAt",
    ),
    "mailboxes": ("id", "name", "slug", "email", "createdAt", "updatedAt"),
    "folders": ("id", "mailboxId", "name", "type", "userId", "totalCount", "activeCount"),
    "fields": ("id", "mailboxId", "name", "type", "required", "order"),
    "users": ("id", "firstName", "lastName", "email", "role", "type", "createdAt", "updatedAt"),
    "teams": ("id", "name", "mention", "createdAt", "updatedAt"),
    "tags": ("id", "name", "slug", "color", "ticketCount", "createdAt", "updatedAt"),
    "workflows": ("id", "mailboxId", "name", "type", "status", "order", "createdAt"),
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return ""
    return str(value)


def _dig(record: Mapping[str, Any], path: str) -> Any:
    value: Any = record
    for key in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _tags(record: Mapping[str, Any]) -> str:
    tags = record.get("tags")
    if not isinstance(tags, list):
        return ""
    names = (t.get("tag") or t.get("name") if isinstance(t, Mapping) else t for t in tags)
    return ";".join(str(n) for n in names if n)


def _thread_count(record: Mapping[str, Any]) -> Any:
    count = record.get("threads")
    if isinstance(count, int):
        return count
    embedded = _dig(record, "_embedded.threads")
    return len(embedded) if isinstance(embedded, list) else None


def _first_email(record: Mapping[str, Any]) -> Any:
    for emails in (_dig(record, "_embedded.emails"), record.get("emails")):
        if isinstance(emails, list) and emails:
            first = emails[0]
            return first.get("value") if isinstance(first, Mapping) else first
    return record.get("email")


_SPECIAL: dict[tuple[str, str], Callable[[Mapping[str, Any]], Any]] = {
    ("conversations", "tags"): _tags,
    ("conversations", "threads"): _thread_count,
    ("customers", "email"): _first_email,
}


def flatten(resource: str, record: Mapping[str, Any]) -> dict[str, str]:
    """The CSV row of ``record``: ``CSV_COLUMNS[resource]`` mapped to text."""
    row = {}
    for column in CSV_COLUMNS[resource]:
        special = _SPECIAL.get((resource, column))
        row[column] = _cell(special(record) if special else _dig(record, column))
    return row


class CsvSink(FileSink):
    """Rows of ``CSV_COLUMNS[resource]`` with a header line, UTF-8.

    ``append=True`` continues a file (resuming); a non-empty file must then start
    with the same header, and none is written again.
    """

    def __init__(
        self, path: str | os.PathLike[str], resource: str, *, append: bool = False
    ) -> None:
        if resource not in CSV_COLUMNS:
            raise ValueError(
                f"no CSV columns for {resource!r}; use one of {', '.join(CSV_COLUMNS)}"
            )
        self.path = Path(path)
        self.resource = resource
        self.columns = CSV_COLUMNS[resource]
        header = not append or self._check_header()
        super().__init__(path, append=append, newline="")
        self._writer = csv.DictWriter(self._open_file(), fieldnames=self.columns)
        if header:
            self._writer.writeheader()

    def _check_header(self) -> bool:
        """Whether an appended file still needs a header; raise if it has another one."""
        try:
            with open(self.path, encoding="utf-8", newline="") as existing:
                first = next(csv.reader(existing), None)
        except FileNotFoundError:
            return True
        if first is None:
            return True
        if tuple(first) != self.columns:
            raise ValueError(
                f"{self.path} does not start with the {self.resource} CSV header; "
                "cannot append to it"
            )
        return False

    def _write(self, file: IO[str], records: Sequence[Record]) -> None:
        self._writer.writerows(flatten(self.resource, r) for r in records)
