"""Benchmark 6, the budget v2 (issue 15): idle waits, short jobs, high latency, many processes.

Every case runs our client against the fake server in its own process
(``python -m helpscout_async.testing``, sliding window, writes weighing 2), side by
side in one run:

- *idle*: sporadic ``users.me()`` calls on an idle 200-a-minute budget (a real
  minute); the added wait is the time each call spent in the limiter's ``acquire``.
  Beside ours, the same calls through an even pacer (one unit every window ÷ limit,
  how the first limiter spent its budget).
- *short job*: a 250-page export at 100 per 3 s with jittered latency; the ideal is
  6.0 s from the first arrival to the last (100, 100 and 50 pages, one window apart).
- *high latency*: an export at 200 per 2 s with 0.05-0.5 s latency.
- *4 processes*: four child processes (``python -m benchmarks.limiter --child ...``),
  each exporting every page through its own ``RedisLimiter`` on one real
  ``redis-server`` and one fake; then the same with Redis killed and restarted on
  its port mid-run.

*Use* = units the server accepted ÷ (limit x span ÷ window), span = first to last
accepted arrival on the server's clock; *most in a window* is the server's own
sliding count.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from dataclasses import dataclass
from typing import Any

from helpscout_async import HelpScout
from helpscout_async.ratelimit import AccountLimiter, RateLimit, RateLimitInfo
from helpscout_async.testing import RedisServer

from ._common import PAGE_SIZE, USE_TERMS, FakeServer, Recorder, fmt_pct, ideal_use, run_child
from ._results import Section, Table, Verdict

TARGET_USE = 0.95


class EvenPacer:
    """Pacing without burst credit, as the first limiter did: a unit every ``window ÷ limit``.

    No margin for latency either (the first limiter had one): a baseline of timing only.
    """

    def __init__(self, limit: int, window: float) -> None:
        self.gap = window / limit
        self.next = 0.0

    async def acquire(self, cost: int, *, write: bool, max_pause: float | None = None) -> float:
        now = asyncio.get_running_loop().time()
        slot = max(now, self.next)
        self.next = slot + self.gap * cost
        await asyncio.sleep(slot - now)
        return 0.0

    def observe(self, info: RateLimitInfo) -> None:
        return None

    def parallelism(self) -> int:
        return 8


def _client(fake: FakeServer, limiter: Any, policy: RateLimit) -> HelpScout:
    return HelpScout(
        client_id=fake.client_id,
        client_secret=fake.client_secret,
        base_url=fake.base_url,
        rate_limit=policy,
        limiter=limiter,
    )


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _export(client: HelpScout) -> tuple[int, int]:
    """Every page of ``status=all``: (pages, conversations)."""
    pages = items = 0
    async for page in client.conversations.list(status="all").pages():
        pages += 1
        items += len(page.items)
    return pages, items


@dataclass
class Use:
    """What the server counted during one case."""

    units: int
    span: float
    use: float
    most: int
    refused: int


async def _server_use(fake: FakeServer) -> Use:
    metrics = await fake.metrics()
    points = [(float(t), int(c)) for t, c in metrics["points"]]
    span = points[-1][0] - points[0][0] if points else 0.0
    units = sum(c for _, c in points)
    return Use(
        units=units,
        span=span,
        use=ideal_use(units, span, fake.per_minute, fake.window),
        most=int(metrics["maxUnitsInWindow"]),
        refused=int(metrics["rateLimited"]),
    )


# -- idle ---------------------------------------------------------------------------


async def idle_case(calls: int) -> dict[str, dict[str, float]]:
    """``calls`` sporadic GETs through ours and through the even pacer, one fake."""
    out = {}
    rng = random.Random(7)
    gaps = [rng.uniform(0.05, 0.25) for _ in range(calls)]
    policy = RateLimit(per_minute=200)
    async with FakeServer(conversations=50, per_minute=1000, window=60.0) as fake:
        for name, inner in (
            ("ours", AccountLimiter(policy)),
            ("even pacing (v1)", EvenPacer(200, 60)),
        ):
            recorder = Recorder(inner)
            took = []
            async with _client(fake, recorder, policy) as client:
                await client.users.me()  # the token and a warm connection, not measured
                recorder.waits.clear()
                for gap in gaps:
                    await asyncio.sleep(gap)
                    started = time.perf_counter()
                    await client.users.me()
                    took.append(time.perf_counter() - started)
            out[name] = {
                "p50": _quantile(recorder.waits, 0.5),
                "p90": _quantile(recorder.waits, 0.9),
                "max": max(recorder.waits),
                "call_p50": _quantile(took, 0.5),
                "calls": float(len(recorder.waits)),
            }
    return out


# -- one process, a budget that binds -------------------------------------------------


@dataclass
class Job:
    """One export against a binding budget."""

    name: str
    limiter: str
    pages: int
    wall: float
    server: Use
    client_429: int


async def job_case(
    name: str,
    *,
    conversations: int,
    limit: int,
    window: float,
    latency: tuple[float, float],
    pacer: bool = False,
) -> Job:
    policy = RateLimit(per_minute=limit).scaled(window / 60.0)
    fake = FakeServer(
        conversations=conversations,
        per_minute=limit,
        window=window,
        mode="sliding",
        latency=latency,
    )
    async with fake:
        inner: Any = EvenPacer(limit, window) if pacer else AccountLimiter(policy)
        async with _client(fake, Recorder(inner), policy) as client:
            await client.users.me()  # the token
            await asyncio.sleep(window * 1.1)  # the budget idle again
            await fake.reset_metrics()
            started = time.perf_counter()
            pages, _ = await _export(client)
            wall = time.perf_counter() - started
            refused = client.rate_limited
        server = await _server_use(fake)
    label = "even pacing (v1)" if pacer else "ours"
    return Job(name, label, pages, wall, server, refused)


# -- processes sharing a Redis ----------------------------------------------------------


async def child(args: argparse.Namespace) -> dict[str, Any]:
    """One process of the shared account: wait for the start, export, report."""
    from helpscout_async.redis_limiter import RedisLimiter

    policy = RateLimit(per_minute=args.per_minute).scaled(args.window / 60.0)
    limiter = RedisLimiter(
        args.redis,
        account="bench",
        rate_limit=policy,
        fallback_share=args.fallback_share,
        retry_after=args.window / 6,
    )
    fake = json.loads(args.fake)
    async with HelpScout(
        client_id=fake["client_id"],
        client_secret=fake["client_secret"],
        base_url=fake["base_url"],
        rate_limit=policy,
        limiter=limiter,
    ) as client:
        await asyncio.sleep(max(0.0, args.start_at - time.time()))
        started = time.perf_counter()
        pages, items = await _export(client)
        wall = time.perf_counter() - started
        refused = client.rate_limited
    await limiter.aclose()
    return {
        "pages": pages,
        "items": items,
        "wall": wall,
        "rate_limited": refused,
        "fallbacks": limiter.fallbacks,
    }


@dataclass
class Shared:
    """Four processes through one Redis."""

    name: str
    processes: int
    pages: int
    server: Use
    client_429: int
    fallbacks: int
    wall: float


async def shared_case(
    name: str,
    *,
    processes: int,
    conversations: int,
    limit: int,
    window: float,
    latency: tuple[float, float],
    restart_at: float | None = None,
) -> Shared:
    fake = FakeServer(conversations=conversations, per_minute=limit, window=window, latency=latency)
    with RedisServer() as redis:
        async with fake:
            await _warm_ledger(redis.url, limit, window)
            await fake.reset_metrics()
            start_at = time.time() + 4.0  # the children import and fetch tokens first
            spec = json.dumps(
                {
                    "base_url": fake.base_url,
                    "client_id": fake.client_id,
                    "client_secret": fake.client_secret,
                }
            )
            argv = [
                *("--redis", redis.url, "--fake", spec, "--start-at", repr(start_at)),
                *("--window", repr(window), "--per-minute", str(limit)),
                *("--fallback-share", repr(1 / processes)),
            ]
            jobs = [run_child("limiter", argv, seconds=600) for _ in range(processes)]
            restarts = []
            if restart_at is not None:
                restarts.append(_restart(redis, start_at + restart_at))
            results = await asyncio.gather(*jobs, *restarts)
            server = await _server_use(fake)
    children = results[:processes]
    return Shared(
        name=name,
        processes=processes,
        pages=sum(r["pages"] for r in children),
        server=server,
        client_429=sum(r["rate_limited"] for r in children),
        fallbacks=sum(r["fallbacks"] for r in children),
        wall=max(r["wall"] for r in children),
    )


async def _warm_ledger(url: str, limit: int, window: float) -> None:
    """Start the account's ledger one window before the run: Redis has been up a while.

    A ledger's first window after Redis starts allows a quarter of the limit (it cannot
    know what other processes held before a restart); a long-running Redis is past it.
    """
    from helpscout_async.redis_limiter import RedisLimiter

    policy = RateLimit(per_minute=limit).scaled(window / 60.0)
    limiter = RedisLimiter(url, account="bench", rate_limit=policy)
    await limiter.acquire(1, write=False)
    await limiter.observe(RateLimitInfo(status=0, cost=1))  # never sent: gives it back
    await limiter.aclose()
    await asyncio.sleep(window * 1.05)


async def _restart(redis: RedisServer, at: float) -> None:
    await asyncio.sleep(max(0.0, at - time.time()))
    await asyncio.to_thread(redis.restart, 0.2)


# -- the section ----------------------------------------------------------------------


async def run(quick: bool, command: str) -> Section:
    """All cases; the section for RESULTS.md."""
    started = time.perf_counter()
    idle = await idle_case(12 if quick else 30)
    print(f"  limiter: idle p50 ours {idle['ours']['p50'] * 1000:.2f} ms", flush=True)
    short_conversations = 250 * PAGE_SIZE + 30  # the seeder merges ~0.5 %: 250 pages remain
    jitter = (0.01, 0.06)
    jobs = [
        await job_case(
            "250 pages, 100 per 3 s",
            conversations=short_conversations,
            limit=100,
            window=3.0,
            latency=jitter,
            pacer=pacer,
        )
        for pacer in (False, True)
    ]
    windows = 3 if quick else 8
    jobs.append(
        await job_case(
            "200 per 2 s, latency 0.05-0.5 s",
            conversations=windows * 200 * PAGE_SIZE,
            limit=200,
            window=2.0,
            latency=(0.05, 0.5),
        )
    )
    for job in jobs:
        print(f"  limiter: {job.name} ({job.limiter}): use {fmt_pct(job.server.use)}", flush=True)
    window = 3.0 if quick else 6.0
    per_process = (3 if quick else 6) * 200 // 4
    shared = []
    for name, restart in (("4 processes", None), ("4 processes, Redis restarted", 0.4)):
        case = await shared_case(
            name,
            processes=4,
            conversations=per_process * PAGE_SIZE + 30,
            limit=200,
            window=window,
            latency=(0.003, 0.03),
            restart_at=None if restart is None else restart * 4 * per_process / 200 * window,
        )
        print(f"  limiter: {name}: use {fmt_pct(case.server.use)}", flush=True)
        shared.append(case)
    return _section(idle, jobs, shared, quick, window, command, time.perf_counter() - started)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _section(
    idle: dict[str, dict[str, float]],
    jobs: list[Job],
    shared: list[Shared],
    quick: bool,
    window: float,
    command: str,
    duration: float,
) -> Section:
    idle_table = Table(
        ["limiter", "calls", "added wait p50", "p90", "max", "call p50"],
        [
            [
                name,
                f"{v['calls']:.0f}",
                _ms(v["p50"]),
                _ms(v["p90"]),
                _ms(v["max"]),
                _ms(v["call_p50"]),
            ]
            for name, v in idle.items()
        ],
        caption="Sporadic `users.me()` calls (0.05-0.25 s apart) on an idle 200-a-minute budget:",
    )
    short = [j for j in jobs if j.name.startswith("250")]
    high = [j for j in jobs if not j.name.startswith("250")]
    job_rows = []
    for j in short:
        ideal = 6.0
        job_rows.append(
            [
                j.limiter,
                str(j.pages),
                f"{j.server.span:.2f} s",
                f"{ideal:.1f} s",
                fmt_pct(ideal / j.server.span if j.server.span else 0.0),
                f"{j.server.most}/100",
                str(j.server.refused),
            ]
        )
    short_table = Table(
        ["limiter", "pages", "first to last arrival", "ideal", "use", "most in a window", "429s"],
        job_rows,
        caption="A short job: 250 pages at 100 per 3 s (sliding), latency 0.01-0.06 s:",
    )
    ceiling = 2.0 / (2.0 + (0.05 + 0.5) / 2 - 0.05)
    high_table = Table(
        [
            "case",
            "pages",
            "span",
            "units",
            "use",
            "worst-case-safe ceiling",
            "use ÷ ceiling",
            "most in a window",
            "429s",
        ],
        [
            [
                j.name,
                str(j.pages),
                f"{j.server.span:.2f} s",
                f"{j.server.units:,}",
                fmt_pct(j.server.use),
                fmt_pct(ceiling),
                fmt_pct(j.server.use / ceiling),
                f"{j.server.most}/200",
                str(j.server.refused),
            ]
            for j in high
        ],
        caption="High latency against the window: 200 per 2 s (sliding), latency 0.05-0.5 s:",
    )
    shared_table = Table(
        [
            "case",
            "processes",
            "pages",
            "span",
            "units",
            "use",
            "most in a window",
            "429s (server)",
            "429s (clients)",
            "fallback requests",
        ],
        [
            [
                s.name,
                str(s.processes),
                f"{s.pages:,}",
                f"{s.server.span:.2f} s",
                f"{s.server.units:,}",
                fmt_pct(s.server.use),
                f"{s.server.most}/200",
                str(s.server.refused),
                str(s.client_429),
                str(s.fallbacks),
            ]
            for s in shared
        ],
        caption=(
            f"One account, 200 per {window:g} s (sliding), shared by processes through one "
            "`redis-server`, latency 0.003-0.03 s:"
        ),
    )
    verdicts = [
        Verdict(
            "idle budget: added wait p50 (ours)",
            _ms(idle["ours"]["p50"]),
            "0 ms",
            idle["ours"]["p50"] < 0.001,
        ),
        Verdict(
            "idle budget: added wait p90 (ours)",
            _ms(idle["ours"]["p90"]),
            "0 ms",
            idle["ours"]["p90"] < 0.001,
        ),
    ]
    ours_short = next(j for j in short if j.limiter == "ours")
    short_use = 6.0 / ours_short.server.span if ours_short.server.span else 0.0
    verdicts.append(
        Verdict(
            "250-page job at 100 per 3 s: use of the ideal 6.0 s",
            fmt_pct(short_use),
            "≥ 95 %",
            short_use >= TARGET_USE,
        )
    )
    for j in high:
        verdicts.append(
            Verdict(
                f"use at {j.name}",
                fmt_pct(j.server.use),
                "≥ 95 %",
                j.server.use >= TARGET_USE,
            )
        )
    for s in shared:
        restarted = "restart" in s.name
        verdicts.append(
            Verdict(
                f"use, {s.name}",
                fmt_pct(s.server.use),
                "(reported)" if restarted else "≥ 95 %",
                None if restarted else s.server.use >= TARGET_USE,
            )
        )
        verdicts.append(
            Verdict(
                f"most in a window, {s.name}",
                f"{s.server.most}/200",
                "≤ 200",
                s.server.most <= 200,
            )
        )
    ours = [(f"{j.name} (ours)", j.server.refused) for j in jobs if j.limiter == "ours"]
    for label, refused in ours + [(s.name, s.server.refused) for s in shared]:
        verdicts.append(Verdict(f"429s, {label}", str(refused), "0", refused == 0))
    method = (
        f"{'Quick run. ' if quick else ''}The fake server runs in its own process, "
        "`python -m helpscout_async.testing --per-minute L --window W --mode sliding "
        "--write-weight 2 --latency A,B`; our client has its default settings and a "
        "`RateLimit` of the same scale. *Added wait* is the time a call spent in the "
        "limiter's `acquire`. "
        + USE_TERMS
        + " (the short job's ideal is 6.0 s). *Most in a window* is the server's sliding "
        "count. "
        "Each process of the shared cases is `python -m benchmarks.limiter --child` with its "
        "own `RedisLimiter` (`fallback_share` = 1/4) on one `redis-server` started by the "
        "benchmark on loopback; they start together and each exports every page. The "
        "account's ledger is started one window before (a Redis that has been up a while); "
        "the restart kills Redis at 40 % of the run and starts an empty one on the same port "
        "0.2 s later."
    )
    notes = [
        "*Worst-case-safe ceiling.* The fake adds its latency on the way to the server, so a "
        "request arrives anywhere from 0.05 to 0.5 s after it is sent and the client learns "
        "the moment only from the answer. A client that never lets a window of arrivals "
        "hold more than the limit, whatever the draw, may reuse a unit only when a request "
        "sent now, arriving as early as possible, cannot share a window with the arrival "
        "that freed it: each unit is busy for the window plus the mean trip less the "
        "shortest, and use cannot pass W ÷ (W + mean - shortest) = 2 ÷ (2 + 0.275 - 0.05) = "
        f"{fmt_pct(ceiling)}. 95 % at this latency needs sending before it is provably safe; "
        "the limiter does not gamble the 0-429 promise for it. The old limiter reached 65 % "
        "here.",
        "*Even pacing (v1)* spends a unit every window ÷ limit whether the budget is idle or "
        "not and keeps no margin for latency: a baseline of timing only (its 429s in the "
        "short job are jitter pushing arrivals together). The shared cases' *fallback "
        "requests* went through a process's local limiter while Redis was down; the "
        "restarted run's use is the price of the conservative first window of a new ledger "
        "(a quarter of the limit, since nobody can know what other processes held).",
    ]
    return Section(
        name="limiter",
        title="6. The budget, v2: idle waits, short jobs, high latency, processes sharing Redis",
        command=command,
        method=method,
        tables=[idle_table, short_table, high_table, shared_table],
        notes=notes,
        verdicts=verdicts,
        duration=duration,
    )


def main() -> None:
    """``python -m benchmarks.limiter [--quick]`` (prints, writes nothing); ``--child``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--redis")
    parser.add_argument("--fake")
    parser.add_argument("--start-at", type=float, default=0.0)
    parser.add_argument("--window", type=float, default=6.0)
    parser.add_argument("--per-minute", type=int, default=200)
    parser.add_argument("--fallback-share", type=float, default=0.25)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(child(args))), flush=True)
        return
    section = asyncio.run(run(args.quick, "python -m benchmarks.limiter"))
    print(section.text())


if __name__ == "__main__":
    sys.exit(main())
