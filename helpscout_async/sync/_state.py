"""The sync cursor and its checkpoint file, written atomically after every page.

The cursor is a keyset position: the ``watermark`` (the newest modification time
fully or partly written, as the API's ``YYYY-MM-DDTHH:MM:SSZ`` string) and the ids
already written *at* that time. Together they say exactly what is done even when
many records share one timestamp, so a resumed or incremental run repeats nothing
it finished and skips nothing it did not.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs

STATE_VERSION = 1


@attrs.define(kw_only=True)
class SyncState:
    """Where a sync stands.

    Attributes:
        resource: what is synced (``conversations`` or ``customers``).
        watermark: the newest modification time written so far, or ``None``.
        seen: ids written with modification time == ``watermark``.
        complete: the last run reached the end of the list.
        written: records written over all runs (a progress figure, not a cursor).
        runs: runs that started from this state.
    """

    resource: str
    watermark: str | None = None
    seen: set[int] = attrs.field(factory=set)
    complete: bool = False
    written: int = 0
    runs: int = 0

    def is_done(self, stamp: str, record_id: int) -> bool:
        """Whether a record modified at ``stamp`` is already written."""
        if self.watermark is None:
            return False
        return stamp < self.watermark or (stamp == self.watermark and record_id in self.seen)

    def advance(self, stamp: str, record_id: int) -> None:
        """Record that the record ``record_id`` modified at ``stamp`` is written."""
        if self.watermark is None or stamp > self.watermark:
            self.watermark = stamp
            self.seen = {record_id}
        elif stamp == self.watermark:
            self.seen.add(record_id)
        self.written += 1

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "resource": self.resource,
            "watermark": self.watermark,
            "seen": sorted(self.seen),
            "complete": self.complete,
            "written": self.written,
            "runs": self.runs,
        }

    @classmethod
    def from_json(cls, data: Any, *, source: str = "state") -> SyncState:
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise ValueError(f"{source} is not a helpscout-async sync state (version 1)")
        return cls(
            resource=str(data["resource"]),
            watermark=data.get("watermark"),
            seen={int(i) for i in data.get("seen", [])},
            complete=bool(data.get("complete", False)),
            written=int(data.get("written", 0)),
            runs=int(data.get("runs", 0)),
        )


class Checkpoint:
    """A state file replaced atomically: a crash leaves the old state or the new, never half."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def load(self) -> SyncState | None:
        """The saved state, or ``None`` when there is no file yet."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"state file {self.path} is not valid JSON: {exc}") from None
        return SyncState.from_json(data, source=f"state file {self.path}")

    def save(self, state: SyncState) -> None:
        """Write ``state`` durably: temp file in the same folder, fsync, rename."""
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(state.to_json(), file, separators=(",", ":"))
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
