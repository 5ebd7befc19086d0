"""Building API-shaped records for writes: people, tags, custom fields, ``_links``.

Records are stored as the live API returns them, hrefs included (rooted at the
live API; the app rebases them when serving).
"""

from __future__ import annotations

import re
from typing import Any

from ._store import Store

JSON = dict[str, Any]
API_ROOT = "https://api.helpscout.net/v2"
WEB_ROOT = "https://secure.helpscout.net"


def link(path: str) -> JSON:
    """One HAL link to an API path."""
    return {"href": API_ROOT + path}


def customer_email(customer: JSON) -> str:
    """A customer's first email address, or ``""``."""
    emails = customer.get("_embedded", {}).get("emails") or []
    return str(emails[0].get("value", "")) if emails else ""


def user_ref(user: JSON, *, with_type: bool = True) -> JSON:
    """A user as conversations and threads embed one (``first``/``last``)."""
    out: JSON = {"id": user["id"]}
    if with_type:
        out["type"] = "user"
    out.update(
        first=user.get("firstName", ""), last=user.get("lastName", ""), email=user.get("email", "")
    )
    return out


def customer_ref(customer: JSON, *, with_type: bool = True) -> JSON:
    """A customer as conversations and threads embed one."""
    out: JSON = {"id": customer["id"]}
    if with_type:
        out["type"] = "customer"
    out.update(
        first=customer.get("firstName", ""),
        last=customer.get("lastName", ""),
        email=customer_email(customer),
    )
    return out


def conversation_links(conv: JSON) -> JSON:
    """The ``_links`` of a conversation, from its current fields."""
    cid = conv["id"]
    links: JSON = {"self": link(f"/conversations/{cid}")}
    links["mailbox"] = link(f"/mailboxes/{conv.get('mailboxId')}")
    primary = conv.get("primaryCustomer") or {}
    if "id" in primary:
        links["primaryCustomer"] = link(f"/customers/{primary['id']}")
    created_by = conv.get("createdBy") or {}
    if created_by.get("type") == "customer":
        links["createdByCustomer"] = link(f"/customers/{created_by['id']}")
    elif "id" in created_by:
        links["createdByUser"] = link(f"/users/{created_by['id']}")
    if conv.get("closedBy"):
        links["closedBy"] = link(f"/users/{conv['closedBy']}")
    links["threads"] = link(f"/conversations/{cid}/threads")
    assignee = conv.get("assignee") or {}
    if "id" in assignee:
        links["assignee"] = link(f"/users/{assignee['id']}")
    links["web"] = {"href": f"{WEB_ROOT}/conversation/{cid}/{conv.get('number', 0)}"}
    return links


def customer_links(cid: int) -> JSON:
    """The ``_links`` of a customer."""
    links = {
        name: link(f"/customers/{cid}/{name}")
        for name in ("address", "chats", "emails", "phones", "social-profiles", "websites")
    }
    links["self"] = link(f"/customers/{cid}")
    return links


def slugify(name: str) -> str:
    """A tag slug: lower case, dashes."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def tag_ref(store: Store, name: str, now: str) -> JSON:
    """The ``{id, color, tag}`` of a tag by name, creating the tag if it is new."""
    wanted = name.strip().lower()
    for tag in store.tags.values():
        if str(tag.get("name", "")).lower() == wanted or tag.get("slug") == slugify(name):
            return {"id": tag["id"], "color": tag.get("color", "#929499"), "tag": tag["name"]}
    tid = store.new_id()
    store.tags[tid] = {
        "id": tid,
        "slug": slugify(name),
        "name": name.strip(),
        "color": "none",
        "createdAt": now,
        "ticketCount": 0,
    }
    return {"id": tid, "color": "none", "tag": name.strip()}


def find_customer_by_email(store: Store, email: str) -> JSON | None:
    """The customer owning ``email`` (case-insensitive), if any."""
    wanted = email.lower()
    for customer in store.customers.values():
        for entry in customer.get("_embedded", {}).get("emails") or []:
            if str(entry.get("value", "")).lower() == wanted:
                return customer
    return None
