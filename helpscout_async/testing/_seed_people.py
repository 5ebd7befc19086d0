"""Seeded people: users (the first is the owner), teams, and customers with their entries.

Part of the seed generator (see ``_seed``); stdlib only.
"""

from __future__ import annotations

from ._seed_data import (
    END,
    FIRST_NAMES,
    JOB_TITLES,
    LAST_NAMES,
    ORGANIZATIONS,
    PLACES,
    START,
    STREETS,
    TIMEZONES,
    iso,
    link,
)
from ._seed_gen import STAFF_START, Gen, slug
from ._seed_threads import Person
from ._store import JSON

_TEAM_NAMES = ("Tier 1", "Billing Crew", "Escalations", "Customer Success", "Night Shift")

_CUSTOMER_START = 1640995200  # 2022-01-01T00:00:00Z


def make_users(g: Gen, count: int) -> None:
    """Users: the first is the account owner and ``store.me_user_id``."""
    rng = g.rng
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        uid = g.new_id()
        email = f"{slug(first)}.{slug(last)}{i if i >= 10 else ''}@{g.domain}"
        photo = f"https://d33v4339jhl8k0.cloudfront.net/users/{uid}.{rng.randrange(10**6)}.jpg"
        created = g.stamp(STAFF_START, START - 86400 * 30)
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
            "mention": slug(first) + (str(i) if i >= 10 else ""),
            "initials": first[0] + last[0],
            "jobTitle": rng.choice(("Support Lead", "Support Agent", "Success Manager", "CEO")),
            "phone": f"555-{rng.randrange(1000, 10000)}",
            "alternateEmails": [f"{slug(first)}@personal.example"] if rng.random() < 0.3 else [],
            "_links": {"self": link(f"/users/{uid}")},
        }
        g.users.append(Person(uid, first, last, email, photo))
    g.store.me_user_id = g.users[0].id


def make_teams(g: Gen) -> None:
    """Teams of users, about one per four users."""
    rng = g.rng
    for i in range(max(1, len(g.users) // 4)):
        tid = g.new_id()
        name = _TEAM_NAMES[i % len(_TEAM_NAMES)] + (
            f" {i // len(_TEAM_NAMES) + 1}" if i >= 5 else ""
        )
        created = g.stamp(STAFF_START, START)
        g.store.teams[tid] = {
            "id": tid,
            "createdAt": iso(created),
            "updatedAt": iso(g.stamp(created, END - 86400)),
            "name": name,
            "timezone": rng.choice(TIMEZONES),
            "photoUrl": f"https://d33v4339jhl8k0.cloudfront.net/teams/{tid}.png",
            "mention": slug(name).replace(" ", ""),
            "_links": {"self": link(f"/teams/{tid}")},
        }
        size = rng.randint(min(2, len(g.users)), min(5, len(g.users)))
        members = rng.sample([u.id for u in g.users], size)
        g.store.team_members[tid] = sorted(members)


def _customer_items(
    g: Gen, cid: int, kind: str, values: list[tuple[str, str | None]]
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


def make_customer(g: Gen) -> None:
    """One customer as ``GET /customers/{id}`` returns it, with ``_embedded`` lists."""
    rng = g.rng
    cid = g.new_id()
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    org = rng.choice(ORGANIZATIONS) if rng.random() < 0.7 else None
    domain = (slug(org).replace("-", "") + ".example") if org else "mail.example"
    email = f"{slug(first)}.{slug(last)}{len(g.customers)}@{domain}"
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
    g: Gen, cid: int, email: str, first: str, place: tuple[str, str, str, str]
) -> JSON:
    """The ``_embedded`` block of Get Customer (``social_profiles`` with an underscore)."""
    rng = g.rng
    emails: list[tuple[str, str | None]] = [(email, "work")]
    if rng.random() < 0.25:
        emails.append((f"{slug(first)}{rng.randrange(100)}@personal.example", "home"))
    phones: list[tuple[str, str | None]] = [
        (f"+1 555-{rng.randrange(100, 1000)}-{rng.randrange(1000, 10000)}", t)
        for t in rng.sample(("work", "mobile", "home"), rng.choice((0, 1, 1, 2)))
    ]
    chats: list[tuple[str, str | None]] = (
        [(f"{slug(first)}{rng.randrange(1000)}", rng.choice(("skype", "aim", "icq", "other")))]
        if rng.random() < 0.15
        else []
    )
    socials: list[tuple[str, str | None]] = (
        [(f"https://twitter.com/{slug(first)}{rng.randrange(10000)}", "twitter")]
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
