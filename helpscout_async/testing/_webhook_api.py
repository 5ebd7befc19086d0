"""``/v2/webhooks``: list, create, get, replace (PUT) and delete webhook subscriptions.

A created webhook starts receiving events at once (see ``_webhooks``). The secret is
write-only: no answer, error body or log shows it. A PUT replaces every field, and
re-enables a webhook that a ``410`` had disabled (the fake's choice: a corrected URL
should deliver again).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from ._common import (
    API_ROOT,
    bad_request,
    created,
    hal,
    no_content,
    page_number,
    path_id,
    read_object,
    row_of,
    state_of,
)
from ._hal import ApiError, FieldError, page_body, rejected
from ._state import State
from ._webhooks import HIDDEN, Subscription, problems

JSON = dict[str, Any]


def _checked(body: JSON) -> tuple[str, list[str], str, list[int], str, str | None, bool]:
    """The fields of a create/replace body, or a 400 naming every bad one."""
    url, events, secret = body.get("url"), body.get("events"), body.get("secret")
    mailbox_ids = body.get("mailboxIds") or []
    version = body.get("payloadVersion") or "V2"
    label, notification = body.get("label"), body.get("notification", False)
    errors = [
        FieldError(name, message) if value is HIDDEN else rejected(name, message, value)
        for name, message, value in problems(url, events, secret, mailbox_ids, version)
    ]
    if label is not None and not isinstance(label, str):
        errors.append(rejected("label", "must be a string", label))
    if not isinstance(notification, bool):
        errors.append(rejected("notification", "must be a boolean", notification))
    if errors:
        raise bad_request(*errors)
    assert isinstance(url, str)
    assert isinstance(events, list)
    assert isinstance(secret, str)
    return url, events, secret, list(mailbox_ids), str(version), label, notification


def _subscription(state: State, request: web.Request) -> Subscription:
    found = state.webhooks.subscriptions.get(path_id(request))
    if found is None:
        raise ApiError(404, "Resource not found")
    return found


async def list_webhooks(request: web.Request) -> web.Response:
    """``GET /webhooks``: the account's webhooks, oldest first."""
    state = state_of(request)
    size = row_of(request).page_size or 50
    number, explicit = page_number(request.query)
    subs = sorted(state.webhooks.subscriptions.values(), key=lambda s: s.id)
    chunk = [s.body(API_ROOT) for s in subs[(number - 1) * size : number * size]]
    body = page_body(
        "webhooks",
        chunk,
        href=f"{API_ROOT}/webhooks",
        number=number,
        size=size,
        total=len(subs),
        with_self_page=explicit,
    )
    return hal(state, body)


async def create_webhook(request: web.Request) -> web.Response:
    """``POST /webhooks``: 201 with ``Resource-ID``; deliveries start at once."""
    state = state_of(request)
    url, events, secret, boxes, version, label, notification = _checked(await read_object(request))
    sub = state.webhooks.add(
        url,
        events,
        secret,
        label=label,
        mailbox_ids=boxes,
        notification=notification,
        payload_version=version,
    )
    return created(state, f"/webhooks/{sub.id}", sub.id)


async def get_webhook(request: web.Request) -> web.Response:
    """``GET /webhooks/{webhook_id}`` (without the secret)."""
    state = state_of(request)
    return hal(state, _subscription(state, request).body(API_ROOT))


async def put_webhook(request: web.Request) -> web.Response:
    """``PUT /webhooks/{webhook_id}``: replace every field; 204."""
    state = state_of(request)
    sub = _subscription(state, request)
    url, events, secret, boxes, version, label, notification = _checked(await read_object(request))
    sub.url, sub.events, sub.secret = url, tuple(dict.fromkeys(events)), secret
    sub.mailbox_ids, sub.payload_version = tuple(boxes), version
    sub.label, sub.notification, sub.state = label, notification, "enabled"
    return no_content()


async def delete_webhook(request: web.Request) -> web.Response:
    """``DELETE /webhooks/{webhook_id}``: 204; deliveries still pending stop."""
    state = state_of(request)
    sub = _subscription(state, request)
    del state.webhooks.subscriptions[sub.id]
    return no_content()
