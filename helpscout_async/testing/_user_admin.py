"""Administering people and automation: inbox routing, users (create, delete, status,
conversation reassignment), team membership, workflow status, and v3 system users.

Routing's ``rotation`` is computed from the store: each user in rotation, with the
active conversations of the mailbox assigned to them, is eligible unless away or at
the assignment limit. A created user gets an email status ``active`` and reassignment
off. The account owner cannot be deleted (400).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._api.mailbox_account import (
    ROUTING_STATES,
    USER_CREATE_ROLES,
    USER_NAME_MAX,
    USER_STATUSES,
    WORKFLOW_STATUSES,
)
from ._common import (
    API_ROOT,
    bad_request,
    created,
    hal,
    no_content,
    not_found,
    now_iso,
    path_id,
    read_object,
    simple_page,
    state_of,
)
from ._hal import FieldError, rejected
from ._state import State
from ._store import JSON

_V3 = "https://api.helpscout.net/v3"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _user(state: State, request: web.Request) -> JSON:
    found = state.store.users.get(path_id(request, "user_id"))
    if found is None:
        raise not_found()
    return found


def _mailbox(state: State, request: web.Request) -> int:
    mid = path_id(request, "mailbox_id")
    if mid not in state.store.mailboxes:
        raise not_found()
    return mid


def _user_ids(state: State, name: str, value: Any, errors: list[FieldError]) -> list[int]:
    if not isinstance(value, list) or not all(_is_int(u) and u in state.store.users for u in value):
        errors.append(rejected(name, "must be a list of ids of users of the account", value))
        return []
    return list(value)


# -- routing


async def get_routing(request: web.Request) -> web.Response:
    """``GET /mailboxes/{id}/routing``: the configuration and the current rotation."""
    state = state_of(request)
    store = state.store
    mid = _mailbox(state, request)
    config = store.routing.setdefault(
        mid,
        {
            "state": "disabled",
            "assignmentLimit": 10,
            "assignmentMethod": "round_robin",
            "userIds": [],
        },
    )
    load: dict[int, int] = {}
    for conv in store.conversations.values():
        if conv.get("mailboxId") == mid and conv.get("status") == "active":
            uid = (conv.get("assignee") or {}).get("id")
            if uid is not None:
                load[uid] = load.get(uid, 0) + 1
    rotation = []
    for uid in config["userIds"]:
        entry: JSON = {"userId": uid, "conversationsCount": load.get(uid, 0), "eligible": True}
        away = store.user_statuses.get(uid, {}).get("email", {}).get("status") == "away"
        if away or entry["conversationsCount"] >= config["assignmentLimit"]:
            entry.update(eligible=False, reason="away" if away else "at_capacity")
        rotation.append(entry)
    links = {"self": {"href": f"{API_ROOT}/mailboxes/{mid}/routing"}}
    return hal(state, {**config, "rotation": rotation, "_links": links})


async def put_routing(request: web.Request) -> web.Response:
    """``PUT /mailboxes/{id}/routing``: ``state`` required; other fields kept if left out."""
    state = state_of(request)
    mid = _mailbox(state, request)
    body = await read_object(request)
    errors: list[FieldError] = []
    if body.get("state") not in ROUTING_STATES:
        errors.append(rejected("state", "must be enabled or disabled", body.get("state")))
    limit = body.get("assignmentLimit")
    if limit is not None and (not _is_int(limit) or limit < 1):
        errors.append(rejected("assignmentLimit", "must be a positive number", limit))
    method = body.get("assignmentMethod")
    if method is not None and (not isinstance(method, str) or not method.strip()):
        errors.append(rejected("assignmentMethod", "may not be empty", method))
    users = body.get("userIds")
    if users is not None:
        _user_ids(state, "userIds", users, errors)
    if errors:
        raise bad_request(*errors)
    config = state.store.routing.setdefault(mid, {"assignmentLimit": 10, "userIds": []})
    config["state"] = body["state"]
    config.setdefault("assignmentMethod", "round_robin")
    for key, value in (
        ("assignmentLimit", limit),
        ("assignmentMethod", method),
        ("userIds", users),
    ):
        if value is not None:
            config[key] = value
    return no_content()


# -- users


async def create_user(request: web.Request) -> web.Response:
    """``POST /users``: 201 with ``Resource-ID``."""
    state = state_of(request)
    store = state.store
    body = await read_object(request)
    errors: list[FieldError] = []
    for key in ("firstName", "lastName"):
        value = body.get(key)
        if not isinstance(value, str) or not value.strip() or len(value) > USER_NAME_MAX:
            errors.append(rejected(key, f"must be 1 to {USER_NAME_MAX} characters", value))
    email = body.get("email")
    taken = {str(u.get("email", "")).lower() for u in store.users.values()}
    if not isinstance(email, str) or "@" not in email or "." not in email.partition("@")[2]:
        errors.append(rejected("email", "must be a valid email address", email))
    elif email.lower() in taken:
        errors.append(rejected("email", "is already used by another user", email))
    if body.get("role") not in USER_CREATE_ROLES:
        errors.append(
            rejected("role", f"must be one of {', '.join(USER_CREATE_ROLES)}", body.get("role"))
        )
    if not isinstance(body.get("sendInvite", True), bool):
        errors.append(rejected("sendInvite", "must be a boolean", body.get("sendInvite")))
    boxes = body.get("mailboxes", [])
    if not isinstance(boxes, list) or not all(
        isinstance(m, dict) and m.get("id") in store.mailboxes for m in boxes
    ):
        errors.append(rejected("mailboxes", "must name inboxes of the account by id", boxes))
    if errors:
        raise bad_request(*errors)
    uid = store.new_id()
    first, last, stamp = body["firstName"], body["lastName"], now_iso()
    owner = store.users.get(store.me_user_id, {})
    store.users[uid] = {
        "id": uid, "firstName": first, "lastName": last, "email": email, "role": body["role"],
        "timezone": body.get("timezone") or owner.get("timezone", "America/New_York"),
        "photoUrl": "", "createdAt": stamp, "updatedAt": stamp, "type": "user",
        "mention": first.lower().replace(" ", ""), "initials": first[0] + last[0],
        "jobTitle": body.get("jobTitle") or "", "phone": body.get("phone") or "",
        "alternateEmails": [], "_links": {"self": {"href": f"{API_ROOT}/users/{uid}"}},
    }  # fmt: skip
    store.user_statuses[uid] = {
        "userId": uid,
        "email": {
            "status": "active",
            "updatedAt": stamp,
            "performedBy": store.me_user_id,
            "source": "api",
        },
        "chat": {"status": "unavailable", "mailboxStatuses": {}},
    }
    state.changed("directory")
    return created(state, f"/users/{uid}", uid)


async def delete_user(request: web.Request) -> web.Response:
    """``DELETE /users/{id}``: 204; gone from teams, routing and statuses too."""
    state = state_of(request)
    store = state.store
    user = _user(state, request)
    uid = user["id"]
    if uid == store.me_user_id or user.get("role") == "owner":
        raise bad_request(rejected("id", "the account owner cannot be deleted", uid, "PATH"))
    del store.users[uid]
    store.user_statuses.pop(uid, None)
    store.reassignment.pop(uid, None)
    for members in store.team_members.values():
        if uid in members:
            members.remove(uid)
    for config in store.routing.values():
        config["userIds"] = [u for u in config["userIds"] if u != uid]
    state.changed("directory")
    return no_content()


def _status_of(state: State, uid: int) -> JSON:
    return state.store.user_statuses.setdefault(
        uid,
        {
            "userId": uid,
            "email": {"status": "active", "source": "ui"},
            "chat": {"status": "unavailable"},
        },
    )


async def list_statuses(request: web.Request) -> web.Response:
    """``GET /users/status``: every user's status, 50 a page."""
    state = state_of(request)
    items = [_status_of(state, uid) for uid in sorted(state.store.users)]
    return simple_page(request, items, f"{API_ROOT}/users/status")


async def get_status(request: web.Request) -> web.Response:
    """``GET /users/{id}/status``."""
    state = state_of(request)
    uid = _user(state, request)["id"]
    links = {"self": {"href": f"{API_ROOT}/users/{uid}/status"}}
    return hal(state, {**_status_of(state, uid), "_links": links})


async def put_status(request: web.Request) -> web.Response:
    """``PUT /users/{id}/status``: ``status`` active|away, optional ``customStatus``; 204."""
    state = state_of(request)
    uid = _user(state, request)["id"]
    body = await read_object(request)
    errors: list[FieldError] = []
    if body.get("status") not in USER_STATUSES:
        errors.append(rejected("status", "must be active or away", body.get("status")))
    custom = body.get("customStatus")
    if custom is not None and (
        not isinstance(custom, dict)
        or not isinstance(custom.get("text"), str)
        or not custom["text"].strip()
    ):
        errors.append(rejected("customStatus.text", "may not be empty", custom))
    if errors:
        raise bad_request(*errors)
    email: JSON = {
        "status": body["status"], "updatedAt": now_iso(),
        "performedBy": state.store.me_user_id, "source": "api",
    }  # fmt: skip
    if custom is not None:
        email["customStatus"] = {
            k: custom[k] for k in ("text", "emoji", "emojiName") if k in custom
        }
    _status_of(state, uid)["email"] = email
    return no_content()


async def get_reassignment(request: web.Request) -> web.Response:
    """``GET /users/{id}/conversation-reassignment``."""
    state = state_of(request)
    uid = _user(state, request)["id"]
    config = state.store.reassignment.get(uid) or {
        "enabled": False,
        "awayDuration": {"hours": 0, "minutes": 30},
    }
    links = {"self": {"href": f"{API_ROOT}/users/{uid}/conversation-reassignment"}}
    return hal(state, {"_links": links, **config})


async def put_reassignment(request: web.Request) -> web.Response:
    """``PUT /users/{id}/conversation-reassignment``: both fields required; 204."""
    state = state_of(request)
    uid = _user(state, request)["id"]
    body = await read_object(request)
    errors: list[FieldError] = []
    enabled, away = body.get("enabled"), body.get("awayDuration")
    if not isinstance(enabled, bool):
        errors.append(rejected("enabled", "must be a boolean", enabled))
    if not isinstance(away, dict):
        errors.append(rejected("awayDuration", "is required: {hours, minutes}", away))
    else:
        hours: Any = away.get("hours")
        minutes: Any = away.get("minutes")
        if not _is_int(hours) or hours < 0:
            errors.append(rejected("awayDuration.hours", "must be 0 or more", hours))
        if not _is_int(minutes) or not 0 <= minutes <= 59:
            errors.append(rejected("awayDuration.minutes", "must be from 0 to 59", minutes))
    if errors:
        raise bad_request(*errors)
    assert isinstance(away, dict)
    state.store.reassignment[uid] = {
        "enabled": enabled, "awayDuration": {"hours": away["hours"], "minutes": away["minutes"]},
    }  # fmt: skip
    return no_content()


# -- teams and workflows


async def put_team_members(request: web.Request) -> web.Response:
    """``PUT /teams/{id}/members``: ``addedUserIds`` and ``deletedUserIds``; 204."""
    state = state_of(request)
    store = state.store
    tid = path_id(request, "team_id")
    if tid not in store.teams:
        raise not_found()
    body = await read_object(request)
    errors: list[FieldError] = []
    added = _user_ids(state, "addedUserIds", body.get("addedUserIds"), errors)
    removed = _user_ids(state, "deletedUserIds", body.get("deletedUserIds"), errors)
    if errors:
        raise bad_request(*errors)
    members = store.team_members.setdefault(tid, [])
    members[:] = [u for u in members if u not in removed]
    members.extend(u for u in dict.fromkeys(added) if u not in members and u not in removed)
    state.changed("directory")
    return no_content()


async def patch_workflow(request: web.Request) -> web.Response:
    """``PATCH /workflows/{id}``: ``{"op": "replace", "path": "/status", "value": ...}``."""
    state = state_of(request)
    workflow = state.store.workflows.get(path_id(request, "workflow_id"))
    if workflow is None:
        raise not_found()
    body = await read_object(request)
    errors: list[FieldError] = []
    if body.get("op") != "replace":
        errors.append(rejected("op", "must be replace", body.get("op")))
    if body.get("path") != "/status":
        errors.append(rejected("path", "must be /status", body.get("path")))
    if body.get("value") not in WORKFLOW_STATUSES:
        errors.append(rejected("value", "must be active or inactive", body.get("value")))
    if errors:
        raise bad_request(*errors)
    workflow["status"], workflow["modifiedAt"] = body["value"], now_iso()
    state.changed("directory")
    return no_content()


async def list_system_users(request: web.Request) -> web.Response:
    """``GET /v3/system-users``: 50 a page."""
    state = state_of(request)
    users = state.store.system_users
    return simple_page(request, [users[i] for i in sorted(users)], f"{_V3}/system-users")


async def get_system_user(request: web.Request) -> web.Response:
    """``GET /v3/system-users/{id}``."""
    state = state_of(request)
    found = state.store.system_users.get(path_id(request, "system_user_id"))
    if found is None:
        raise not_found()
    return hal(state, found)
