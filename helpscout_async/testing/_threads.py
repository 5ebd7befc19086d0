"""Threads: ``GET /conversations/{id}/threads`` and the five thread-creating POSTs.

``/reply`` (needs ``customer.id``), ``/notes``, ``/customer``, ``/chats`` and
``/phones`` answer 201 with ``Resource-ID`` and ``Location``; each bumps the
conversation's ``modifiedAt``. Also :func:`build_thread`, used by conversation
create.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from ._common import (
    API_ROOT,
    bad_request,
    created,
    hal_bytes,
    now_iso,
    page_number,
    path_id,
    read_object,
    rebase,
    row_of,
    state_of,
)
from ._hal import ApiError, FieldError, dumps, page_body, rejected
from ._records import (
    WEB_ROOT,
    conversation_links,
    customer_ref,
    find_customer_by_email,
    link,
    user_ref,
)
from ._state import State
from ._store import Store

JSON = dict[str, Any]
THREAD_STATUSES = ("active", "pending", "closed")
_SOURCE = {"customer": "email", "reply": "email", "note": "web", "chat": "chat", "phone": "phone"}


def load_conversation(state: State, cid: int, *, follow_merge: str | None = None) -> JSON:
    """The stored conversation; 301 to the survivor for a merged id when asked; else 404."""
    conv = state.store.conversations.get(cid)
    if conv is not None:
        return conv
    survivor = state.store.merged.get(cid)
    if survivor is not None and follow_merge is not None:
        location = f"{state.base_url}/conversations/{survivor}{follow_merge}"
        raise web.HTTPMovedPermanently(location=location)
    raise ApiError(404, "Resource not found")


def touch_conversation(state: State, conv: JSON, *collections: str, by_user: bool = True) -> None:
    """Record a write: bump ``modifiedAt`` (UTC now) and drop cached pages.

    ``userUpdatedAt`` moves too unless the write is a customer's (``by_user=False``):
    on the live API it follows agents' edits only.
    """
    now = now_iso()
    conv["modifiedAt"] = now
    if by_user:
        conv["userUpdatedAt"] = now
    conv["_links"] = conversation_links(conv)
    state.changed(*collections, conversations=[conv["id"]])


def attachment_records(store: Store, raw: Any, errors: list[FieldError]) -> list[JSON]:
    """Attachment bodies (``fileName``, ``mimeType``, base64 ``data``) as threads show them."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors.append(rejected("attachments", "must be a list", raw))
        return []
    out: list[JSON] = []
    for i, att in enumerate(raw):
        if not isinstance(att, dict):
            errors.append(rejected(f"attachments[{i}]", "must be an object", att))
            continue
        for key in ("fileName", "mimeType", "data"):
            if not isinstance(att.get(key), str) or not att[key]:
                errors.append(FieldError(f"attachments[{i}].{key}", "may not be empty"))
        try:
            content = base64.b64decode(str(att.get("data", "")), validate=True)
        except (binascii.Error, ValueError):
            errors.append(FieldError(f"attachments[{i}].data", "must be base64"))
            continue
        size = len(content)
        aid = store.new_id()
        store.attachment_files[aid] = content
        out.append(
            {
                "id": aid,
                "filename": att.get("fileName"),
                "mimeType": att.get("mimeType"),
                "size": size,
                "width": 0,
                "height": 0,
                "_links": {
                    "data": link(f"/attachments/{aid}/data"),
                    "web": {"href": f"{WEB_ROOT}/attachment/{aid}"},
                },
            }
        )
    return out


def build_thread(
    state: State,
    kind: str,
    body: JSON,
    *,
    conv_status: str,
    assignee: JSON | None,
    customer: JSON | None,
    user_id: int | None,
    now: str,
    errors: list[FieldError],
    prefix: str = "",
) -> JSON:
    """One thread as the threads list shows it; appends problems to ``errors``."""
    store = state.store
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        errors.append(FieldError(f"{prefix}text", "may not be empty"))
    attachments = attachment_records(store, body.get("attachments"), errors)
    user = store.users.get(user_id if user_id is not None else store.me_user_id)
    by_customer = kind in ("customer", "chat")
    thread: JSON = {
        "id": store.new_id(),
        "type": kind,
        "status": conv_status if kind != "note" else "nochange",
        "state": "draft" if body.get("draft") else "published",
        "body": text,
        "source": {"type": _SOURCE[kind], "via": "customer" if by_customer else "user"},
    }
    if customer is not None:
        ref = customer_ref(customer, with_type=False)
        thread["customer"] = ref
    if by_customer and customer is not None:
        thread["createdBy"] = customer_ref(customer)
        created_link = {"createdByCustomer": link(f"/customers/{customer['id']}")}
    elif user is not None:
        thread["createdBy"] = user_ref(user)
        created_link = {"createdByUser": link(f"/users/{user['id']}")}
    else:
        created_link = {}
    if assignee:
        thread["assignedTo"] = assignee
    thread["savedReplyId"] = 0
    for key in ("to", "cc", "bcc"):
        value = body.get(key) or []
        thread[key] = [str(v) for v in value] if isinstance(value, list) else []
    thread["createdAt"] = now
    thread["_embedded"] = {"attachments": attachments}
    thread["_links"] = created_link
    return thread


async def list_threads(request: web.Request) -> web.Response:
    """``GET /conversations/{id}/threads``: 50 threads a page, newest first."""
    state = state_of(request)
    cid = path_id(request)
    load_conversation(state, cid, follow_merge="/threads")
    number, explicit = page_number(request.query)
    size = row_of(request).page_size or 50

    def build() -> bytes:
        threads = state.store.get_threads(cid)
        chunk = threads[(number - 1) * size : number * size]
        body = page_body(
            "threads",
            chunk,
            href=f"{API_ROOT}/conversations/{cid}/threads",
            number=number,
            size=size,
            total=len(threads),
            with_self_page=explicit,
        )
        return rebase(state, dumps(body))

    return hal_bytes(state.cache.page("conversations", ("threads", cid, number, explicit), build))


def _customer_of(
    state: State, body: JSON, errors: list[FieldError], *, need_id: bool
) -> JSON | None:
    raw = body.get("customer")
    if not isinstance(raw, dict):
        errors.append(FieldError("customer", "may not be null"))
        return None
    if "id" in raw:
        customer = state.store.customers.get(raw["id"]) if isinstance(raw["id"], int) else None
        if customer is None:
            errors.append(rejected("customer.id", "Customer not found", raw["id"]))
        return customer
    if need_id:
        errors.append(FieldError("customer.id", "may not be null"))
        return None
    email = raw.get("email")
    if isinstance(email, str) and email:
        customer = find_customer_by_email(state.store, email)
        if customer is None:
            errors.append(rejected("customer.email", "Customer not found", email))
        return customer
    errors.append(FieldError("customer", "must have an id or an email"))
    return None


def _user_of(state: State, body: JSON, key: str, errors: list[FieldError]) -> int | None:
    raw = body.get(key)
    if raw is None:
        return None
    if not isinstance(raw, int) or raw not in state.store.users:
        errors.append(rejected(key, "User not found", raw))
        return None
    return raw


def _thread_route(kind: str, *, customer: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A handler creating a ``kind`` thread; ``customer`` is required/id/optional."""

    async def handler(request: web.Request) -> web.Response:
        state = state_of(request)
        cid = path_id(request)
        conv = load_conversation(state, cid)
        body = await read_object(request)
        errors: list[FieldError] = []
        cust: JSON | None = None
        if customer != "optional" or "customer" in body:
            cust = _customer_of(state, body, errors, need_id=customer == "id")
        user_id = _user_of(state, body, "user", errors)
        assign_to = _user_of(state, body, "assignTo", errors)
        status = body.get("status")
        if status is not None and status not in THREAD_STATUSES:
            allowed = ", ".join(f"'{s}'" for s in THREAD_STATUSES)
            errors.append(rejected("status", f"Expected one of these: {allowed}", status))
            status = None
        if kind == "customer":
            status = status or "active"
        now = now_iso()
        assignee = conv.get("assignee")
        if assign_to is not None:
            assignee = user_ref(state.store.users[assign_to])
        thread = build_thread(
            state,
            kind,
            body,
            conv_status=status or str(conv.get("status", "active")),
            assignee=assignee,
            customer=cust,
            user_id=user_id,
            now=now,
            errors=errors,
        )
        if errors:
            raise bad_request(*errors)  # before any change: a refused request changes nothing
        if assignee is not None:
            conv["assignee"] = assignee
        threads = state.store.materialize_threads(cid)
        threads.insert(0, thread)
        if thread["state"] == "published":
            conv["threads"] = int(conv.get("threads", 0)) + 1
            conv["preview"] = str(thread.get("body") or "")[:185]
        if status is not None:
            conv["status"] = status
        if kind == "customer":
            conv["customerWaitingSince"] = {
                "time": now,
                "friendly": "just now",
                "latestReplyFrom": "customer",
            }
        touch_conversation(state, conv, by_user=kind != "customer")
        return created(state, f"/conversations/{cid}/threads/{thread['id']}", thread["id"])

    return handler


create_reply = _thread_route("reply", customer="id")
create_note = _thread_route("note", customer="optional")
create_customer_thread = _thread_route("customer", customer="required")
create_chat = _thread_route("chat", customer="required")
create_phone = _thread_route("phone", customer="required")
