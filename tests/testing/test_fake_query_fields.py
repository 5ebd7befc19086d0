"""The conversation ``query`` fields ``body`` (thread texts) and ``assigned``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from _fake_support import Api, add_conversation, session, small_store

from helpscout_async.testing import FakeHelpScout, Store

__all__ = ["session"]


def _store() -> Store:
    store = small_store(0)
    add_conversation(store, 1, subject="Invoice")
    add_conversation(store, 2, subject="Hello", assignee={"id": 102, "first": "Ann", "last": "Lee"})
    add_conversation(store, 3, subject="Other", status="closed")
    store.threads[1] = [{"id": 11, "type": "customer", "body": "Please REFUND my order"}]
    store.threads[2] = [{"id": 21, "type": "note", "body": "refund approved"}]
    store.threads[3] = [{"id": 31, "type": "customer", "body": "thanks"}]
    return store


@pytest_asyncio.fixture
async def api(session: aiohttp.ClientSession) -> AsyncIterator[Api]:
    async with FakeHelpScout(store=_store(), rate_limit=None) as fake:
        yield Api(fake, session)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('(body:"refund")', {1, 2}),
        ('(body:"my order")', {1}),
        ('(subject:"refund" OR body:"refund")', {1, 2}),
        ('(assigned:"unassigned")', {1, 3}),
        ('(assigned:"Unassigned")', {1, 3}),
        ("(assigned:102)", {2}),
        ('(assigned:"ann lee")', {2}),
        ('(NOT assigned:"unassigned")', {2}),
    ],
)
async def test_body_and_assigned(api: Api, query: str, expected: set[int]) -> None:
    assert set(await api.ids("/conversations", status="all", query=query)) == expected
