"""Deterministic, realistic seed data for the fake Help Scout server.

``generate`` fills a :class:`~helpscout_async.testing._store.Store` with mailboxes
(folders, custom fields, workflows), users, teams, tags, customers and
conversations whose bodies have the shapes of Help Scout's own responses. The same
seed always gives the same store. Threads are not stored: ``store.thread_source``
rebuilds a conversation's seeded threads on demand from ``(seed, conversation id)``,
so that 100,000 seeded conversations stay small and quick to make.

``new_conversation`` adds one fresh conversation (used by the churn fault).
Text pools and formats live in ``_seed_data``, thread building in ``_seed_threads``.
Everything here is stdlib only; it never imports the client package.
"""

from __future__ import annotations

import gc
import random
from bisect import bisect
from datetime import datetime
from itertools import accumulate
from typing import NamedTuple

from ._seed_data import (
    API_ROOT,
    END,
    FIRST_NAMES,
    FOLLOW_UPS,
    JOB_TITLES,
    LAST_NAMES,
    ORGANIZATIONS,
    PLACES,
    REPLIES,
    START,
    STREETS,
    SUBJECTS,
    TAG_COLORS,
    TAG_NAMES,
    TIMEZONES,
    WEB_ROOT,
    friendly,
    iso,
    link,
)
from ._seed_threads import (
    ConvSeed,
    FreshThreads,
    Person,
    SeededThreads,
    person_json,
    preview_of,
)
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


# --------------------------------------------------------------------------- generation

_STATUS_CUT = ((0.28, "active"), (0.38, "pending"), (0.95, "closed"), (1.0, "spam"))
_THREAD_COUNT_CUM = list(accumulate((14, 24, 20, 14, 9, 7, 5, 3, 2, 2)))
_MAILBOX_NAMES = ("Support", "Billing", "Sales", "Partners", "Returns", "Enterprise", "Press")
_TEAM_NAMES = ("Tier 1", "Billing Crew", "Escalations", "Customer Success", "Night Shift")
_FOLDERS = (
    ("Unassigned", "open"), ("Mine", "mytickets"), ("Needs Attention", "needsattention"),
    ("Drafts", "drafts"), ("Assigned", "assigned"), ("Closed", "closed"), ("Spam", "spam"),
)  # fmt: skip
_WORKFLOWS = (
    ("Escalate to Tier 2", "manual"), ("Auto-close after 7 days", "automatic"),
    ("Tag VIP customers", "automatic"), ("Send to Billing", "manual"),
)  # fmt: skip
_CUSTOMER_START = 1640995200  # 2022-01-01T00:00:00Z
_STAFF_START = 1609459200  # 2021-01-01T00:00:00Z


def _slug(name: str) -> str:
    """ASCII, lowercase, email-safe form of a name."""
    table = str.maketrans("äöüéèãçáíóú", "aoueeacaiou", "' &")
    return name.lower().translate(table).replace(".", "")


class _Gen:
    """State shared while one store is generated."""

    def __init__(self, store: Store, rng: random.Random, *, now: int = END) -> None:
        """Start from an empty id counter and one random stream."""
        self.store = store
        self.rng = rng
        self.now = now
        self.last_id = 0
        self.users: list[Person] = []
        self.customers: list[Person] = []
        self.mailbox_ids: list[int] = []
        self.folder_ids: list[dict[str, int]] = []
        self.tag_refs: list[JSON] = []
        self.tag_cum: list[float] = []
        self.domain = _slug(self.rng.choice(ORGANIZATIONS)).replace("-", "") + ".example"

    def new_id(self) -> int:
        """The next seeded id."""
        self.last_id += 1
        return self.last_id

    def stamp(self, low: int, high: int) -> int:
        """A random epoch second in ``[low, high]``."""
        return self.rng.randint(low, high)


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
    g = _Gen(store, random.Random(seed))
    collecting = gc.isenabled()
    gc.disable()  # millions of fresh containers: collections would only slow this down
    try:
        _generate(g, seed, conversations, customers, mailboxes, users)
    finally:
        if collecting:
            gc.enable()


def _generate(
    g: _Gen, seed: int, conversations: int, customers: int | None, mailboxes: int, users: int
) -> None:
    """The body of ``generate``."""
    store = g.store
    _make_users(g, max(1, users))
    _make_teams(g)
    for index in range(max(1, mailboxes)):
        _make_mailbox(g, index)
    _make_tags(g)
    n_customers = max(10, conversations // 4) if customers is None else max(1, customers)
    for _ in range(n_customers):
        _make_customer(g)
    threads = SeededThreads(seed, g.users, g.customers)
    _make_conversations(g, threads, max(0, conversations))
    _merge_some(g, threads)
    _count_tags_and_folders(store)
    store.thread_source = threads
    store.next_id = max(store.next_id, g.last_id)
    store.touch()


# --------------------------------------------------------------------------- people


def _make_users(g: _Gen, count: int) -> None:
    """Users: the first is the account owner and ``store.me_user_id``."""
    rng = g.rng
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        uid = g.new_id()
        email = f"{_slug(first)}.{_slug(last)}{i if i >= 10 else ''}@{g.domain}"
        photo = f"https://d33v4339jhl8k0.cloudfront.net/users/{uid}.{rng.randrange(10**6)}.jpg"
        created = g.stamp(_STAFF_START, START - 86400 * 30)
        g.store.users[uid] = {
            "id": uid,
            "firstName": first,
            "lastName": last,
            "email": email,
            "role": "owner" if i == 0 else ("admin" if i < 3 else "user"),
            "timezone": rng.choice(TIMEZONES),
            "photoUrl": photo,
            "createdAt": iso(created),
            "updatedAt": iso(g.stamp(created, END - 86400 * 60)),
            "type": "user",
            "mention": _slug(first) + (str(i) if i >= 10 else ""),
            "initials": first[0] + last[0],
            "jobTitle": rng.choice(("Support Lead", "Support Agent", "Success Manager", "CEO")),
            "phone": f"555-{rng.randrange(1000, 10000)}",
            "alternateEmails": [f"{_slug(first)}@personal.example"] if rng.random() < 0.3 else [],
            "_links": {"self": link(f"/users/{uid}")},
        }
        g.users.append(Person(uid, first, last, email, photo))
    g.store.me_user_id = g.users[0].id


def _make_teams(g: _Gen) -> None:
    """Teams of users, about one per four users."""
    rng = g.rng
    for i in range(max(1, len(g.users) // 4)):
        tid = g.new_id()
        name = _TEAM_NAMES[i % len(_TEAM_NAMES)] + (
            f" {i // len(_TEAM_NAMES) + 1}" if i >= 5 else ""
        )
        created = g.stamp(_STAFF_START, START)
        g.store.teams[tid] = {
            "id": tid,
            "createdAt": iso(created),
            "updatedAt": iso(g.stamp(created, END - 86400)),
            "name": name,
            "timezone": rng.choice(TIMEZONES),
            "photoUrl": f"https://d33v4339jhl8k0.cloudfront.net/teams/{tid}.png",
            "mention": _slug(name).replace(" ", ""),
            "_links": {"self": link(f"/teams/{tid}")},
        }
        size = rng.randint(min(2, len(g.users)), min(5, len(g.users)))
        members = rng.sample([u.id for u in g.users], size)
        g.store.team_members[tid] = sorted(members)


def _customer_items(
    g: _Gen, cid: int, kind: str, values: list[tuple[str, str | None]]
) -> list[JSON]:
    """A customer's emails/phones/... entries, each with its own id and link."""
    path = "social-profiles" if kind == "social_profiles" else kind
    out = []
    for value, item_type in values:
        item_id = g.new_id()
        item: JSON = {"id": item_id, "value": value}
        if item_type is not None:
            item["type"] = item_type
        item["_links"] = {"self": link(f"/customers/{cid}/{path}/{item_id}")}
        out.append(item)
    return out


def _make_customer(g: _Gen) -> None:
    """One customer as ``GET /customers/{id}`` returns it, with ``_embedded`` lists."""
    rng = g.rng
    cid = g.new_id()
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    org = rng.choice(ORGANIZATIONS) if rng.random() < 0.7 else None
    domain = (_slug(org).replace("-", "") + ".example") if org else "mail.example"
    email = f"{_slug(first)}.{_slug(last)}{len(g.customers)}@{domain}"
    photo = f"https://d33v4339jhl8k0.cloudfront.net/customer-avatar/{rng.randrange(1, 13):02d}.png"
    created = g.stamp(_CUSTOMER_START, START)
    place = rng.choice(PLACES)
    body: JSON = {
        "id": cid,
        "firstName": first,
        "lastName": last,
        "gender": rng.choice(("Unknown", "Unknown", "Female", "Male")),
    }
    if org:
        body["jobTitle"] = rng.choice(JOB_TITLES)
    body["location"] = place[3] if rng.random() < 0.5 else f"{place[0]}, {place[3]}"
    if org:
        body["organization"] = org
    body["photoType"] = rng.choice(("unknown", "gravatar", "twitter", "unknown"))
    body["photoUrl"] = photo
    body["createdAt"] = iso(created)
    body["updatedAt"] = iso(g.stamp(created, END))
    if rng.random() < 0.2:
        body["background"] = "Long-time customer, prefers email."
    if rng.random() < 0.3:
        body["age"] = str(rng.randint(21, 70))
    body["_embedded"] = _customer_embedded(g, cid, email, first, place)
    body["_links"] = _customer_links(cid)
    g.store.customers[cid] = body
    g.customers.append(Person(cid, first, last, email, photo))


def _customer_embedded(
    g: _Gen, cid: int, email: str, first: str, place: tuple[str, str, str, str]
) -> JSON:
    """The ``_embedded`` block of Get Customer (``social_profiles`` with an underscore)."""
    rng = g.rng
    emails: list[tuple[str, str | None]] = [(email, "work")]
    if rng.random() < 0.25:
        emails.append((f"{_slug(first)}{rng.randrange(100)}@personal.example", "home"))
    phones: list[tuple[str, str | None]] = [
        (f"+1 555-{rng.randrange(100, 1000)}-{rng.randrange(1000, 10000)}", t)
        for t in rng.sample(("work", "mobile", "home"), rng.choice((0, 1, 1, 2)))
    ]
    chats: list[tuple[str, str | None]] = (
        [(f"{_slug(first)}{rng.randrange(1000)}", rng.choice(("skype", "aim", "icq", "other")))]
        if rng.random() < 0.15
        else []
    )
    socials: list[tuple[str, str | None]] = (
        [(f"https://twitter.com/{_slug(first)}{rng.randrange(10000)}", "twitter")]
        if rng.random() < 0.3
        else []
    )
    sites: list[tuple[str, str | None]] = (
        [(f"https://www.{email.split('@')[1]}", None)] if rng.random() < 0.3 else []
    )
    out: JSON = {
        "emails": _customer_items(g, cid, "emails", emails),
        "phones": _customer_items(g, cid, "phones", phones),
        "chats": _customer_items(g, cid, "chats", chats),
        "social_profiles": _customer_items(g, cid, "social_profiles", socials),
        "websites": _customer_items(g, cid, "websites", sites),
    }
    if rng.random() < 0.6:
        out["address"] = {
            "city": place[0],
            "lines": [f"{rng.randrange(1, 999)} {rng.choice(STREETS)}"],
            "state": place[1],
            "postalCode": place[2],
            "country": place[3],
            "_links": {"self": link(f"/customers/{cid}/address")},
        }
    return out


def _customer_links(cid: int) -> JSON:
    """The ``_links`` of a customer (``social-profiles`` with a hyphen)."""
    base = f"/customers/{cid}"
    links = {k: link(f"{base}/{k}") for k in ("address", "chats", "emails", "phones")}
    links["social-profiles"] = link(f"{base}/social-profiles")
    links["websites"] = link(f"{base}/websites")
    links["self"] = link(base)
    return links


# --------------------------------------------------------------------------- mailboxes


def _make_mailbox(g: _Gen, index: int) -> None:
    """A mailbox with its folders, custom fields and workflows."""
    rng, store = g.rng, g.store
    mid = g.new_id()
    name = _MAILBOX_NAMES[index % len(_MAILBOX_NAMES)]
    if index >= len(_MAILBOX_NAMES):
        name += f" {index // len(_MAILBOX_NAMES) + 1}"
    created = g.stamp(_STAFF_START, START - 86400 * 90)
    store.mailboxes[mid] = {
        "id": mid,
        "name": name,
        "slug": f"{rng.getrandbits(64):016x}",
        "email": f"{_slug(name).replace(' ', '')}@{g.domain}",
        "createdAt": iso(created),
        "updatedAt": iso(g.stamp(created, START)),
        "_links": {
            "self": link(f"/mailboxes/{mid}"),
            "folders": link(f"/mailboxes/{mid}/folders"),
            "fields": link(f"/mailboxes/{mid}/fields"),
        },
    }
    g.mailbox_ids.append(mid)
    folders: dict[str, int] = {}
    store.folders[mid] = []
    for folder_name, folder_type in _FOLDERS:
        fid = folders[folder_type] = g.new_id()
        store.folders[mid].append(
            {
                "id": fid,
                "name": folder_name,
                "type": folder_type,
                "userId": store.me_user_id if folder_type == "mytickets" else 0,
                "totalCount": 0,
                "activeCount": 0,
                "updatedAt": iso(created),
            }
        )
    g.folder_ids.append(folders)
    store.fields[mid] = _make_fields(g)
    _make_workflows(g, mid, created)


def _make_fields(g: _Gen) -> list[JSON]:
    """Custom fields of every type; dropdowns carry options."""
    specs = [
        ("Plan", "dropdown", ("Free", "Trial", "Pro", "Enterprise")),
        ("Order Number", "singleline", ()),
        ("Internal Summary", "multiline", ()),
        ("Renewal Date", "date", ()),
        ("Seats", "number", ()),
    ]
    if g.rng.random() < 0.5:
        specs.append(("Product Area", "dropdown", ("Web app", "Mobile", "API", "Billing")))
    fields = []
    for order, (name, ftype, labels) in enumerate(specs, start=1):
        options = [{"id": g.new_id(), "order": i, "label": lb} for i, lb in enumerate(labels, 1)]
        fields.append(
            {
                "id": g.new_id(),
                "required": order == 1 and g.rng.random() < 0.3,
                "order": order,
                "type": ftype,
                "name": name,
                "options": options,
            }
        )
    return fields


def _make_workflows(g: _Gen, mid: int, created: int) -> None:
    """Two or three workflows of a mailbox."""
    for order, (name, wtype) in enumerate(g.rng.sample(_WORKFLOWS, g.rng.randint(2, 3)), 1):
        wid = g.new_id()
        made = g.stamp(created, START)
        g.store.workflows[wid] = {
            "id": wid,
            "mailboxId": mid,
            "type": wtype,
            "status": "active" if g.rng.random() < 0.8 else "inactive",
            "order": order,
            "name": name,
            "createdAt": iso(made),
            "modifiedAt": iso(g.stamp(made, END)),
            "_links": {"self": link(f"/workflows/{wid}")},
        }


def _make_tags(g: _Gen) -> None:
    """Tags with colors; ``ticketCount`` is filled in once conversations exist."""
    weight = 0.0
    for rank, name in enumerate(TAG_NAMES, start=1):
        tid = g.new_id()
        color_name, color_hex = TAG_COLORS[g.rng.randrange(len(TAG_COLORS))]
        created = g.stamp(_STAFF_START, START)
        tag: JSON = {
            "id": tid,
            "slug": name,
            "name": name,
            "color": color_name,
            "createdAt": iso(created),
        }
        if g.rng.random() < 0.5:
            tag["updatedAt"] = iso(g.stamp(created, END))
        tag["ticketCount"] = 0
        g.store.tags[tid] = tag
        g.tag_refs.append({"id": tid, "color": color_hex, "tag": name})
        weight += 1.0 / rank
        g.tag_cum.append(weight)


# --------------------------------------------------------------------------- conversations


class _Times(NamedTuple):
    """A conversation's status and moments (epoch seconds; ``closed`` 0 if open)."""

    status: str
    created: int
    closed: int
    modified: int


def _timeline(rng: random.Random, n: int) -> list[_Times]:
    """Statuses and times of ``n`` conversations in creation order, with modifiedAt ties."""
    span = END - START
    created = sorted(START + int(span * rng.random() ** 0.8) for _ in range(n))
    out: list[_Times] = []
    for c in created:
        r = rng.random()
        status = next(s for cut, s in _STATUS_CUT if r < cut)
        if status == "spam":
            out.append(_Times(status, c, 0, min(c + rng.randrange(60, 7200), END)))
            continue
        moved = min(c + int(60 * 43200 ** rng.random()), END)
        if status != "closed":
            out.append(_Times(status, c, 0, moved))
            continue
        after = 0 if rng.random() < 0.7 else int(60 * 14400 ** rng.random())
        out.append(_Times(status, c, moved, min(moved + after, END)))
    return _with_ties(rng, out)


def _with_ties(rng: random.Random, times: list[_Times]) -> list[_Times]:
    """Give some neighbours the same modifiedAt second, as bulk actions do."""
    n = len(times)
    for i in range(1, n):
        if rng.random() < 0.04 or (i == n - 1 and n >= 2):
            a, b = times[i - 1], times[i]
            top = max(a.modified, b.modified)
            times[i - 1] = a._replace(modified=top)
            times[i] = b._replace(modified=top)
    return times


def _make_conversations(g: _Gen, threads: SeededThreads, n: int) -> None:
    """``n`` conversations in creation order, their thread seeds in ``threads``."""
    timeline = _timeline(g.rng, n)
    ids = [g.new_id() for _ in range(n)]
    threads.thread_base = g.last_id + 1
    g.last_id += n * 10
    threads.attachment_base = g.last_id + 1
    g.last_id += n * 20
    for index, (cid, times) in enumerate(zip(ids, timeline, strict=True)):
        cs, body = _conversation(g, index, cid, index + 1, times)
        threads.conversations[cid] = cs
        g.store.conversations[cid] = body
    threads.next_number = n + 1


def _pick_count(rng: random.Random, status: str) -> int:
    """How many threads a conversation has (1-10, mostly 2-4)."""
    if status == "spam":
        return 1
    return bisect(_THREAD_COUNT_CUM, rng.random() * _THREAD_COUNT_CUM[-1]) + 1


def _conversation(
    g: _Gen, index: int, cid: int, number: int, t: _Times, max_threads: int = 10
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
    g: _Gen, cid: int, number: int, mailbox: int, subject: str, cs: ConvSeed, t: _Times
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


def _folder_type(status: str, assignee: int, g: _Gen) -> str:
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


def _pick_tags(g: _Gen) -> list[JSON]:
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


def _snooze(g: _Gen, body: JSON, modified: int, assignee: int) -> None:
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


def _custom_values(g: _Gen, fields: list[JSON]) -> list[JSON]:
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
    cid: int, number: int, mid: int, customer_id: int, cs: ConvSeed, g: _Gen
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


def _merge_some(g: _Gen, threads: SeededThreads) -> None:
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


def _count_tags_and_folders(store: Store) -> None:
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


# --------------------------------------------------------------------------- churn


_HEX_OF_COLOR = dict(TAG_COLORS)


def _gen_from_store(store: Store, rng: random.Random, now: int) -> _Gen:
    """A generator context over an existing store (users, mailboxes, folders, tags)."""
    if not store.mailboxes or not store.users:
        raise ValueError("the store has no mailbox or no user: call generate() first")
    g = _Gen(store, rng, now=now)
    for uid in sorted(store.users):
        u = store.users[uid]
        email = u.get("email", f"user{uid}@example.com")
        person = Person(uid, u.get("firstName", ""), u.get("lastName", ""), email, "")
        g.users.append(person._replace(photo=u.get("photoUrl", "")))
    for mid in sorted(store.mailboxes):
        g.mailbox_ids.append(mid)
        by_type = {f["type"]: f["id"] for f in store.folders.get(mid, [])}
        g.folder_ids.append({t: by_type.get(t, 0) for _, t in _FOLDERS})
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
    cs, body = _conversation(
        g, 0, cid, _next_number(store), _Times("active", ts, 0, ts), max_threads=3
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
