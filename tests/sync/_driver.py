"""A sync run in its own process, so that a test can SIGKILL it mid-run.

Usage: python _driver.py BASE_URL CLIENT_ID CLIENT_SECRET OUT STATE
Appends to OUT (JSONL) and checkpoints to STATE, as a resumable job would.
"""

from __future__ import annotations

import asyncio
import sys

import helpscout_async as hs
from helpscout_async.sync import Checkpoint, JsonlSink, sync


async def run(base_url: str, client_id: str, secret: str, out: str, state: str) -> None:
    sink = JsonlSink(out, append=True)
    policy = hs.RateLimit(per_minute=100_000, window=1.0, writes_per_burst=None)
    try:
        async with hs.HelpScout(
            client_id=client_id, client_secret=secret, base_url=base_url, rate_limit=policy
        ) as client:
            stats = await sync(client, "conversations", sink, checkpoint=Checkpoint(state))
            print(f"done {stats.written}", flush=True)
    finally:
        await sink.close()


if __name__ == "__main__":
    asyncio.run(run(*sys.argv[1:6]))
