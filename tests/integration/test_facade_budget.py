"""An agent that loops: the account's budget keeps it from meeting a 429; long threads."""

from __future__ import annotations

import asyncio
import sys

import pytest

import helpscout_async as hs
from helpscout_async.integration import Account, Accounts
from helpscout_async.integration.mcp_server import ServerOptions, call
from helpscout_async.testing import FakeHelpScout, FakeRateLimits
from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture

from ._support import FAST

WINDOW = 0.5  # the "minute" of the fake and of the client, time-scaled


async def test_a_looping_agent_never_meets_a_429() -> None:
    """Reads and writes in a tight loop, several at once: every call waits for budget."""
    limits = FakeRateLimits(per_minute=40, window=WINDOW)  # strict sliding window
    async with (
        FakeHelpScout(seed=4, conversations=30, rate_limit=limits) as fake,
        hs.HelpScout(
            client_id=fake.client_id,
            client_secret=fake.client_secret,
            base_url=fake.base_url,
            rate_limit=hs.RateLimit(per_minute=40).scaled(WINDOW / 60),
            raise_on_rate_limit=True,  # a 429 would fail the call instead of being retried
        ) as client,
    ):
        accounts = Accounts({"default": client})
        options = ServerOptions(allow_writes=True)
        conv = min(fake.store.conversations)

        async def agent(n: int) -> None:
            for i in range(10):
                got = await call(accounts, options, "list_mailboxes", {})
                assert not got.is_error, got.content
                if i % 5 == n % 5:
                    noted = await call(accounts, options, "add_note", {"id": conv, "text": f"{n}"})
                    assert not noted.is_error, noted.content

        await asyncio.gather(*(agent(n) for n in range(4)))
        seen = fake.metrics.snapshot()
    assert seen["requestsTotal"] >= 48  # 40 reads + 8 notes (+ the token request)
    assert seen["rateLimited"] == 0
    assert client.rate_limited == 0
    assert seen["maxUnitsInWindow"] <= 40


@pytest.mark.helpscout_fake(rate_limit=None, conversations=60, seed=9, embedded_threads=2)
async def test_get_conversation_completes_threads_the_api_cut_short(
    helpscout_fake: HelpScoutFakeFixture, fake: FakeHelpScout
) -> None:
    account = Account(helpscout_fake.client(rate_limit=FAST))
    stored = next(c for c in fake.store.conversations.values() if c["threads"] > 2)
    conv = await account.get_conversation(id=stored["id"])
    wanted = [t["id"] for t in fake.store.get_threads(stored["id"])]
    assert len(wanted) == stored["threads"]
    assert [t["id"] for t in conv["_embedded"]["threads"]] == wanted


def test_the_mcp_command_without_the_mcp_package(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpscout_async.cli import main

    monkeypatch.setitem(sys.modules, "mcp", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "helpscout_async.integration.mcp_server", raising=False)
    assert main(["mcp"]) == 2
    assert "pip install 'helpscout-async[mcp]'" in capsys.readouterr().err
