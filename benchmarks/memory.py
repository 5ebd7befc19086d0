"""Benchmark 4, memory: the client's peak RSS growth while stream-exporting N conversations.

The fake runs in its own process (limits off, no latency) seeded with N conversations.
A fresh child process makes one warm-up request (page 1 with threads: imports, token,
model hooks), collects garbage, reads its RSS and resets the kernel's peak-RSS mark
(``/proc/self/clear_refs``), then streams every conversation with its embedded
threads, ``client.conversations.list(status="all", embed="threads")`` into attrs
models, keeping none of them. Growth = the peak RSS during the export (``VmHWM``; a
thread sampling RSS every 2 ms where /proc is missing) minus the RSS before it.
``ru_maxrss`` would not do: a child inherits its parent's peak at fork. Two sizes
show whether memory is flat in N.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import threading
import time
from pathlib import Path
from typing import Any

from ._common import FakeServer, emit, run_child
from ._results import Section, Table, Verdict

GROWTH_TARGET_MB = 50.0
FLAT_TARGET_MB = 10.0
MB = 1024 * 1024


async def _measure(n: int) -> dict[str, Any]:
    fake = FakeServer(conversations=n, limits=False)
    async with fake:
        got = await run_child(
            "memory", [fake.base_url, fake.client_id, fake.client_secret], seconds=1800
        )
    got["seeded"] = n
    return got


async def run(quick: bool, command: str) -> Section:
    """Both sizes; the section for RESULTS.md."""
    started = time.perf_counter()
    sizes = (2_000, 10_000) if quick else (20_000, 100_000)
    results = []
    for n in sizes:
        got = await _measure(n)
        growth = (got["peak"] - got["before"]) / MB
        print(f"  memory: {n:,} seeded: {got['items']:,} exported, growth {growth:.1f} MB")
        results.append(got)
    return _section(results, quick, command, time.perf_counter() - started)


def _section(results: list[dict[str, Any]], quick: bool, command: str, duration: float) -> Section:
    rows = []
    growths = []
    how = ", ".join(sorted({str(got.get("how")) for got in results}))
    for got in results:
        growth = (got["peak"] - got["before"]) / MB
        growths.append(growth)
        rows.append(
            [
                f"{got['seeded']:,}",
                f"{got['items']:,}",
                f"{got['threads']:,}",
                f"{got['wall']:.1f} s",
                f"{got['before'] / MB:.1f} MB",
                f"{got['after'] / MB:.1f} MB",
                f"{got['peak'] / MB:.1f} MB",
                f"{growth:.1f} MB",
            ]
        )
    table = Table(
        [
            "seeded",
            "conversations exported",
            "threads",
            "wall",
            "RSS before",
            "RSS after",
            "peak RSS",
            "peak growth",
        ],
        rows,
        caption=f"Stream export with embedded threads, attrs models, nothing kept (peak: {how}):",
    )
    spread = max(growths) - min(growths)
    verdicts = [
        Verdict(
            f"peak RSS growth, {results[-1]['seeded']:,} conversations",
            f"{max(growths):.1f} MB (largest)",
            "< 50 MB",
            max(growths) < GROWTH_TARGET_MB,
        ),
        Verdict(
            f"flat in N ({results[0]['seeded']:,} vs {results[-1]['seeded']:,})",
            f"{spread:.1f} MB apart",
            "within 10 MB",
            spread <= FLAT_TARGET_MB,
        ),
    ]
    method = (
        f"{'Quick run. ' if quick else ''}The fake runs in its own process, `python -m "
        "helpscout_async.testing --no-limits --conversations N --seed 7`; the export runs in "
        "a fresh child (`python -m benchmarks.memory --child ...`) with default concurrency "
        "(4 pages in flight) and a budget that never binds (1,000,000 a minute). Conversations "
        "exported can be a little under N: the seeder merges ~0.5 % of them into others."
    )
    return Section(
        name="memory",
        title="4. Memory while streaming an export",
        command=command,
        method=method,
        tables=[table],
        verdicts=verdicts,
        duration=duration,
    )


# -- the child ------------------------------------------------------------------------------


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


class _Peak:
    """The peak RSS from ``start()`` on: the kernel's mark where it can be reset, else sampled."""

    def __init__(self) -> None:
        self._kernel = False
        self._sampled = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        try:
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
            self._kernel = self._vm_hwm() is not None
        except OSError:
            self._kernel = False
        if not self._kernel:
            self._sampled = _rss()
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.002):
            self._sampled = max(self._sampled, _rss())

    @staticmethod
    def _vm_hwm() -> int | None:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        return None

    def stop(self) -> tuple[int, str]:
        """The peak in bytes, and how it was measured."""
        if self._kernel:
            return (self._vm_hwm() or 0, "VmHWM")
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return (max(self._sampled, _rss()), "sampled")


async def _export(base_url: str, client_id: str, secret: str) -> dict[str, Any]:
    from helpscout_async import HelpScout, RateLimit

    async with HelpScout(
        client_id=client_id,
        client_secret=secret,
        base_url=base_url,
        rate_limit=RateLimit(per_minute=1_000_000),
    ) as client:
        await client.conversations.list(status="all", embed="threads").first_page()  # warm-up
        gc.collect()
        before = _rss()
        peak = _Peak()
        peak.start()
        started = time.perf_counter()
        items = threads = 0
        async for conversation in client.conversations.list(status="all", embed="threads"):
            items += 1
            threads += len(conversation.threads or ())
        wall = time.perf_counter() - started
        highest, how = peak.stop()
    return {
        "before": before,
        "peak": highest,
        "how": how,
        "after": _rss(),
        "items": items,
        "threads": threads,
        "wall": wall,
    }


def main() -> None:
    """``python -m benchmarks.memory [--quick]`` (this benchmark alone), or a child run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("URL", "ID", "SECRET"))
    args = parser.parse_args()
    if args.child:
        emit(asyncio.run(_export(*args.child)))
        return
    print(asyncio.run(run(args.quick, "python -m benchmarks.memory")).text())


if __name__ == "__main__":
    main()
