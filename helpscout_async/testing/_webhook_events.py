"""Which webhook events a successful API write fires, and with what body.

A middleware around the API handlers looks at each write that succeeded (2xx) and at what
it changed: a conversation's status, assignee, mailbox, tags or custom fields (compared
before and after the handler ran), a thread added (unless it is a draft), a record created
or deleted. It then emits the events Help Scout would send, each with the record as the
API serves it: the conversation with its threads, the customer with its sub-lists, or
``{"id": ...}`` for a deletion. Nothing happens while no webhook is enabled.

Events follow the operation-table row of the route (its name): ``reply`` and
``add_phone_thread`` are agent replies, ``add_customer_thread`` and ``add_chat_thread``
customer replies, ``add_note`` notes; any other write of a customer's (its sub-lists,
when the fake serves them) is ``customer.updated``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from .._api import WRITE_METHODS
from ._common import now_iso, rebase
from ._conversations import embedded_threads
from ._hal import dumps
from ._state import STATE, State

JSON = dict[str, Any]
log = logging.getLogger(__name__)

_THREAD_EVENTS = {
    "conversations.reply": "convo.agent.reply.created",
    "conversations.add_phone_thread": "convo.agent.reply.created",
    "conversations.add_customer_thread": "convo.customer.reply.created",
    "conversations.add_chat_thread": "convo.customer.reply.created",
    "conversations.add_note": "convo.note.created",
}
_WATCHED = ("convo.status", "convo.assigned", "convo.moved", "convo.tags", "convo.custom-fields")
"""The events of the conversation facts compared before and after a write, in order."""


def _facts(conv: JSON | None) -> tuple[Any, ...] | None:
    """What webhook events watch in a conversation: status, assignee, mailbox, tags, fields."""
    if conv is None:
        return None
    return (
        conv.get("status"),
        (conv.get("assignee") or {}).get("id"),
        conv.get("mailboxId"),
        tuple(t.get("id") for t in conv.get("tags") or ()),
        json.dumps(conv.get("customFields") or [], sort_keys=True),
    )


def _operation(request: web.Request) -> str | None:
    """The row name (``conversations.update``) of a routed Mailbox write, else ``None``."""
    if request.method not in WRITE_METHODS:
        return None
    family, _, name = (request.match_info.route.name or "").partition(":")
    return name if family == "mailbox" and name else None


@web.middleware
async def webhook_events(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Emit the webhook events of a successful write (never alters the answer)."""
    name = _operation(request)
    state = request.app[STATE]
    if name is None or not state.webhooks.active:
        return await handler(request)
    cid = request.match_info.get("conversation_id")
    before = _facts(state.store.conversations.get(int(cid))) if cid else None
    first_new_id = state.store.next_id + 1
    resp = await handler(request)
    if not 200 <= resp.status < 300:
        return resp
    try:
        if name.startswith("conversations."):
            await _conversation_events(state, request, resp, name, before, first_new_id)
        elif name.startswith("customers."):
            _customer_events(state, request, resp, name)
    except Exception:  # the API answer stands whatever happens to its webhooks
        log.exception("fake webhooks: no events for %s %s", request.method, request.path)
    return resp


def conversation_body(state: State, conv: JSON) -> JSON:
    """A conversation as webhooks carry it: the v2 object with ``_embedded.threads``."""
    view = state.conversation_view(conv)  # no modifiedAt, as the API's bodies
    return {**view, "_embedded": {"threads": embedded_threads(state, conv["id"])}}


def emit_conversation(state: State, event: str, conv: JSON) -> None:
    """Send a ``convo.*`` event about ``conv``."""
    mailbox = conv.get("mailboxId")
    state.webhooks.emit(
        event,
        _rebased(state, conversation_body(state, conv)),
        mailbox_id=mailbox if isinstance(mailbox, int) else None,
    )


def _rebased(state: State, body: JSON) -> Any:
    """``body`` with its live-API hrefs pointing at this fake, as the API serves it."""
    return json.loads(rebase(state, dumps(body)))


def _new_tags(state: State, conv: JSON, first_new_id: int) -> None:
    for ref in conv.get("tags") or ():
        tag = state.store.tags.get(ref.get("id"))
        if tag is not None and tag["id"] >= first_new_id:
            state.webhooks.emit("tag.created", tag)


async def _conversation_events(
    state: State,
    request: web.Request,
    resp: web.StreamResponse,
    name: str,
    before: tuple[Any, ...] | None,
    first_new_id: int,
) -> None:
    store = state.store
    if name == "conversations.create":
        conv = store.conversations.get(int(resp.headers.get("Resource-ID", "0")))
        if conv is not None:
            customer_id = (conv.get("primaryCustomer") or {}).get("id", 0)
            customer = store.customers.get(customer_id)
            if customer is not None and customer_id >= first_new_id:
                state.webhooks.emit("customer.created", _rebased(state, customer))
            _new_tags(state, conv, first_new_id)
            emit_conversation(state, "convo.created", conv)
        return
    cid = int(request.match_info["conversation_id"])
    if name == "conversations.delete":
        state.webhooks.emit("convo.deleted", {"id": cid})
        return
    conv = store.conversations.get(cid)
    if conv is None:
        return
    if name in _THREAD_EVENTS:
        body = await _request_json(request)
        if not (isinstance(body, dict) and body.get("draft") is True):
            emit_conversation(state, _THREAD_EVENTS[name], conv)
    if name == "conversations.update_tags":
        _new_tags(state, conv, first_new_id)
    after = _facts(conv)
    if before is None or after is None:
        return
    for was, now, event in zip(before, after, _WATCHED, strict=True):
        if was != now:
            emit_conversation(state, event, conv)


async def _request_json(request: web.Request) -> Any:
    try:
        return json.loads(await request.read() or b"null")
    except ValueError:
        return None


def _customer_events(
    state: State, request: web.Request, resp: web.StreamResponse, name: str
) -> None:
    store = state.store
    if name == "customers.create":
        customer = store.customers.get(int(resp.headers.get("Resource-ID", "0")))
        if customer is not None:
            state.webhooks.emit("customer.created", _rebased(state, customer))
        return
    cid = int(request.match_info["customer_id"])
    if name == "customers.delete":
        state.webhooks.emit("customer.deleted", {"id": cid})
        return
    customer = store.customers.get(cid)
    if customer is not None:  # the profile or one of its sub-lists changed
        state.webhooks.emit("customer.updated", _rebased(state, customer))


def emit_rating(state: State, conversation_id: int, rating: str, comments: str) -> JSON:
    """Send ``satisfaction.ratings`` for the latest reply of a conversation; the Rating sent."""
    store = state.store
    conv = store.conversations[conversation_id]
    replies = [t for t in store.get_threads(conversation_id) if t.get("type") == "reply"]
    thread = replies[0] if replies else {}
    customer = conv.get("primaryCustomer") or {}
    user = thread.get("createdBy") or conv.get("assignee") or {}

    def person(p: JSON) -> JSON:
        return {
            "id": p.get("id"),
            "email": p.get("email"),
            "firstName": p.get("first"),
            "lastName": p.get("last"),
        }

    mailbox = conv.get("mailboxId")
    body: JSON = {
        "id": store.new_id(),
        "customer": person(customer),
        "threadId": thread.get("id"),
        "conversationId": conversation_id,
        "conversationNumber": conv.get("number"),
        "mailboxId": mailbox,
        "rating": rating,
        "user": person(user),
        "comments": comments,
        # Help Scout sends a rating's createdAt without a zone
        "createdAt": now_iso().removesuffix("Z"),
    }
    store.ratings[body["id"]] = body  # GET /ratings/{id} serves it from now on
    state.webhooks.emit(
        "satisfaction.ratings", body, mailbox_id=mailbox if isinstance(mailbox, int) else None
    )
    return body
