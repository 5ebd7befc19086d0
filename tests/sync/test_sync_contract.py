"""The sync contract, on the fake server over real HTTP.

A completed run followed by one incremental run has written every conversation that
existed at the first run's start (and still exists), each at least in the version it
had then, none more often than it changed plus once; equal timestamps at page
boundaries are neither lost nor repeated; a killed run resumes and loses nothing.
"""

from __future__ import annotations

import collections
import json
import math
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest
from _sync_support import client_for

from helpscout_async.sync import CallbackSink, Checkpoint, SyncStats, sync
from helpscout_async.testing import (
    Churn,
    ChurnResult,
    FakeHelpScout,
    Faults,
    PageLies,
    Race,
    Store,
)
from helpscout_async.testing._seed import generate

Written = list[tuple[int, str]]
VERSION_KEYS = ("status", "subject", "tags", "userUpdatedAt", "customerWaitingSince", "threads")


def version(body: dict[str, Any]) -> str:
    """What tells one version of a conversation from another (bodies carry no modifiedAt)."""
    return json.dumps({k: body.get(k) for k in VERSION_KEYS}, sort_keys=True)


def recorder(into: Written) -> CallbackSink:
    return CallbackSink(lambda record: into.append((record["id"], version(record))))


def snapshot(fake: FakeHelpScout) -> dict[int, str]:
    return {cid: version(conv) for cid, conv in fake.store.conversations.items()}


def assert_everything_written(
    start: dict[int, str],
    fake: FakeHelpScout,
    written: Written,
    edited: Collection[int],
    ceiling: str | None = None,
) -> None:
    """Every conversation of the start written, the unedited ones in their start version.

    With ``ceiling`` (the last run's), those created later up to it must be written too;
    a run leaves those created from its own start on to the next run.
    """
    versions: dict[int, set[str]] = collections.defaultdict(set)
    for cid, seen in written:
        versions[cid].add(seen)
    now = fake.store.conversations
    for cid, then in start.items():
        if cid not in now:
            continue  # deleted meanwhile: the API no longer has it
        assert versions[cid], f"conversation {cid} was never written"
        if cid not in edited:
            assert then in versions[cid], f"conversation {cid} written only in another version"
    for cid, conv in now.items():
        if ceiling is not None and conv["createdAt"] <= ceiling:
            assert versions[cid], f"conversation {cid} (created during the run) missing"


async def test_churn_and_races_during_a_run_then_one_incremental_run_lose_nothing(
    tmp_path: Path,
) -> None:
    """Edits, creations and deletions between pages, and races inside pages."""
    faults = Faults(race=Race(modify=1.0, delete=0.3), seed=4)
    async with FakeHelpScout(seed=11, conversations=1200, rate_limit=None, faults=faults) as fake:
        start = snapshot(fake)
        churned = ChurnResult()

        def churn(stats: SyncStats) -> None:
            if not stats.finished and stats.pages % 2 == 0:
                churned.extend(fake.churn(modify=5, create=1, delete=1))

        written: Written = []
        checkpoint = Checkpoint(tmp_path / "state.json")
        async with client_for(fake) as client:
            first = await sync(
                client, "conversations", recorder(written), checkpoint=checkpoint, on_progress=churn
            )
            fake.faults.race = None
            second = await sync(client, "conversations", recorder(written), checkpoint=checkpoint)
        assert first.finished
        assert second.finished
        assert first.shards >= 4, "the walk should have been split into shards"
        touched = fake.faults.touched
        modified = collections.Counter(touched.modified)
        assert len(set(modified) & set(start)) >= 0.10 * len(start), "test too weak"
        assert fake.metrics.snapshot()["faults"]["race_modify"] >= 20
        assert touched.created
        assert touched.deleted
        state = checkpoint.load()
        assert state is not None
        assert_everything_written(start, fake, written, set(modified), state.ceiling)
        counts = collections.Counter(cid for cid, _ in written)
        for cid, times in counts.items():
            assert times <= 1 + modified[cid], f"conversation {cid} written {times} times"


async def test_random_churn_fault_loses_nothing(tmp_path: Path) -> None:
    """The fake's own churn fault (random, per list request), as users would test."""
    churn = Churn(modify=3.0, create=0.5, delete=0.3)
    async with FakeHelpScout(
        seed=12,
        conversations=900,
        rate_limit=None,
        faults=Faults(churn=churn, race=Race(modify=0.5), seed=3),
    ) as fake:
        start = snapshot(fake)
        written: Written = []
        checkpoint = Checkpoint(tmp_path / "state.json")
        async with client_for(fake) as client:
            await sync(client, "conversations", recorder(written), checkpoint=checkpoint)
            fake.faults.clear()
            await sync(client, "conversations", recorder(written), checkpoint=checkpoint)
        edited = set(fake.faults.touched.modified)
        assert len(edited & set(start)) >= 0.08 * len(start)
        state = checkpoint.load()
        assert state is not None
        assert_everything_written(start, fake, written, edited, state.ceiling)


def _tie(fake: FakeHelpScout, ids: list[int], stamp: str) -> None:
    """Give conversations one createdAt second, as a bulk import does."""
    for cid in ids:
        fake.store.conversations[cid]["createdAt"] = stamp
    fake.store.touch()


@pytest.mark.parametrize("concurrency", [1, None])
async def test_equal_creation_times_across_page_boundaries_written_once(
    small_fake: FakeHelpScout, concurrency: int | None
) -> None:
    ids = sorted(small_fake.store.conversations)
    _tie(small_fake, ids[10:70], "2025-03-01T10:00:00Z")  # 60 in one second: 3 pages of ties
    _tie(small_fake, ids[100:126], "2025-04-01T10:00:00Z")  # 26: one past a page
    _tie(small_fake, ids[150:175], "2025-05-01T10:00:00Z")  # 25: exactly a page
    written: Written = []
    async with client_for(small_fake) as client:
        stats = await sync(client, "conversations", recorder(written), concurrency=concurrency)
    counts = collections.Counter(cid for cid, _ in written)
    assert set(counts) == set(ids)
    assert max(counts.values()) == 1
    assert stats.written == len(ids)


async def test_deletions_inside_a_tie_group_mid_walk_lose_nothing(
    small_fake: FakeHelpScout,
) -> None:
    """Records leaving a group of one second shift the rest up; the settle pass finds them."""
    ids = sorted(small_fake.store.conversations)
    group = ids[:80]
    _tie(small_fake, group, "2024-01-01T00:00:00Z")  # the oldest second: walked first
    start = snapshot(small_fake)
    deleted: list[int] = []

    def shift(stats: SyncStats) -> None:
        if stats.pages >= 2 and not deleted:  # two pages of the group read: drop 30 read ones
            deleted.extend(group[:30])
            for cid in deleted:
                del small_fake.store.conversations[cid]
            small_fake.store.touch()

    written: Written = []
    async with client_for(small_fake) as client:
        await sync(client, "conversations", recorder(written), on_progress=shift, concurrency=1)
    assert deleted
    assert_everything_written(start, small_fake, written, ())
    assert max(collections.Counter(cid for cid, _ in written).values()) == 1


async def test_lying_total_pages_and_a_stuck_page_number_end_in_bounded_requests(
    small_fake: FakeHelpScout,
) -> None:
    small_fake.faults.page_lies = PageLies(total_pages_factor=10, stuck_number=True)
    written: Written = []
    async with client_for(small_fake) as client:
        stats = await sync(client, "conversations", recorder(written), threads=False)
    ids = set(small_fake.store.conversations)
    assert {cid for cid, _ in written} == ids
    assert len(written) == len(ids)
    pages = math.ceil(len(ids) / 25)
    assert stats.pages <= pages + 2 * stats.shards + 2, stats


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
    assert second.pages <= 3, "a run with little to do must not be cut into many shards"
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


def test_runs_killed_at_random_points_resume_and_lose_nothing(tmp_path: Path) -> None:
    """SIGKILL five times at random points (mid-page, mid-line), then resume to the end."""
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
    rng = random.Random(8)
    kills = 0
    try:
        for threshold in sorted(rng.randrange(50, 1400) for _ in range(5)):
            job = subprocess.Popen(driver, stdout=subprocess.PIPE, text=True, env=env)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and job.poll() is None:
                if state.exists() and json.loads(state.read_text())["written"] >= threshold:
                    time.sleep(rng.uniform(0, 0.05))  # anywhere in the next page or two
                    break
                time.sleep(0.005)
            job.send_signal(signal.SIGKILL)
            job.wait(timeout=10)
            assert job.stdout is not None
            job.stdout.close()
            if job.returncode == -signal.SIGKILL:
                kills += 1
                assert not json.loads(state.read_text())["complete"]
        resumed = subprocess.run(
            driver, capture_output=True, text=True, env=env, timeout=120, check=True
        )
        assert resumed.stdout.startswith("done")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
    assert kills >= 3, "most runs should have been killed mid-way"
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]  # every line parses
    counts = collections.Counter(ids)
    same = Store()
    generate(same, seed=21, conversations=1500)  # the server's store: same seed, same data
    assert set(counts) == set(same.conversations)
    assert max(counts.values()) <= 1 + kills  # at most a page per shard again per kill
    final = json.loads(state.read_text())
    assert final["complete"]


async def test_incremental_run_asks_the_server_from_its_clock_less_the_overlap(
    small_fake: FakeHelpScout, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    checkpoint = Checkpoint(tmp_path / "state.json")
    async with client_for(small_fake) as client:
        await sync(client, "conversations", recorder([]), checkpoint=checkpoint)
        first = checkpoint.load()
        assert first is not None
        assert first.started is not None
        started = datetime.strptime(first.started, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        assert abs(started - datetime.now(UTC)) < timedelta(seconds=30)  # the server's Date
        # an edit the overlap must catch: stamped a minute before the run's start
        cid = min(small_fake.store.conversations)
        earlier = (started - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        small_fake.store.conversations[cid]["modifiedAt"] = earlier
        small_fake.store.touch()
        again: Written = []
        stats = await sync(
            client, "conversations", recorder(again), checkpoint=checkpoint, overlap=timedelta(0)
        )
        assert stats.since == first.started
        assert again == []
        stats = await sync(client, "conversations", recorder(again), checkpoint=checkpoint)
    assert [c for c, _ in again] == [cid]  # the default 5-minute overlap reaches it


async def test_customers_sync_incrementally_by_updated_at(
    small_fake: FakeHelpScout, tmp_path: Path
) -> None:
    checkpoint = Checkpoint(tmp_path / "state.json")
    async with client_for(small_fake) as client:
        first: list[dict[str, Any]] = []
        await sync(client, "customers", CallbackSink(first.append), checkpoint=checkpoint)
        assert sorted(r["id"] for r in first) == sorted(small_fake.store.customers)
        changed = sorted(small_fake.store.customers)[3:6]
        for cid in changed:
            await client.customers.update(cid, first_name="Renamed")
        again: list[dict[str, Any]] = []
        await sync(client, "customers", CallbackSink(again.append), checkpoint=checkpoint)
    assert sorted(r["id"] for r in again) == changed


async def test_malformed_list_items_are_reported_and_the_rest_written(
    small_fake: FakeHelpScout, caplog: pytest.LogCaptureFixture
) -> None:
    convs = small_fake.store.conversations
    ids = sorted(convs)
    no_id, bad_time = ids[5], ids[40]
    convs[no_id]["id"] = None
    convs[bad_time]["createdAt"] = convs[ids[41]]["createdAt"][:5] + "13-45T99:99:99Z"
    small_fake.store.touch()
    written: Written = []
    with caplog.at_level("WARNING", logger="helpscout_async.sync"):
        async with client_for(small_fake) as client:
            stats = await sync(client, "conversations", recorder(written), threads=False)
    assert stats.finished
    assert {cid for cid, _ in written} == set(ids) - {no_id, bad_time}
    assert stats.rejected >= 2  # the one without an id, every time it was read
    assert stats.rejected_ids.count(bad_time) == 1
    assert "not a time" in caplog.text
