"""Shared helpers of the sync tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from helpscout_async.testing import FakeHelpScout


@pytest.fixture
async def small_fake() -> AsyncIterator[FakeHelpScout]:
    async with FakeHelpScout(seed=5, conversations=300, rate_limit=None) as fake:
        yield fake
