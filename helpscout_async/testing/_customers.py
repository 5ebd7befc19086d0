"""Customers: list (filters, sort, query), get, create, replace (PUT), delete.

List items carry their ``_embedded`` emails, phones, chats, social profiles,
websites and address, as ``GET /customers/{id}`` does. A customer's ``modifiedAt``
is its ``updatedAt``. PATCH, the asynchronous delete and the v3 list are in
``_customer_edits``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from aiohttp import web

from .._api.mailbox_values import CUSTOMER_SORT_FIELDS
from ._cache import Listing, SortedIds, StaticIds, key_range
from ._common import (
    bad_request,
    created,
    hal,
    list_page,
    no_content,
    normalize_datetime,
    now_iso,
    path_id,
    query_choice,
    query_datetime,
    query_int_list,
    read_object,
    row_of,
    state_of,
)
from ._hal import ApiError, FieldError, rejected
from ._query import QueryError, QueryField, compile_query, sole_range
from ._records import customer_links
from ._state import State

JSON = dict[str, Any]
SORT_FIELDS = CUSTOMER_SORT_FIELDS
PROFILE_FIELDS = (
    "firstName",
    "lastName",
    "gender",
    "jobTitle",
    "location",
    "organization",
    "photoType",
    "photoUrl",
    "background",
    "age",
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SUBLISTS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    # request key -> (_embedded key, allowed types or None)
    "emails": ("emails", ("work", "home", "other")),
    "phones": ("phones", ("work", "home", "other", "mobile", "fax", "pager")),
    "chats": ("chats", ("aim", "gtalk", "icq", "xmpp", "msn", "skype", "yahoo", "qq", "other")),
    "socialProfiles": (
        "social_profiles",
        (
            "twitter",
            "facebook",
            "linkedin",
            "aboutme",
            "google",
            "googleplus",
            "tungleme",
            "quora",
            "foursquare",
            "youtube",
            "flickr",
            "other",
        ),
    ),
    "websites": ("websites", None),
}


def _modified(c: JSON) -> str:
    return str(c.get("updatedAt") or c.get("createdAt") or "")


def _emails(c: JSON) -> list[str]:
    return [str(e.get("value", "")) for e in c.get("_embedded", {}).get("emails") or []]


def query_fields() -> dict[str, QueryField]:
    """The fields the customer ``query`` understands."""
    return {
        "email": QueryField(_emails, "equals"),
        "firstName": QueryField(lambda c: (str(c.get("firstName") or ""),)),
        "lastName": QueryField(lambda c: (str(c.get("lastName") or ""),)),
        "name": QueryField(
            lambda c: (f"{c.get('firstName') or ''} {c.get('lastName') or ''}".strip(),)
        ),
        "organization": QueryField(lambda c: (str(c.get("organization") or ""),)),
        "modifiedAt": QueryField(lambda c: (_modified(c),), "date", normalize_datetime),
        "createdAt": QueryField(
            lambda c: (str(c.get("createdAt") or ""),), "date", normalize_datetime
        ),
    }


def _sort_key(field: str) -> Callable[[JSON], Any]:
    keys: dict[str, Callable[[JSON], Any]] = {
        "createdAt": lambda c: str(c.get("createdAt") or ""),
        "firstName": lambda c: str(c.get("firstName") or "").lower(),
        "lastName": lambda c: str(c.get("lastName") or "").lower(),
        "modifiedAt": _modified,
        "score": lambda c: 0,
    }
    return keys[field]


def customer_matcher(text: str, since: str | None) -> Callable[[JSON], bool]:
    """A customer filter from a ``query`` and a ``modifiedSince``; 400 on a bad query."""
    matcher = None
    if text:
        try:
            matcher = compile_query(text, query_fields())
        except QueryError as exc:
            raise bad_request(rejected("query", f"Invalid query: {exc}", text, "QUERY")) from None

    def matches(c: JSON) -> bool:
        if since is not None and _modified(c) < since:
            return False
        return matcher is None or matcher(c)

    return matches


async def list_customers(request: web.Request) -> web.Response:
    """``GET /customers``: 50 a page."""
    state = state_of(request)
    q = request.query
    mailboxes = query_int_list(q, "mailbox")
    first = q.get("firstName", "").strip().lower() or None
    last = q.get("lastName", "").strip().lower() or None
    since = query_datetime(q, "modifiedSince")
    sort_field = query_choice(q, "sortField", SORT_FIELDS, "createdAt")
    sort_order = query_choice(q, "sortOrder", ("asc", "desc"), "desc")
    text = q.get("query", "").strip()
    created = sole_range(text, "createdAt", normalize_datetime) if text else None
    narrow = None
    if created is not None and sort_field == "createdAt":
        low, high = created  # the keyset walk's query: bisect the createdAt listing

        def narrow(ids: StaticIds | SortedIds) -> Listing:
            return key_range(ids, low, high, _sort_key("createdAt"), state.store.customers)

        text = ""
    found = customer_matcher(text, since)
    store = state.store

    def matches(c: JSON) -> bool:
        if first is not None and str(c.get("firstName") or "").lower() != first:
            return False
        if last is not None and str(c.get("lastName") or "").lower() != last:
            return False
        return found(c)

    def listing() -> StaticIds | SortedIds:
        sorted_ids = SortedIds(
            store.customers, matches, _sort_key(sort_field), descending=sort_order == "desc"
        )
        if not mailboxes:
            return sorted_ids
        # customers with a conversation in those mailboxes: depends on conversations,
        # so it is a static listing keyed on the conversations' version
        wanted = set(mailboxes)
        in_boxes = {
            int((c.get("primaryCustomer") or {}).get("id", 0))
            for c in store.conversations.values()
            if c.get("mailboxId") in wanted
        }
        return StaticIds([i for i in sorted_ids.page(0, len(sorted_ids)) if i in in_boxes])

    key: tuple[Any, ...] = (mailboxes, first, last, since, sort_field, sort_order, text)
    if mailboxes:
        key += (state.cache.versions["conversations"],)
    return list_page(
        request,
        collection="customers",
        key=key,
        name="customers",
        size=row_of(request).page_size or 50,
        href_path="/customers",
        listing=listing,
        records=store.customers,
        cache_items=True,
        narrow=narrow,
        narrow_key=created if narrow is not None else None,
    )


def _customer(state: State, request: web.Request) -> JSON:
    found = state.store.customers.get(path_id(request))
    if found is None:
        raise ApiError(404, "Resource not found")
    return found


async def get_customer(request: web.Request) -> web.Response:
    """``GET /customers/{id}`` with its ``_embedded`` emails, phones, ..."""
    state = state_of(request)
    return hal(state, _customer(state, request))


def _profile(body: JSON, errors: list[FieldError]) -> JSON:
    out: JSON = {}
    for key in PROFILE_FIELDS:
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            errors.append(rejected(key, "must be a string", value))
            continue
        if key in ("firstName", "lastName") and len(value) > 40:
            errors.append(rejected(key, "size must be between 0 and 40", value))
            continue
        out[key] = value
    gender = out.get("gender")
    if gender is not None and gender.lower() not in ("male", "female", "unknown"):
        errors.append(
            rejected("gender", "Expected one of these: 'male', 'female', 'unknown'", gender)
        )
    return out


def _sublists(state: State, body: JSON, errors: list[FieldError]) -> JSON:
    embedded: JSON = {}
    for key, (target, types) in _SUBLISTS.items():
        raw = body.get(key) or []
        if not isinstance(raw, list):
            errors.append(rejected(key, "must be a list", raw))
            continue
        items = []
        for i, item in enumerate(raw):
            value = item.get("value") if isinstance(item, dict) else None
            if not isinstance(value, str) or not value.strip():
                errors.append(FieldError(f"{key}[{i}].value", "may not be empty"))
                continue
            if key == "emails" and not _EMAIL.match(value):
                errors.append(
                    rejected(f"{key}[{i}].value", "must be a well-formed email address", value)
                )
                continue
            entry: JSON = {"id": state.store.new_id(), "value": value}
            if types is not None:
                kind = item.get("type", types[0])
                if kind not in types:
                    allowed = ", ".join(f"'{t}'" for t in types)
                    errors.append(
                        rejected(f"{key}[{i}].type", f"Expected one of these: {allowed}", kind)
                    )
                    continue
                entry["type"] = kind
            items.append(entry)
        embedded[target] = items
    address = body.get("address")
    if address is not None:
        if not isinstance(address, dict):
            errors.append(rejected("address", "must be an object", address))
        else:
            embedded["address"] = {"id": state.store.new_id(), **address}
    return embedded


async def create_customer(request: web.Request) -> web.Response:
    """``POST /customers``: 201, ``Resource-ID`` and ``Location``."""
    state = state_of(request)
    body = await read_object(request)
    errors: list[FieldError] = []
    profile = _profile(body, errors)
    embedded = _sublists(state, body, errors)
    if not profile.get("firstName") and not embedded.get("emails"):
        errors.append(FieldError("firstName", "may not be empty when there is no email"))
    if errors:
        raise bad_request(*errors)
    now = now_iso()
    cid = state.store.new_id()
    customer: JSON = {"id": cid, "firstName": "", "lastName": ""}
    customer.update(gender="Unknown", photoType="unknown", photoUrl="")
    customer.update(profile)
    customer.update(createdAt=now, updatedAt=now, _embedded=embedded)
    customer["_links"] = customer_links(cid)
    state.store.customers[cid] = customer
    state.changed(customers=[cid])
    return created(state, f"/customers/{cid}", cid)


async def put_customer(request: web.Request) -> web.Response:
    """``PUT /customers/{id}`` replaces the profile fields: 204."""
    state = state_of(request)
    customer = _customer(state, request)
    body = await read_object(request)
    errors: list[FieldError] = []
    profile = _profile(body, errors)
    if errors:
        raise bad_request(*errors)
    for key in PROFILE_FIELDS:
        customer.pop(key, None)
    customer.update(profile)
    customer["updatedAt"] = now_iso()
    # conversation listings may sort or search by customer name and email
    state.changed("conversations", customers=[customer["id"]])
    return no_content()


async def delete_customer(request: web.Request) -> web.Response:
    """``DELETE /customers/{id}``: 204 (routed through ``_customer_edits.delete_either``)."""
    state = state_of(request)
    customer = _customer(state, request)
    state.store.customers.pop(customer["id"], None)
    state.changed("conversations", customers=[customer["id"]])
    return no_content()
