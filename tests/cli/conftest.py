"""Helpers of the command-line tests: a clean environment, a fast fake, runners."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from helpscout_async.cli import main
from helpscout_async.testing import FakeHelpScout, FakeRateLimits

CLI = (sys.executable, "-m", "helpscout_async.cli")


@attrs.frozen
class Result:
    """What one run of the command did."""

    code: int
    out: str
    err: str


def clean_env(**extra: str) -> dict[str, str]:
    """The test process's environment without HELPSCOUT_* variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPSCOUT_")}
    env.update(extra)
    return env


def fake_env(fake: FakeHelpScout, **extra: str) -> dict[str, str]:
    """An environment pointing the command at ``fake``."""
    return clean_env(
        HELPSCOUT_CLIENT_ID=fake.client_id,
        HELPSCOUT_CLIENT_SECRET=fake.client_secret,
        HELPSCOUT_BASE_URL=fake.base_url,
        **extra,
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


async def spawn(*args: str, env: dict[str, str]) -> Result:
    """Run the command in a real subprocess (``python -m helpscout_async.cli``), 30 s at most."""
    proc = await asyncio.create_subprocess_exec(
        *CLI, *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode is not None
    return Result(proc.returncode, out.decode(), err.decode())


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's real Help Scout settings."""
    for name in list(os.environ):
        if name.startswith("HELPSCOUT_"):
            monkeypatch.delenv(name)


@pytest.fixture
def use_fake(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``use_fake(fake)`` sets the environment so in-process runs talk to ``fake``."""

    def point(fake: FakeHelpScout) -> None:
        monkeypatch.setenv("HELPSCOUT_CLIENT_ID", fake.client_id)
        monkeypatch.setenv("HELPSCOUT_CLIENT_SECRET", fake.client_secret)
        monkeypatch.setenv("HELPSCOUT_BASE_URL", fake.base_url)

    return point


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Any:
    """``await run(*argv)``: ``main(argv)`` in a worker thread (its own event loop)."""

    async def call(*argv: str) -> Result:
        code = await asyncio.to_thread(main, list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call


@pytest.fixture
async def fake() -> AsyncIterator[FakeHelpScout]:
    """A small fake whose advertised budget (6000/min) lets the client run at full speed."""
    async with FakeHelpScout(
        seed=3, conversations=120, rate_limit=FakeRateLimits(per_minute=6000)
    ) as server:
        yield server
