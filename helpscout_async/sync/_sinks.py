"""Where exported records go: a JSONL file, or an async callback.

A sink receives each page's records (the API's JSON, untouched) and is flushed
durably before the checkpoint that says those records are done, so a crash can
repeat the last page but never lose it.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

Record = dict[str, Any]


@runtime_checkable
class Sink(Protocol):
    """Receives records page by page."""

    async def write(self, records: Sequence[Record]) -> None:
        """Take one page's records, in order."""
        ...

    async def flush(self) -> None:
        """Make everything written so far durable."""
        ...

    async def close(self) -> None:
        """Flush and release the sink."""
        ...


class FileSink:
    """A sink writing to one file, flushed to disk (fsync) on ``flush``.

    ``append=True`` continues a file (resuming an interrupted run); otherwise the file
    is created or truncated at once, so an empty result still leaves an empty file.
    Subclasses say how records become text (``_write``).
    """

    def __init__(
        self, path: str | os.PathLike[str], *, append: bool = False, newline: str | None = None
    ) -> None:
        self.path = Path(path)
        mode = "a" if append else "w"
        self._file: IO[str] | None = open(self.path, mode, encoding="utf-8", newline=newline)  # noqa: SIM115
        self.written = 0

    def _open_file(self) -> IO[str]:
        if self._file is None:
            raise ValueError(f"{self.path} is closed")
        return self._file

    async def write(self, records: Sequence[Record]) -> None:
        self._write(self._open_file(), records)
        self.written += len(records)

    def _write(self, file: IO[str], records: Sequence[Record]) -> None:
        raise NotImplementedError

    async def flush(self) -> None:
        """Hand buffered text to the OS, then fsync it in a thread (the loop keeps running)."""
        if self._file is not None:
            self._file.flush()
            await asyncio.to_thread(os.fsync, self._file.fileno())

    async def close(self) -> None:
        if self._file is not None:
            await self.flush()
            self._file.close()
            self._file = None


class JsonlSink(FileSink):
    """One JSON object per line, exactly as received from the API.

    ``append=True`` first cuts a partial last line (a crash or a full disk in the
    middle of a record), so the file stays one valid object per line.
    """

    def __init__(self, path: str | os.PathLike[str], *, append: bool = False) -> None:
        self.truncated = _cut_partial_line(Path(path)) if append else 0
        super().__init__(path, append=append)

    def _write(self, file: IO[str], records: Sequence[Record]) -> None:
        lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
        if lines:
            file.write("\n".join(lines) + "\n")


def _cut_partial_line(path: Path) -> int:
    """Truncate ``path`` after its last newline; the bytes cut (0 when it ends cleanly)."""
    try:
        file = open(path, "r+b")  # noqa: SIM115
    except FileNotFoundError:
        return 0
    with file:
        size = file.seek(0, os.SEEK_END)
        end = size
        block = 64 * 1024
        while end > 0:
            start = max(0, end - block)
            file.seek(start)
            chunk = file.read(end - start)
            found = chunk.rfind(b"\n")
            if found >= 0:
                keep = start + found + 1
                break
            end = start
        else:
            keep = 0
        if keep < size:
            file.truncate(keep)
            file.flush()
            os.fsync(file.fileno())
        return size - keep


class CallbackSink:
    """Hands each record to ``callback`` (sync or async); flushing is the callback's job."""

    def __init__(self, callback: Callable[[Record], Awaitable[None] | None]) -> None:
        self._callback = callback
        self.written = 0

    async def write(self, records: Sequence[Record]) -> None:
        for record in records:
            result = self._callback(record)
            if inspect.isawaitable(result):
                await result
            self.written += 1

    async def flush(self) -> None:
        return None

    async def close(self) -> None:
        return None
