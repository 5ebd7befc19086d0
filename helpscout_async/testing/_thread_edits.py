"""Existing threads: update (text, hidden), original source (JSON, RFC 822), schedule, v3 list.

As documented: Update Thread is one JSON Patch op on ``/text`` or ``/hidden``
(replace); only a published customer or reply thread can be hidden (its ``state``
becomes ``hidden``). The original source exists for customer emails; with
``Accept: message/rfc822`` it is the raw message, else ``{"original": ...}``.
Scheduling takes a draft reply or forward: ``PUT`` sets ``scheduled`` (a time in
the future, before 2100), ``PATCH`` ``/state`` = ``published`` sends it now,
``DELETE`` drops the schedule (it stays a draft). The v3 list walks the threads
newest first (as v2 lists them) by a cursor, 50 a page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from aiohttp import web

from .._api.mailbox_conversations import RFC822
from ._attachments import find_thread
from ._common import (
    bad_request,
    hal,
    no_content,
    normalize_datetime,
    now_iso,
    path_id,
    read_json,
    read_object,
    row_of,
    state_of,
)
from ._cursor import cursor_page
from ._hal import ApiError, FieldError, rejected
from ._state import State
from ._threads import load_conversation, touch_conversation

JSON = dict[str, Any]
_HIDEABLE = ("customer", "reply")
_SCHEDULABLE = ("reply", "forwardparent", "forwardchild", "forward")


def _one_op(body: Any, paths: tuple[str, ...]) -> tuple[str, Any]:
    """The ``path`` and ``value`` of one ``replace`` op on one of ``paths``; else 400."""
    if not isinstance(body, dict):
        raise bad_request(
            rejected("", "expected one JSON Patch operation {op, path, value}", body, "BODY")
        )
    op, path = body.get("op"), body.get("path")
    if path not in paths:
        raise bad_request(rejected("path", f"must be one of: {', '.join(paths)}", path))
    if op != "replace":
        raise bad_request(rejected("op", "must be: 'replace'", op))
    if "value" not in body:
        raise bad_request(FieldError("value", "may not be null"))
    return str(path), body["value"]


async def patch_thread(request: web.Request) -> web.Response:
    """``PATCH /conversations/{id}/threads/{id}``: change ``/text`` or ``/hidden``; 204."""
    state = state_of(request)
    conv, thread = find_thread(state, request, write=True)
    path, value = _one_op(await read_json(request), ("/text", "/hidden"))
    if path == "/text":
        if not isinstance(value, str) or not value.strip():
            raise bad_request(rejected("value", "may not be empty", value))
        thread.setdefault("originalBody", thread.get("body"))
        thread["body"] = value
    else:
        if not isinstance(value, bool):
            raise bad_request(rejected("value", "must be a boolean", value))
        if thread.get("type") not in _HIDEABLE or thread.get("state") not in (
            "published",
            "hidden",
        ):
            message = "only a published customer or reply thread can be hidden"
            raise bad_request(rejected("path", message, path))
        thread["state"] = "hidden" if value else "published"
    touch_conversation(state, conv)
    return no_content()


def _rfc822(state: State, conv: JSON, thread: JSON) -> str:
    """The message a customer thread came from, rebuilt from the stored thread."""
    customer = thread.get("createdBy") or thread.get("customer") or {}
    mailbox = state.store.mailboxes.get(int(conv.get("mailboxId") or 0)) or {}
    created = datetime.fromisoformat(
        str(thread.get("createdAt") or now_iso()).replace("Z", "+00:00")
    )
    sender = f"{customer.get('first', '')} {customer.get('last', '')}".strip()
    lines = [
        f"From: {sender} <{customer.get('email', 'customer@example.com')}>",
        f"To: {mailbox.get('email', 'support@example.com')}",
        f"Subject: {conv.get('subject', '')}",
        f"Date: {format_datetime(created.astimezone(UTC))}",
        f"Message-ID: <thread-{thread['id']}@fake.helpscout.net>",
        "MIME-Version: 1.0",
        'Content-Type: text/html; charset="utf-8"',
        "",
        str(thread.get("body") or ""),
        "",
    ]
    return "\r\n".join(lines)


async def original_source(request: web.Request) -> web.Response:
    """``GET .../threads/{id}/original-source``: JSON, or RFC 822 by ``Accept``."""
    state = state_of(request)
    conv, thread = find_thread(state, request)
    if thread.get("type") != "customer":
        raise ApiError(404, "Resource not found")
    source = _rfc822(state, conv, thread)
    if RFC822 in request.headers.get("Accept", ""):
        return web.Response(body=source.encode(), headers={"Content-Type": RFC822})
    return hal(state, {"original": source})


async def put_schedule(request: web.Request) -> web.Response:
    """``PUT .../threads/{id}/schedule``: ``{scheduledFor, unscheduleOnCustomerReply}``."""
    state = state_of(request)
    conv, thread = find_thread(state, request, write=True)
    body = await read_object(request)
    raw = body.get("scheduledFor")
    try:
        when = normalize_datetime(raw) if isinstance(raw, str) else None
    except ValueError:
        when = None
    errors: list[FieldError] = []
    if when is None:
        errors.append(rejected("scheduledFor", "must be an ISO-8601 date-time", raw))
    elif when <= now_iso() or when >= "2100":
        errors.append(rejected("scheduledFor", "must be in the future and before 2100", raw))
    unschedule = body.get("unscheduleOnCustomerReply")
    if not isinstance(unschedule, bool):
        errors.append(rejected("unscheduleOnCustomerReply", "must be a boolean", unschedule))
    as_creator = body.get("sendAsCreator", False)
    if not isinstance(as_creator, bool):
        errors.append(rejected("sendAsCreator", "must be a boolean", as_creator))
    if thread.get("type") not in _SCHEDULABLE or thread.get("state") != "draft":
        errors.append(
            rejected("threadId", "only a draft reply or forward can be scheduled", thread["id"])
        )
    if errors:
        raise bad_request(*errors)
    thread["scheduled"] = {
        "scheduledFor": when,
        "unscheduleOnCustomerReply": unschedule,
        "sendAsCreator": as_creator,
        "scheduledBy": state.store.me_user_id,
    }
    touch_conversation(state, conv)
    return no_content()


async def patch_schedule(request: web.Request) -> web.Response:
    """``PATCH .../threads/{id}/schedule`` ``/state`` = ``published``: send it now; 204."""
    state = state_of(request)
    conv, thread = find_thread(state, request, write=True)
    _, value = _one_op(await read_json(request), ("/state",))
    if value != "published":
        raise bad_request(rejected("value", "must be: 'published'", value))
    if not thread.get("scheduled"):
        raise bad_request(rejected("threadId", "the thread is not scheduled", thread["id"]))
    thread.pop("scheduled", None)
    thread["state"] = "published"
    thread["createdAt"] = now_iso()
    conv["threads"] = int(conv.get("threads", 0)) + 1
    touch_conversation(state, conv)
    return no_content()


async def delete_schedule(request: web.Request) -> web.Response:
    """``DELETE .../threads/{id}/schedule``: the thread stays a draft; 204."""
    state = state_of(request)
    conv, thread = find_thread(state, request, write=True)
    if not thread.get("scheduled"):
        raise ApiError(404, "Resource not found")
    thread.pop("scheduled", None)
    touch_conversation(state, conv)
    return no_content()


def _position(thread: JSON) -> tuple[str, int]:
    return str(thread.get("createdAt") or ""), int(thread["id"])


async def list_threads_v3(request: web.Request) -> web.Response:
    """``GET /v3/conversations/{id}/threads``: newest first, by cursor."""
    state = state_of(request)
    cid = path_id(request)
    load_conversation(state, cid)
    threads = sorted(state.store.get_threads(cid), key=_position, reverse=True)
    return cursor_page(
        request,
        key="threads",
        items=threads,
        position=_position,
        path=f"/conversations/{cid}/threads",
        size=row_of(request).page_size or 50,
    )
