"""The walk key of a record: its id and its ``createdAt`` second, checked.

``createdAt`` is the key because every body carries it and nothing ever changes
it; ``modifiedAt`` is not in the bodies at all and ``userUpdatedAt`` misses
customers' replies (see DESIGN.md §1). Timestamps are compared as the API's
``YYYY-MM-DDTHH:MM:SSZ`` strings, which sort as times do; the API stamps and
filters at second resolution. A record the walk cannot key (not an object, no
integer id, no parsable ``createdAt``) is reported, never guessed at.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

STAMP = "%Y-%m-%dT%H:%M:%SZ"
WALK_KEY = "createdAt"


def parse_stamp(raw: Any) -> str | None:
    """``raw`` as ``YYYY-MM-DDTHH:MM:SSZ`` (UTC, whole seconds), or ``None`` if it is not a time."""
    if not isinstance(raw, str) or not raw:
        return None
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime(STAMP)


@functools.lru_cache(maxsize=4096)
def to_datetime(stamp: str) -> datetime:
    """A stamp (as made by :func:`parse_stamp`) as an aware datetime."""
    return datetime.fromisoformat(stamp)


def format_stamp(when: datetime) -> str:
    """An aware datetime as a stamp (fractions of a second dropped)."""
    return when.astimezone(UTC).strftime(STAMP)


def shift(stamp: str, seconds: float) -> str:
    """``stamp`` moved by ``seconds``."""
    return format_stamp(to_datetime(stamp) + timedelta(seconds=seconds))


def span(low: str, high: str) -> float:
    """Seconds from ``low`` to ``high`` (negative when ``high`` is earlier)."""
    return (to_datetime(high) - to_datetime(low)).total_seconds()


def record_key(record: Any) -> tuple[int, str] | str:
    """``(id, createdAt stamp)`` of a list item, or why it has none (a short reason)."""
    if not isinstance(record, Mapping):
        return f"not an object ({type(record).__name__})"
    rid = record.get("id")
    if isinstance(rid, bool) or not isinstance(rid, int):
        return "no integer id" if rid is None else f"id {rid!r} is not an integer"
    stamp = parse_stamp(record.get(WALK_KEY))
    if stamp is None:
        return f"{WALK_KEY} {record.get(WALK_KEY)!r} is not a time"
    return (rid, stamp)
