"""Metrics endpoint, server lifecycle, and the ``fake-server`` command."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from typing import Any

import aiohttp
import pytest
from _fake_support import Api, session, small_store

from helpscout_async.testing import FakeHelpScout, FakeRateLimits, FaultRule

__all__ = ["session"]


async def test_metrics_endpoint(session: aiohttp.ClientSession) -> None:
    limits = FakeRateLimits(per_minute=3, window=60.0)
    async with FakeHelpScout(
        store=small_store(2), rate_limit=limits, faults=[FaultRule("error", at=(2,))]
    ) as fake:
        api = Api(fake, session)
        assert (await api.call("GET", "/conversations"))[0] == 200
        assert (await api.call("GET", "/conversations/1000"))[0] == 500
        assert (await api.call("PATCH", "/conversations/1000", json_body={}))[0] == 429
        async with session.get(f"{fake.url}/_fake/metrics") as resp:  # no token needed
            assert resp.status == 200
            snap = await resp.json()
        assert snap["requests"] == {
            "GET /v2/conversations": 1,
            "GET /v2/conversations/{conversation_id}": 1,
            "PATCH /v2/conversations/{conversation_id}": 1,
        }
        assert snap["rateLimited"] == 1
        assert snap["unitsSpent"] == 2
        assert snap["maxUnitsInWindow"] == 2
        assert snap["faults"] == {"error": 1}
        assert snap["statuses"] == {"200": 1, "429": 1, "500": 1}
        assert snap["bytesServed"] > 100
        assert [p[1] for p in snap["points"]] == [1, 1]
        async with session.get(f"{fake.url}/_fake/metrics") as resp:
            assert (await resp.json())["requests"] == snap["requests"]  # not counted itself
        async with session.delete(f"{fake.url}/_fake/metrics") as resp:
            assert resp.status == 204
        assert fake.metrics.snapshot()["requestsTotal"] == 0
        await api.call("GET", "/users/me")
        fake.metrics.reset()
        assert fake.metrics.units == 0


async def test_start_close_and_reuse_of_ports(session: aiohttp.ClientSession) -> None:
    fake = FakeHelpScout(store=small_store(1), rate_limit=None)
    assert fake.base_url == ""
    await fake.start()
    try:
        assert fake.base_url == f"http://127.0.0.1:{fake.port}/v2"
        assert fake.token_url == f"{fake.base_url}/oauth2/token"
        await fake.start()  # idempotent
        assert (await Api(fake, session).call("GET", "/users/me"))[0] == 200
    finally:
        await fake.close()
    await fake.close()  # idempotent
    with pytest.raises(aiohttp.ClientConnectionError):
        await Api(fake, session).call("GET", "/users/me")


async def test_seeded_fake_is_deterministic() -> None:
    a = FakeHelpScout(seed=6, conversations=40)
    b = FakeHelpScout(seed=6, conversations=40)
    assert a.store.conversations == b.store.conversations
    assert a.store.customers == b.store.customers


async def _read_env(stdout: asyncio.StreamReader) -> dict[str, str]:
    env: dict[str, str] = {}
    while len(env) < 3:
        line = await asyncio.wait_for(stdout.readline(), 30)
        assert line, "the server exited early"
        key, _, value = line.decode().strip().partition("=")
        env[key] = value
    return env


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_fake_server_command(session: aiohttp.ClientSession, sig: signal.Signals) -> None:
    proc = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "helpscout_async.testing", "--conversations", "30"),
        *("--per-minute", "7", "--window", "2", "--mode", "fixed", "--latency", "0.001,0.002"),
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        env = await _read_env(proc.stdout)
        base = env["HELPSCOUT_BASE_URL"]
        assert base.startswith("http://127.0.0.1:")
        assert base.endswith("/v2")
        form = {
            "grant_type": "client_credentials",
            "client_id": env["HELPSCOUT_CLIENT_ID"],
            "client_secret": env["HELPSCOUT_CLIENT_SECRET"],
        }
        async with session.post(f"{base}/oauth2/token", data=form) as resp:
            token = (await resp.json())["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        async with session.get(f"{base}/conversations?status=all", headers=headers) as resp:
            assert resp.status == 200
            assert resp.headers["X-RateLimit-Limit-Minute"] == "7"
            body = await resp.json(content_type=None)
        assert body["page"]["totalElements"] >= 25
        proc.send_signal(sig)
        assert await asyncio.wait_for(proc.wait(), 10) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--port", "99999"], "argument --port: must be from 0 to 65535, got 99999"),
        (["--port", "-1"], "argument --port: must be from 0 to 65535"),
        (["--window", "0"], "argument --window: must be a finite number of seconds"),
        (["--window", "nan"], "argument --window: must be a finite number of seconds"),
        (["--window", "inf"], "argument --window: must be a finite number of seconds"),
        (["--per-minute", "0"], "argument --per-minute: must be 1 or more, got 0"),
        (["--conversations", "-5"], "argument --conversations: must be 0 or more, got -5"),
        (["--conversations", "many"], "argument --conversations: expected a whole number"),
        (["--mailboxes", "0"], "argument --mailboxes: must be 1 or more"),
        (["--write-weight", "0"], "argument --write-weight: must be 1 or more"),
        (["--writes-per-5s", "0"], "argument --writes-per-5s: must be 1 or more"),
        (["--token-ttl", "-3"], "argument --token-ttl: must be a finite number of seconds"),
        (["--latency", "1,2,3"], "argument --latency: use A or A,B seconds"),
        (["--latency", "2,1"], "argument --latency: use A or A,B seconds with A <= B"),
        (["--latency", "-1"], "argument --latency: must be a finite number of seconds"),
        (["--mode", "leaky"], "argument --mode: invalid choice: 'leaky'"),
        (["--colour", "blue"], "unrecognized arguments: --colour blue"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpscout_async.testing import main

    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("helpscout-async fake-server: error: ")
    assert says in line
    assert "Traceback" not in captured.err


def test_a_port_in_use_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    from helpscout_async.testing import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--port", str(port), "--conversations", "3", "--docs-articles", "1"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing printed as if it had started
    (line,) = captured.err.splitlines()
    assert line.startswith(f"helpscout-async fake-server: error: cannot listen on 127.0.0.1:{port}")
    assert "address already in use" in line


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    from helpscout_async.testing import main

    assert main(["--help"]) == 0
    assert "--per-minute" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("options", "error", "name"),
    [
        ({"conversations": -5}, ValueError, "conversations"),
        ({"conversations": 2.5}, TypeError, "conversations"),
        ({"customers": -1}, ValueError, "customers"),
        ({"mailboxes": 0}, ValueError, "mailboxes"),
        ({"users": 0}, ValueError, "users"),
        ({"port": 99999}, ValueError, "port"),
        ({"port": "80"}, TypeError, "port"),
        ({"token_ttl": 0}, ValueError, "token_ttl"),
        ({"token_ttl": float("nan")}, ValueError, "token_ttl"),
        ({"host": ""}, ValueError, "host"),
    ],
)
def test_the_fake_refuses_nonsense_before_seeding(
    options: dict[str, Any], error: type[Exception], name: str
) -> None:
    with pytest.raises(error, match=name):
        FakeHelpScout(**options)


@pytest.mark.parametrize(
    "options",
    [
        {"rate": 1.5},
        {"rate": float("nan")},
        {"times": -1},
        {"at": (0,)},
        {"delay": -0.1},
        {"delay": (0.3, 0.1)},
        {"delay": float("inf")},
        {"mode": "half"},
        {"status": 200},
    ],
)
def test_fault_rules_refuse_nonsense(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=next(iter(options))):
        FaultRule("latency", **options)
