"""Customers, the rest: Update Customer (JSON Patch), asynchronous delete, v3 list.

PATCH takes a list of JSON Patch operations (one object is taken as a list of
one) on the profile fields: ``replace``/``add`` with a string, ``remove``. Every
operation is checked before any is applied: a refused request changes nothing.
``DELETE /customers/{id}?async=true`` answers 202 and erases the customer with
their conversations (the fake finishes before answering); both deletes share the
route, so ``delete_either`` serves them. The v3 list walks the customers newest
first by a cursor, 50 a page, with its documented filters.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from ._common import (
    bad_request,
    no_content,
    now_iso,
    path_id,
    query_datetime,
    read_json,
    row_of,
    state_of,
)
from ._cursor import cursor_page
from ._customers import PROFILE_FIELDS, customer_matcher, delete_customer
from ._hal import ApiError, FieldError, rejected

JSON = dict[str, Any]
_NAMES = ("firstName", "lastName")


def _check(op: Any, i: int, errors: list[FieldError]) -> tuple[str, str, Any] | None:
    where = f"[{i}]"
    if not isinstance(op, dict):
        errors.append(rejected(where, "must be a JSON Patch operation {op, path, value}", op))
        return None
    kind, path, value = op.get("op"), op.get("path"), op.get("value")
    field = path[1:] if isinstance(path, str) and path.startswith("/") else None
    if field not in PROFILE_FIELDS:
        errors.append(
            rejected(f"{where}.path", f"must be one of /{', /'.join(PROFILE_FIELDS)}", path)
        )
        return None
    if kind not in ("replace", "add", "remove"):
        errors.append(
            rejected(f"{where}.op", "Expected one of these: 'replace', 'add', 'remove'", kind)
        )
        return None
    if kind != "remove":
        if not isinstance(value, str):
            errors.append(rejected(f"{where}.value", "must be a string", value))
            return None
        if field in _NAMES and not 1 <= len(value) <= 40:
            errors.append(rejected(f"{where}.value", "size must be between 1 and 40", value))
            return None
    return str(kind), str(field), value


async def patch_customer(request: web.Request) -> web.Response:
    """``PATCH /customers/{id}``: JSON Patch operations on the profile; 204."""
    state = state_of(request)
    customer = state.store.customers.get(path_id(request))
    if customer is None:
        raise ApiError(404, "Resource not found")
    body = await read_json(request)
    ops = [body] if isinstance(body, dict) else body
    if not isinstance(ops, list) or not ops:
        raise bad_request(rejected("", "expected a list of JSON Patch operations", body, "BODY"))
    errors: list[FieldError] = []
    checked = [_check(op, i, errors) for i, op in enumerate(ops)]
    if errors:
        raise bad_request(*errors)
    for found in checked:
        if found is None:  # pragma: no cover - every None appended an error
            continue
        kind, field, value = found
        if kind == "remove":
            customer[field] = "" if field in _NAMES else None
        else:
            customer[field] = value
    customer["updatedAt"] = now_iso()
    state.changed("conversations", customers=[customer["id"]])
    return no_content()


async def delete_either(request: web.Request) -> web.Response:
    """``DELETE /customers/{id}`` (204), or with ``?async=true`` erase it all (202)."""
    raw = request.query.get("async", "false")
    if raw.lower() not in ("true", "false"):
        raise bad_request(rejected("async", "must be true or false", raw, "QUERY"))
    if raw.lower() == "false":
        return await delete_customer(request)
    state = state_of(request)
    store = state.store
    cid = path_id(request)
    if cid not in store.customers:
        raise ApiError(404, "Resource not found")
    gone = [
        conv_id
        for conv_id, conv in store.conversations.items()
        if int((conv.get("primaryCustomer") or {}).get("id", 0)) == cid
    ]
    for conv_id in gone:
        store.conversations.pop(conv_id, None)
        store.threads.pop(conv_id, None)
    store.customers.pop(cid, None)
    state.changed(customers=[cid], conversations=gone)
    return web.Response(status=202)


def _position(customer: JSON) -> tuple[str, int]:
    return str(customer.get("createdAt") or ""), int(customer["id"])


async def list_customers_v3(request: web.Request) -> web.Response:
    """``GET /v3/customers``: newest first (id the tiebreaker), by cursor, 50 a page.

    Filters as documented: ``firstName``, ``lastName``, ``email``, ``createdSince``,
    ``modifiedSince`` and ``query``, all joined by AND.
    """
    state = state_of(request)
    q = request.query
    first = q.get("firstName", "").strip().lower() or None
    last = q.get("lastName", "").strip().lower() or None
    address = q.get("email", "").strip().lower() or None
    created = query_datetime(q, "createdSince")
    matches = customer_matcher(q.get("query", "").strip(), query_datetime(q, "modifiedSince"))

    def wanted(c: JSON) -> bool:
        if first is not None and str(c.get("firstName") or "").lower() != first:
            return False
        if last is not None and str(c.get("lastName") or "").lower() != last:
            return False
        emails = (c.get("_embedded") or {}).get("emails") or []
        if address is not None and address not in {str(e.get("value")).lower() for e in emails}:
            return False
        if created is not None and str(c.get("createdAt") or "") < created:
            return False
        return matches(c)

    items = sorted((c for c in state.store.customers.values() if wanted(c)), key=_position)
    return cursor_page(
        request,
        key="customers",
        items=items[::-1],
        position=_position,
        path="/customers",
        size=row_of(request).page_size or 50,
    )
