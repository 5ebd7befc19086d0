"""Cached listings stay equal to a fresh computation through writes and churn."""

from __future__ import annotations

import random
from typing import Any

import aiohttp
from _fake_support import Api, session

from helpscout_async.testing import FakeHelpScout
from helpscout_async.testing._cache import SortedIds

__all__ = ["session"]

LISTINGS: list[dict[str, Any]] = [
    {"status": "all", "sortField": "modifiedAt", "sortOrder": "asc"},
    {"status": "all", "sortField": "modifiedAt"},
    {"sortField": "subject", "sortOrder": "asc"},
    {"status": "open", "sortField": "number"},
    {"status": "closed", "tag": "billing,refund"},
    {"status": "all", "sortField": "customerName", "sortOrder": "asc"},
    {"status": "all", "query": '(subject:"a")', "sortField": "waitingSince"},
]


async def _snapshot(api: Api) -> list[list[int]]:
    return [await api.ids("/conversations", **params) for params in LISTINGS]


async def test_listings_survive_writes_and_churn(session: aiohttp.ClientSession) -> None:
    rng = random.Random(5)
    async with FakeHelpScout(seed=8, conversations=150, rate_limit=None) as fake:
        api = Api(fake, session)
        users = list(fake.store.users)
        for step in range(12):
            cached = await _snapshot(api)
            fake._state.cache.clear()
            assert await _snapshot(api) == cached, f"step {step}"
            ids = list(fake.store.conversations)
            cid = rng.choice(ids)
            action = step % 6
            op: dict[str, Any]
            if action == 0:
                op = {
                    "op": "replace",
                    "path": "/status",
                    "value": rng.choice(["closed", "pending"]),
                }
                await api.call("PATCH", f"/conversations/{cid}", json_body=op)
            elif action == 1:
                op = {"op": "replace", "path": "/subject", "value": f"a{rng.random()}"}
                await api.call("PATCH", f"/conversations/{cid}", json_body=op)
            elif action == 2:
                await api.call("PUT", f"/conversations/{cid}/tags", json_body={"tags": ["refund"]})
            elif action == 3:
                await api.call("DELETE", f"/conversations/{cid}")
            elif action == 4:
                await api.call("POST", f"/conversations/{cid}/notes", json_body={"text": "n"})
                op = {"op": "replace", "path": "/assignTo", "value": rng.choice(users)}
                await api.call("PATCH", f"/conversations/{cid}", json_body=op)
            else:
                fake.churn(modify=4, create=2, delete=2)
        # the app's own writes update listings in place instead of rebuilding them
        await _snapshot(api)
        before = dict(fake._state.cache._listings["conversations"])
        cid = next(iter(fake.store.conversations))
        op = {"op": "replace", "path": "/subject", "value": "moved"}
        assert (await api.call("PATCH", f"/conversations/{cid}", json_body=op))[0] == 204
        await _snapshot(api)
        after = fake._state.cache._listings["conversations"]
        assert all(after[k] is v for k, v in before.items())
        assert all(isinstance(v, SortedIds) for v in after.values())


def test_sorted_ids_update_matches_a_rebuild() -> None:
    rng = random.Random(1)
    records: dict[int, dict[str, Any]] = {i: {"id": i, "k": rng.randrange(5)} for i in range(40)}

    def matches(r: dict[str, Any]) -> bool:
        return bool(r["k"] != 0)

    def key(r: dict[str, Any]) -> int:
        return int(r["k"])

    for descending in (False, True):
        live = SortedIds(records, matches, key, descending=descending)
        for _ in range(200):
            rid = rng.randrange(50)
            if rng.random() < 0.2:
                records.pop(rid, None)
            else:
                records[rid] = {"id": rid, "k": rng.randrange(5)}
            live.update([rid])
            fresh = SortedIds(records, matches, key, descending=descending)
            assert live.page(0, 100) == fresh.page(0, 100)
            assert live.page(3, 9) == fresh.page(3, 9)
