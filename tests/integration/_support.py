"""Helpers shared by the integration tests (not fixtures: those live in conftest)."""

from __future__ import annotations

from typing import Any

import aiohttp

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout

FAST = hs.RateLimit(per_minute=100_000, window=1.0, writes_per_burst=None)
"""A client policy that never makes a test wait."""


def with_status(conversations: dict[int, dict[str, Any]], *statuses: str) -> set[int]:
    """Ids of the stored conversations with one of ``statuses`` (every one when none given)."""
    return {
        cid for cid, conv in conversations.items() if not statuses or conv.get("status") in statuses
    }


async def fake_token(session: aiohttp.ClientSession, fake: FakeHelpScout) -> str:
    """An access token from the fake's token endpoint (client credentials), over HTTP."""
    form = {
        "grant_type": "client_credentials",
        "client_id": fake.client_id,
        "client_secret": fake.client_secret,
    }
    async with session.post(fake.token_url, data=form) as resp:
        assert resp.status == 200, await resp.text()
        body = await resp.json()
    return str(body["access_token"])


def metrics(fake: FakeHelpScout) -> dict[str, Any]:
    """The fake's metrics snapshot (what ``/_fake/metrics`` serves)."""
    return fake.metrics.snapshot()


def count(fake: FakeHelpScout, key: str) -> int:
    """Requests the fake received for ``"METHOD /v2/route/{template}"``."""
    return int(metrics(fake)["requests"].get(key, 0))
