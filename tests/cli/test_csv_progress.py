"""The CSV sink and the progress display, without a server."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from helpscout_async._progress import Budget, ProgressBar, Summary
from helpscout_async.sync import CSV_COLUMNS, CsvSink, Sink, SyncStats, flatten

CONVERSATION = {
    "id": 7,
    "number": 70,
    "status": "closed",
    "type": "email",
    "subject": 'Refund, "urgent"\nplease',
    "mailboxId": 2,
    "assignee": {"id": 1, "email": "agent@example.com"},
    "primaryCustomer": {"id": 9, "email": "c@example.com"},
    "tags": [{"id": 1, "tag": "vip"}, {"id": 2, "tag": "billing"}],
    "createdAt": "2024-01-01T00:00:00Z",
    "modifiedAt": "2024-01-02T00:00:00Z",
    "closedAt": None,
    "threads": 3,
    "_embedded": {"threads": [{"id": 1}]},
}


def test_flatten_conversation() -> None:
    row = flatten("conversations", CONVERSATION)
    assert list(row) == list(CSV_COLUMNS["conversations"])
    assert row["assignee.email"] == "agent@example.com"
    assert row["primaryCustomer.email"] == "c@example.com"
    assert row["tags"] == "vip;billing"
    assert row["closedAt"] == ""
    assert row["threads"] == "3"


def test_flatten_handles_absent_and_odd_values() -> None:
    assert flatten("conversations", {"id": 1})["assignee.email"] == ""
    assert flatten("conversations", {"id": 1, "_embedded": {"threads": [{}, {}]}})["threads"] == "2"
    customer = {"id": 3, "_embedded": {"emails": [{"value": "a@x.example"}, {"value": "b"}]}}
    assert flatten("customers", customer)["email"] == "a@x.example"
    assert flatten("customers", {"id": 3})["email"] == ""
    assert flatten("fields", {"id": 5, "required": True, "options": [1]})["required"] == "true"


async def test_csv_sink_writes_quoted_rows(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    sink = CsvSink(path, "conversations")
    assert isinstance(sink, Sink)
    await sink.write([CONVERSATION, {"id": 8}])
    await sink.close()
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [r["id"] for r in rows] == ["7", "8"]
    assert rows[0]["subject"] == 'Refund, "urgent"\nplease'


async def test_csv_sink_appends_without_a_second_header(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    for append in (False, True):
        sink = CsvSink(path, "tags", append=append)
        await sink.write([{"id": 1 + append, "name": "x"}])
        await sink.close()
    lines = path.read_text().splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS["tags"])
    assert len(lines) == 3


async def test_csv_sink_append_to_empty_or_missing_file_writes_the_header(tmp_path: Path) -> None:
    empty = tmp_path / "e.csv"
    empty.touch()
    for path in (empty, tmp_path / "missing.csv"):
        await CsvSink(path, "teams", append=True).close()
        assert path.read_text().splitlines() == [",".join(CSV_COLUMNS["teams"])]


def test_csv_sink_refuses_a_foreign_file_or_resource(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("a,b\n")
    with pytest.raises(ValueError, match="cannot append"):
        CsvSink(path, "tags", append=True)
    assert path.read_text() == "a,b\n"
    with pytest.raises(ValueError, match="no CSV columns"):
        CsvSink(path, "chats")


def test_budget_use() -> None:
    budget = Budget(limit=200, window=60.0)
    assert budget.use(600, 180.0) == pytest.approx(1.0)  # three minutes at full pace
    assert budget.use(300, 180.0) == pytest.approx(0.5)
    assert budget.use(2, 0.01) == pytest.approx(0.01)  # under one window counts as one


def test_bar_is_quiet_off_a_terminal() -> None:
    stream = io.StringIO()
    bar = ProgressBar("conversations", lambda: Budget(limit=200, window=6.0), stream=stream)
    bar(SyncStats(resource="conversations", written=25, pages=1, total=100, requests=2))
    bar.close()
    assert stream.getvalue() == ""
    assert bar.last is not None


def test_bar_shows_items_pages_rate_and_429s() -> None:
    stream = io.StringIO()
    budget = Budget(limit=200, window=6.0)
    bar = ProgressBar("conversations", lambda: budget, stream=stream, enabled=True)
    stats = SyncStats(resource="conversations", total=100, shards=1)
    for page in range(1, 5):
        stats.written, stats.pages, stats.requests, stats.rate_limited = 25 * page, page, page, 1
        stats.finished = page == 4
        bar(stats)
    bar.close()
    shown = stream.getvalue()
    assert "100/100" in shown
    assert "pages 4/5" in shown  # each shard's closing query counts as a page
    assert "/200 req/6s" in shown
    assert "429s 1" in shown


def test_summary_lines() -> None:
    text = Summary(
        resource="conversations",
        out="c.jsonl",
        items=1234,
        pages=50,
        requests=300,
        rate_limited=2,
        elapsed=90.0,
        budget=Budget(limit=200, window=60.0),
        interrupted=True,
    ).render()
    lines = text.splitlines()
    assert lines[0] == "Interrupted after writing 1,234 conversations to c.jsonl."
    assert [line.split()[0] for line in lines[1:]] == [
        "items",
        "pages",
        "requests",
        "budget",
        "429s",
        "wall",
    ]
    assert "budget use  100% of 200 req/min" in text


def test_summary_names_skipped_items() -> None:
    text = Summary(
        resource="conversations",
        out="c.jsonl",
        items=10,
        pages=1,
        requests=2,
        rate_limited=0,
        elapsed=1.0,
        budget=Budget(limit=200, window=60.0),
        rejected=3,
        rejected_ids=(77, "x"),
    ).render()
    assert "skipped     3 malformed list items (ids 77, x)" in text
