"""Benchmark 2, against the peers: the same export by other Help Scout clients from PyPI.

Same data (same seed), same fake, a real-time minute (200 per 60 s, sliding; the
peers sleep in real seconds), latency 0.3 s and 1.0 s. Each client runs in its own
process against its own fake server process (so no client spends another's budget);
the three run side by side, which costs them nothing measurable: all of them spend
their time waiting on the network.

- ours: ``async for conv in client.conversations.list(status="all")`` (attrs models).
- ``python-helpscout-v2``: ``HelpScout(app_id, app_secret, base_url=...)`` takes a base
  URL; ``hs.conversations.get(params="status=all")`` walks ``_links.next``.
- ``helpscout-mailbox``: hard-codes ``BASE_URL``/``TOKEN_URL`` and reads credentials from
  ``HELPSCOUT_APP_ID``/``HELPSCOUT_APP_SECRET``; we set those and monkeypatch the two
  module constants. Its only list method is ``search_conversations(query, since)``
  (``status=all``, every page until ``totalPages``); ``createdAt:[* TO *]`` matches all.

The peers are installed only in the ``bench`` nox session; a peer that cannot be
imported is reported as such, not measured.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from ._common import PAGE_SIZE, FakeServer, emit, run_child
from ._results import Section, Table, Verdict

CLIENTS = ("ours", "python-helpscout-v2", "helpscout-mailbox")


@dataclass
class Run:
    """One client's export against its own fake."""

    client: str
    latency: float
    ok: bool
    wall: float = 0.0
    items: int = 0
    expected: int = 0
    pages: int = 0
    rate_limited: int = 0
    error: str = ""


async def _one(client: str, latency: float, conversations: int, seconds: float) -> Run:
    fake = FakeServer(conversations=conversations, window=60.0, per_minute=200, latency=latency)
    async with fake:
        await fake.reset_metrics()
        try:
            got = await run_child(
                "peers",
                [client, fake.base_url, fake.client_id, fake.client_secret],
                seconds=seconds,
            )
        except RuntimeError as exc:
            return Run(client, latency, ok=False, error=str(exc).splitlines()[-1][:200])
        metrics = await fake.metrics()
    if not got.get("ok", False):
        return Run(client, latency, ok=False, error=str(got.get("error", "failed")))
    pages = sum(n for key, n in metrics["requests"].items() if key.startswith("GET /v2/conv"))
    return Run(
        client,
        latency,
        ok=True,
        wall=float(got["wall"]),
        items=int(got["items"]),
        expected=int(got.get("expected", 0)),
        pages=pages,
        rate_limited=int(metrics["rateLimited"]),
    )


async def run(quick: bool, command: str) -> Section:
    """Every client at every latency; the section for RESULTS.md."""
    started = time.perf_counter()
    pages = 30 if quick else 300
    latencies = (0.3,) if quick else (0.3, 1.0)
    # the seeder merges ~0.5 % of conversations away: seed a little more for ``pages`` pages
    conversations = pages * PAGE_SIZE * 1000 // 995 - PAGE_SIZE // 2
    timeout = pages * 3.0 + 120
    runs: list[Run] = []
    for latency in latencies:
        batch = await asyncio.gather(
            *(_one(client, latency, conversations, timeout) for client in CLIENTS)
        )
        for r in batch:
            state = f"{r.wall:.1f} s, {r.pages} pages, 429s {r.rate_limited}" if r.ok else r.error
            print(f"  peers: latency {latency} s, {r.client}: {state}")
        runs += batch
    return _section(runs, quick, pages, conversations, command, time.perf_counter() - started)


def _section(
    runs: list[Run], quick: bool, pages: int, conversations: int, command: str, duration: float
) -> Section:
    ours = {r.latency: r for r in runs if r.client == "ours"}
    rows = []
    verdicts = []
    for r in runs:
        base = ours.get(r.latency)
        if not r.ok:
            rows.append([f"{r.latency:.1f} s", r.client, "—", "—", "—", "—", "—", "—", r.error])
            continue
        per_page = r.wall / r.pages if r.pages else 0.0
        ratio = ratio_pp = "1.00" if r.client == "ours" else "—"
        if r.client != "ours" and base is not None and base.ok and base.wall > 0:
            ratio = f"{r.wall / base.wall:.2f}"
            ratio_pp = f"{per_page / (base.wall / base.pages):.2f}"
            verdicts.append(
                Verdict(
                    f"{r.client} ÷ ours, wall time at {r.latency:.1f} s latency",
                    ratio,
                    "(reported)",
                    None,
                )
            )
        expected = r.expected or (base.expected if base is not None else 0)
        exported = f"{r.items:,}/{expected:,}" if expected else f"{r.items:,}"
        rows.append(
            [
                f"{r.latency:.1f} s",
                r.client,
                f"{r.wall:.1f} s",
                ratio,
                str(r.pages),
                f"{per_page:.3f} s",
                ratio_pp,
                str(r.rate_limited),
                exported,
            ]
        )
    for latency, base in ours.items():
        if base.ok:
            verdicts.append(
                Verdict(
                    f"our 429s at {latency:.1f} s latency",
                    str(base.rate_limited),
                    "0",
                    base.rate_limited == 0,
                )
            )
    table = Table(
        [
            "latency",
            "client",
            "wall",
            "÷ ours",
            "requests",
            "s per request",
            "per request ÷ ours",
            "429s",
            "conversations exported / expected",
        ],
        rows,
        caption=(
            f"{conversations:,} conversations seeded (seed 7), about {pages} pages of 25; "
            "200 per 60 s, sliding window:"
        ),
    )
    notes = [
        "*requests* are the list requests the fake served to that client (429s included); "
        "*expected* is `totalElements` of `status=all`. python-helpscout-v2 follows "
        "`_links.next`, which (like the real API's) carries only `page`, so from page 2 on "
        "it lists the default `status=active`: it makes fewer requests and exports the wrong "
        "set; compare its time per request. Its 429 handling sleeps a fixed 10 s; "
        "helpscout-mailbox reads `Retry-After` (the API sends `X-RateLimit-Retry-After`) "
        "and so also sleeps its 10 s default. Neither peer paces or fetches concurrently, "
        "so at 0.3 s latency a serial client is itself close to 200 a minute, and the "
        "difference shows at 1.0 s.",
    ]
    method = (
        f"{'Quick run. ' if quick else ''}Each client exports every conversation "
        "(`status=all`) from its own fake server process, `python -m helpscout_async.testing "
        f"--conversations {conversations} --seed 7 --per-minute 200 --window 60 --mode sliding "
        "--latency L`; wall time from the first request to the last item, measured in the "
        "client's process (token fetch included). See `benchmarks/peers.py` for how each peer "
        "is pointed at the fake."
    )
    return Section(
        name="peers",
        title="2. Against the peers",
        command=command,
        method=method,
        tables=[table],
        notes=notes,
        verdicts=verdicts,
        duration=duration,
    )


# -- the child: one client's export, timed in its own process ------------------------------


async def _ours(base_url: str, client_id: str, secret: str) -> dict[str, Any]:
    from helpscout_async import HelpScout

    started = time.perf_counter()
    items = expected = 0
    async with HelpScout(client_id=client_id, client_secret=secret, base_url=base_url) as client:
        async for page in client.conversations.list(status="all").pages():
            items += len(page.items)
            expected = page.total_elements
        limited = client.rate_limited
    wall = time.perf_counter() - started
    return {"ok": True, "wall": wall, "items": items, "expected": expected, "429": limited}


def _v2(base_url: str, client_id: str, secret: str) -> dict[str, Any]:
    from helpscout import HelpScout  # python-helpscout-v2

    started = time.perf_counter()
    hs = HelpScout(client_id, secret, base_url=base_url.rstrip("/") + "/")
    conversations = hs.conversations.get(params="status=all")
    wall = time.perf_counter() - started
    return {"ok": True, "wall": wall, "items": len(conversations)}


def _mailbox(base_url: str, client_id: str, secret: str) -> dict[str, Any]:
    os.environ["HELPSCOUT_APP_ID"] = client_id
    os.environ["HELPSCOUT_APP_SECRET"] = secret
    import helpscout_mailbox.client as peer  # helpscout-mailbox

    peer.BASE_URL = base_url.rstrip("/")  # hard-coded in the package: monkeypatched
    peer.TOKEN_URL = f"{peer.BASE_URL}/oauth2/token"
    started = time.perf_counter()
    client = peer.HelpScoutClient()
    items = sum(1 for _ in client.search_conversations("createdAt:[* TO *]", date(1970, 1, 1)))
    wall = time.perf_counter() - started
    return {"ok": True, "wall": wall, "items": items}


def child(argv: list[str]) -> None:
    """``--child CLIENT BASE_URL CLIENT_ID SECRET``: export, print one JSON line."""
    client, base_url, client_id, secret = argv
    try:
        if client == "ours":
            result = asyncio.run(_ours(base_url, client_id, secret))
        elif client == "python-helpscout-v2":
            result = _v2(base_url, client_id, secret)
        elif client == "helpscout-mailbox":
            result = _mailbox(base_url, client_id, secret)
        else:
            raise SystemExit(f"unknown client {client!r}")
    except ImportError as exc:
        result = {"ok": False, "error": f"not installed ({exc.name}); `nox -s bench` installs it"}
    except Exception as exc:
        result = {"ok": False, "error": f"failed: {type(exc).__name__}: {exc}"[:300]}
    emit(result)


def main() -> None:
    """``python -m benchmarks.peers [--quick]`` (this benchmark alone), or a child run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=4, metavar=("CLIENT", "URL", "ID", "SECRET"))
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    print(asyncio.run(run(args.quick, "python -m benchmarks.peers")).text())


if __name__ == "__main__":
    main()
