"""Benchmark 1, budget use: how close a bulk export gets to the account's budget, 429-free.

Each case starts the fake server in its own process in sliding-window mode, writes
weighing 2, with the "minute" scaled to ``window`` seconds (200 per 6 s in the full
run) and latency in API-seconds scaled the same way (0.3 API-s is 0.03 s when the
minute is 6 s). Our client, with its default settings and a ``RateLimit`` of the
same scale, exports every conversation through
``client.conversations.list(status="all")`` (attrs models).

Per case: units the server accepted from our client ÷ the budget available over
the span from the run's first to its last accepted request (``limit x span ÷
window``, server clock); 429s; the most units the server counted in any window;
the use of the first and of the emptiest full window (windows laid from the first
request). The ``shared`` case runs a second client of the same account (its own
``AccountLimiter`` at a third of the limit, not adopting the server's limit) doing
GETs from one window before our export until its end; there our client's accepted
units are compared with what was left (``limit x span ÷ window`` less the other's
units in our span), counted from each client's own sends (their ``sent_at``).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpscout_async import HelpScout
from helpscout_async.ratelimit import AccountLimiter, RateLimit

from ._common import HERE, PAGE_SIZE, USE_TERMS, FakeServer, Recorder, fmt_pct, ideal_use
from ._results import Section, Table, Verdict

TARGET_USE = 0.97
PLOT = HERE / "budget.png"


@dataclass(frozen=True)
class Case:
    """One export: latency in API-seconds (a number or a uniform range), shared or alone."""

    name: str
    latency: float | tuple[float, float]
    shared: bool = False
    concurrency: int | None = None  # pages in flight; None: the client's default (4)


CASES = (
    Case("latency 0.05", 0.05),
    Case("latency 0.3", 0.3),
    Case("latency 1.0", 1.0),
    Case("latency 0.05-1.0", (0.05, 1.0)),
    Case("shared, latency 0.3", 0.3, shared=True),
)
WHAT_IF = Case("latency 1.0, concurrency=8", 1.0, concurrency=8)
"""Not a target case: what 8 pages in flight (not the default 4) do at 1.0 API-s."""


@dataclass
class Outcome:
    """What one case measured."""

    case: Case
    wall: float
    exported: int
    expected: int
    units: int
    span: float
    use: float
    first_window: float
    emptiest_window: float
    max_in_window: int
    server_429: int
    client_429: int
    points: list[tuple[float, int]]
    other_units: int = 0
    other_429: int = 0
    left: float = 0.0
    share: float = 0.0
    other_points: list[tuple[float, int]] = field(default_factory=list)


def _api_seconds(latency: float | tuple[float, float], scale: float) -> float | tuple[float, float]:
    if isinstance(latency, tuple):
        return (latency[0] * scale, latency[1] * scale)
    return latency * scale


def _windows(times: list[tuple[float, int]], start: float, window: float) -> list[int]:
    """Units in each full window laid end to end from ``start``."""
    if not times:
        return []
    full = int((times[-1][0] - start) // window)
    counts = [0] * full
    for t, cost in times:
        k = int((t - start) // window)
        if k < full:
            counts[k] += cost
    return counts


async def _other_client(
    fake: FakeServer, policy: RateLimit, stop: asyncio.Event, recorder: Recorder
) -> int:
    """GETs from a second integration of the account until ``stop``; returns its 429s."""
    async with HelpScout(
        client_id=fake.client_id,
        client_secret=fake.client_secret,
        base_url=fake.base_url,
        rate_limit=policy,
        limiter=recorder,
    ) as other:

        async def worker(offset: int) -> None:
            page = offset
            while not stop.is_set():
                await other.conversations.list(status="all", page=page).first_page()
                page = page % 50 + 1

        tasks = [asyncio.create_task(worker(n + 1)) for n in range(4)]
        await stop.wait()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        return other.rate_limited


async def run_case(case: Case, *, window: float, pages: int, per_minute: int = 200) -> Outcome:
    """Start a fake for ``case``, export ``pages`` pages through our client, measure."""
    scale = window / 60.0
    conversations = pages * PAGE_SIZE
    fake = FakeServer(
        conversations=conversations,
        per_minute=per_minute,
        window=window,
        mode="sliding",
        latency=_api_seconds(case.latency, scale),
    )
    policy = RateLimit(per_minute=per_minute).scaled(scale)
    async with fake:
        await fake.reset_metrics()
        stop = asyncio.Event()
        other_task: asyncio.Task[int] | None = None
        other = Recorder(
            AccountLimiter(
                RateLimit(per_minute=per_minute // 3, adopt_server_limit=False).scaled(scale)
            )
        )
        if case.shared:
            other_task = asyncio.create_task(_other_client(fake, other.inner.policy, stop, other))
            await asyncio.sleep(window)  # the other integration is already running
        ours = Recorder(AccountLimiter(policy))
        started = time.perf_counter()
        exported = expected = 0
        try:
            async with HelpScout(
                client_id=fake.client_id,
                client_secret=fake.client_secret,
                base_url=fake.base_url,
                rate_limit=policy,
                limiter=ours,
            ) as client:
                stream = client.conversations.list(status="all", concurrency=case.concurrency)
                async for page in stream.pages():
                    exported += len(page.items)
                    expected = page.total_elements
                client_429 = client.rate_limited
        finally:
            stop.set()
            other_429 = await other_task if other_task is not None else 0
        wall = time.perf_counter() - started
        metrics = await fake.metrics()
    points = [(float(t), int(c)) for t, c in metrics["points"]]
    outcome = _outcome(case, points, metrics, window, per_minute)
    outcome.wall = wall
    outcome.exported = exported
    outcome.expected = expected
    outcome.client_429 = client_429
    if case.shared:
        _shared(outcome, ours, other, other_429, window, per_minute)
    return outcome


def _outcome(
    case: Case, points: list[tuple[float, int]], metrics: dict[str, Any], window: float, limit: int
) -> Outcome:
    start, end = points[0][0], points[-1][0]
    span = end - start
    units = sum(c for _, c in points)
    counts = _windows(points, start, window)
    return Outcome(
        case=case,
        wall=0.0,
        exported=0,
        expected=0,
        units=units,
        span=span,
        use=ideal_use(units, span, limit, window),
        first_window=counts[0] / limit if counts else 0.0,
        emptiest_window=min(counts) / limit if counts else 0.0,
        max_in_window=int(metrics["maxUnitsInWindow"]),
        server_429=int(metrics["rateLimited"]),
        client_429=0,
        points=[(t - start, c) for t, c in points],
    )


def _shared(
    outcome: Outcome, ours: Recorder, other: Recorder, other_429: int, window: float, limit: int
) -> None:
    """Our share of what the other client left, counted from each client's sends."""
    mine = ours.accepted()
    theirs = other.accepted()
    start, end = mine[0], mine[-1]
    span = end - start
    in_span = [t for t in theirs if start <= t <= end]
    left = limit * span / window - len(in_span)
    outcome.units = len(mine)
    outcome.span = span
    outcome.use = ideal_use(len(mine) + len(in_span), span, limit, window)
    outcome.other_units = len(in_span)
    outcome.other_429 = other_429
    outcome.left = left
    outcome.share = len(mine) / left
    mine_counts = _windows([(t, 1) for t in mine], start, window)
    theirs_counts = _windows([(t, 1) for t in in_span], start, window)
    full = min(len(mine_counts), len(theirs_counts))
    shares = [
        m / (limit - o) for m, o in zip(mine_counts[:full], theirs_counts[:full], strict=True)
    ]
    outcome.first_window = shares[0] if shares else 0.0
    outcome.emptiest_window = min(shares) if shares else 0.0
    outcome.points = [(t - start, 1) for t in mine]
    outcome.other_points = [(t - start, 1) for t in theirs if t >= start - window]


def _trailing(points: list[tuple[float, int]], window: float) -> list[tuple[float, int]]:
    """Units in the trailing ``window`` (closed) at each arrival: what a sliding server counts."""
    points = sorted(points)
    out = []
    start = total = 0
    for t, c in points:
        total += c
        while points[start][0] < t - window:
            total -= points[start][1]
            start += 1
        out.append((t, total))
    return out


def plot(outcomes: list[Outcome], window: float, limit: int, path: Path) -> None:
    """Top: units per 10 API-seconds as a per-minute rate; bottom: the trailing window's count."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scale = 60.0 / window  # API-seconds per real second
    bin_api = 10.0
    width = bin_api / scale
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 8.4), dpi=110, sharex=True)
    for outcome in outcomes:
        if not outcome.points:
            continue
        label = outcome.case.name + (" (ours)" if outcome.case.shared else "")
        last = max(t for t, _ in outcome.points)
        bins = [0] * (int(last // width) + 1)
        for t, c in outcome.points:
            if t >= 0:
                bins[int(t // width)] += c
        full = bins[:-1] or bins  # the last bin is partial
        xs = [(k + 0.5) * bin_api for k in range(len(full))]
        (line,) = top.step(
            xs, [b * 60.0 / bin_api for b in full], where="mid", label=label, linewidth=1.2
        )
        counted = list(outcome.points)
        if outcome.case.shared:
            counted += outcome.other_points
        trail = [(t, n) for t, n in _trailing(counted, window) if t >= 0]
        both = " (both clients)" if outcome.case.shared else ""
        bottom.step(
            [t * scale for t, _ in trail],
            [n for _, n in trail],
            where="post",
            color=line.get_color(),
            linewidth=1.0,
            label=label + both,
        )
        if outcome.case.shared and outcome.span > 0:
            left = limit - outcome.other_units / (outcome.span * scale) * 60.0
            top.axhline(
                left,
                color="grey",
                linestyle=":",
                linewidth=1.2,
                label=f"left by the other client ({left:.0f}/min)",
            )
    for ax in (top, bottom):
        ax.axhline(limit, color="black", linestyle="--", linewidth=1.3, label=f"budget ({limit})")
        ax.grid(alpha=0.3)
    top.set_ylabel("units sent per API-minute\n(10 API-s bins)")
    top.set_ylim(0, limit * 1.15)
    top.legend(loc="lower right", fontsize=8, ncol=2)
    top.set_title("Benchmark 1: units the fake server accepted from our client vs. the budget")
    bottom.set_ylabel("units in the trailing minute\n(what a sliding window counts)")
    bottom.set_ylim(limit * 0.5, limit * 1.05)
    bottom.set_xlabel(f"API-seconds since the first request (the minute runs in {window:g} s)")
    bottom.legend(loc="lower right", fontsize=8, ncol=2)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


async def run(quick: bool, command: str) -> Section:
    """All cases; the section for RESULTS.md."""
    started = time.perf_counter()
    window = 3.0 if quick else 6.0
    windows = 3 if quick else 8
    limit = 200
    outcomes = []
    for case in CASES if quick else (*CASES, WHAT_IF):
        pages = windows * (limit * 2 // 3 if case.shared else limit)
        outcome = await run_case(case, window=window, pages=pages, per_minute=limit)
        print(f"  budget: {case.name}: use {fmt_pct(outcome.use)}, 429s {outcome.server_429}")
        outcomes.append(outcome)
    plot([o for o in outcomes if o.case is not WHAT_IF], window, limit, PLOT)
    return _section(outcomes, quick, window, limit, command, time.perf_counter() - started)


def _section(
    outcomes: list[Outcome], quick: bool, window: float, limit: int, command: str, duration: float
) -> Section:
    alone = [o for o in outcomes if not o.case.shared]
    targets = [o for o in outcomes if o.case is not WHAT_IF]
    rows = [
        [
            o.case.name,
            f"{o.exported:,}/{o.expected:,}",
            f"{o.wall:.1f} s",
            f"{o.span:.2f} s",
            f"{o.units:,}",
            f"{(math.ceil(o.units / limit) - 1) * window:.2f} s",
            fmt_pct(o.use),
            fmt_pct(o.first_window),
            fmt_pct(o.emptiest_window),
            f"{o.max_in_window}/{limit}",
            str(o.server_429),
        ]
        for o in alone
    ]
    table = Table(
        [
            "latency (API-s)",
            "exported",
            "wall",
            "span",
            "units",
            "ideal span",
            "use",
            "1st window",
            "emptiest window",
            "most in a window",
            "429s",
        ],
        rows,
        caption=f"Our client alone ({limit} per {window:g} s, sliding window, writes weigh 2):",
    )
    tables = [table]
    shared = [o for o in outcomes if o.case.shared]
    for o in shared:
        tables.append(
            Table(
                [
                    "case",
                    "exported",
                    "span",
                    "other's units",
                    "left for us",
                    "our units",
                    "our share of what was left",
                    "1st window",
                    "emptiest window",
                    "most in a window (both)",
                    "429s ours",
                    "429s other",
                ],
                [
                    [
                        o.case.name,
                        f"{o.exported:,}/{o.expected:,}",
                        f"{o.span:.2f} s",
                        f"{o.other_units:,}",
                        f"{o.left:,.0f}",
                        f"{o.units:,}",
                        fmt_pct(o.share),
                        fmt_pct(o.first_window),
                        fmt_pct(o.emptiest_window),
                        f"{o.max_in_window}/{limit}",
                        str(o.client_429),
                        str(o.other_429),
                    ]
                ],
                caption=(
                    f"With a second client of the account spending a third "
                    f"(its limiter at {limit // 3} per {window:g} s), started one window earlier:"
                ),
            )
        )
    verdicts = []
    for o in alone:
        if o.case is WHAT_IF:
            continue
        verdicts.append(
            Verdict(
                f"budget use, {o.case.name}",
                fmt_pct(o.use),
                "≥ 97 %",
                o.use >= TARGET_USE,
            )
        )
        verdicts.append(Verdict(f"429s, {o.case.name}", str(o.server_429), "0", o.server_429 == 0))
    for o in shared:
        verdicts.append(
            Verdict(
                "share of what the other client left",
                fmt_pct(o.share),
                "≥ 97 %",
                o.share >= TARGET_USE,
            )
        )
        total = o.server_429
        verdicts.append(
            Verdict(
                "429s with a second client (ours / other)",
                f"{o.client_429} / {o.other_429}",
                "0",
                total == 0,
            )
        )
    worst = min(targets, key=lambda o: o.first_window)
    verdicts.append(
        Verdict(
            f"first-window use (lowest: {worst.case.name})",
            fmt_pct(worst.first_window),
            "≥ 97 % from the first window on",
            worst.first_window >= TARGET_USE,
        )
    )
    method = (
        f"{'Quick run. ' if quick else ''}Each case exports "
        f"{outcomes[0].expected:,} conversations ({outcomes[0].expected // PAGE_SIZE:,} pages; "
        f"the shared case {shared[0].expected if shared else 0:,}) with "
        '`client.conversations.list(status="all")` (default concurrency 4, attrs models) '
        "against the fake server in its own process: `python -m helpscout_async.testing "
        f"--window {window:g} --per-minute {limit} --mode sliding --write-weight 2 "
        "--latency A[,B]` "
        f"(latency in real seconds = API-seconds x {window:g}/60). "
        + USE_TERMS
        + ". Windows for *1st*/*emptiest* are laid end to "
        "end from the first arrival (full windows only); *most in a window* is the server's "
        "sliding count (`maxUnitsInWindow`). In the shared case the figures come from each "
        "client's own send times, our span, and *share* = our units ÷ (budget over our span - "
        "the other's units in it); per-window shares there are ours ÷ (limit - other's)."
    )
    notes = []
    if any(o.case is WHAT_IF for o in outcomes):
        notes.append(
            f"*{WHAT_IF.name}* is not a target case: an explicit `concurrency=8` replaces "
            "the adaptive window (the limiter's look-ahead: a window's burst at once when the "
            "budget allows it), so each window's budget goes 8 pages at a time and the export "
            "takes longer than with the default."
        )
    return Section(
        name="budget",
        title="1. Budget use during a bulk export",
        command=command,
        method=method,
        tables=tables,
        notes=notes,
        verdicts=verdicts,
        image=PLOT.name,
        duration=duration,
    )


def main() -> None:
    """``python -m benchmarks.budget [--quick]``: this benchmark alone (prints, writes nothing)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    section = asyncio.run(run(args.quick, "python -m benchmarks.budget"))
    print(section.text())


if __name__ == "__main__":
    main()
