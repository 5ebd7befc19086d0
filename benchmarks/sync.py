"""Benchmark 5, the sync: budget use of a sharded ``createdAt`` export, and its request cost.

Part 1: ``sync(client, "conversations", ...)`` (threads off, so every request is a
list request of the walk) exports 20,000 conversations from the fake server in its
own process, sliding window, the "minute" scaled to ``window`` seconds and latency
in API-seconds scaled the same way, as benchmark 1 does for a plain list. Per case:
the use of the budget over the span from the first to the last accepted request
(server clock), 429s, shards, and list requests per page of data.

Part 2: the same walk against an in-process fake with the ``race`` fault and churn
(edits, creations and deletions on every list request), interrupted twice
(cancelled mid-run) and resumed from its checkpoint: list requests per page of data
with every restart, tie group and closing query included, and whether every
conversation that existed at the start was written.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpscout_async import HelpScout
from helpscout_async.ratelimit import RateLimit
from helpscout_async.sync import CallbackSink, Checkpoint, JsonlSink, SyncStats, sync
from helpscout_async.testing import Churn, FakeHelpScout, FakeRateLimits, Faults, Race

from ._common import PAGE_SIZE, FakeServer, fmt_pct
from ._results import Section, Table, Verdict
from .budget import Case, Outcome, _api_seconds, _outcome

TARGET_USE = 0.95
LATENCIES = (0.05, 0.3, 1.0)


@dataclass
class SyncOutcome:
    """One latency case: the budget figures and the walk's figures."""

    budget: Outcome
    stats: SyncStats


async def run_case(
    latency: float, *, window: float, conversations: int, per_minute: int = 200
) -> SyncOutcome:
    """Export ``conversations`` through ``sync`` from a fake with ``latency`` API-seconds."""
    scale = window / 60.0
    fake = FakeServer(
        conversations=conversations,
        per_minute=per_minute,
        window=window,
        mode="sliding",
        latency=_api_seconds(latency, scale),
    )
    policy = RateLimit(per_minute=per_minute).scaled(scale)
    written = 0

    def count(_: dict[str, Any]) -> None:
        nonlocal written
        written += 1

    async with fake:
        await fake.reset_metrics()
        started = time.perf_counter()
        async with HelpScout(
            client_id=fake.client_id,
            client_secret=fake.client_secret,
            base_url=fake.base_url,
            rate_limit=policy,
        ) as client:
            stats = await sync(client, "conversations", CallbackSink(count), threads=False)
            client_429 = client.rate_limited
        wall = time.perf_counter() - started
        metrics = await fake.metrics()
    points = [(float(t), int(c)) for t, c in metrics["points"]]
    outcome = _outcome(Case(f"latency {latency:g}", latency), points, metrics, window, per_minute)
    outcome.wall = wall
    outcome.exported = written
    outcome.expected = stats.total or 0  # the seeder merges a few away
    outcome.client_429 = client_429
    return SyncOutcome(outcome, stats)


@dataclass
class Restarted:
    """Part 2's figures."""

    conversations: int
    requests: int
    data_pages: int
    written: int
    unique: int
    lost: int
    interruptions: int
    touched: int


async def run_restarts(conversations: int, *, stops: tuple[int, ...] = (30, 90)) -> Restarted:
    """Walk with races and churn, cancelled after ``stops`` list pages, resumed to the end."""
    faults = Faults(race=Race(modify=1.0, delete=0.2), churn=Churn(2.0, 0.5, 0.2), seed=5)
    policy = RateLimit(per_minute=200).scaled(3.0 / 60)  # 200 per 3 s
    requests = 0
    with tempfile.TemporaryDirectory() as folder:
        out, state = Path(folder) / "out.jsonl", Checkpoint(Path(folder) / "state.json")
        async with FakeHelpScout(
            seed=3,
            conversations=conversations,
            rate_limit=FakeRateLimits(window=3.0),
            faults=faults,
        ) as fake:
            start = set(fake.store.conversations)
            async with HelpScout(
                client_id=fake.client_id,
                client_secret=fake.client_secret,
                base_url=fake.base_url,
                rate_limit=policy,
            ) as client:
                for stop in (*stops, None):
                    last: list[SyncStats] = []
                    sink = JsonlSink(out, append=True)
                    task = asyncio.create_task(
                        sync(
                            client,
                            "conversations",
                            sink,
                            checkpoint=state,
                            threads=False,
                            on_progress=last.append,
                        )
                    )
                    while stop is not None and not task.done():
                        await asyncio.sleep(0.001)
                        if last and last[-1].pages >= stop:
                            task.cancel()
                            break
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
                    await sink.close()
                    requests += last[-1].pages if last else 0
            ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
            now = set(fake.store.conversations)
            touched = len(set(fake.faults.touched.modified) | set(fake.faults.touched.deleted))
    unique = set(ids)
    lost = len((start & now) - unique)
    return Restarted(
        conversations=conversations,
        requests=requests,
        data_pages=math.ceil(len(unique) / PAGE_SIZE),
        written=len(ids),
        unique=len(unique),
        lost=lost,
        interruptions=len(stops),
        touched=touched,
    )


async def run(quick: bool, command: str) -> Section:
    """All cases; the section for RESULTS.md."""
    started = time.perf_counter()
    window = 3.0 if quick else 6.0
    conversations = 8_000 if quick else 20_000
    outcomes = []
    for latency in LATENCIES:
        outcome = await run_case(latency, window=window, conversations=conversations)
        print(
            f"  sync: latency {latency:g}: use {fmt_pct(outcome.budget.use)}, "
            f"429s {outcome.budget.server_429}, shards {outcome.stats.shards}"
        )
        outcomes.append(outcome)
    restarted = await run_restarts(2_000 if quick else 5_000)
    return _section(outcomes, restarted, quick, window, command, time.perf_counter() - started)


def _per_page(requests: int, written: int) -> float:
    return requests / max(1, math.ceil(written / PAGE_SIZE))


def _section(
    outcomes: list[SyncOutcome],
    restarted: Restarted,
    quick: bool,
    window: float,
    command: str,
    duration: float,
) -> Section:
    limit = 200
    rows = []
    verdicts = []
    for o in outcomes:
        b, s = o.budget, o.stats
        rows.append(
            [
                f"{b.case.latency:g}",
                f"{b.exported:,}/{b.expected:,}",
                f"{b.wall:.1f} s",
                f"{b.units:,}",
                f"{limit * b.span / window:,.0f}",
                fmt_pct(b.use),
                f"{b.max_in_window}/{limit}",
                str(b.server_429),
                str(s.shards),
                f"{s.pages:,}",
                f"{_per_page(s.pages, s.written):.3f}",
            ]
        )
        name = f"latency {b.case.latency:g}"
        verdicts.append(
            Verdict(f"sync budget use, {name}", fmt_pct(b.use), "≥ 95 %", b.use >= TARGET_USE)
        )
        verdicts.append(Verdict(f"sync 429s, {name}", str(b.server_429), "0", b.server_429 == 0))
        verdicts.append(
            Verdict(
                f"sync exported, {name}",
                f"{b.exported:,}/{b.expected:,}",
                "all",
                b.exported == b.expected,
            )
        )
    budget = Table(
        [
            "latency (API-s)",
            "written",
            "wall",
            "units",
            "budget over span",
            "use",
            "most in a window",
            "429s",
            "shards",
            "list requests",
            "requests per page of data",
        ],
        rows,
        caption=f"`sync` alone ({limit} per {window:g} s, sliding window):",
    )
    r = restarted
    per_page = r.requests / max(1, r.data_pages)
    restarts = Table(
        [
            "conversations",
            "changed by races/churn",
            "interruptions",
            "list requests",
            "pages of data",
            "requests per page of data",
            "lines written",
            "lost",
        ],
        [
            [
                f"{r.conversations:,}",
                f"{r.touched:,}",
                str(r.interruptions),
                f"{r.requests:,}",
                f"{r.data_pages:,}",
                f"{per_page:.3f}",
                f"{r.written:,} ({r.unique:,} distinct)",
                str(r.lost),
            ]
        ],
        caption="With the `race` fault and churn, cancelled twice and resumed (200 per 3 s):",
    )
    verdicts.append(Verdict("lost under races, churn and restarts", str(r.lost), "0", r.lost == 0))
    verdicts.append(
        Verdict("list requests per page of data (restarts included)", f"{per_page:.3f}", "", None)
    )
    method = (
        f"{'Quick run. ' if quick else ''}Part 1: `sync(client, 'conversations', sink, "
        f"threads=False)` with default settings exports {outcomes[0].budget.expected:,} "
        "conversations from the fake server in its own process: `python -m "
        f"helpscout_async.testing --window {window:g} --per-minute {limit} --mode sliding "
        f"--latency A` (latency in real seconds = API-seconds x {window:g}/60). *Use* = units "
        "the server accepted ÷ (limit x span ÷ window), span = first to last accepted arrival "
        "on the server's clock. *Requests per page of data* = list requests ÷ ⌈written ÷ 25⌉: "
        "each shard ends with one query that finds nothing new, and the first page of the run is "
        "read before the range can be split. Part 2: an in-process fake "
        "(`Faults(race=Race(modify=1.0, delete=0.2), churn=Churn(2.0, 0.5, 0.2))`), the walk "
        "cancelled after 30 and 90 list pages and resumed from its checkpoint (JSONL appended); "
        "*lost* = conversations that existed at the start and still exist, never written."
    )
    notes = [
        "The machine is shared with other engineers' test runs (2 cores); wall times vary, the "
        "ratios less so."
    ]
    return Section(
        name="sync",
        title="5. Sync: budget use and request cost of the createdAt cursor",
        command=command,
        method=method,
        tables=[budget, restarts],
        notes=notes,
        verdicts=verdicts,
        duration=duration,
    )


def main() -> None:
    """``python -m benchmarks.sync [--quick]``: this benchmark alone (prints, writes nothing)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    section = asyncio.run(run(args.quick, "python -m benchmarks.sync"))
    print(section.text())


if __name__ == "__main__":
    main()
