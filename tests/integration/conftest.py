"""Integration tests: the client against the fake Help Scout over real HTTP on loopback.

Most tests use the product's own pytest plugin (the ``helpscout_fake`` fixture) with
the fake's rate limit off (each module's ``pytestmark``) and a client whose own
limiter never waits, so they run at loopback speed. Tests of the rate limit set both
sides explicitly.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout
from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture

from ._support import FAST

_ENV = (
    "HELPSCOUT_CLIENT_ID",
    "HELPSCOUT_CLIENT_SECRET",
    "HELPSCOUT_ACCESS_TOKEN",
    "HELPSCOUT_REFRESH_TOKEN",
    "HELPSCOUT_BASE_URL",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's real Help Scout credentials."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


def _open_sockets() -> set[str]:
    """Inodes of the sockets this process holds open (Linux), to spot leaks."""
    found: set[str] = set()
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return found
    for name in names:
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(target)
    return found


@pytest_asyncio.fixture(autouse=True)
async def _nothing_left_running() -> AsyncIterator[None]:
    """After each test (and every fixture it used): no task still running, no socket open.

    Set up before the other fixtures, so it is torn down after them: the plugin has
    closed its clients and stopped the fake by then.
    """
    before = _open_sockets()
    yield
    await asyncio.sleep(0)  # let cancelled callbacks run
    current = asyncio.current_task()
    left = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    assert not left, f"tasks left running: {left}"
    gc.collect()
    leaked = _open_sockets() - before
    assert not leaked, f"sockets left open: {sorted(leaked)}"


@pytest.fixture
def fake(helpscout_fake: HelpScoutFakeFixture) -> FakeHelpScout:
    """The started fake server behind ``helpscout_fake``."""
    return helpscout_fake.fake


@pytest.fixture
def client(helpscout_fake: HelpScoutFakeFixture) -> hs.HelpScout:
    """A client of the fake with a never-waiting policy (closed by the plugin)."""
    return helpscout_fake.client(rate_limit=FAST)
