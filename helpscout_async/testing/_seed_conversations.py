"""Seeded conversations: a timeline of statuses and times, bodies, tags, fields, merges.

Part of the seed generator (see ``_seed``). Threads are not stored: ``_seed_threads``
rebuilds them on demand. Stdlib only.
"""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate
from typing import NamedTuple

from ._seed_data import END, FOLLOW_UPS, REPLIES, START, SUBJECTS, WEB_ROOT, friendly, iso, link
from ._seed_gen import Gen
from ._seed_threads import ConvSeed, SeededThreads, person_json, preview_of
from ._store import JSON, Store

_STATUS_CUT = ((0.28, "active"), (0.38, "pending"), (0.95, "closed"), (1.0, "spam"))

_THREAD_COUNT_CUM = list(accumulate((14, 24, 20, 14, 9, 7, 5, 3, 2, 2)))


class Times(NamedTuple):
    """A conversation's status and moments (epoch seconds; ``closed`` 0 if open)."""

    status: str
    created: int
    closed: int
    modified: int


def _timeline(rng: random.Random, n: int) -> list[Times]:
    """Statuses and times of ``n`` conversations in creation order, with modifiedAt ties."""
    span = END - START
    created = sorted(START + int(span * rng.random() ** 0.8) for _ in range(n))
    out: list[Times] = []
    for c in created:
        r = rng.random()
        status = next(s for cut, s in _STATUS_CUT if r < cut)
        if status == "spam":
            out.append(Times(status, c, 0, min(c + rng.randrange(60, 7200), END)))
            continue
        moved = min(c + int(60 * 43200 ** rng.random()), END)
        if status != "closed":
            out.append(Times(status, c, 0, moved))
            continue
        after = 0 if rng.random() < 0.7 else int(60 * 14400 ** rng.random())
        out.append(Times(status, c, moved, min(moved + after, END)))
    return _with_ties(rng, out)


def _with_ties(rng: random.Random, times: list[Times]) -> list[Times]:
    """Give some neighbours the same modifiedAt second, as bulk actions do."""
    n = len(times)
    for i in range(1, n):
        if rng.random() < 0.04 or (i == n - 1 and n >= 2):
            a, b = times[i - 1], times[i]
            top = max(a.modified, b.modified)
            times[i - 1] = a._replace(modified=top)
            times[i] = b._replace(modified=top)
    return times


def make_conversations(g: Gen, threads: SeededThreads, n: int) -> None:
    """``n`` conversations in creation order, their thread seeds in ``threads``."""
    timeline = _timeline(g.rng, n)
    ids = [g.new_id() for _ in range(n)]
    threads.thread_base = g.last_id + 1
    g.last_id += n * 10
    threads.attachment_base = g.last_id + 1
    g.last_id += n * 20
    for index, (cid, times) in enumerate(zip(ids, timeline, strict=True)):
        cs, body = conversation(g, index, cid, index + 1, times)
        threads.conversations[cid] = cs
        g.store.conversations[cid] = body
    threads.next_number = n + 1


def _pick_count(rng: random.Random, status: str) -> int:
    """How many threads a conversation has (1-10, mostly 2-4)."""
    if status == "spam":
        return 1
    return bisect(_THREAD_COUNT_CUM, rng.random() * _THREAD_COUNT_CUM[-1]) + 1


def conversation(
    g: Gen, index: int, cid: int, number: int, t: Times, max_threads: int = 10
) -> tuple[ConvSeed, JSON]:
    """One conversation: its thread seed and its API body."""
    rng = g.rng
    r = rng.random()
    ctype = "email" if r < 0.72 else ("chat" if r < 0.88 else "phone")
    count = min(_pick_count(rng, t.status), max_threads)
    mailbox = min(int(len(g.mailbox_ids) * rng.random() ** 1.6), len(g.mailbox_ids) - 1)
    customer = int(len(g.customers) * rng.random() ** 1.5)
    assigned = {"active": 0.6, "pending": 0.85, "closed": 0.9, "spam": 0.0}[t.status]
    assignee = int(rng.random() * len(g.users)) if rng.random() < assigned else -1
    somebody = assignee if assignee >= 0 else int(rng.random() * len(g.users))
    if count == 1:
        last_from = "user" if ctype == "phone" else "customer"
    else:
        user_odds = {"active": 0.25, "pending": 0.9, "closed": 0.85, "spam": 0.0}[t.status]
        last_from = "user" if rng.random() < user_odds else "customer"
    topic, subject = SUBJECTS[int(rng.random() * len(SUBJECTS))]
    cs = ConvSeed(
        position=index,
        n_threads=count,
        created=t.created,
        last=t.closed or t.modified,
        ctype=ctype,
        status=t.status,
        customer=customer,
        assignee=assignee,
        creator=somebody if ctype == "phone" else -1,
        closer=somebody if t.status == "closed" else -1,
        last_from=last_from,
        topic_body=int(rng.random() * 6),
        preview=rng.randrange(len(FOLLOW_UPS) if last_from == "customer" else len(REPLIES)),
        topic=topic,
        cc=rng.random() < 0.05,
    )
    body = _conversation_body(g, cid, number, mailbox, subject, cs, t)
    return cs, body


def _conversation_body(
    g: Gen, cid: int, number: int, mailbox: int, subject: str, cs: ConvSeed, t: Times
) -> JSON:
    """A conversation as ``GET /conversations/{id}`` returns it, without ``_embedded``."""
    rng = g.rng
    mid = g.mailbox_ids[mailbox]
    customer = g.customers[cs.customer]
    assignee = g.users[cs.assignee] if cs.assignee >= 0 else None
    folder = _folder_type(t.status, cs.assignee, g)
    body: JSON = {
        "id": cid,
        "number": number,
        "threads": cs.n_threads,
        "type": cs.ctype,
        "folderId": g.folder_ids[mailbox][folder],
        "status": t.status,
        "state": "published",
        "subject": subject,
        "preview": preview_of(cs),
        "mailboxId": mid,
    }
    if assignee is not None:
        body["assignee"] = person_json(assignee, "user" if rng.random() < 0.9 else None)
    if cs.creator >= 0:
        creator = g.users[cs.creator]
        body["createdBy"] = {"id": creator.id, "type": "user", "email": creator.email}
    else:
        body["createdBy"] = {"id": customer.id, "type": "customer", "email": customer.email}
    body["createdAt"] = iso(t.created)
    if t.status == "closed":
        closer = g.users[cs.closer]
        body["closedBy"] = closer.id
        body["closedByUser"] = {
            "id": closer.id,
            "type": "user",
            "first": closer.first,
            "last": closer.last,
            "photoUrl": closer.photo,
            "email": closer.email,
        }
        body["closedAt"] = iso(t.closed)
    modified = iso(t.modified)
    body["userUpdatedAt"] = modified
    body["modifiedAt"] = modified
    waiting = cs.last if cs.last_from == "customer" else cs.created
    body["customerWaitingSince"] = {"time": iso(waiting), "friendly": friendly(g.now - waiting)}
    if cs.n_threads > 1:
        body["customerWaitingSince"]["latestReplyFrom"] = cs.last_from
    body["source"] = _conversation_source(rng, cs.ctype)
    body["tags"] = _pick_tags(g)
    body["cc"] = ["accounts@example.com"] if cs.cc else []
    body["bcc"] = []
    if rng.random() < 0.15:
        body["primaryCustomer"] = {"id": customer.id}
    else:
        body["primaryCustomer"] = person_json(customer, "customer")
    if t.status in ("active", "pending") and rng.random() < 0.04:
        _snooze(g, body, t.modified, cs.assignee)
    body["customFields"] = _custom_values(g, g.store.fields[mid])
    body["_links"] = _conversation_links(cid, number, mid, customer.id, cs, g)
    return body


def _folder_type(status: str, assignee: int, g: Gen) -> str:
    """Which folder a conversation sits in."""
    if status in ("spam", "closed"):
        return status
    if assignee < 0:
        return "open"
    return "mytickets" if g.users[assignee].id == g.store.me_user_id else "assigned"


def _conversation_source(rng: random.Random, ctype: str) -> JSON:
    """Where a conversation came from."""
    if ctype == "phone":
        return {"type": "phone", "via": "user"}
    if ctype == "chat":
        return {"type": "chat", "via": "customer"}
    r = rng.random()
    kind = "email" if r < 0.8 else ("beacon-v2" if r < 0.9 else ("web" if r < 0.95 else "api"))
    return {"type": kind, "via": "customer"}


def _pick_tags(g: Gen) -> list[JSON]:
    """Zero to three distinct tags, popular ones more often."""
    rng = g.rng
    r = rng.random()
    want = 0 if r < 0.4 else (1 if r < 0.75 else (2 if r < 0.93 else 3))
    picked: list[JSON] = []
    top = g.tag_cum[-1]
    for _ in range(want):
        ref = g.tag_refs[bisect(g.tag_cum, rng.random() * top)]
        if ref not in picked:
            picked.append(dict(ref))
    return picked


def _snooze(g: Gen, body: JSON, modified: int, assignee: int) -> None:
    """Snooze a conversation past its last change, with the matching ``nextEvent``."""
    user = g.users[assignee].id if assignee >= 0 else g.store.me_user_id
    until = iso(modified + g.rng.randrange(3600, 14 * 86400))
    on_reply = g.rng.random() < 0.8
    body["snooze"] = {"snoozedBy": user, "snoozedUntil": until, "unsnoozeOnCustomerReply": on_reply}
    body["nextEvent"] = {
        "time": until,
        "eventType": "snooze",
        "userId": user,
        "cancelOnCustomerReply": on_reply,
    }


def _custom_values(g: Gen, fields: list[JSON]) -> list[JSON]:
    """Values of some of a mailbox's custom fields; every value is a string."""
    rng = g.rng
    out: list[JSON] = []
    for field in fields:
        if rng.random() >= 0.35:
            continue
        ftype = field.get("type")
        value: JSON = {"id": field["id"], "name": field.get("name", "")}
        if ftype == "dropdown":
            options = field.get("options") or []
            if not options:
                continue
            option = options[int(rng.random() * len(options))]
            value["value"], value["text"] = str(option["id"]), option["label"]
        elif ftype == "number":
            value["value"] = value["text"] = str(1 + int(rng.random() * 250))
        elif ftype == "date":
            value["value"] = value["text"] = iso(
                START + int(rng.random() * (END - START + 86400 * 365))
            )[:10]
        elif ftype == "singleline":
            value["value"] = value["text"] = f"ORD-{10000 + int(rng.random() * 90000)}"
        else:
            value["value"] = value["text"] = "Customer asked for a callback.\nFollow up Monday."
        if rng.random() < 0.2:
            del value["text"]
        out.append(value)
    return out


def _conversation_links(
    cid: int, number: int, mid: int, customer_id: int, cs: ConvSeed, g: Gen
) -> JSON:
    """The ``_links`` of a conversation."""
    links = {
        "self": link(f"/conversations/{cid}"),
        "mailbox": link(f"/mailboxes/{mid}"),
        "primaryCustomer": link(f"/customers/{customer_id}"),
    }
    if cs.creator >= 0:
        links["createdByUser"] = link(f"/users/{g.users[cs.creator].id}")
    else:
        links["createdByCustomer"] = link(f"/customers/{customer_id}")
    if cs.closer >= 0:
        links["closedBy"] = link(f"/users/{g.users[cs.closer].id}")
    links["threads"] = link(f"/conversations/{cid}/threads")
    if cs.assignee >= 0:
        links["assignee"] = link(f"/users/{g.users[cs.assignee].id}")
    links["web"] = {"href": f"{WEB_ROOT}/conversation/{cid}/{number}/"}
    return links


def merge_some(g: Gen, threads: SeededThreads) -> None:
    """Merge about one conversation in 200 (at least one when there are four or more)."""
    ids = list(g.store.conversations)
    if len(ids) < 4:
        return
    pairs = max(1, len(ids) // 200)
    chosen = g.rng.sample(ids, 2 * pairs)
    for gone, survivor in zip(chosen[:pairs], chosen[pairs:], strict=True):
        del g.store.conversations[gone]
        del threads.conversations[gone]
        g.store.merged[gone] = survivor


def count_tags_and_folders(store: Store) -> None:
    """Fill tags' ``ticketCount`` and folders' counts from the conversations."""
    folders = {f["id"]: f for fs in store.folders.values() for f in fs}
    for empty in folders.values():
        empty["totalCount"] = empty["activeCount"] = 0
    tag_counts: dict[int, int] = {}
    for conv in store.conversations.values():
        folder = folders.get(conv["folderId"])
        if folder is not None:
            folder["totalCount"] += 1
            folder["activeCount"] += conv["status"] == "active"
            folder["updatedAt"] = max(folder["updatedAt"], conv["modifiedAt"])
        for tag in conv["tags"]:
            tag_counts[tag["id"]] = tag_counts.get(tag["id"], 0) + 1
    for tid, tag in store.tags.items():
        tag["ticketCount"] = tag_counts.get(tid, 0)
