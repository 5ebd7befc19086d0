"""Conversation updates: one JSON Patch op, ``PUT /tags``, ``PUT /fields``, snooze.

All answer 204 and bump ``modifiedAt`` and ``userUpdatedAt`` (an agent's edit).
PATCH accepts exactly the operations the live API documents; anything else is a
400 naming the path, and a refused request changes nothing.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from ._common import (
    bad_request,
    no_content,
    normalize_datetime,
    now_iso,
    path_id,
    read_json,
    read_object,
    state_of,
)
from ._create import custom_fields, dedupe_tags
from ._hal import FieldError, rejected
from ._records import customer_ref, tag_ref, user_ref
from ._state import State
from ._threads import load_conversation, touch_conversation

JSON = dict[str, Any]
PATCH_STATUSES = ("active", "pending", "closed", "spam")


def _patch(state: State, conv: JSON, op: str, path: str, value: Any) -> None:
    store = state.store
    if (op, path) == ("replace", "/subject"):
        if not isinstance(value, str) or not value.strip():
            raise bad_request(rejected(path, "may not be empty", value))
        conv["subject"] = value
    elif (op, path) == ("replace", "/status"):
        if value not in PATCH_STATUSES:
            allowed = ", ".join(f"'{s}'" for s in PATCH_STATUSES)
            raise bad_request(rejected(path, f"Expected one of these: {allowed}", value))
        _set_status(state, conv, value)
    elif (op, path) == ("replace", "/assignTo"):
        user = store.users.get(value) if isinstance(value, int) else None
        if user is None:
            raise bad_request(rejected(path, "User not found", value))
        conv["assignee"] = user_ref(user)
    elif (op, path) == ("remove", "/assignTo"):
        conv.pop("assignee", None)
    elif (op, path) == ("move", "/mailboxId"):
        if not isinstance(value, int) or value not in store.mailboxes:
            raise bad_request(rejected(path, "Mailbox not found", value))
        conv["mailboxId"] = value
        folders = store.folders.get(value) or [{}]
        conv["folderId"] = folders[0].get("id", 0)
    elif (op, path) == ("replace", "/primaryCustomer.id"):
        customer = store.customers.get(value) if isinstance(value, int) else None
        if customer is None:
            raise bad_request(rejected(path, "Customer not found", value))
        conv["primaryCustomer"] = customer_ref(customer)
    elif (op, path) == ("replace", "/draft"):
        if not isinstance(value, bool):
            raise bad_request(rejected(path, "must be a boolean", value))
        conv["state"] = "draft" if value else "published"
    else:
        raise bad_request(rejected(path, f"Unsupported operation '{op}' on path '{path}'", op))


def _set_status(state: State, conv: JSON, status: str) -> None:
    conv["status"] = status
    if status == "closed":
        store = state.store
        conv["closedBy"] = store.me_user_id
        me = store.users.get(store.me_user_id)
        if me is not None:
            conv["closedByUser"] = user_ref(me)
        conv["closedAt"] = now_iso()
    else:
        for key in ("closedBy", "closedByUser", "closedAt"):
            conv.pop(key, None)


async def patch_conversation(request: web.Request) -> web.Response:
    """``PATCH /conversations/{id}`` with one ``{op, path, value}``: 204."""
    state = state_of(request)
    conv = load_conversation(state, path_id(request))
    body = await read_json(request)
    if not isinstance(body, dict):
        raise bad_request(
            rejected("", "expected one JSON Patch operation {op, path, value}", body, "BODY")
        )
    op, path = body.get("op"), body.get("path")
    if not isinstance(op, str) or not isinstance(path, str):
        raise bad_request(
            FieldError("op" if not isinstance(op, str) else "path", "may not be null")
        )
    if op != "remove" and "value" not in body:
        raise bad_request(FieldError(path, "value may not be null"))
    # Applied to a copy and committed whole: a refused operation changes nothing.
    draft = dict(conv)
    _patch(state, draft, op, path, body.get("value"))
    conv.clear()
    conv.update(draft)
    touch_conversation(state, conv)
    return no_content()


async def put_tags(request: web.Request) -> web.Response:
    """``PUT /conversations/{id}/tags`` replaces the whole tag set: 204."""
    state = state_of(request)
    conv = load_conversation(state, path_id(request))
    body = await read_object(request)
    tags = body.get("tags")
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise bad_request(rejected("tags", "must be a list of tag names", tags))
    now = now_iso()
    conv["tags"] = dedupe_tags([tag_ref(state.store, t, now) for t in tags])
    touch_conversation(state, conv, "directory")
    return no_content()


async def put_fields(request: web.Request) -> web.Response:
    """``PUT /conversations/{id}/fields`` replaces every custom field value: 204."""
    state = state_of(request)
    conv = load_conversation(state, path_id(request))
    body = await read_object(request)
    errors: list[FieldError] = []
    if not isinstance(body.get("fields"), list):
        raise bad_request(rejected("fields", "must be a list", body.get("fields")))
    fields = custom_fields(state, int(conv.get("mailboxId") or 0), body["fields"], errors)
    if errors:
        raise bad_request(*errors)
    conv["customFields"] = fields
    touch_conversation(state, conv)
    return no_content()


async def put_snooze(request: web.Request) -> web.Response:
    """``PUT /conversations/{id}/snooze``: ``{snoozedUntil, unsnoozeOnCustomerReply}``."""
    state = state_of(request)
    conv = load_conversation(state, path_id(request))
    body = await read_object(request)
    raw = body.get("snoozedUntil")
    try:
        until = normalize_datetime(raw) if isinstance(raw, str) else None
    except ValueError:
        until = None
    if until is None:
        raise bad_request(rejected("snoozedUntil", "must be an ISO-8601 date-time", raw))
    unsnooze = body.get("unsnoozeOnCustomerReply", False)
    if not isinstance(unsnooze, bool):
        raise bad_request(rejected("unsnoozeOnCustomerReply", "must be a boolean", unsnooze))
    me = state.store.me_user_id
    conv["snooze"] = {"snoozedBy": me, "snoozedUntil": until, "unsnoozeOnCustomerReply": unsnooze}
    conv["nextEvent"] = {
        "time": until,
        "eventType": "snooze",
        "userId": me,
        "cancelOnCustomerReply": unsnooze,
    }
    touch_conversation(state, conv)
    return no_content()


async def delete_snooze(request: web.Request) -> web.Response:
    """``DELETE /conversations/{id}/snooze``: 204."""
    state = state_of(request)
    conv = load_conversation(state, path_id(request))
    conv.pop("snooze", None)
    conv.pop("nextEvent", None)
    touch_conversation(state, conv)
    return no_content()
