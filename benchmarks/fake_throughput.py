"""How many list pages per second the fake Help Scout server serves.

Starts ``python -m helpscout_async.testing`` (the ``fake-server`` command) in a
separate process with 100,000 conversations and limits off, then walks every
page of ``GET /v2/conversations?status=all`` with a plain aiohttp client keeping
~8 requests in flight: once cold (every page built and serialized) and once
warm (pages served from the byte cache). Prints pages/s for both, and the
server's own CPU time per page (Linux), which stays meaningful when other work
shares the machine.

    python benchmarks/fake_throughput.py [--conversations N] [--inflight K]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from asyncio.subprocess import Process

import aiohttp


async def _start(conversations: int) -> tuple[Process, dict[str, str], float]:
    started = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "helpscout_async.testing", "--no-limits"),
        *("--conversations", str(conversations), "--seed", "7"),
        stdout=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None
    env: dict[str, str] = {}
    while len(env) < 3:
        line = await proc.stdout.readline()
        if not line:
            raise RuntimeError("fake-server exited before printing its address")
        key, _, value = line.decode().strip().partition("=")
        env[key] = value
    return proc, env, time.perf_counter() - started


def _cpu_seconds(pid: int) -> float | None:
    """User+system CPU time of a process (Linux ``/proc``), or None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _walk(
    session: aiohttp.ClientSession,
    base: str,
    headers: dict[str, str],
    inflight: int,
    parse: bool,
) -> tuple[int, int, float]:
    """Fetch every page (page 1 first for totalPages); returns pages, items, seconds.

    Without ``parse`` the client only reads each body (and checks the status),
    so that the figure is the server's, not the client's JSON decoding.
    """
    url = f"{base}/conversations"
    params = {"status": "all"}
    started = time.perf_counter()
    async with session.get(url, params=params, headers=headers) as resp:
        first = json.loads(await resp.read())
    total_pages = first["page"]["totalPages"]
    items = len(first.get("_embedded", {}).get("conversations", []))
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(2, total_pages + 1):
        queue.put_nowait(n)

    async def worker() -> int:
        count = 0
        while not queue.empty():
            n = queue.get_nowait()
            async with session.get(url, params={**params, "page": str(n)}, headers=headers) as r:
                raw = await r.read()
                if r.status != 200:
                    raise RuntimeError(f"page {n}: {r.status}")
            if parse:
                count += len(json.loads(raw).get("_embedded", {}).get("conversations", []))
            else:
                count += raw.count(b'"preview":')
        return count

    counts = await asyncio.gather(*(worker() for _ in range(inflight)))
    return total_pages, items + sum(counts), time.perf_counter() - started


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--inflight", type=int, default=8)
    parser.add_argument(
        "--parse", action="store_true", help="also json.loads every page in the client"
    )
    args = parser.parse_args(argv)
    proc, env, startup = await _start(args.conversations)
    try:
        base = env["HELPSCOUT_BASE_URL"]
        connector = aiohttp.TCPConnector(limit=args.inflight)
        async with aiohttp.ClientSession(connector=connector) as session:
            form = {
                "grant_type": "client_credentials",
                "client_id": env["HELPSCOUT_CLIENT_ID"],
                "client_secret": env["HELPSCOUT_CLIENT_SECRET"],
            }
            async with session.post(f"{base}/oauth2/token", data=form) as resp:
                token = (await resp.json())["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            print(
                f"conversations: {args.conversations}, in flight: {args.inflight},"
                f" client parses JSON: {args.parse}"
            )
            print(f"server start (seeding included): {startup:.2f} s")
            for label in ("cold", "warm"):
                cpu_before = _cpu_seconds(proc.pid)
                pages, items, seconds = await _walk(
                    session, base, headers, args.inflight, args.parse
                )
                cpu_after = _cpu_seconds(proc.pid)
                line = (
                    f"{label}: {pages} pages, {items} conversations in {seconds:.2f} s"
                    f" -> {pages / seconds:,.0f} pages/s"
                )
                if cpu_before is not None and cpu_after is not None and cpu_after > cpu_before:
                    per_core = pages / (cpu_after - cpu_before)
                    line += f" (server CPU {cpu_after - cpu_before:.2f} s: {per_core:,.0f} pages/s"
                    line += " per server core)"
                print(line)
    finally:
        proc.terminate()
        await proc.wait()


if __name__ == "__main__":
    asyncio.run(main())
