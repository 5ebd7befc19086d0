"""``/v2/organizations/properties``: organization property definitions (by slug), and
``/v2/organizations/{id}/properties/{slug}``: one organization's value of one.

As documented: at most 50 definitions; a slug is unique, 1-120 characters; a name at
most 100; a dropdown has at most 100 options (options of other types are ignored). A
definition's type never changes. Values are checked against the type (a number, an
``http(s)`` URL, a ``YYYY-MM-DD`` date, one of a dropdown's labels). Deleting a
definition removes its value from every organization.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from aiohttp import web

from .._api.mailbox_account import (
    PROPERTY_MAX_DEFINITIONS,
    PROPERTY_MAX_OPTIONS,
    PROPERTY_NAME_MAX,
    PROPERTY_SLUG_MAX,
    PROPERTY_TYPES,
)
from ._common import (
    API_ROOT,
    bad_request,
    hal,
    no_content,
    not_found,
    now_iso,
    read_object,
    state_of,
)
from ._hal import FieldError, rejected
from ._organizations import organization
from ._state import State
from ._store import JSON

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _definition(state: State, request: web.Request) -> JSON:
    found = state.store.organization_properties.get(request.match_info["property_slug"])
    if found is None:
        raise not_found()
    return found


def _shown(d: JSON) -> JSON:
    return {k: v for k, v in d.items() if k not in ("id", "createdAt", "updatedAt")}


def _name(body: JSON, errors: list[FieldError]) -> Any:
    name = body.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > PROPERTY_NAME_MAX:
        errors.append(rejected("name", f"must be 1 to {PROPERTY_NAME_MAX} characters", name))
    return name


def _options(body: JSON, errors: list[FieldError]) -> list[JSON] | None:
    options = body.get("options")
    if options is None:
        return None
    labels = (
        [o.get("label") if isinstance(o, dict) else None for o in options]
        if isinstance(options, list)
        else None
    )
    if (
        labels is None
        or len(labels) > PROPERTY_MAX_OPTIONS
        or not all(isinstance(x, str) and x.strip() and len(x) <= PROPERTY_NAME_MAX for x in labels)
    ):
        errors.append(
            rejected(
                "options", f"must be at most {PROPERTY_MAX_OPTIONS} options with a label", options
            )
        )
        return None
    return [{"label": x} for x in labels]


async def list_definitions(request: web.Request) -> web.Response:
    """``GET /organizations/properties``: every definition, one unpaged list."""
    state = state_of(request)
    items = [_shown(d) for d in state.store.organization_properties.values()]
    body: JSON = {"_links": {"self": {"href": f"{API_ROOT}/organizations/properties"}}}
    if items:
        body = {"_embedded": {"organization-properties": items}, **body}
    return hal(state, body)


async def create_definition(request: web.Request) -> web.Response:
    """``POST /organizations/properties``: 201 (known by its slug)."""
    state = state_of(request)
    defs = state.store.organization_properties
    body = await read_object(request)
    errors: list[FieldError] = []
    kind, slug = body.get("type"), body.get("slug")
    if kind not in PROPERTY_TYPES:
        errors.append(rejected("type", f"must be one of {', '.join(PROPERTY_TYPES)}", kind))
    if (
        not isinstance(slug, str)
        or not 1 <= len(slug) <= PROPERTY_SLUG_MAX
        or not _SLUG.fullmatch(slug)
    ):
        errors.append(
            rejected(
                "slug", f"must be 1 to {PROPERTY_SLUG_MAX} lowercase letters, digits, - or _", slug
            )
        )
    elif slug in defs:
        errors.append(rejected("slug", "is already used by another property", slug))
    name = _name(body, errors)
    options = _options(body, errors)
    if len(defs) >= PROPERTY_MAX_DEFINITIONS:
        errors.append(
            FieldError("slug", f"an account may have at most {PROPERTY_MAX_DEFINITIONS} properties")
        )
    if errors:
        raise bad_request(*errors)
    stamp = now_iso()
    record: JSON = {"type": kind, "slug": slug, "name": name}
    if kind == "dropdown":
        record["options"] = options or []
    defs[str(slug)] = {**record, "id": state.store.new_id(), "createdAt": stamp, "updatedAt": stamp}
    location = f"{state.base_url}/organizations/properties/{slug}"
    return web.Response(status=201, headers={"Location": location})


async def get_definition(request: web.Request) -> web.Response:
    """``GET /organizations/properties/{slug}``."""
    state = state_of(request)
    d = _definition(state, request)
    links = {"self": {"href": f"{API_ROOT}/organizations/properties/{d['slug']}"}}
    return hal(state, {**_shown(d), "_links": links})


async def put_definition(request: web.Request) -> web.Response:
    """``PUT /organizations/properties/{slug}``: name (and a dropdown's options); 204."""
    state = state_of(request)
    d = _definition(state, request)
    body = await read_object(request)
    errors: list[FieldError] = []
    name = _name(body, errors)
    options = _options(body, errors)
    if errors:
        raise bad_request(*errors)
    d["name"], d["updatedAt"] = name, now_iso()
    if d["type"] == "dropdown" and options is not None:
        d["options"] = options
    return no_content()


async def delete_definition(request: web.Request) -> web.Response:
    """``DELETE /organizations/properties/{slug}``: 204; every value of it goes too."""
    state = state_of(request)
    store = state.store
    d = _definition(state, request)
    del store.organization_properties[d["slug"]]
    for values in store.organization_values.values():
        values.pop(d["slug"], None)
    return no_content()


def _value_problem(d: JSON, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return "must be a string or a number"
    text = str(value)
    kind = d["type"]
    if kind == "number":
        try:
            float(text)
        except ValueError:
            return "must be a number"
    elif kind == "url" and not text.startswith(("http://", "https://")):
        return "must be an http(s) URL"
    elif kind == "date":
        try:
            date.fromisoformat(text)
        except ValueError:
            return "must be a date as YYYY-MM-DD"
    elif kind == "dropdown" and text not in {o["label"] for o in d.get("options", ())}:
        return "must be one of the property's option labels"
    elif not text.strip():
        return "may not be empty"
    return None


async def put_value(request: web.Request) -> web.Response:
    """``PUT /organizations/{id}/properties/{slug}``: ``{"value": ...}``; 204."""
    state = state_of(request)
    org = organization(state, request)
    d = _definition(state, request)
    value = (await read_object(request)).get("value")
    problem = _value_problem(d, value)
    if problem is not None:
        raise bad_request(rejected("value", problem, value))
    state.store.organization_values.setdefault(org["id"], {})[d["slug"]] = str(value)
    org["updatedAt"] = now_iso()
    return no_content()


async def delete_value(request: web.Request) -> web.Response:
    """``DELETE /organizations/{id}/properties/{slug}``: 204 (also when none was set)."""
    state = state_of(request)
    org = organization(state, request)
    d = _definition(state, request)
    state.store.organization_values.get(org["id"], {}).pop(d["slug"], None)
    return no_content()
