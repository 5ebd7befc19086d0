"""The embedded_threads knob, and warming the list-item cache at start."""

from __future__ import annotations

import aiohttp

from helpscout_async.testing import FakeHelpScout


async def test_embedded_threads_are_cut_to_the_limit_and_threads_lists_all() -> None:
    async with FakeHelpScout(seed=2, conversations=40, rate_limit=None, embedded_threads=1) as fake:
        headers = {"Authorization": f"Bearer {fake.issue_token()}"}
        async with aiohttp.ClientSession(headers=headers) as http:
            url = f"{fake.base_url}/conversations?status=all&embed=threads"
            async with http.get(url) as resp:
                page = await resp.json()
            conv = max(page["_embedded"]["conversations"], key=lambda c: c["threads"])
            assert conv["threads"] > 1
            assert len(conv["_embedded"]["threads"]) == 1
            async with http.get(
                f"{fake.base_url}/conversations/{conv['id']}?embed=threads"
            ) as resp:
                single = await resp.json()
            assert len(single["_embedded"]["threads"]) == 1
            async with http.get(f"{fake.base_url}/conversations/{conv['id']}/threads") as resp:
                full = await resp.json()
            assert len(full["_embedded"]["threads"]) == conv["threads"]
            assert full["_embedded"]["threads"][0]["id"] == conv["_embedded"]["threads"][0]["id"]


async def page_two(fake: FakeHelpScout) -> str:
    """Page 2 of all conversations as text, with the server's own base URL neutralized."""
    headers = {"Authorization": f"Bearer {fake.issue_token()}"}
    url = f"{fake.base_url}/conversations?status=all&page=2"
    async with aiohttp.ClientSession(headers=headers) as http, http.get(url) as resp:
        return (await resp.text()).replace(fake.base_url, "BASE")


async def test_warm_serializes_every_list_item_once_and_pages_stay_the_same() -> None:
    async with FakeHelpScout(seed=4, conversations=60, rate_limit=None) as cold:
        expected = await page_two(cold)
    async with FakeHelpScout(seed=4, conversations=60, rate_limit=None) as warm:
        warm.warm()
        cache = warm._state.cache
        assert len(cache._items["conversations"]) == len(warm.store.conversations)
        assert len(cache._items["customers"]) == len(warm.store.customers)
        assert await page_two(warm) == expected
