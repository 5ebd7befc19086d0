"""Pagination edges: empty lists, exactly one page, one item over, pages past the end."""

from __future__ import annotations

import aiohttp
import pytest
from _fake_support import Api, session, small_store

from helpscout_async.testing import FakeHelpScout

__all__ = ["session"]


@pytest.mark.parametrize(
    ("count", "pages"),
    [(0, 0), (1, 1), (25, 1), (26, 2), (50, 2), (51, 3)],
)
async def test_conversation_page_counts(
    session: aiohttp.ClientSession, count: int, pages: int
) -> None:
    async with FakeHelpScout(store=small_store(count), rate_limit=None) as fake:
        api = Api(fake, session)
        body = await api.get("/conversations")
        assert body["page"] == {
            "size": 25,
            "totalElements": count,
            "totalPages": pages,
            "number": 1,
        }
        assert ("_embedded" in body) == (count > 0)
        if count:
            assert len(body["_embedded"]["conversations"]) == min(count, 25)
        assert ("next" in body["_links"]) == (pages > 1)
        assert "previous" not in body["_links"]
        assert len(await api.ids("/conversations")) == count


async def test_links_of_a_middle_and_last_page(session: aiohttp.ClientSession) -> None:
    async with FakeHelpScout(store=small_store(60), rate_limit=None) as fake:
        api = Api(fake, session)
        base = f"{fake.base_url}/conversations"
        middle = await api.get("/conversations", page=2, mailbox=1)
        links = middle["_links"]
        assert links["self"]["href"] == f"{base}?page=2"
        assert links["first"]["href"] == f"{base}?page=1"
        assert links["last"]["href"] == f"{base}?page=3"
        assert links["next"]["href"] == f"{base}?page=3"  # filters are not carried
        assert links["previous"]["href"] == f"{base}?page=1"
        last = await api.get("/conversations", page=3)
        assert "next" not in last["_links"]
        assert len(last["_embedded"]["conversations"]) == 10
        first = await api.get("/conversations")
        assert first["_links"]["self"]["href"] == base


async def test_page_past_the_end_is_empty(session: aiohttp.ClientSession) -> None:
    async with FakeHelpScout(store=small_store(26), rate_limit=None) as fake:
        api = Api(fake, session)
        body = await api.get("/conversations", page=7)
        assert "_embedded" not in body
        assert body["page"] == {"size": 25, "totalElements": 26, "totalPages": 2, "number": 7}
        assert "next" not in body["_links"]
        assert body["_links"]["previous"]["href"].endswith("page=6")


@pytest.mark.parametrize("page", ["0", "-1", "abc"])
async def test_bad_page_is_a_400(session: aiohttp.ClientSession, page: str) -> None:
    async with FakeHelpScout(store=small_store(3), rate_limit=None) as fake:
        status, _, body = await Api(fake, session).call(
            "GET", "/conversations", params={"page": page}
        )
    assert status == 400
    assert body is not None
    assert body["_embedded"]["errors"][0]["path"] == "page"


async def test_other_lists_are_50_a_page(session: aiohttp.ClientSession) -> None:
    store = small_store(0)
    for i in range(51):
        store.customers[900 + i] = {"id": 900 + i, "firstName": f"C{i}", "createdAt": "x"}
    async with FakeHelpScout(store=store, rate_limit=None) as fake:
        api = Api(fake, session)
        body = await api.get("/customers")
        assert body["page"] == {"size": 50, "totalElements": 54, "totalPages": 2, "number": 1}
        assert len(body["_embedded"]["customers"]) == 50
        assert len(await api.ids("/customers", "customers")) == 54
        folders = await api.get("/mailboxes/1/folders")
        assert folders["page"]["size"] == 50
