"""The command line's progress bar and end-of-run summary.

The bar is tqdm's: a small package with no dependencies of its own that already
handles what a hand-rolled bar gets wrong (non-TTY output, terminal width and
resizes, rate smoothing, ETA). It goes to stderr and only when stderr is a
terminal; the summary goes to stdout in every case, so pipes and logs get figures
and no control characters.
"""

from __future__ import annotations

import collections
import math
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

import attrs
from tqdm import tqdm

from . import _api
from .sync import PAGE_SIZES, SyncStats

_KNOWN = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}{postfix}]"
_UNKNOWN = "{desc}: {n_fmt} items [{elapsed}{postfix}]"


def _page_size(resource: str) -> int:
    """The fixed page size of ``resource``'s list, from the operation table (50 if unknown)."""
    try:
        return _api.operation(f"{resource}.list").page_size or 50
    except KeyError:
        return 50


def _size(stream: TextIO) -> tuple[int, int] | None:
    """The terminal's columns and lines, or ``None`` unless it reports both.

    A pty nobody sized (``script``, some CI runners) says 0 x 0, and tqdm then draws
    nothing; a fixed 100 x 24 is used instead.
    """
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError):
        return None
    return (size.columns, size.lines) if size.columns and size.lines else None


def window_unit(window: float) -> str:
    """How a rate window reads: ``min`` for 60 s, else ``6s``."""
    return "min" if window == 60 else f"{window:g}s"


@attrs.define(kw_only=True)
class Budget:
    """The account budget a run spends: ``limit`` units per ``window`` seconds."""

    limit: int
    window: float

    def use(self, units: int, elapsed: float) -> float:
        """Units spent / (limit * elapsed / window); a run under one window counts as one.

        Counting at least one window keeps a run of a few requests in a few
        milliseconds from reading as thousands of percent: all of it fell within one
        window, so its share of that window's budget is what it used.
        """
        allowed = self.limit * max(elapsed, self.window) / self.window
        return units / allowed


class ProgressBar:
    """An ``on_progress`` callback that draws a tqdm bar (or nothing when not a TTY).

    Shows items written of the expected total, pages, requests per window against
    the budget, 429s and the ETA.
    """

    def __init__(
        self,
        resource: str,
        budget: Callable[[], Budget],
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = self.stream.isatty()
        self.resource = resource
        self.budget = budget
        self.last: SyncStats | None = None
        self.page_size = PAGE_SIZES.get(resource) or _page_size(resource)
        self._samples: collections.deque[tuple[float, int]] = collections.deque()
        size = _size(self.stream) if enabled else None
        self._bar = tqdm(
            desc=resource,
            total=None,
            unit="items",
            file=self.stream,
            disable=not enabled,
            bar_format=_UNKNOWN,
            ncols=size[0] if size else 100,
            nrows=size[1] if size else 24,
            dynamic_ncols=size is not None,
            leave=True,
        )

    def __call__(self, stats: SyncStats) -> None:
        self.last = stats
        bar = self._bar
        if bar.disable:
            return
        total = max(stats.total, stats.written) if stats.total is not None else None
        if stats.finished and total is not None:
            total = stats.written  # done: whatever the first page predicted
        if total is not None and bar.total != total:
            bar.total = total
            bar.bar_format = _KNOWN
        bar.set_postfix_str(self._postfix(stats), refresh=False)
        delta = stats.written - bar.n
        if delta > 0:
            bar.update(delta)
        else:
            bar.refresh()

    def _postfix(self, stats: SyncStats) -> str:
        pages = f"pages {stats.pages}"
        if stats.total is not None:
            # each shard of the keyset walk ends with one more query that finds nothing new
            expected = math.ceil(stats.total / self.page_size) + stats.shards
            pages += f"/{max(expected, stats.pages)}"
        budget = self.budget()
        unit = window_unit(budget.window)
        return f"{pages} · {self._rate(stats, budget)}/{budget.limit} req/{unit} · 429s " + str(
            stats.rate_limited
        )

    def _rate(self, stats: SyncStats, budget: Budget) -> str:
        """Requests per window over the last window, once a tenth of one has passed."""
        now = time.monotonic()
        samples = self._samples
        samples.append((now, stats.requests))
        while len(samples) > 2 and now - samples[1][0] >= budget.window:
            samples.popleft()
        then, before = samples[0]
        if now - then < budget.window / 10:
            return "…"
        return f"{(stats.requests - before) / (now - then) * budget.window:.0f}"

    def close(self) -> None:
        """Leave the final bar on screen and end its line."""
        self._bar.close()


@attrs.define(kw_only=True)
class Summary:
    """The figures printed at the end of a run."""

    resource: str
    out: str
    items: int
    pages: int
    requests: int
    rate_limited: int
    elapsed: float
    budget: Budget
    interrupted: bool = False
    rejected: int = 0
    rejected_ids: tuple[object, ...] = ()

    def render(self) -> str:
        """A few aligned lines for stdout."""
        what = f"{self.items:,} {self.resource} to {self.out}"
        head = f"Interrupted after writing {what}." if self.interrupted else f"Exported {what}."
        use = self.budget.use(self.requests, self.elapsed)
        unit = window_unit(self.budget.window)
        short = (
            " (the run was shorter than one window)" if self.elapsed < self.budget.window else ""
        )
        rows = [
            ("items", f"{self.items:,}"),
            ("pages", f"{self.pages:,}"),
            ("requests", f"{self.requests:,}"),
            ("budget use", f"{use:.0%} of {self.budget.limit} req/{unit}{short}"),
            ("429s", f"{self.rate_limited:,}"),
            ("wall time", f"{self.elapsed:.1f} s"),
        ]
        if self.rejected:
            shown = ", ".join(str(i) for i in self.rejected_ids[:10])
            more = " …" if len(self.rejected_ids) > 10 else ""
            ids = f" (ids {shown}{more})" if shown else ""
            rows.append(("skipped", f"{self.rejected:,} malformed list items{ids}"))
        return "\n".join([head, *(f"  {k:<11} {v}" for k, v in rows)])
