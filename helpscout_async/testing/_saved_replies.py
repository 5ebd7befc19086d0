"""``/v2/mailboxes/{id}/saved-replies``: a mailbox's saved replies.

List answers a bare JSON array of ``{id, name, preview[, chatPreview]}`` and leaves
chat-only replies out unless ``includeChatReplies=true``; Get answers the full
``{id, name, text, chatText}``. Create needs a ``name``; ``text`` and ``chatText`` are
optional strings (PUT replaces them, a missing one is cleared).
"""

from __future__ import annotations

import json
import re

from aiohttp import web

from ._common import (
    bad_request,
    created,
    hal,
    no_content,
    not_found,
    path_id,
    query_bool,
    read_object,
    state_of,
)
from ._hal import FieldError, rejected
from ._state import State
from ._store import JSON

_TAG = re.compile(r"<[^>]+>")
_PREVIEW = 200


def _preview(html: str) -> str:
    text = " ".join(_TAG.sub(" ", html).replace("&nbsp;", " ").split())
    return text[:_PREVIEW]


def _replies(state: State, request: web.Request) -> tuple[int, dict[int, JSON]]:
    mid = path_id(request, "mailbox_id")
    if mid not in state.store.mailboxes:
        raise not_found()
    return mid, state.store.saved_replies.setdefault(mid, {})


def _reply(state: State, request: web.Request) -> JSON:
    _, replies = _replies(state, request)
    found = replies.get(path_id(request, "saved_reply_id"))
    if found is None:
        raise not_found()
    return found


def _fields(body: JSON) -> JSON:
    errors: list[FieldError] = []
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append(rejected("name", "may not be empty", name))
    out: JSON = {"name": name}
    for key in ("text", "chatText"):
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            errors.append(rejected(key, "must be a string", value))
        elif value is not None:
            out[key] = value
    if errors:
        raise bad_request(*errors)
    return out


async def list_saved_replies(request: web.Request) -> web.Response:
    """``GET /mailboxes/{id}/saved-replies[?includeChatReplies=true]``: a bare array."""
    state = state_of(request)
    _, replies = _replies(state, request)
    chat_too = query_bool(request.query, "includeChatReplies")
    items: list[JSON] = []
    for rid in sorted(replies):
        reply = replies[rid]
        if "text" not in reply and not chat_too:
            continue
        item: JSON = {"id": rid, "name": reply["name"], "preview": _preview(reply.get("text", ""))}
        if "chatText" in reply:
            item["chatPreview"] = _preview(reply["chatText"])
        items.append(item)
    raw = json.dumps(items, separators=(",", ":")).encode()
    return web.Response(body=raw, headers={"Content-Type": "application/hal+json;charset=UTF-8"})


async def create_saved_reply(request: web.Request) -> web.Response:
    """``POST /mailboxes/{id}/saved-replies``: 201 with ``Resource-ID``."""
    state = state_of(request)
    mid, replies = _replies(state, request)
    fields = _fields(await read_object(request))
    rid = state.store.new_id()
    replies[rid] = {"id": rid, **fields}
    return created(state, f"/mailboxes/{mid}/saved-replies/{rid}", rid)


async def get_saved_reply(request: web.Request) -> web.Response:
    """``GET /mailboxes/{id}/saved-replies/{saved_reply_id}``."""
    state = state_of(request)
    return hal(state, _reply(state, request))


async def put_saved_reply(request: web.Request) -> web.Response:
    """``PUT /mailboxes/{id}/saved-replies/{saved_reply_id}``: 204."""
    state = state_of(request)
    reply = _reply(state, request)
    fields = _fields(await read_object(request))
    reply.pop("text", None)
    reply.pop("chatText", None)
    reply.update(fields)
    return no_content()


async def delete_saved_reply(request: web.Request) -> web.Response:
    """``DELETE /mailboxes/{id}/saved-replies/{saved_reply_id}``: 204."""
    state = state_of(request)
    reply = _reply(state, request)
    _, replies = _replies(state, request)
    del replies[reply["id"]]
    return no_content()
