"""The sync contract, on the fake server over real HTTP.

A completed run followed by one incremental run has written every conversation that
existed at the first run's start (and still exists), each at least in the version it
had then, none more often than it changed plus once; equal timestamps at page
boundaries are neither lost nor repeated; a killed run resumes and loses nothing.
"""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from _sync_support import client_for

from helpscout_async.sync import CallbackSink, Checkpoint, SyncStats, sync
from helpscout_async.testing import Churn, FakeHelpScout, Faults, Store
from helpscout_async.testing._seed import generate

Written = list[tuple[int, str]]


def recorder(into: Written) -> CallbackSink:
    return CallbackSink(
        lambda record: into.append((record["id"], record.get("modifiedAt") or record["updatedAt"]))
    )


def snapshot(fake: FakeHelpScout) -> dict[int, str]:
    return {cid: conv["modifiedAt"] for cid, conv in fake.store.conversations.items()}


def assert_everything_written(start: dict[int, str], fake: FakeHelpScout, written: Written) -> None:
    versions: dict[int, list[str]] = collections.defaultdict(list)
    for cid, stamp in written:
        versions[cid].append(stamp)
    now = fake.store.conversations
    for cid, stamp in start.items():
        if cid not in now:
            continue  # deleted before the walk reached it: the API no longer has it
        assert versions[cid], f"conversation {cid} was never written"
        assert max(versions[cid]) >= stamp, f"conversation {cid} written only in an older version"
    for cid in now:
        assert versions[cid], f"conversation {cid} (created during the run) missing"


async def test_churn_during_a_run_then_one_incremental_run_loses_nothing(tmp_path: Path) -> None:
    """Churn driven page by page, so every change is known and the bound is exact."""
    async with FakeHelpScout(seed=11, conversations=1200, rate_limit=None) as fake:
        start = snapshot(fake)
        modified: collections.Counter[int] = collections.Counter()
        created: list[int] = []
        deleted: list[int] = []

        def churn(stats: SyncStats) -> None:
            if stats.finished or stats.pages % 2:
                return
            result = fake.churn(modify=5, create=1, delete=1)
            modified.update(result.modified)
            created.extend(result.created)
            deleted.extend(result.deleted)

        written: Written = []
        checkpoint = Checkpoint(tmp_path / "state.json")
        async with client_for(fake) as client:
            first = await sync(
                client, "conversations", recorder(written), checkpoint=checkpoint, on_progress=churn
            )
            second = await sync(client, "conversations", recorder(written), checkpoint=checkpoint)
        assert first.finished
        assert second.finished
        share = len(set(modified) & set(start)) / len(start)
        assert share >= 0.10, f"only {share:.0%} of conversations were modified: test too weak"
        assert created
        assert deleted
        assert_everything_written(start, fake, written)
        counts = collections.Counter(cid for cid, _ in written)
        for cid, times in counts.items():
            assert times <= 1 + modified[cid], f"conversation {cid} written {times} times"
        assert max(counts[cid] for cid in start if modified[cid] <= 1 and cid in counts) <= 2


async def test_random_churn_fault_loses_nothing(tmp_path: Path) -> None:
    """The fake's own churn fault (random, per list request), as users would test."""
    churn = Churn(modify=3.0, create=0.5, delete=0.3)
    async with FakeHelpScout(
        seed=12, conversations=900, rate_limit=None, faults=Faults(churn=churn, seed=3)
    ) as fake:
        start = snapshot(fake)
        written: Written = []
        checkpoint = Checkpoint(tmp_path / "state.json")
        async with client_for(fake) as client:
            await sync(client, "conversations", recorder(written), checkpoint=checkpoint)
            fake.faults.churn = None
            await sync(client, "conversations", recorder(written), checkpoint=checkpoint)
        changed = sum(
            1
            for cid, stamp in start.items()
            if fake.store.conversations.get(cid, {}).get("modifiedAt", stamp) != stamp
        )
        assert changed >= 0.08 * len(start)
        assert_everything_written(start, fake, written)


def _tie(fake: FakeHelpScout, ids: list[int], stamp: str) -> None:
    for cid in ids:
        conv = fake.store.conversations[cid]
        conv["modifiedAt"] = conv["userUpdatedAt"] = stamp
    fake.store.touch()


async def test_equal_timestamps_across_page_boundaries_written_once(
    small_fake: FakeHelpScout,
) -> None:
    ids = sorted(small_fake.store.conversations)
    _tie(small_fake, ids[10:70], "2025-03-01T10:00:00Z")  # 60 in one second: 3 pages of ties
    _tie(small_fake, ids[100:126], "2025-04-01T10:00:00Z")  # 26: one past a page
    written: Written = []
    async with client_for(small_fake) as client:
        stats = await sync(client, "conversations", recorder(written))
    counts = collections.Counter(cid for cid, _ in written)
    assert set(counts) == set(ids)
    assert max(counts.values()) == 1
    assert stats.written == len(ids)


async def test_a_tie_group_that_shifts_mid_walk_loses_nothing(small_fake: FakeHelpScout) -> None:
    """Records leaving a tie group shift the rest up a page; the settle pass finds them."""
    ids = sorted(small_fake.store.conversations)
    group = ids[:80]
    _tie(small_fake, group, "2025-05-05T05:05:05Z")
    start = snapshot(small_fake)
    done = False

    def shift(stats: SyncStats) -> None:
        nonlocal done
        if stats.pages == 2 and not done:  # two pages of the group read: modify 30 read ones
            done = True
            for cid in group[:30]:
                conv = small_fake.store.conversations[cid]
                conv["modifiedAt"] = conv["userUpdatedAt"] = "2026-01-01T00:00:00Z"
            small_fake.store.touch()

    written: Written = []
    async with client_for(small_fake) as client:
        await sync(client, "conversations", recorder(written), on_progress=shift)
    assert done
    assert_everything_written(start, small_fake, written)


async def test_incremental_run_writes_only_changes(
    small_fake: FakeHelpScout, tmp_path: Path
) -> None:
    checkpoint = Checkpoint(tmp_path / "state.json")
    async with client_for(small_fake) as client:
        first = await sync(client, "conversations", recorder([]), checkpoint=checkpoint)
        changed = small_fake.churn(modify=7)
        again: Written = []
        second = await sync(client, "conversations", recorder(again), checkpoint=checkpoint)
    assert first.written == len(small_fake.store.conversations)
    assert {cid for cid, _ in again} == set(changed.modified)
    assert second.written == len(changed.modified)
    state = checkpoint.load()
    assert state is not None
    assert state.complete
    assert state.runs == 2


async def test_since_starts_the_walk_at_a_time(small_fake: FakeHelpScout) -> None:
    from datetime import UTC, datetime

    since = datetime(2025, 6, 1, tzinfo=UTC)
    written: Written = []
    async with client_for(small_fake) as client:
        await sync(client, "conversations", recorder(written), since=since)
    expected = {
        cid
        for cid, c in small_fake.store.conversations.items()
        if c["modifiedAt"] >= "2025-06-01T00:00:00Z"
    }
    assert {cid for cid, _ in written} == expected
    assert expected


async def test_threads_are_completed_where_the_embedded_list_may_be_short() -> None:
    async with FakeHelpScout(
        seed=5, conversations=300, rate_limit=None, embedded_threads=2
    ) as fake:
        records: list[dict[str, Any]] = []
        async with client_for(fake) as client:
            stats = await sync(client, "conversations", CallbackSink(records.append))
        short = [r for r in records if r["threads"] > 2 or r["type"] == "chat"]
        assert len(short) > 50, "the seed should hold many conversations with > 2 threads"
        assert stats.thread_fetches == len(short)
        for record in records:
            threads = record["_embedded"]["threads"]
            assert len(threads) == record["threads"]
            expected = [t["id"] for t in fake.store.get_threads(record["id"])]
            assert [t["id"] for t in threads] == expected
        served = fake.metrics.snapshot()["requests"]
        threads_requests = served["GET /v2/conversations/{conversation_id}/threads"]
        assert threads_requests == len(short)


async def test_no_thread_fetch_when_embedded_threads_are_complete(
    small_fake: FakeHelpScout,
) -> None:
    records: list[dict[str, Any]] = []
    async with client_for(small_fake) as client:
        stats = await sync(client, "conversations", CallbackSink(records.append))
    chats = sum(1 for r in records if r["type"] == "chat")
    assert stats.thread_fetches == chats  # only chats, whose embedded lists the API cuts


async def test_customers_sync_by_time(small_fake: FakeHelpScout) -> None:
    records: list[dict[str, Any]] = []
    async with client_for(small_fake) as client:
        stats = await sync(client, "customers", CallbackSink(records.append))
    assert sorted(r["id"] for r in records) == sorted(small_fake.store.customers)
    assert stats.finished


async def test_state_file_is_for_one_resource(small_fake: FakeHelpScout, tmp_path: Path) -> None:
    checkpoint = Checkpoint(tmp_path / "state.json")
    async with client_for(small_fake) as client:
        await sync(client, "customers", recorder([]), checkpoint=checkpoint)
        with pytest.raises(ValueError, match="customers"):
            await sync(client, "conversations", recorder([]), checkpoint=checkpoint)


def _serve(tmp_path: Path, conversations: int) -> tuple[subprocess.Popen[str], list[str]]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "helpscout_async.testing",
            "--port",
            "0",
            "--seed",
            "21",
            "--conversations",
            str(conversations),
            "--no-limits",
            "--latency",
            "0.02,0.06",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    lines = [server.stdout.readline().strip().split("=", 1)[1] for _ in range(3)]
    return server, lines


def test_a_killed_run_resumes_and_loses_nothing(tmp_path: Path) -> None:
    server, (base_url, client_id, secret) = _serve(tmp_path, 1500)
    out, state = tmp_path / "out.jsonl", tmp_path / "state.json"
    driver = [
        sys.executable,
        str(Path(__file__).with_name("_driver.py")),
        base_url,
        client_id,
        secret,
        str(out),
        str(state),
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    try:
        job = subprocess.Popen(driver, stdout=subprocess.PIPE, text=True, env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # kill once a few pages are checkpointed
            if state.exists() and json.loads(state.read_text())["written"] >= 300:
                break
            time.sleep(0.02)
        job.send_signal(signal.SIGKILL)
        job.wait(timeout=10)
        first = json.loads(state.read_text())
        assert not first["complete"]
        assert 0 < first["written"] < 1500
        resumed = subprocess.run(
            driver, capture_output=True, text=True, env=env, timeout=120, check=True
        )
        assert resumed.stdout.startswith("done")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    counts = collections.Counter(ids)
    same = Store()
    generate(same, seed=21, conversations=1500)  # the server's store: same seed, same data
    assert set(counts) == set(same.conversations)
    assert max(counts.values()) <= 2
    final = json.loads(state.read_text())
    assert final["complete"]
    assert final["runs"] == 2
