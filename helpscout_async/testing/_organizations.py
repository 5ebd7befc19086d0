"""``/v2/organizations``: list (sorted), create, get (counts, property values), replace,
delete, and each organization's customers and conversations.

A customer belongs to an organization when its ``organizationId`` names it, or (seeded
customers) when its ``organization`` is the organization's name. Organization
conversations are those whose primary customer belongs to it, newest first. Create and
replace take a single ``domain``; bodies list ``domains``; a domain belongs to one
organization only.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._api.mailbox_account import ORGANIZATION_SORT_FIELDS
from ._common import (
    API_ROOT,
    bad_request,
    created,
    hal,
    no_content,
    not_found,
    now_iso,
    path_id,
    query_bool,
    read_object,
    simple_page,
    state_of,
)
from ._hal import FieldError, rejected
from ._state import State
from ._store import JSON, Store

_TEXT = ("website", "description", "note", "location", "logoUrl", "brandColor")


def organization(state: State, request: web.Request) -> JSON:
    """The organization the path names; 404 when there is none."""
    found = state.store.organizations.get(path_id(request, "organization_id"))
    if found is None:
        raise not_found()
    return found


def members(store: Store, org: JSON) -> list[int]:
    """Ids of the customers of ``org``, ascending."""
    oid, name = org["id"], org.get("name")
    return [
        cid
        for cid, c in store.customers.items()
        if c.get("organizationId") == oid
        or ("organizationId" not in c and c.get("organization") == name)
    ]


def _conversations_of(store: Store, org: JSON) -> list[int]:
    people = set(members(store, org))
    found = [
        cid
        for cid, conv in store.conversations.items()
        if (conv.get("primaryCustomer") or {}).get("id") in people
    ]
    return sorted(found, reverse=True)


def _checked(store: Store, body: JSON, own_id: int | None) -> JSON:
    """The stored fields of a create/replace body, or a 400 naming every bad field."""
    errors: list[FieldError] = []
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append(rejected("name", "may not be empty", name))
    out: JSON = {"name": name}
    for key in _TEXT:
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            errors.append(rejected(key, "must be a string", value))
        elif value is not None:
            out[key] = value
    domain = body.get("domain")
    if domain is not None and (not isinstance(domain, str) or "." not in domain):
        errors.append(rejected("domain", "must be a domain like example.com", domain))
    elif domain is not None:
        taken = any(
            domain.lower() in (d.lower() for d in o.get("domains", ())) and oid != own_id
            for oid, o in store.organizations.items()
        )
        if taken:
            errors.append(rejected("domain", "is already used by another organization", domain))
    out["domains"] = [domain] if isinstance(domain, str) else []
    phones = body.get("phones", [])
    if not isinstance(phones, list) or not all(isinstance(p, str) for p in phones):
        errors.append(rejected("phones", "must be a list of strings", phones))
    out["phones"] = phones if isinstance(phones, list) else []
    if errors:
        raise bad_request(*errors)
    return out


def _view(state: State, org: JSON, counts: bool, properties: bool) -> JSON:
    body = dict(org)
    store = state.store
    if counts:
        body["customerCount"] = len(members(store, org))
        body["conversationCount"] = len(_conversations_of(store, org))
    if properties:
        values = store.organization_values.get(org["id"], {})
        body["properties"] = [
            {
                "definitionId": d["id"], "slug": slug, "name": d["name"], "type": d["type"],
                "value": values[slug], **({"options": d["options"]} if "options" in d else {}),
            }
            for slug, d in store.organization_properties.items()
            if slug in values
        ]  # fmt: skip
    return body


def _sort_key(field: str) -> Any:
    return {
        "name": lambda pair: str(pair[1].get("name", "")).lower(),
        "customerCount": lambda pair: pair[2],
        "conversationCount": lambda pair: pair[3],
        "lastInteractionAt": lambda pair: str(pair[1].get("updatedAt", "")),
    }[field]


async def list_organizations(request: web.Request) -> web.Response:
    """``GET /organizations?sort=field[,asc|desc]``: 50 a page."""
    state = state_of(request)
    store = state.store
    raw = request.query.get("sort") or "lastInteractionAt,desc"
    field, _, order = raw.partition(",")
    if field not in ORGANIZATION_SORT_FIELDS or order not in ("", "asc", "desc"):
        allowed = ", ".join(ORGANIZATION_SORT_FIELDS)
        raise bad_request(
            rejected("sort", f"must be one of {allowed}, then ,asc or ,desc", raw, "QUERY")
        )
    counted = field in ("customerCount", "conversationCount")
    rows = [
        (oid, o, len(members(store, o)) if counted else 0,
         len(_conversations_of(store, o)) if field == "conversationCount" else 0)
        for oid, o in sorted(store.organizations.items())
    ]  # fmt: skip
    rows.sort(key=_sort_key(field), reverse=order != "asc")
    items = [_view(state, o, counts=False, properties=False) for _, o, _, _ in rows]
    return simple_page(request, items, f"{API_ROOT}/organizations")


async def create_organization(request: web.Request) -> web.Response:
    """``POST /organizations``: 201 with ``Resource-ID``."""
    state = state_of(request)
    store = state.store
    fields = _checked(store, await read_object(request), None)
    oid = store.new_id()
    stamp = now_iso()
    store.organizations[oid] = {
        "id": oid, **fields, "createdAt": stamp, "updatedAt": stamp,
        "_links": {"self": {"href": f"{API_ROOT}/organizations/{oid}"}},
    }  # fmt: skip
    return created(state, f"/organizations/{oid}", oid)


async def get_organization(request: web.Request) -> web.Response:
    """``GET /organizations/{id}?includeCounts=&includeProperties=``."""
    state = state_of(request)
    org = organization(state, request)
    counts = query_bool(request.query, "includeCounts")
    properties = query_bool(request.query, "includeProperties")
    return hal(state, _view(state, org, counts, properties))


async def put_organization(request: web.Request) -> web.Response:
    """``PUT /organizations/{id}``: every field replaced; 204."""
    state = state_of(request)
    org = organization(state, request)
    fields = _checked(state.store, await read_object(request), org["id"])
    for key in (*_TEXT, "domains", "phones"):
        org.pop(key, None)
    org.update(fields, updatedAt=now_iso())
    return no_content()


async def delete_organization(request: web.Request) -> web.Response:
    """``DELETE /organizations/{id}``: 204; its customers stay, without it."""
    state = state_of(request)
    store = state.store
    org = organization(state, request)
    people = members(store, org)
    for cid in people:
        customer = store.customers[cid]
        customer.pop("organizationId", None)
        customer.pop("organization", None)
    del store.organizations[org["id"]]
    store.organization_values.pop(org["id"], None)
    state.changed("customers", customers=people)
    return no_content()


async def list_organization_customers(request: web.Request) -> web.Response:
    """``GET /organizations/{id}/customers``: 50 a page, by id."""
    state = state_of(request)
    org = organization(state, request)
    store = state.store
    items = [store.customers[c] for c in members(store, org)]
    return simple_page(request, items, f"{API_ROOT}/organizations/{org['id']}/customers")


async def list_organization_conversations(request: web.Request) -> web.Response:
    """``GET /organizations/{id}/conversations``: newest first."""
    state = state_of(request)
    org = organization(state, request)
    store = state.store
    items = [state.conversation_view(store.conversations[c]) for c in _conversations_of(store, org)]
    return simple_page(request, items, f"{API_ROOT}/organizations/{org['id']}/conversations")
