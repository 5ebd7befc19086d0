"""Customer entries: a customer's address, chat handles, emails, phones, social profiles and
websites, each listed, created, updated and deleted on its own.

The entries live where Get Customer shows them (``_embedded.{emails, ..., social_profiles,
address}`` of the customer's record), so an entry written here is what Get Customer answers
next. The five list kinds are served by one set of handlers made from each ``EntryKind`` row.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web

from .._api.mailbox_entries import ADDRESS_FIELDS, ENTRY_KINDS, EntryKind
from ._common import (
    bad_request,
    hal,
    no_content,
    now_iso,
    path_id,
    read_object,
    state_of,
)
from ._hal import ApiError, FieldError, rejected
from ._records import link
from ._state import State

JSON = dict[str, Any]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_VALUE_MAX = 255


def customer_of(state: State, request: web.Request) -> JSON:
    """The customer named by the path, or a 404."""
    found = state.store.customers.get(path_id(request, "customer_id"))
    if found is None:
        raise ApiError(404, "Resource not found")
    return found


def touched(state: State, customer: JSON, *, emails: bool = False) -> None:
    """A customer's record changed: stamp it and drop its cached views.

    Conversation listings search by a customer's email, so an email change rebuilds them.
    """
    customer["updatedAt"] = now_iso()
    rebuild = ("conversations",) if emails else ()
    state.changed(*rebuild, customers=[customer["id"]])


def _entries(customer: JSON, kind: EntryKind) -> list[JSON]:
    embedded: JSON = customer.setdefault("_embedded", {})
    items: list[JSON] = embedded.setdefault(kind.embedded, [])
    return items


def _entry(customer: JSON, kind: EntryKind, request: web.Request) -> JSON:
    wanted = path_id(request, kind.param)
    for item in _entries(customer, kind):
        if item.get("id") == wanted:
            return item
    raise ApiError(404, "Resource not found")


def _checked(kind: EntryKind, body: JSON) -> JSON:
    """``{type, value}`` of a create or update body, or a 400 naming the field."""
    errors: list[FieldError] = []
    value = body.get("value")
    if not isinstance(value, str) or not value.strip():
        errors.append(FieldError("value", "may not be empty"))
    elif len(value) > _VALUE_MAX:
        errors.append(rejected("value", f"size must be between 1 and {_VALUE_MAX}", value))
    elif kind.segment == "emails" and not _EMAIL.match(value):
        errors.append(rejected("value", "must be a well-formed email address", value))
    out: JSON = {"value": value}
    if kind.types is not None:
        item_type = body.get("type")
        if item_type is None:
            errors.append(FieldError("type", "may not be null"))
        elif item_type not in kind.types:
            allowed = ", ".join(f"'{t}'" for t in kind.types)
            errors.append(rejected("type", f"Expected one of these: {allowed}", item_type))
        out["type"] = item_type
    if errors:
        raise bad_request(*errors)
    return out


def _entry_handlers(kind: EntryKind) -> dict[str, Handler]:
    emails = kind.segment == "emails"

    async def list_entries(request: web.Request) -> web.Response:
        state = state_of(request)
        customer = customer_of(state, request)
        body = {
            "_embedded": {kind.segment: _entries(customer, kind)},
            "_links": {"self": link(f"/customers/{customer['id']}/{kind.segment}")},
        }
        return hal(state, body)

    async def create_entry(request: web.Request) -> web.Response:
        state = state_of(request)
        customer = customer_of(state, request)
        fields = _checked(kind, await read_object(request))
        cid, eid = customer["id"], state.store.new_id()
        where = f"/customers/{cid}/{kind.segment}/{eid}"
        _entries(customer, kind).append({"id": eid, **fields, "_links": {"self": link(where)}})
        touched(state, customer, emails=emails)
        return web.Response(
            status=201,
            headers={"Resource-ID": str(eid), "Location": f"{state.base_url}{where}"},
        )

    async def update_entry(request: web.Request) -> web.Response:
        state = state_of(request)
        customer = customer_of(state, request)
        item = _entry(customer, kind, request)
        item.update(_checked(kind, await read_object(request)))
        touched(state, customer, emails=emails)
        return no_content()

    async def delete_entry(request: web.Request) -> web.Response:
        state = state_of(request)
        customer = customer_of(state, request)
        item = _entry(customer, kind, request)
        _entries(customer, kind).remove(item)
        touched(state, customer, emails=emails)
        return no_content()

    return {
        f"{kind.group}.list": list_entries,
        f"{kind.group}.create": create_entry,
        f"{kind.group}.update": update_entry,
        f"{kind.group}.delete": delete_entry,
    }


def _address_fields(body: JSON) -> JSON:
    errors: list[FieldError] = []
    out: JSON = {}
    for key in ADDRESS_FIELDS:
        value = body.get(key)
        if value is None:
            continue
        if key == "lines":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors.append(rejected("lines", "must be a list of strings", value))
                continue
        elif not isinstance(value, str):
            errors.append(rejected(key, "must be a string", value))
            continue
        elif key == "country" and not re.fullmatch(r"[A-Za-z]{2}", value):
            errors.append(rejected("country", "must be an ISO 3166 alpha-2 code", value))
            continue
        out[key] = value.upper() if isinstance(value, str) and key == "country" else value
    if not errors and not out:
        errors.append(FieldError("", "an address needs at least one field", source="BODY"))
    if errors:
        raise bad_request(*errors)
    return out


def _address_of(customer: JSON) -> JSON:
    found = (customer.get("_embedded") or {}).get("address")
    if not isinstance(found, dict):
        raise ApiError(404, "Resource not found")
    return found


def _stored_address(customer: JSON, fields: JSON) -> JSON:
    links = {"self": link(f"/customers/{customer['id']}/address")}
    return {**fields, "_links": links}


async def get_address(request: web.Request) -> web.Response:
    """``GET /customers/{id}/address``: 404 when the customer has none."""
    state = state_of(request)
    return hal(state, _address_of(customer_of(state, request)))


async def create_address(request: web.Request) -> web.Response:
    """``POST /customers/{id}/address``: 201 with a ``Location`` (an address has no id)."""
    state = state_of(request)
    customer = customer_of(state, request)
    fields = _address_fields(await read_object(request))
    customer.setdefault("_embedded", {})["address"] = _stored_address(customer, fields)
    touched(state, customer)
    where = f"{state.base_url}/customers/{customer['id']}/address"
    return web.Response(status=201, headers={"Location": where})


async def update_address(request: web.Request) -> web.Response:
    """``PUT /customers/{id}/address`` replaces it: 204; 404 when there is none."""
    state = state_of(request)
    customer = customer_of(state, request)
    _address_of(customer)
    fields = _address_fields(await read_object(request))
    customer["_embedded"]["address"] = _stored_address(customer, fields)
    touched(state, customer)
    return no_content()


async def delete_address(request: web.Request) -> web.Response:
    """``DELETE /customers/{id}/address``: 204; 404 when there is none."""
    state = state_of(request)
    customer = customer_of(state, request)
    _address_of(customer)
    del customer["_embedded"]["address"]
    touched(state, customer)
    return no_content()


HANDLERS: Mapping[str, Handler] = {
    "customer_address.get": get_address,
    "customer_address.create": create_address,
    "customer_address.update": update_address,
    "customer_address.delete": delete_address,
    **{name: handler for kind in ENTRY_KINDS for name, handler in _entry_handlers(kind).items()},
}
"""The handler of each customer entry row, by the row's name."""
