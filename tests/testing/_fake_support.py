"""Helpers for the fake server's tests: hand-built stores and a tiny HTTP helper.

The tests talk to the fake with a plain ``aiohttp.ClientSession`` (never the
project's client), as an outside program would.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest_asyncio

from helpscout_async.testing import FakeHelpScout, Store

JSON = dict[str, Any]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mailbox"


def fixture(name: str) -> JSON:
    """A real response body from ``tests/fixtures/mailbox``."""
    data: JSON = json.loads((FIXTURES / f"{name}.json").read_text())
    return data


class Clock:
    """A manual monotonic clock for exact rate-limit and expiry tests."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def ts(n: int) -> str:
    """A timestamp ``n`` minutes after 2024-01-01T00:00:00Z, API formatted."""
    hours, minutes = divmod(n, 60)
    days, hours = divmod(hours, 24)
    return f"2024-01-{1 + days:02d}T{hours:02d}:{minutes:02d}:00Z"


def small_store(n: int = 0, **overrides: Any) -> Store:
    """A store with 2 mailboxes, 3 users, 3 customers and ``n`` active conversations."""
    store = Store()
    for mid in (1, 2):
        store.mailboxes[mid] = {
            "id": mid,
            "name": f"Box {mid}",
            "slug": f"box{mid}",
            "email": f"box{mid}@acme.test",
            "createdAt": ts(0),
            "updatedAt": ts(0),
            "_links": {"self": {"href": f"https://api.helpscout.net/v2/mailboxes/{mid}"}},
        }
        store.folders[mid] = [
            {"id": 10 + mid, "name": "Unassigned", "type": "open", "userId": 0},
            {"id": 20 + mid, "name": "Mine", "type": "mytickets", "userId": 100 + mid},
        ]
        store.fields[mid] = [
            {
                "id": 30 + mid,
                "required": False,
                "order": 1,
                "type": "dropdown",
                "name": "Plan",
                "options": [{"id": 40 + mid, "order": 1, "label": "Pro"}],
            },
            {"id": 50 + mid, "required": False, "order": 2, "type": "singleline", "name": "Ref"},
        ]
    for uid in (101, 102, 103):
        store.users[uid] = {
            "id": uid,
            "firstName": f"User{uid}",
            "lastName": "Agent",
            "email": f"user{uid}@acme.test",
            "role": "user",
            "type": "user",
            "alternateEmails": [f"alt{uid}@acme.test"],
        }
    store.me_user_id = 101
    names = (("Ann", "Lee"), ("Bob", "Ray"), ("Cy", "Ng"))
    for cid, (first, last) in zip((201, 202, 203), names, strict=True):
        store.customers[cid] = {
            "id": cid,
            "firstName": first,
            "lastName": last,
            "createdAt": ts(cid - 200),
            "updatedAt": ts(cid - 190),
            "_embedded": {
                "emails": [{"id": cid * 10, "value": f"{first.lower()}@cust.test", "type": "work"}],
                "phones": [],
            },
        }
    store.teams[301] = {"id": 301, "name": "Team"}
    store.team_members[301] = [101, 103]
    store.tags[401] = {"id": 401, "slug": "vip", "name": "vip", "color": "red"}
    store.workflows[501] = {"id": 501, "mailboxId": 1, "name": "wf", "status": "active"}
    for i in range(n):
        add_conversation(store, 1000 + i, number=i + 1, **overrides)
    return store


def add_conversation(store: Store, cid: int, **fields: Any) -> JSON:
    """Add an API-shaped conversation; ``fields`` override the defaults."""
    customer_id = fields.pop("customer", 201)
    customer = store.customers[customer_id]
    email = customer["_embedded"]["emails"][0]["value"]
    conv: JSON = {
        "id": cid,
        "number": cid,
        "threads": 1,
        "type": "email",
        "folderId": 11,
        "status": "active",
        "state": "published",
        "subject": f"Subject {cid}",
        "preview": "hello",
        "mailboxId": 1,
        "createdBy": {"id": customer_id, "type": "customer", "email": email},
        "createdAt": ts(cid % 1000),
        "modifiedAt": ts(cid % 1000),
        "userUpdatedAt": ts(cid % 1000),
        "customerWaitingSince": {"time": ts(cid % 1000), "friendly": "1 hour ago"},
        "source": {"type": "email", "via": "customer"},
        "tags": [],
        "cc": [],
        "bcc": [],
        "primaryCustomer": {
            "id": customer_id,
            "type": "customer",
            "first": customer["firstName"],
            "last": customer["lastName"],
            "email": email,
        },
        "customFields": [],
        "_links": {"self": {"href": f"https://api.helpscout.net/v2/conversations/{cid}"}},
    }
    conv.update(fields)
    store.conversations[cid] = conv
    store.threads[cid] = [
        {
            "id": cid * 10,
            "type": "customer",
            "status": "active",
            "state": "published",
            "body": "hello",
            "createdAt": conv["createdAt"],
        }
    ]
    return conv


class Api:
    """A logged-in plain aiohttp session against one fake."""

    def __init__(self, fake: FakeHelpScout, session: aiohttp.ClientSession) -> None:
        self.fake = fake
        self.session = session
        self.token = fake.issue_token()

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def call(
        self, method: str, path: str, *, json_body: Any = None, params: Any = None, **kw: Any
    ) -> tuple[int, Any, JSON | None]:
        """``(status, headers, parsed body or None)``; redirects are not followed."""
        url = path if path.startswith("http") else self.fake.base_url + path
        async with self.session.request(
            method,
            url,
            json=json_body,
            params=params,
            headers=self.headers,
            allow_redirects=False,
            **kw,
        ) as resp:
            raw = await resp.read()
            body = json.loads(raw) if raw else None
            return resp.status, resp.headers, body

    async def get(self, path: str, **params: Any) -> JSON:
        """GET that must answer 200; returns the body."""
        status, _, body = await self.call("GET", path, params=params or None)
        assert status == 200, (status, body)
        assert body is not None
        return body

    async def ids(self, path: str, name: str = "conversations", **params: Any) -> list[int]:
        """Every id across every page of a list."""
        out: list[int] = []
        page = 1
        while True:
            body = await self.get(path, **params, page=page)
            out += [item["id"] for item in body.get("_embedded", {}).get(name, [])]
            if page >= body["page"]["totalPages"]:
                return out
            page += 1


@pytest_asyncio.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """A plain aiohttp session, closed after the test."""
    async with aiohttp.ClientSession() as s:
        yield s


async def open_api(fake: FakeHelpScout, session: aiohttp.ClientSession) -> Api:
    """An :class:`Api` for a started fake."""
    return Api(fake, session)
