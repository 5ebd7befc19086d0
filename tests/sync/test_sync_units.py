"""The shard walk against scripted servers, the sinks' and the checkpoint's failure cases."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from helpscout_async.sync import Checkpoint, JsonlSink, Shard, StateError, SyncState
from helpscout_async.sync._keys import record_key
from helpscout_async.sync._walk import Keyed, ShardWalk


def conv(cid: int, created: str) -> dict[str, Any]:
    return {"id": cid, "createdAt": created}


class Server:
    """A list sorted by (createdAt, id) answering ``createdAt:[low TO high]`` page N."""

    def __init__(self, records: list[Any], *, page_size: int = 3, stuck: bool = False) -> None:
        self.records = records
        self.page_size = page_size
        self.stuck = stuck  # ignores the page number: always page 1
        self.requests = 0

    def _key(self, r: Any) -> tuple[str, int]:
        key = record_key(r)
        return ("", 0) if isinstance(key, str) else (key[1], key[0])

    async def fetch(self, low: str, high: str, number: int) -> list[Any]:
        self.requests += 1
        matching = sorted(
            (r for r in self.records if low <= self._key(r)[0] <= high or not self._key(r)[0]),
            key=self._key,
        )
        n = 1 if self.stuck else number
        return matching[(n - 1) * self.page_size : n * self.page_size]


class Writer:
    def __init__(self) -> None:
        self.written: list[int] = []
        self.rejected: list[tuple[Any, str]] = []

    async def commit(self, shard: Shard, keyed: list[Keyed]) -> None:
        self.written += [rid for rid, _, _ in keyed]

    def reject(self, item: Any, reason: str) -> None:
        self.rejected.append((item, reason))


def walker(server: Server, writer: Writer) -> ShardWalk:
    return ShardWalk(
        server.fetch,
        writer.commit,
        writer.reject,
        page_size=server.page_size,
        after_page=lambda: None,
    )


LOW, HIGH = "2024-01-01T00:00:00Z", "2024-12-31T00:00:00Z"


async def test_a_walk_writes_each_record_once_across_ties() -> None:
    records = [conv(i, "2024-02-01T00:00:00Z") for i in range(1, 8)]  # 7 in one second
    records += [conv(i, f"2024-03-0{i - 7}T00:00:00Z") for i in range(8, 12)]
    server, writer = Server(records), Writer()
    shard = Shard(low=LOW, high=HIGH)
    await walker(server, writer).walk(shard)
    assert sorted(writer.written) == list(range(1, 12))
    assert shard.done
    assert server.requests < 20


async def test_malformed_items_are_reported_and_never_move_the_cursor() -> None:
    bad: list[Any] = [
        "not an object",
        None,
        {"createdAt": "2024-02-01T00:00:00Z"},
        {"id": None, "createdAt": "2024-02-01T00:00:00Z"},
        {"id": "7", "createdAt": "2024-02-01T00:00:00Z"},
        {"id": 9, "createdAt": "yesterday"},
        {"id": 10},
    ]
    good = [conv(i, f"2024-0{i}-01T00:00:00Z") for i in range(1, 6)]
    server, writer = Server(bad + good), Writer()
    shard = Shard(low=LOW, high=HIGH)
    await walker(server, writer).walk(shard)
    assert sorted(writer.written) == [1, 2, 3, 4, 5]
    assert len(writer.rejected) >= len(bad)
    reasons = {reason for _, reason in writer.rejected}
    assert any("not an object" in r for r in reasons)
    assert any("not a time" in r for r in reasons)
    assert any("integer" in r for r in reasons)


async def test_a_server_ignoring_page_numbers_cannot_loop() -> None:
    records = [conv(i, "2024-02-01T00:00:00Z") for i in range(1, 10)]  # 3 pages in one second
    server, writer = Server(records, stuck=True), Writer()
    shard = Shard(low=LOW, high=HIGH)
    await walker(server, writer).walk(shard)
    assert shard.done
    assert server.requests < 15  # it cannot read what it never serves, but it ends
    assert writer.written == [1, 2, 3]


async def test_a_split_during_a_request_leaves_the_cut_part_alone() -> None:
    records = [conv(i, f"2024-0{i}-01T00:00:00Z") for i in range(1, 10)]
    server, writer = Server(records, page_size=5), Writer()
    shard = Shard(low=LOW, high=HIGH)
    walk = walker(server, writer)
    fetch = server.fetch

    async def split_then_fetch(low: str, high: str, number: int) -> list[Any]:
        items = await fetch(low, high, number)
        shard.high = "2024-03-15T00:00:00Z"  # cut while the answer was on its way
        return items

    walk._fetch = split_then_fetch
    await walk.walk(shard)
    assert writer.written == [1, 2, 3]


def test_jsonl_resume_cuts_a_partial_last_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"id":1}\n{"id":2}\n{"id":3,"sub')  # a crash in the middle of a record
    sink = JsonlSink(path, append=True)
    assert sink.truncated == len('{"id":3,"sub')
    asyncio.run(_write_close(sink, [{"id": 3}]))
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == [1, 2, 3]


def test_jsonl_resume_of_a_clean_or_missing_file_cuts_nothing(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    assert JsonlSink(path, append=True).truncated == 0
    path.write_text('{"id":1}\n')
    assert JsonlSink(path, append=True).truncated == 0
    path.write_text('{"id":1')  # a single partial line
    assert JsonlSink(path, append=True).truncated == 7
    assert path.read_text() == ""


async def _write_close(sink: JsonlSink, records: list[dict[str, Any]]) -> None:
    await sink.write(records)
    await sink.close()


@pytest.mark.parametrize(
    "content",
    [
        '{"version": 2, "resource": "conversations", "shards": "x"}',
        '{"version": 2, "resource": "conversations", "shards": [{"low": 1}]}',
        '{"version": 2, "resource": "conversations", "written": "many"}',
        '{"version": 2, "resource": 7}',
        '{"version": 2, "resource": "conversations", "started": "noon"}',
        "[1, 2, 3]",
        "not json",
    ],
)
def test_a_checkpoint_of_the_wrong_shape_is_one_clear_line(tmp_path: Path, content: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(content)
    with pytest.raises(StateError) as info:
        Checkpoint(path).load()
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message


def test_a_checkpoint_round_trips(tmp_path: Path) -> None:
    state = SyncState(
        resource="customers",
        since="2024-01-01T00:00:00Z",
        started="2024-02-01T00:00:00Z",
        ceiling="2024-01-31T23:59:59Z",
        shards=[Shard(low=LOW, high=HIGH, seen={3, 1})],
        written=4,
        runs=1,
    )
    checkpoint = Checkpoint(tmp_path / "deep" / "state.json")
    asyncio.run(checkpoint.save_async(state))
    loaded = checkpoint.load()
    assert loaded is not None
    assert loaded.to_json() == state.to_json()


def test_a_version_1_checkpoint_continues_incrementally(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    old = {"version": 1, "resource": "conversations", "watermark": "2024-05-01T00:00:00Z"}
    path.write_text(json.dumps({**old, "seen": [1], "complete": True, "written": 9, "runs": 2}))
    state = Checkpoint(path).load()
    assert state is not None
    assert state.complete
    assert state.previous_start == "2024-05-01T00:00:00Z"
    assert state.written == 9
