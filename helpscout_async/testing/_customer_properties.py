"""Customer properties: the account's definitions (list, create, delete) and customers'
values (a JSON-Patch-like list of ``replace``/``remove`` operations by slug).

Values live in the customer's ``_embedded.properties`` (as Get Customer shows them), each
``{type, slug, name, value, text, source}``; a dropdown's value is its option id and its
text the option's label. A PATCH with any bad operation is refused whole (400, nothing
applied). The seed defines the three properties of the docs' example and gives every
third customer values, without touching the seed's random stream.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any

from aiohttp import web

from .._api.mailbox_entries import (
    PROPERTY_DEFINITIONS_MAX,
    PROPERTY_OPTIONS_MAX,
    PROPERTY_PATCH_OPS,
    PROPERTY_RESERVED_SLUGS,
    PROPERTY_SLUG_MAX,
    PROPERTY_TYPES,
)
from ._common import bad_request, hal, no_content, read_json, read_object, state_of
from ._customer_entries import customer_of, touched
from ._hal import ApiError, FieldError, rejected
from ._records import link
from ._store import Store

JSON = dict[str, Any]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_SLUG = re.compile(rf"[A-Za-z0-9_-]{{1,{PROPERTY_SLUG_MAX}}}")
_TEXT_MAX = 255
_SOURCE = {"name": "api"}


def _definition(store: Store, body: JSON) -> JSON:
    errors: list[FieldError] = []
    kind, slug, name = body.get("type"), body.get("slug"), body.get("name")
    if kind not in PROPERTY_TYPES:
        allowed = ", ".join(f"'{t}'" for t in PROPERTY_TYPES)
        errors.append(rejected("type", f"Expected one of these: {allowed}", kind))
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        errors.append(rejected("slug", "must be 1-100 letters, digits, '-' or '_'", slug))
    elif slug in PROPERTY_RESERVED_SLUGS:
        errors.append(rejected("slug", "is reserved", slug))
    elif slug in store.customer_properties:
        errors.append(rejected("slug", "already exists", slug))
    if not isinstance(name, str) or not name.strip():
        errors.append(FieldError("name", "may not be empty"))
    out: JSON = {"type": kind, "slug": slug, "name": name}
    if kind == "dropdown":
        out["options"] = _options(body.get("options"), errors)
    if len(store.customer_properties) >= PROPERTY_DEFINITIONS_MAX:
        errors.append(
            FieldError("", f"at most {PROPERTY_DEFINITIONS_MAX} properties", source="BODY")
        )
    if errors:
        raise bad_request(*errors)
    return out


def _options(raw: Any, errors: list[FieldError]) -> list[JSON]:
    if not isinstance(raw, list) or not raw or len(raw) > PROPERTY_OPTIONS_MAX:
        errors.append(rejected("options", f"must hold 1 to {PROPERTY_OPTIONS_MAX} options", raw))
        return []
    out: list[JSON] = []
    for i, option in enumerate(raw):
        label = option.get("label") if isinstance(option, dict) else None
        if not isinstance(label, str) or not label.strip() or len(label) > _TEXT_MAX:
            errors.append(rejected(f"options[{i}].label", "may not be empty", label))
            continue
        if any(o["label"] == label for o in out):
            errors.append(rejected(f"options[{i}].label", "must be unique", label))
            continue
        given = option.get("id")
        out.append({"id": given if isinstance(given, str) else str(uuid.uuid4()), "label": label})
    return out


async def list_definitions(request: web.Request) -> web.Response:
    """``GET /customer-properties``: every definition, unpaged."""
    state = state_of(request)
    body = {
        "_embedded": {"customer-properties": list(state.store.customer_properties.values())},
        "_links": {"self": link("/customer-properties")},
    }
    return hal(state, body)


async def create_definition(request: web.Request) -> web.Response:
    """``POST /customer-properties``: 201 with a ``Location`` (the slug is its id)."""
    state = state_of(request)
    found = _definition(state.store, await read_object(request))
    state.store.customer_properties[found["slug"]] = found
    state.changed()
    where = f"{state.base_url}/customer-properties/{found['slug']}"
    return web.Response(status=201, headers={"Location": where})


async def delete_definition(request: web.Request) -> web.Response:
    """``DELETE /customer-properties/{slug}``: 204, every customer's value of it removed."""
    state = state_of(request)
    slug = request.match_info["property_slug"]
    if state.store.customer_properties.pop(slug, None) is None:
        raise ApiError(404, "Resource not found")
    changed = []
    for customer in state.store.customers.values():
        values = (customer.get("_embedded") or {}).get("properties")
        if values and any(v.get("slug") == slug for v in values):
            values[:] = [v for v in values if v.get("slug") != slug]
            changed.append(customer["id"])
    state.changed(customers=changed)
    return no_content()


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _value(definition: JSON, value: Any) -> tuple[Any, str]:
    """``(value, text)`` as stored for a definition; ValueError saying what is wrong."""
    kind = definition["type"]
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= 2**63:
            raise ValueError("must be an integer")
        return value, str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    if kind == "text" and len(value) > _TEXT_MAX:
        raise ValueError(f"size must be at most {_TEXT_MAX}")
    if kind == "url" and ("." not in value or " " in value):
        raise ValueError("must be a valid URL")
    if kind == "date" and not _is_date(value):
        raise ValueError("must be a date as YYYY-MM-DD")
    if kind == "dropdown":
        for option in definition.get("options") or []:
            if value in (option["id"], option["label"]):
                return option["id"], option["label"]
        raise ValueError("must be one of the dropdown's option ids or labels")
    return value, value


def _patch(store: Store, raw: Any) -> list[tuple[str, str, JSON | None]]:
    """The checked operations: ``(op, slug, stored value or None)``; a 400 if any is bad."""
    if not isinstance(raw, list) or not raw:
        raise bad_request(FieldError("", "must be a non-empty JSON array", source="BODY"))
    errors: list[FieldError] = []
    out: list[tuple[str, str, JSON | None]] = []
    for i, item in enumerate(raw):
        op = item.get("op") if isinstance(item, dict) else None
        path = item.get("path") if isinstance(item, dict) else None
        if op not in PROPERTY_PATCH_OPS:
            errors.append(rejected(f"[{i}].op", "Expected one of these: 'replace', 'remove'", op))
            continue
        slug = path[1:] if isinstance(path, str) and path.startswith("/") else None
        definition = store.customer_properties.get(slug or "")
        if slug is None or definition is None:
            errors.append(rejected(f"[{i}].path", "no customer property has this slug", path))
            continue
        if op == "remove":
            out.append((op, slug, None))
            continue
        try:
            value, text = _value(definition, item.get("value"))
        except ValueError as exc:
            errors.append(rejected(f"[{i}].value", str(exc), item.get("value")))
            continue
        stored = {"type": definition["type"], "slug": slug, "name": definition["name"]}
        out.append((op, slug, {**stored, "value": value, "text": text, "source": _SOURCE}))
    if errors:
        raise bad_request(*errors)
    return out


async def update_values(request: web.Request) -> web.Response:
    """``PATCH /customers/{id}/properties``: 204; a bad operation refuses them all."""
    state = state_of(request)
    customer = customer_of(state, request)
    ops = _patch(state.store, await read_json(request))
    values: list[JSON] = customer.setdefault("_embedded", {}).setdefault("properties", [])
    for _op, slug, stored in ops:
        values[:] = [v for v in values if v.get("slug") != slug]
        if stored is not None:
            values.append(stored)
    touched(state, customer)
    return no_content()


SEEDED: tuple[JSON, ...] = (
    {"type": "text", "slug": "car", "name": "Car"},
    {"type": "number", "slug": "employees", "name": "Employees"},
    {
        "type": "dropdown",
        "slug": "plan",
        "name": "Plan",
        "options": [
            {"id": "556cca5f-1afc-48ef-8323-b88b55808404", "label": "Standard"},
            {"id": "1313b25a-1150-49a4-8514-5b31f37e427f", "label": "Plus"},
            {"id": "f2cbc0ee-95ea-4ef2-82d3-e357dc650989", "label": "Company"},
        ],
    },
)
_CARS = ("Tesla", "Volvo", "Toyota", "Ford")


def seed_properties(store: Store) -> None:
    """The docs' three definitions, and values for every third customer (no randomness)."""
    for definition in SEEDED:
        store.customer_properties[str(definition["slug"])] = dict(definition)
    car, employees, plan = SEEDED
    options: list[JSON] = list(plan["options"])
    for index, customer in enumerate(store.customers.values()):
        if index % 3:
            continue
        option = options[index % len(options)]
        count = 10 * (index % 50 + 1)
        customer.setdefault("_embedded", {})["properties"] = [
            {**car, "value": _CARS[index % 4], "text": _CARS[index % 4], "source": _SOURCE},
            {**employees, "value": count, "text": str(count), "source": _SOURCE},
            {"type": "dropdown", "slug": "plan", "name": "Plan", "value": option["id"],
             "text": option["label"], "source": _SOURCE},
        ]  # fmt: skip


HANDLERS: Mapping[str, Handler] = {
    "customer_properties.list": list_definitions,
    "customer_properties.create": create_definition,
    "customer_properties.delete": delete_definition,
    "customer_properties.update_values": update_values,
}
"""The handler of each customer property row, by the row's name."""
