"""Which webhook events a successful API write fires, and with what body.

A middleware around the API handlers looks at each write that succeeded (2xx) and at what
it changed: a conversation's status, assignee, mailbox, tags or custom fields (compared
before and after the handler ran), a thread added (unless it is a draft), a record created
or deleted. It then emits the events Help Scout would send, each with the record as the
API serves it: the conversation with its threads, the customer with its sub-lists, or
``{"id": ...}`` for a deletion. Nothing happens while no webhook is enabled.

Thread routes map to events thus: ``/reply`` and ``/phones`` are agent replies,
``/customer`` and ``/chats`` customer replies, ``/notes`` notes.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from ._common import now_iso, rebase
from ._conversations import embedded_threads
from ._hal import dumps
from ._state import STATE, State

JSON = dict[str, Any]
log = logging.getLogger(__name__)

_CONVERSATIONS = re.compile(r"^/v2/conversations(?:/(\d+)(?:/([a-z]+))?)?/?$")
_CUSTOMERS = re.compile(r"^/v2/customers(?:/(\d+)(?:/.*)?)?/?$")
_THREAD_EVENTS = {
    "reply": "convo.agent.reply.created",
    "phones": "convo.agent.reply.created",
    "customer": "convo.customer.reply.created",
    "chats": "convo.customer.reply.created",
    "notes": "convo.note.created",
}
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


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


@web.middleware
async def webhook_events(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Emit the webhook events of a successful write (never alters the answer)."""
    if request.method not in _WRITES or not request.path.startswith("/v2/"):
        return await handler(request)
    state = request.app[STATE]
    if not state.webhooks.active:
        return await handler(request)
    conv_match = _CONVERSATIONS.match(request.path)
    before: tuple[Any, ...] | None = None
    if conv_match is not None and conv_match.group(1):
        before = _facts(state.store.conversations.get(int(conv_match.group(1))))
    first_new_id = state.store.next_id + 1
    resp: web.StreamResponse = await handler(request)
    if not 200 <= resp.status < 300:
        return resp
    try:
        if conv_match is not None:
            await _conversation_events(state, request, resp, conv_match, before, first_new_id)
        elif (cust_match := _CUSTOMERS.match(request.path)) is not None:
            _customer_events(state, request, resp, cust_match)
    except Exception:  # the API answer stands whatever happens to its webhooks
        log.exception(
            "fake webhooks: could not derive events of %s %s", request.method, request.path
        )
    return resp


def conversation_body(state: State, conv: JSON) -> JSON:
    """A conversation as webhooks carry it: the v2 object with ``_embedded.threads``."""
    return {**conv, "_embedded": {"threads": embedded_threads(state, conv["id"])}}


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
    match: re.Match[str],
    before: tuple[Any, ...] | None,
    first_new_id: int,
) -> None:
    store = state.store
    method = request.method
    cid_text, sub = match.group(1), match.group(2)
    if cid_text is None:
        if method == "POST":
            conv = store.conversations.get(int(resp.headers.get("Resource-ID", "0")))
            if conv is not None:
                customer_id = (conv.get("primaryCustomer") or {}).get("id", 0)
                customer = store.customers.get(customer_id)
                if customer is not None and customer_id >= first_new_id:
                    state.webhooks.emit("customer.created", _rebased(state, customer))
                _new_tags(state, conv, first_new_id)
                emit_conversation(state, "convo.created", conv)
        return
    cid = int(cid_text)
    if sub is None and method == "DELETE":
        state.webhooks.emit("convo.deleted", {"id": cid}, mailbox_id=None)
        return
    conv = store.conversations.get(cid)
    if conv is None:
        return
    if sub in _THREAD_EVENTS and method == "POST":
        body = await _request_json(request)
        if not (isinstance(body, dict) and body.get("draft") is True):
            emit_conversation(state, _THREAD_EVENTS[sub], conv)
    if sub == "tags":
        _new_tags(state, conv, first_new_id)
    after = _facts(conv)
    if before is None or after is None:
        return
    for index, event in enumerate(
        ("convo.status", "convo.assigned", "convo.moved", "convo.tags", "convo.custom-fields")
    ):
        if before[index] != after[index]:
            emit_conversation(state, event, conv)


async def _request_json(request: web.Request) -> Any:
    try:
        return json.loads(await request.read() or b"null")
    except ValueError:
        return None


def _customer_events(
    state: State, request: web.Request, resp: web.StreamResponse, match: re.Match[str]
) -> None:
    store = state.store
    if match.group(1) is None:
        if request.method == "POST":
            customer = store.customers.get(int(resp.headers.get("Resource-ID", "0")))
            if customer is not None:
                state.webhooks.emit("customer.created", _rebased(state, customer))
        return
    cid = int(match.group(1))
    is_record = request.path.rstrip("/").endswith(f"/customers/{cid}")
    if is_record and request.method == "DELETE":
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
    state.webhooks.emit(
        "satisfaction.ratings", body, mailbox_id=mailbox if isinstance(mailbox, int) else None
    )
    return body
