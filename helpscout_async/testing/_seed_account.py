"""Seeded account structure: organizations and their properties, saved replies, inbox
routing, user statuses and reassignment settings, system users.

Made after everything else, from its own random stream (``seed`` mixed with a
constant), so the records seeded before it (conversations, customers, ...) are
exactly what they were without it. The organizations are the companies the seeded
customers name (``organization``); a customer belongs to the organization of that
name, or to the one its ``organizationId`` names. Stdlib only; never imports the client.
"""

from __future__ import annotations

import random

from ._seed_data import END, START, iso, link
from ._seed_gen import STAFF_START, Gen, slug
from ._store import JSON

_PROPERTIES: tuple[JSON, ...] = (
    {"type": "dropdown", "slug": "industry", "name": "Industry",
     "options": [{"label": x} for x in ("Technology", "Healthcare", "Finance", "Retail")]},
    {"type": "number", "slug": "annual-revenue", "name": "Annual Revenue"},
    {"type": "text", "slug": "customer-tier", "name": "Customer Tier"},
    {"type": "date", "slug": "renewal-date", "name": "Renewal Date"},
    {"type": "url", "slug": "crm-record", "name": "CRM Record"},
)  # fmt: skip
_REPLIES = (
    ("Refund: how it works", "Hi there,<br /><br />Refunds reach your card within 5-7 "
     "business days once we receive the item.<br /><br />Thanks for your patience!"),
    ("Shipping times", "Hi,<br /><br />Orders ship within 2 business days; tracking "
     "follows by email as soon as the parcel leaves us."),
    ("Password reset", "Hello,<br /><br />You can reset your password from the sign-in "
     "page: choose <b>Forgot password</b> and follow the link we email you."),
    ("Closing: no reply", "Hi,<br /><br />We haven't heard back, so we're closing this "
     "for now. Just reply to reopen it any time."),
    ("Feature request noted", "Thanks for the idea!<br /><br />I've passed it to our "
     "product team; we'll let you know if it makes the roadmap."),
)  # fmt: skip
_CHAT_ONLY = ("Chat: one moment", "Give me a moment while I look into this for you.")
_LOCATIONS = ("US", "GB", "DE", "CA", "AU", "FR", "NL")
_COLORS = ("#1292EE", "#00A86B", "#FF6F61", "#6B5B95", "#F7CAC9", "#2E4057")


def seed_account(g: Gen, seed: int) -> None:
    """Add the account-structure records for ``seed`` (call after customers exist)."""
    rng = random.Random(seed * 1_000_003 + 17)
    _organizations(g, rng)
    _saved_replies(g, rng)
    _routing(g, rng)
    _people(g, rng)


def _organizations(g: Gen, rng: random.Random) -> None:
    store = g.store
    for index, prop in enumerate(_PROPERTIES):
        stamp = iso(STAFF_START + 86400 * index)
        store.organization_properties[prop["slug"]] = {
            **prop, "id": 1000 + index, "createdAt": stamp, "updatedAt": stamp,
        }  # fmt: skip
    names = sorted(
        {str(c["organization"]) for c in store.customers.values() if c.get("organization")}
    )
    for name in names:
        oid = g.new_id()
        created = rng.randint(STAFF_START, START)
        domain = slug(name).replace("-", "") + ".example"
        store.organizations[oid] = {
            "id": oid,
            "name": name,
            "website": f"https://www.{domain}",
            "description": f"{name}, a customer since {iso(created)[:4]}",
            "note": rng.choice(("", "Key account", "Renewal in Q3", "Prefers phone calls")),
            "location": rng.choice(_LOCATIONS),
            "logoUrl": f"https://logo.example/{domain}.png",
            "brandColor": rng.choice(_COLORS),
            "domains": [domain],
            "phones": [f"+1 555 {rng.randrange(1000, 10000)}"],
            "createdAt": iso(created),
            "updatedAt": iso(rng.randint(created, END - 86400)),
            "_links": {"self": link(f"/organizations/{oid}")},
        }
        values = {"industry": rng.choice(("Technology", "Healthcare", "Finance", "Retail"))}
        if rng.random() < 0.6:
            values["annual-revenue"] = str(rng.randrange(1, 500) * 10_000)
        if rng.random() < 0.5:
            values["customer-tier"] = rng.choice(("Gold", "Silver", "Bronze"))
        store.organization_values[oid] = values


def _saved_replies(g: Gen, rng: random.Random) -> None:
    store = g.store
    for mid in sorted(store.mailboxes):
        replies: dict[int, JSON] = {}
        for name, text in rng.sample(_REPLIES, rng.randint(2, len(_REPLIES))):
            rid = g.new_id()
            chat = text.replace("<br /><br />", "\n\n").replace("<b>", "").replace("</b>", "")
            body: JSON = {"id": rid, "name": name, "text": text}
            if rng.random() < 0.5:
                body["chatText"] = chat
            replies[rid] = body
        rid = g.new_id()
        replies[rid] = {"id": rid, "name": _CHAT_ONLY[0], "chatText": _CHAT_ONLY[1]}
        store.saved_replies[mid] = replies


def _routing(g: Gen, rng: random.Random) -> None:
    store = g.store
    users = sorted(store.users)
    for mid in sorted(store.mailboxes):
        chosen = sorted(rng.sample(users, min(len(users), rng.randint(1, 4))))
        store.routing[mid] = {
            "state": rng.choice(("enabled", "disabled")),
            "assignmentLimit": rng.choice((5, 10, 20)),
            "assignmentMethod": "round_robin",
            "userIds": chosen,
        }


def _people(g: Gen, rng: random.Random) -> None:
    store = g.store
    for uid in sorted(store.users):
        status = "away" if rng.random() < 0.25 else "active"
        store.user_statuses[uid] = {
            "userId": uid,
            "email": {
                "status": status,
                "updatedAt": iso(rng.randint(END - 86400 * 30, END - 3600)),
                "performedBy": uid,
                "source": rng.choice(("ui", "api", "presence_detection")),
            },
            "chat": {"status": rng.choice(("available", "unavailable")), "mailboxStatuses": {}},
        }
        store.reassignment[uid] = {
            "enabled": rng.random() < 0.4,
            "awayDuration": {"hours": rng.randint(0, 4), "minutes": rng.choice((0, 15, 30, 45))},
        }
    for first, initials in (("AI Agent", "AA"), ("Auto Triage", "AT")):
        sid = g.new_id()
        stamp = iso(rng.randint(START, END - 86400))
        store.system_users[sid] = {
            "id": sid, "type": "system_user", "firstName": first, "lastName": "",
            "initials": initials, "email": None, "mention": None, "timezone": "UTC",
            "role": "user", "photoUrl": None, "createdAt": stamp, "updatedAt": stamp,
            "_links": {"self": {"href": f"https://api.helpscout.net/v3/system-users/{sid}"}},
        }  # fmt: skip
