"""Deterministic, realistic seed data for the fake Help Scout server.

``generate`` fills a :class:`~helpscout_async.testing._store.Store` with mailboxes
(folders, custom fields, workflows), users, teams, tags, customers and
conversations whose bodies have the shapes of Help Scout's own responses. The same
seed always gives the same store. Threads are not stored: ``store.thread_source``
rebuilds a conversation's seeded threads on demand from ``(seed, conversation id)``,
so that 100,000 seeded conversations stay small and quick to make.

``new_conversation`` adds one fresh conversation (used by the churn fault).
The parts, by job: the shared context (``_seed_gen``), people (``_seed_people``),
mailboxes and tags (``_seed_mailboxes``), conversations (``_seed_conversations``),
text pools and formats (``_seed_data``) and thread building (``_seed_threads``).
Everything here is stdlib only; it never imports the client package.
"""

from __future__ import annotations

import gc
import random
from datetime import datetime

from ._customer_properties import seed_properties
from ._seed_account import seed_account
from ._seed_chats import make_chats
from ._seed_conversations import (
    Times,
    conversation,
    count_tags_and_folders,
    make_conversations,
    merge_some,
)
from ._seed_data import API_ROOT, END, START, TAG_COLORS, WEB_ROOT, iso
from ._seed_gen import FOLDERS, Gen
from ._seed_mailboxes import make_mailbox, make_tags
from ._seed_people import make_customer, make_teams, make_users
from ._seed_threads import FreshThreads, Person, SeededThreads
from ._store import JSON, Store

__all__ = [
    "API_ROOT",
    "END",
    "START",
    "WEB_ROOT",
    "SeededThreads",
    "generate",
    "iso",
    "new_conversation",
]


def generate(
    store: Store,
    *,
    seed: int,
    conversations: int,
    customers: int | None = None,
    mailboxes: int = 3,
    users: int = 8,
) -> None:
    """Fill an empty store with deterministic, realistic records for ``seed``.

    Args:
        store: the store to fill (expected empty).
        seed: the same seed always gives the same store.
        conversations: how many conversations to seed (a few of them end up merged).
        customers: how many customers; defaults to ``conversations // 4``, at least 10.
        mailboxes: how many mailboxes, each with folders, custom fields and workflows.
        users: how many users; the first is the owner and ``GET /users/me``.
    """
    g = Gen(store, random.Random(seed))
    collecting = gc.isenabled()
    gc.disable()  # millions of fresh containers: collections would only slow this down
    try:
        _generate(g, seed, conversations, customers, mailboxes, users)
    finally:
        if collecting:
            gc.enable()


def _generate(
    g: Gen, seed: int, conversations: int, customers: int | None, mailboxes: int, users: int
) -> None:
    """The body of ``generate``."""
    store = g.store
    make_users(g, max(1, users))
    make_teams(g)
    for index in range(max(1, mailboxes)):
        make_mailbox(g, index)
    make_tags(g)
    n_customers = max(10, conversations // 4) if customers is None else max(1, customers)
    for _ in range(n_customers):
        make_customer(g)
    seed_properties(store)
    threads = SeededThreads(seed, g.users, g.customers)
    make_conversations(g, threads, max(0, conversations))
    merge_some(g, threads)
    count_tags_and_folders(store)
    seed_account(g, seed)
    store.thread_source = threads
    store.next_id = max(store.next_id, g.last_id)
    make_chats(store, seed)
    store.touch()


_HEX_OF_COLOR = dict(TAG_COLORS)


def _gen_from_store(store: Store, rng: random.Random, now: int) -> Gen:
    """A generator context over an existing store (users, mailboxes, folders, tags)."""
    if not store.mailboxes or not store.users:
        raise ValueError("the store has no mailbox or no user: call generate() first")
    g = Gen(store, rng, now=now)
    for uid in sorted(store.users):
        u = store.users[uid]
        email = u.get("email", f"user{uid}@example.com")
        person = Person(uid, u.get("firstName", ""), u.get("lastName", ""), email, "")
        g.users.append(person._replace(photo=u.get("photoUrl", "")))
    for mid in sorted(store.mailboxes):
        g.mailbox_ids.append(mid)
        by_type = {f["type"]: f["id"] for f in store.folders.get(mid, [])}
        g.folder_ids.append({t: by_type.get(t, 0) for _, t in FOLDERS})
    for rank, tid in enumerate(sorted(store.tags), start=1):
        tag = store.tags[tid]
        color = _HEX_OF_COLOR.get(tag.get("color", ""), "#929499")
        g.tag_refs.append({"id": tid, "color": color, "tag": tag.get("name", "")})
        g.tag_cum.append((g.tag_cum[-1] if g.tag_cum else 0.0) + 1.0 / rank)
    return g


def _customer_person(store: Store, rng: random.Random) -> Person:
    """A random existing customer, as threads and conversations refer to it."""
    if not store.customers:
        raise ValueError("the store has no customer: call generate() first")
    ids = list(store.customers)
    cid = ids[rng.randrange(len(ids))]
    c = store.customers[cid]
    emails = c.get("_embedded", {}).get("emails") or [{"value": f"customer{cid}@mail.example"}]
    first, last = c.get("firstName", ""), c.get("lastName", "")
    return Person(cid, first, last, emails[0]["value"], c.get("photoUrl", ""))


def _next_number(store: Store) -> int:
    """The next conversation number of the account."""
    source = store.thread_source
    if isinstance(source, SeededThreads):
        number = source.next_number
        source.next_number += 1
        return number
    return max((c.get("number", 0) for c in store.conversations.values()), default=0) + 1


def new_conversation(store: Store, rng: random.Random, *, now: datetime) -> int:
    """Add one realistic active conversation created and modified at ``now``.

    It has 1-3 threads, materialized in ``store.threads``; tag and folder counts are
    updated and ``store.touch()`` is called.

    Returns:
        The id of the new conversation.
    """
    ts = int(now.timestamp())
    g = _gen_from_store(store, rng, ts)
    g.customers.append(_customer_person(store, rng))
    cid = store.new_id()
    cs, body = conversation(
        g, 0, cid, _next_number(store), Times("active", ts, 0, ts), max_threads=3
    )
    store.threads[cid] = FreshThreads(store, g.users, g.customers).build(rng, cs)
    store.conversations[cid] = body
    _count_new(store, body)
    store.touch()
    return cid


def _count_new(store: Store, body: JSON) -> None:
    """Add one conversation to its folder's and its tags' counts."""
    for folder in store.folders.get(body["mailboxId"], []):
        if folder["id"] == body["folderId"]:
            folder["totalCount"] += 1
            folder["activeCount"] += body["status"] == "active"
            folder["updatedAt"] = body["modifiedAt"]
    for ref in body["tags"]:
        tag = store.tags.get(ref["id"])
        if tag is not None:
            tag["ticketCount"] = tag.get("ticketCount", 0) + 1
