"""The ``helpscout-async`` command: in-process runs of ``main`` and real subprocesses."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import pty
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from helpscout_async.sync import CSV_COLUMNS, flatten
from helpscout_async.testing import Churn, FakeHelpScout, FakeRateLimits, FaultRule, Faults, Race

from .conftest import CLI, clean_env, fake_env, read_jsonl, spawn

ERROR = "helpscout-async: error: "
SUMMARY_ROWS = ("items", "pages", "requests", "budget use", "429s", "wall time")


def summary(out: str) -> dict[str, str]:
    """The summary's rows, e.g. ``{"items": "120", ...}``."""
    rows = {}
    for line in out.splitlines():
        key, _, value = line.strip().partition("  ")
        if line.startswith("  ") and key in SUMMARY_ROWS:
            rows[key] = value.strip()
    return rows


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(ERROR), err
    assert "Traceback" not in err
    return lines[0][len(ERROR) :]


# -- the embedded demo and real subprocesses ------------------------------------------


async def test_demo_subprocess_without_credentials(tmp_path: Path) -> None:
    out = tmp_path / "conversations.jsonl"
    result = await spawn(
        "export", "conversations", "--out", str(out), "--demo-conversations", "300", env=clean_env()
    )
    assert result.code == 0, result.err
    first = result.out.splitlines()[0]
    assert first.startswith("No HELPSCOUT_* credentials set: exporting from an embedded fake")
    expected = FakeHelpScout(seed=0, conversations=300, rate_limit=None).store.conversations
    assert f"({len(expected)} seeded conversations, time-scaled 10x" in first
    assert result.err == ""  # not a TTY: no progress bar
    rows = summary(result.out)
    assert set(rows) == set(SUMMARY_ROWS)
    records = read_jsonl(out)
    assert rows["items"] == f"{len(records):,}"
    assert rows["429s"] == "0"
    assert sorted(r["id"] for r in records) == sorted(expected)


async def test_subprocess_with_env_credentials(fake: FakeHelpScout, tmp_path: Path) -> None:
    out, state = tmp_path / "c.jsonl", tmp_path / "state.json"
    args = ("export", "conversations", "--out", str(out), "--state", str(state))
    result = await spawn(*args, env=fake_env(fake))
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == f"Exporting conversations from {fake.base_url} to {out}."
    assert "No HELPSCOUT_" not in result.out
    assert result.err == ""
    records = read_jsonl(out)
    assert sorted(r["id"] for r in records) == sorted(fake.store.conversations)
    for record in records:  # threads on by default for JSONL: every thread is there
        assert len(record["_embedded"]["threads"]) == record["threads"]
    assert json.loads(state.read_text())["complete"] is True


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """With stderr on a (pseudo) terminal the bar is drawn; the summary still goes to stdout."""
    out = tmp_path / "c.jsonl"
    argv = [*CLI, "export", "conversations", "--out", str(out), "--demo-conversations", "200"]
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, env=clean_env(), stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    stdout = proc.communicate(timeout=30)[0].decode()
    assert proc.returncode == 0
    bar = drawn.decode(errors="replace")
    assert "conversations: 100%|" in bar
    assert "/200 req/6s" in bar
    assert "429s 0" in bar
    assert set(summary(stdout)) == set(SUMMARY_ROWS)


async def test_fake_server_command_serves_an_export(tmp_path: Path) -> None:
    server = await asyncio.create_subprocess_exec(
        *CLI,
        "fake-server",
        "--conversations",
        "30",
        "--no-limits",
        env=clean_env(),
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert server.stdout is not None
        lines = [(await asyncio.wait_for(server.stdout.readline(), 20)).decode() for _ in range(3)]
        env = clean_env(**dict(line.strip().split("=", 1) for line in lines))
        assert set(env) >= {"HELPSCOUT_BASE_URL", "HELPSCOUT_CLIENT_ID", "HELPSCOUT_CLIENT_SECRET"}
        out = tmp_path / "users.csv"
        result = await spawn("export", "users", "--out", str(out), env=env)
        assert result.code == 0, result.err
        with out.open(newline="") as file:
            rows = list(csv.DictReader(file))
        assert rows
        assert list(rows[0]) == list(CSV_COLUMNS["users"])
    finally:
        server.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(server.wait(), 10) == 0


# -- in-process runs against a fake started here --------------------------------------


async def test_jsonl_equals_the_store_for_status_all(
    fake: FakeHelpScout, use_fake: Any, run: Any, tmp_path: Path
) -> None:
    use_fake(fake)
    out = tmp_path / "c.jsonl"
    result = await run("export", "conversations", "--out", str(out), "--no-threads")
    assert result.code == 0, result.err
    records = read_jsonl(out)
    assert sorted(r["id"] for r in records) == sorted(fake.store.conversations)
    assert all("_links" in r and "_embedded" not in r for r in records)  # as the API sent them
    rows = summary(result.out)
    assert rows["items"] == str(len(records))
    assert int(rows["requests"]) >= int(rows["pages"]) >= len(records) // 25


async def test_status_and_mailbox_filters(
    fake: FakeHelpScout, use_fake: Any, run: Any, tmp_path: Path
) -> None:
    use_fake(fake)
    out = tmp_path / "closed.jsonl"
    result = await run("export", "conversations", "--out", str(out), "--status", "closed")
    assert result.code == 0, result.err
    closed = [c for c in fake.store.conversations.values() if c["status"] == "closed"]
    assert sorted(r["id"] for r in read_jsonl(out)) == sorted(c["id"] for c in closed)
    mailbox = closed[0]["mailboxId"]
    out = tmp_path / "mailbox.jsonl"
    result = await run("export", "conversations", "--out", str(out), "--mailbox", str(mailbox))
    assert result.code == 0, result.err
    got = read_jsonl(out)
    assert got
    assert {r["mailboxId"] for r in got} == {mailbox}


async def test_csv_conversations_flatten_common_fields(
    fake: FakeHelpScout, use_fake: Any, run: Any, tmp_path: Path
) -> None:
    use_fake(fake)
    jsonl, table = tmp_path / "c.jsonl", tmp_path / "c.csv"
    assert (await run("export", "conversations", "--out", str(jsonl), "--no-threads")).code == 0
    result = await run("export", "conversations", "--out", str(table))
    assert result.code == 0, result.err
    with table.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS["conversations"]
        rows = list(reader)
    records = read_jsonl(jsonl)
    assert rows == [flatten("conversations", r) for r in records]
    tagged = next(i for i, r in enumerate(records) if len(r.get("tags") or []) > 1)
    assert rows[tagged]["tags"] == ";".join(t["tag"] for t in records[tagged]["tags"])
    assert rows[tagged]["assignee.email"] == (records[tagged].get("assignee") or {}).get(
        "email", ""
    )
    assert rows[0]["primaryCustomer.email"] == records[0]["primaryCustomer"]["email"]
    assert rows[0]["threads"] == str(records[0]["threads"])


@pytest.mark.parametrize("resource", ["customers", "mailboxes", "folders", "tags", "workflows"])
async def test_csv_of_other_resources(
    resource: str, fake: FakeHelpScout, use_fake: Any, run: Any, tmp_path: Path
) -> None:
    use_fake(fake)
    out = tmp_path / f"{resource}.csv"
    result = await run("export", resource, "--out", str(out))
    assert result.code == 0, result.err
    with out.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS[resource]
        rows = list(reader)
    assert rows
    assert all(row["id"].isdigit() for row in rows)
    assert summary(result.out)["items"] == f"{len(rows):,}"
    if resource == "folders":
        assert {int(r["mailboxId"]) for r in rows} == set(fake.store.mailboxes)


async def test_state_makes_the_next_run_incremental(
    fake: FakeHelpScout, use_fake: Any, run: Any, tmp_path: Path
) -> None:
    use_fake(fake)
    out, state = tmp_path / "c.jsonl", tmp_path / "state.json"
    argv = ("export", "conversations", "--out", str(out), "--state", str(state), "--no-threads")
    assert (await run(*argv)).code == 0
    changed = fake.churn(modify=4)
    result = await run(*argv)
    assert result.code == 0, result.err
    assert "Incremental run" in result.out
    assert {r["id"] for r in read_jsonl(out)} == set(changed.modified)


async def test_an_export_under_edits_and_races_then_an_incremental_run_loses_nothing(
    use_fake: Any, run: Any, tmp_path: Path
) -> None:
    """Issue 8 as reported: 500 conversations, a few edits per request, races in pages."""
    faults = Faults(churn=Churn(modify=3.0), race=Race(modify=1.0), seed=2)
    async with FakeHelpScout(
        seed=9, conversations=500, rate_limit=FakeRateLimits(per_minute=6000), faults=faults
    ) as fake:
        use_fake(fake)
        start = set(fake.store.conversations)
        state = tmp_path / "state.json"
        first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
        common = ("--state", str(state), "--no-threads")
        assert (await run("export", "conversations", "--out", str(first), *common)).code == 0
        fake.faults.clear()
        result = await run("export", "conversations", "--out", str(second), *common)
        assert result.code == 0, result.err
        assert "Incremental run" in result.out
        edited = set(fake.faults.touched.modified)
    ids = [r["id"] for r in read_jsonl(first)] + [r["id"] for r in read_jsonl(second)]
    assert len(edited & start) >= 50, "too few edits to test anything"
    assert start <= set(ids)  # nothing was deleted: every one of the 500 is there
    assert {r["id"] for r in read_jsonl(second)} <= edited | (set(ids) - start)


async def test_since_narrows_the_export(
    fake: FakeHelpScout, use_fake: Any, run: Any, tmp_path: Path
) -> None:
    use_fake(fake)
    stamps = sorted(c["modifiedAt"] for c in fake.store.conversations.values())
    since = stamps[len(stamps) // 2]
    out = tmp_path / "c.jsonl"
    result = await run("export", "conversations", "--out", str(out), "--since", since)
    assert result.code == 0, result.err
    assert len(read_jsonl(out)) == sum(1 for s in stamps if s >= since)


# -- errors: one line, the right status, nothing lost ---------------------------------


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["export", "convos", "--out", "x.jsonl"], "invalid choice: 'convos'"),
        (["export", "conversations", "--out", "x.jsonl", "--since", "soon"], "--since"),
        (["export", "conversations", "--out", "/no/such/dir/x.jsonl"], "cannot write --out"),
        (["export", "conversations", "--out", "x.txt"], ".jsonl or .csv"),
        (["export", "conversations", "--out", "x.jsonl", "--resume"], "--resume requires"),
        (["export", "tags", "--out", "x.jsonl", "--state", "s.json"], "--state applies only"),
        (["export", "customers", "--out", "x.jsonl", "--status", "open"], "--status applies"),
        (["export", "conversations", "--out", "x.jsonl", "--mailbox", "0"], "--mailbox"),
        (["export", "conversations"], "required: --out"),
        ([], "required: COMMAND"),
    ],
)
async def test_usage_errors(
    argv: list[str], says: str, run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = await run(*argv)
    assert result.code == 2
    assert says in one_error_line(result.err)
    assert result.out == ""
    assert not (tmp_path / "x.jsonl").exists()


async def test_out_that_is_a_directory(run: Any, tmp_path: Path) -> None:
    folder = tmp_path / "out.jsonl"
    folder.mkdir()
    result = await run("export", "conversations", "--out", str(folder))
    assert result.code == 2
    assert "cannot write --out" in one_error_line(result.err)


async def test_state_of_another_resource(run: Any, tmp_path: Path) -> None:
    state = tmp_path / "s.json"
    state.write_text(json.dumps({"version": 1, "resource": "customers"}))
    result = await run(
        "export", "conversations", "--out", str(tmp_path / "c.jsonl"), "--state", str(state)
    )
    assert result.code == 2
    assert "customers checkpoint" in one_error_line(result.err)


@pytest.mark.parametrize(
    "content",
    [
        {"version": 2, "resource": "conversations", "shards": [{"low": "x"}]},
        {"version": 2, "resource": "conversations", "runs": -1},
        ["a", "list"],
    ],
)
async def test_a_state_file_of_the_wrong_shape_is_one_line(
    run: Any, tmp_path: Path, content: Any
) -> None:
    state = tmp_path / "s.json"
    state.write_text(json.dumps(content))
    result = await run(
        "export", "conversations", "--out", str(tmp_path / "c.jsonl"), "--state", str(state)
    )
    assert result.code == 2
    message = one_error_line(result.err)
    assert str(state) in message
    assert "Traceback" not in result.err


async def test_wrong_credentials_lose_nothing(
    fake: FakeHelpScout, use_fake: Any, run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake(fake)
    monkeypatch.setenv("HELPSCOUT_CLIENT_SECRET", "not-the-secret")
    out = tmp_path / "c.jsonl"
    out.write_text('{"id": 1}\n')
    result = await run("export", "conversations", "--out", str(out))
    assert result.code == 1
    message = one_error_line(result.err)
    assert "401" in message
    assert "HELPSCOUT_CLIENT_SECRET" in message
    assert "not-the-secret" not in message
    assert out.read_text() == '{"id": 1}\n'  # yesterday's export is untouched


async def test_unreachable_server(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("HELPSCOUT_CLIENT_ID", "id")
    monkeypatch.setenv("HELPSCOUT_CLIENT_SECRET", "secret")
    out = tmp_path / "tags.jsonl"
    result = await run(
        "export",
        "tags",
        "--out",
        str(out),
        "--base-url",
        f"http://127.0.0.1:{port}/v2",
        "--max-retries",
        "0",
    )
    assert result.code == 1
    assert "could not connect" in one_error_line(result.err)
    assert not out.exists()


async def test_half_set_credentials(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPSCOUT_CLIENT_ID", "id")
    result = await run("export", "tags", "--out", str(tmp_path / "t.jsonl"))
    assert result.code == 2
    assert "without client_secret" in one_error_line(result.err)


async def test_base_url_without_credentials(run: Any, tmp_path: Path) -> None:
    result = await run(
        "export", "tags", "--out", str(tmp_path / "t.jsonl"), "--base-url", "http://127.0.0.1:9/v2"
    )
    assert result.code == 2
    assert "no credentials for http://127.0.0.1:9/v2" in one_error_line(result.err)


async def test_resume_onto_a_foreign_csv(
    fake: FakeHelpScout, use_fake: Any, run: Any, tmp_path: Path
) -> None:
    use_fake(fake)
    out = tmp_path / "c.csv"
    out.write_text("a,b\n1,2\n")
    result = await run(
        "export", "conversations", "--out", str(out), "--state", str(tmp_path / "s"), "--resume"
    )
    assert result.code == 2
    assert "cannot append" in one_error_line(result.err)
    assert out.read_text() == "a,b\n1,2\n"


async def test_failure_mid_run_keeps_what_was_written(
    run: Any, use_fake: Any, tmp_path: Path
) -> None:
    third_page_fails = FaultRule("error", at=(3,), path="/v2/conversations", status=503)
    async with FakeHelpScout(
        seed=6,
        conversations=150,
        rate_limit=FakeRateLimits(per_minute=6000),
        faults=[third_page_fails],
    ) as fake:
        use_fake(fake)
        out, state = tmp_path / "c.jsonl", tmp_path / "s.json"
        argv = ["export", "conversations", "--out", str(out), "--state", str(state)]
        result = await run(*argv, "--no-threads", "--max-retries", "0")
        assert result.code == 1
        message = one_error_line(result.err)
        assert "503" in message
        assert message.endswith(
            shlex.join(["helpscout-async", *argv, "--no-threads", "--max-retries", "0", "--resume"])
        )
        written = read_jsonl(out)
        assert len(written) >= 25
        assert json.loads(state.read_text())["written"] == len(written)


# -- Ctrl-C ----------------------------------------------------------------------------


def _written(state: Path) -> int:
    """Records the checkpoint says are written (0 before it is readable)."""
    try:
        return int(json.loads(state.read_text())["written"])
    except (FileNotFoundError, ValueError, KeyError):
        return 0


async def _wait_for_progress(state: Path, proc: asyncio.subprocess.Process, written: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert proc.returncode is None, "the export finished before it could be interrupted"
        if _written(state) >= written:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the export made no progress")


async def test_ctrl_c_then_resume(tmp_path: Path) -> None:
    """SIGINT mid-run exits 130 with the checkpoint kept; ``--resume`` finishes the job."""
    # Every list page takes 0.2 s: an idle budget lets all pages go at once, so the
    # run is slow because of latency, not pacing, and SIGINT lands while pages are out.
    slow = [FaultRule("latency", rate=1.0, path="/v2/conversations*", delay=0.2)]
    limits = FakeRateLimits(per_minute=150)
    async with FakeHelpScout(seed=4, conversations=200, rate_limit=limits, faults=slow) as fake:
        out, state = tmp_path / "c.jsonl", tmp_path / "state.json"
        argv = ("export", "conversations", "--out", str(out), "--state", str(state), "--no-threads")
        proc = await asyncio.create_subprocess_exec(
            *CLI,
            *argv,
            env=fake_env(fake),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        await _wait_for_progress(state, proc, 40)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = await asyncio.wait_for(proc.communicate(), 15)
        assert proc.returncode == 130, stderr
        err = stderr.decode()
        assert "Traceback" not in err
        assert "Interrupted after writing" in stdout.decode()
        saved = json.loads(state.read_text())
        assert saved["complete"] is False
        assert saved["written"] >= 40
        hint = shlex.split(err.strip().splitlines()[-1])
        assert hint[0] == "helpscout-async"
        assert "--resume" in hint
        resumed = await spawn(*hint[1:], env=fake_env(fake))
        assert resumed.code == 0, resumed.err
        assert "Resuming an unfinished run" in resumed.out
        seen = Counter(r["id"] for r in read_jsonl(out))
        assert set(seen) == set(fake.store.conversations)
        assert max(seen.values()) <= 2
        assert json.loads(state.read_text())["complete"] is True


def test_a_closed_stdout_does_not_fail_the_export(tmp_path: Path) -> None:
    """``helpscout-async export ... | head -1``: the reader leaves, the export still completes."""
    out = tmp_path / "tags.jsonl"
    argv = [*CLI, "export", "tags", "--out", str(out), "--demo-conversations", "50"]
    proc = subprocess.Popen(argv, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()
    err = proc.communicate(timeout=30)[1].decode()
    assert proc.returncode == 0, err
    assert err == ""
    assert read_jsonl(out)


def test_module_entry_point_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "helpscout_async", "--version"],
        capture_output=True,
        text=True,
        timeout=30,
        env=clean_env(),
    )
    assert done.returncode == 0
    assert done.stdout.startswith("helpscout-async ")


@pytest.mark.parametrize("where", ["option", "environment"])
async def test_base_url_with_a_password_is_refused_without_showing_it(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    url = "https://me:pa55word-secret@api.helpscout.net/v2"
    monkeypatch.setenv("HELPSCOUT_ACCESS_TOKEN", "tok")
    args = ["export", "tags", "--out", str(tmp_path / "t.jsonl")]
    if where == "option":
        args += ["--base-url", url]
    else:
        monkeypatch.setenv("HELPSCOUT_BASE_URL", url)
    result = await run(*args)
    assert result.code == 2
    line = one_error_line(result.err)
    assert "user name or password" in line
    assert "***@api.helpscout.net" in line
    assert "pa55word-secret" not in result.err + result.out
    assert not (tmp_path / "t.jsonl").exists()
