"""The sync cursor and its checkpoint file.

A run walks the records created up to its ``ceiling`` (one second before its
start on the server's clock) in ``createdAt`` order, split into shards: disjoint
``createdAt`` ranges walked at once. A shard's cursor is ``low``, the earliest
``createdAt`` not yet fully written, and ``seen``, the ids already written at
``low``; ``createdAt`` never changes, so an edit during the walk moves nobody and
a resumed run repeats at most the page that was being written. An incremental run
filters by ``modifiedSince`` = the previous run's start less a safety overlap.

The file is replaced atomically (temp file, fsync, rename), off the event loop.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs

from ._keys import parse_stamp

STATE_VERSION = 2
_SHARD_KEYS = {"low", "high", "seen", "done"}


class StateError(ValueError):
    """A checkpoint file that is not a sync state this version can read (one line)."""


@attrs.define(kw_only=True)
class Shard:
    """One ``createdAt`` range of a run and how far it is written.

    Attributes:
        low: the earliest ``createdAt`` not yet fully written (inclusive).
        high: the range's last ``createdAt`` (inclusive).
        seen: ids written whose ``createdAt`` equals ``low``.
        done: the whole range is written.
        origin: ``low`` when the shard was made (for its density estimate; not saved).
        written: records this shard wrote in this process (not saved).
        ahead: the newest ``createdAt`` being written right now (not saved).
    """

    low: str
    high: str
    seen: set[int] = attrs.field(factory=set)
    done: bool = False
    origin: str = ""
    written: int = 0
    ahead: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.origin:
            self.origin = self.low

    def to_json(self) -> dict[str, Any]:
        """The saved form."""
        return {"low": self.low, "high": self.high, "seen": sorted(self.seen), "done": self.done}


@attrs.define(kw_only=True)
class SyncState:
    """Where a sync stands.

    Attributes:
        resource: what is synced (``conversations`` or ``customers``).
        since: the ``modifiedSince`` of the current run (``None``: everything).
        started: the current run's start on the server's clock.
        ceiling: the newest ``createdAt`` the current run walks (``started`` less 1 s).
        shards: the current run's ranges.
        complete: the current run reached the end of every shard.
        previous_start: ``started`` of the last complete run (the next one's base).
        written: records written over all runs (a progress figure, not a cursor).
        runs: runs that started from this state.
    """

    resource: str
    since: str | None = None
    started: str | None = None
    ceiling: str | None = None
    shards: list[Shard] = attrs.field(factory=list)
    complete: bool = False
    previous_start: str | None = None
    written: int = 0
    runs: int = 0

    def to_json(self) -> dict[str, Any]:
        """The saved form (version 2)."""
        return {
            "version": STATE_VERSION,
            "resource": self.resource,
            "since": self.since,
            "started": self.started,
            "ceiling": self.ceiling,
            "shards": [s.to_json() for s in self.shards],
            "complete": self.complete,
            "previous_start": self.previous_start,
            "written": self.written,
            "runs": self.runs,
        }

    @classmethod
    def from_json(cls, data: Any, *, source: str = "state") -> SyncState:
        """Read a saved state; :class:`StateError` (one line, naming ``source``) if it is not one.

        A version 1 file (the old cursor on modification times) becomes a complete run
        that started at its watermark, so the next run is incremental from there.
        """
        if not isinstance(data, dict) or data.get("version") not in (1, STATE_VERSION):
            raise StateError(f"{source} is not a helpscout-async sync state (version 2)")
        try:
            resource = _text(data, "resource", required=True)
            assert resource is not None
            if data["version"] == 1:
                mark = _stamp(data, "watermark")
                return cls(
                    resource=resource,
                    complete=mark is not None,
                    previous_start=mark,
                    written=_count(data, "written"),
                    runs=_count(data, "runs"),
                )
            shards = data.get("shards", [])
            if not isinstance(shards, list):
                raise StateError("shards is not a list")
            return cls(
                resource=resource,
                since=_stamp(data, "since"),
                started=_stamp(data, "started"),
                ceiling=_stamp(data, "ceiling"),
                shards=[_shard(s) for s in shards],
                complete=_flag(data, "complete"),
                previous_start=_stamp(data, "previous_start"),
                written=_count(data, "written"),
                runs=_count(data, "runs"),
            )
        except StateError as exc:
            raise StateError(f"{source} is not a valid sync state: {exc}") from None


def _text(data: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise StateError(f"{key} is {value!r}, not a name")
    return value


def _stamp(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    stamp = parse_stamp(value)
    if stamp is None:
        raise StateError(f"{key} is {value!r}, not a time")
    return stamp


def _count(data: dict[str, Any], key: str) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise StateError(f"{key} is {value!r}, not a count")
    return value


def _flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise StateError(f"{key} is {value!r}, not true or false")
    return value


def _shard(data: Any) -> Shard:
    if not isinstance(data, dict) or not set(data) >= _SHARD_KEYS:
        raise StateError(f"a shard is {data!r}, not {{low, high, seen, done}}")
    low, high = _stamp(data, "low"), _stamp(data, "high")
    seen = data["seen"]
    ok = isinstance(seen, list) and all(
        isinstance(i, int) and not isinstance(i, bool) for i in seen
    )
    if low is None or high is None or not ok:
        raise StateError(f"a shard is {data!r}, not {{low, high, seen, done}}")
    return Shard(low=low, high=high, seen=set(seen), done=_flag(data, "done"))


class Checkpoint:
    """A state file replaced atomically: a crash leaves the old state or the new, never half."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def load(self) -> SyncState | None:
        """The saved state, or ``None`` when there is no file yet.

        Raises:
            StateError: the file is not JSON, or not a sync state (a ``ValueError``).
            OSError: the file cannot be read.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise StateError(f"state file {self.path} is not valid JSON: {exc}") from None
        return SyncState.from_json(data, source=f"state file {self.path}")

    def save(self, state: SyncState) -> None:
        """Write ``state`` durably now (blocking): temp file in the same folder, fsync, rename."""
        self.write(state.to_json())

    async def save_async(self, state: SyncState) -> None:
        """:meth:`save` with the disk work in a thread; the snapshot is taken at the call."""
        await asyncio.to_thread(self.write, state.to_json())

    def write(self, data: dict[str, Any]) -> None:
        """Write a state snapshot durably (blocking)."""
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(data, file, separators=(",", ":"))
                file.flush()
                os.fsync(file.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        try:
            dir_fd = os.open(folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
