"""Seeded threads: rebuilt on demand from (seed, conversation id), never stored.

:class:`SeededThreads` is what ``generate`` puts in ``store.thread_source``; it
keeps a compact :class:`ConvSeed` per conversation and rebuilds the same threads
every time it is asked. ``FreshThreads`` builds the threads of conversations
made after seeding, with ids from the store.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from ._seed_data import (
    ATTACHMENTS,
    FIRST_BODIES,
    FOLLOW_UPS,
    LINE_ITEMS,
    NOTES,
    PHONE_BODIES,
    REPLIES,
    WEB_ROOT,
    iso,
    link,
)
from ._store import JSON, Store

# --------------------------------------------------------------------------- seed records


class Person(NamedTuple):
    """What a conversation or thread says about a person."""

    id: int
    first: str
    last: str
    email: str
    photo: str


class ConvSeed(NamedTuple):
    """What ``thread_source`` needs to rebuild one conversation's seeded threads."""

    position: int
    n_threads: int
    created: int
    last: int
    ctype: str
    status: str
    customer: int
    assignee: int
    creator: int
    closer: int
    last_from: str
    topic_body: int
    preview: int
    topic: int
    cc: bool


_CUSTOMER_TYPE = {"email": "customer", "chat": "chat", "phone": "customer"}
_USER_TYPE = {"email": "reply", "chat": "chat", "phone": "phone"}
_FIRST_TYPE = {"email": "customer", "chat": "chat", "phone": "phone"}


def person_json(p: Person, kind: str | None) -> JSON:
    """A person reference (assignee, createdBy, closedByUser, ...)."""
    out: JSON = {"id": p.id}
    if kind is not None:
        out["type"] = kind
    out["first"] = p.first
    out["last"] = p.last
    out["email"] = p.email
    return out


# --------------------------------------------------------------------------- threads


class SeededThreads:
    """``store.thread_source``: rebuilds seeded threads from (seed, conversation id)."""

    def __init__(self, seed: int, users: list[Person], customers: list[Person]) -> None:
        """Hold what thread building needs; conversation seeds are added later."""
        self.seed = seed
        self.users = users
        self.customers = customers
        self.conversations: dict[int, ConvSeed] = {}
        self.thread_base = 0
        self.attachment_base = 0
        self.next_number = 1

    def __call__(self, conversation_id: int) -> list[JSON]:
        """The seeded threads of a conversation, newest first ([] if not seeded)."""
        cs = self.conversations.get(conversation_id)
        if cs is None:
            return []
        return self.build(random.Random(f"{self.seed}/{conversation_id}"), cs)

    def build(self, rng: random.Random, cs: ConvSeed) -> list[JSON]:
        """The threads described by ``cs``, newest first."""
        times = self._times(rng, cs)
        plan = self._plan(rng, cs)
        newest = (
            cs.n_threads - 2 if cs.n_threads >= 3 and plan[-1] == "lineitem" else cs.n_threads - 1
        )
        threads = [
            self._thread(rng, cs, k, kind, times[k], k == newest) for k, kind in enumerate(plan)
        ]
        threads.reverse()
        return threads

    def thread_id(self, cs: ConvSeed, k: int) -> int:
        """The id of thread ``k`` (oldest is 0) of a seeded conversation."""
        return self.thread_base + cs.position * 10 + k

    def attachment_id(self, thread_id: int, j: int) -> int:
        """The id of attachment ``j`` of a seeded thread."""
        return self.attachment_base + (thread_id - self.thread_base) * 2 + j

    @staticmethod
    def _times(rng: random.Random, cs: ConvSeed) -> list[int]:
        """Creation times: the first at createdAt, the last at the last activity."""
        if cs.n_threads == 1:
            return [cs.created]
        middle = sorted(rng.randint(cs.created, cs.last) for _ in range(cs.n_threads - 2))
        return [cs.created, *middle, cs.last]

    @staticmethod
    def _plan(rng: random.Random, cs: ConvSeed) -> list[str]:
        """Who writes each thread, oldest first: customer, user, note or lineitem."""
        first = "user" if cs.ctype == "phone" else "customer"
        if cs.n_threads == 1:
            return [first]
        plan = [first]
        for _ in range(cs.n_threads - 1):
            r = rng.random()
            if r < 0.08:
                plan.append("lineitem")
            elif r < 0.22:
                plan.append("note")
            else:
                plan.append("customer" if plan[-1] == "user" and r < 0.7 else "user")
        if cs.n_threads >= 3 and plan[-1] == "lineitem":
            plan[-2] = cs.last_from
        else:
            plan[-1] = cs.last_from
        return plan

    def _body(self, rng: random.Random, cs: ConvSeed, k: int, kind: str, newest: bool) -> str:
        """The HTML body of one thread."""
        if k == 0:
            pool = PHONE_BODIES if cs.ctype == "phone" else FIRST_BODIES
            return pool[cs.topic][cs.topic_body][0]
        if kind == "note":
            return rng.choice(NOTES)[0]
        texts = FOLLOW_UPS if kind == "customer" else REPLIES
        return texts[cs.preview if newest else rng.randrange(len(texts))][0]

    def _thread(
        self, rng: random.Random, cs: ConvSeed, k: int, kind: str, ts: int, newest: bool
    ) -> JSON:
        """One thread as ``GET /conversations/{id}/threads`` lists it."""
        tid = self.thread_id(cs, k)
        customer = self.customers[cs.customer]
        if kind == "customer":
            author, via = customer, "customer"
            ttype = _FIRST_TYPE[cs.ctype] if k == 0 else _CUSTOMER_TYPE[cs.ctype]
        else:
            author, via = self._user_author(rng, cs, k, kind), "user"
            ttype = kind
            if kind == "user":
                ttype = _FIRST_TYPE[cs.ctype] if k == 0 else _USER_TYPE[cs.ctype]
        thread: JSON = {
            "id": tid,
            "type": ttype,
            "status": self._thread_status(cs, kind, newest),
            "state": "published",
        }
        if kind == "lineitem":
            action, text = rng.choice(LINE_ITEMS)
            if k == cs.n_threads - 1 and cs.status == "closed":
                action, text = "changed-ticket-status", "Marked as Closed"
            thread["action"] = {"type": action, "text": text, "associatedEntities": []}
        else:
            thread["body"] = self._body(rng, cs, k, kind, newest)
        thread["source"] = {"type": _source_type(ttype, cs.ctype), "via": via}
        thread["customer"] = {
            "id": customer.id,
            "first": customer.first,
            "last": customer.last,
            "photoUrl": customer.photo,
            "email": customer.email,
        }
        thread["createdBy"] = person_json(author, via)
        if cs.assignee >= 0:
            thread["assignedTo"] = person_json(self.users[cs.assignee], "user")
        thread["savedReplyId"] = 0
        thread["to"] = [customer.email] if ttype == "reply" else []
        thread["cc"] = ["accounts@example.com"] if cs.cc and ttype in ("reply", "customer") else []
        thread["bcc"] = []
        thread["createdAt"] = iso(ts)
        thread["_embedded"] = {"attachments": self._attachments(rng, tid, kind)}
        key = "createdByCustomer" if via == "customer" else "createdByUser"
        path = "/customers/" if via == "customer" else "/users/"
        thread["_links"] = {key: link(f"{path}{author.id}")}
        return thread

    def _user_author(self, rng: random.Random, cs: ConvSeed, k: int, kind: str) -> Person:
        """The user who wrote a reply, note or lineitem."""
        if k == 0 and cs.creator >= 0:
            return self.users[cs.creator]
        if kind == "lineitem" and k == cs.n_threads - 1 and cs.closer >= 0:
            return self.users[cs.closer]
        if cs.assignee >= 0 and rng.random() < 0.8:
            return self.users[cs.assignee]
        return self.users[rng.randrange(len(self.users))]

    @staticmethod
    def _thread_status(cs: ConvSeed, kind: str, newest: bool) -> str:
        """The conversation status a thread set."""
        if kind == "customer":
            return "active"
        if kind == "note":
            return "nochange"
        if newest or kind == "lineitem":
            return cs.status if cs.status != "spam" else "nochange"
        return "active"

    def _attachments(self, rng: random.Random, tid: int, kind: str) -> list[JSON]:
        """Attachments on about one message in twelve."""
        if kind not in ("customer", "user") or rng.random() >= 0.08:
            return []
        out = []
        for j in range(rng.randint(1, 2)):
            name, mime, width, height = rng.choice(ATTACHMENTS)
            aid = self.attachment_id(tid, j)
            out.append(
                {
                    "id": aid,
                    "filename": name,
                    "mimeType": mime,
                    "size": rng.randrange(2_000, 2_000_000),
                    "width": width,
                    "height": height,
                    "_links": {
                        "data": link(f"/attachments/{aid}/data"),
                        "web": {"href": f"{WEB_ROOT}/attachment/{aid}"},
                    },
                }
            )
        return out


class FreshThreads(SeededThreads):
    """Builds the threads of a conversation made after seeding, with ids from the store."""

    def __init__(self, store: Store, users: list[Person], customers: list[Person]) -> None:
        """Take new ids from ``store``."""
        super().__init__(0, users, customers)
        self.store = store

    def thread_id(self, cs: ConvSeed, k: int) -> int:
        """A fresh id from the store."""
        return self.store.new_id()

    def attachment_id(self, thread_id: int, j: int) -> int:
        """A fresh id from the store."""
        return self.store.new_id()


def _source_type(thread_type: str, conversation_type: str) -> str:
    """A thread's ``source.type``."""
    if thread_type in ("note", "lineitem"):
        return "web"
    if thread_type == "phone":
        return "phone"
    return "chat" if conversation_type == "chat" else "email"


def preview_of(cs: ConvSeed) -> str:
    """The text of the newest message, as ``preview`` shows it."""
    if cs.n_threads == 1:
        pool = PHONE_BODIES if cs.ctype == "phone" else FIRST_BODIES
        return pool[cs.topic][cs.topic_body][1]
    texts = FOLLOW_UPS if cs.last_from == "customer" else REPLIES
    return texts[cs.preview][1]
