"""Seeded live Beacon chats and their events (the Chat API's records).

Chats have UUID ids and microsecond timestamps, as the live API sends them; the
assignee is a user of the store shown as ``type: agent``, an event's author as
``type: user`` (or ``customer``). Some chats are unassigned (waiting in the queue),
the others are held by a user. A separate random stream keeps the rest of the seed
unchanged by how many chats there are. Stdlib only.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from ._store import JSON, Store

_OPENERS = (
    "Hi, is my order on its way?",
    "Can I change the plan I am on?",
    "The export button does nothing for me.",
    "Do you ship to Norway?",
    "I was charged twice this month.",
    "How do I invite a colleague?",
)
_PAGES = (("/pricing", "Pricing"), ("/docs/start", "Getting started"), ("/account", "Account"))
_HELLO = "Happy to help, one moment."
_BASE = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def stamp(when: datetime) -> str:
    """A timestamp as the Chat API writes them: UTC with microseconds."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_uuid(rng: random.Random) -> str:
    """A version-4 UUID string drawn from ``rng`` (deterministic for a seed)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def person(record: JSON, kind: str) -> JSON:
    """A user or customer as a chat shows them (``first``/``last``, not ``firstName``)."""
    emails = record.get("_embedded", {}).get("emails") or [{}]
    email = record.get("email") or emails[0].get("value")
    found: JSON = {
        "id": record["id"],
        "type": kind,
        "first": record.get("firstName"),
        "last": record.get("lastName"),
    }
    if email:
        found["email"] = email
    return found


def event(
    chat_id: str,
    event_id: str,
    kind: str,
    action: str,
    author: JSON,
    when: datetime,
    body: str | None = None,
) -> JSON:
    """One chat event; a ``line_item`` has no body."""
    found: JSON = {
        "id": event_id,
        "chatId": chat_id,
        "type": kind,
        "action": action,
        "author": author,
        "createdAt": stamp(when),
    }
    if body is not None:
        found["body"] = body
    return found


def make_chats(store: Store, seed: int, count: int = 12) -> None:
    """Add ``count`` live chats with a few events each (needs users and customers)."""
    users = list(store.users.values())
    customers = list(store.customers.values())
    mailboxes = sorted(store.mailboxes)
    if not users or not customers or not mailboxes:
        return
    rng = random.Random(seed * 7919 + 13)
    beacon = new_uuid(rng)
    for index in range(count):
        chat_id = new_uuid(rng)
        started = _BASE + timedelta(minutes=7 * index, microseconds=rng.randrange(10**6))
        visitor = person(customers[rng.randrange(len(customers))], "customer")
        opener = _OPENERS[index % len(_OPENERS)]
        path, title = _PAGES[index % len(_PAGES)]
        chat: JSON = {
            "id": chat_id,
            "beaconId": beacon,
            "mailboxId": mailboxes[index % len(mailboxes)],
            "createdAt": stamp(started),
            "customer": visitor,
            "preview": opener,
            "customFields": [],
            "tags": [],
            "timeline": [
                {
                    "type": "page-viewed",
                    "timestamp": stamp(started - timedelta(seconds=40)),
                    "url": f"https://www.example.com{path}",
                    "title": title,
                }
            ],
        }
        events = [
            event(chat_id, new_uuid(rng), "message", "message-added", visitor, started, opener)
        ]
        if index % 3:  # two in three are held by a user; the rest wait in the queue
            user = users[rng.randrange(len(users))]
            chat["assignee"] = person(user, "agent")
            accepted = started + timedelta(seconds=30, microseconds=rng.randrange(10**6))
            author = person(user, "user")
            answered = accepted + timedelta(seconds=20)
            events += [
                event(chat_id, new_uuid(rng), "line_item", "chat-accepted", author, accepted),
                event(chat_id, new_uuid(rng), "message", "message-added", author, answered, _HELLO),
            ]
        store.chats[chat_id] = chat
        store.chat_events[chat_id] = events
