"""The Chat API's routes: get a live chat and its events, and the writes on it.

As documented (https://developer.helpscout.com/chat/): every write is a ``PUT``
answering ``200`` with the chat in Get Chat's shape; Add Message and Add Note name
the new event with the caller's UUID and answer ``422 id value is already in use``
for one seen before (so a retry never posts twice); only the assignee may message
(an unassigned chat is accepted on the way, one held by another user is a ``400``);
writes to an ended chat are ``404`` while Get Chat still reads it, with ``endedAt``.
Repeating Accept, Assign, Unassign or Update Tags with what the chat already has
changes nothing and records nothing. The caller is ``store.me_user_id``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from aiohttp import web

from ._common import (
    JSON,
    bad_request,
    hal,
    hal_bytes,
    not_found,
    page_number,
    query_int,
    read_object,
    rebase,
    state_of,
)
from ._hal import ApiError, dumps, page_bytes, rejected
from ._seed_chats import event, person, stamp
from ._state import State

_ROOT = "https://api.helpscout.net/v2"
_END_STATUSES = ("closed", "active", "pending")
_MAX_PAGE_SIZE = 100
_DEFAULT_PAGE_SIZE = 25


def _now() -> datetime:
    return datetime.now(UTC)


def _chat(state: State, request: web.Request, *, writable: bool) -> JSON:
    """The chat of the path; 404 if unknown (or, for a write, ended)."""
    chat = state.store.chats.get(request.match_info["chat_id"].lower())
    if chat is None or (writable and "endedAt" in chat):
        raise not_found()
    return chat


def _view(state: State, chat: JSON) -> JSON:
    """The chat as Get Chat (and every write) answers: events embedded, links."""
    cid = chat["id"]
    return {
        **chat,
        "_embedded": {"events": state.store.chat_events.get(cid, [])},
        "_links": {"self": {"href": f"{_ROOT}/chats/{cid}"}},
    }


def _answer(state: State, chat: JSON) -> web.Response:
    return hal(state, _view(state, chat))


def _me(state: State) -> JSON:
    user = state.store.users.get(state.store.me_user_id)
    if user is None:
        raise ApiError(403, "The caller cannot use chat")
    return user


def _record(
    state: State,
    chat: JSON,
    kind: str,
    action: str,
    body: str | None = None,
    event_id: str | None = None,
) -> None:
    """Append one event by the caller to the chat."""
    cid = chat["id"]
    eid = event_id or str(uuid.uuid4())
    author = person(_me(state), "user")
    state.store.chat_events.setdefault(cid, []).append(
        event(cid, eid, kind, action, author, _now(), body)
    )
    state.store.touch()


def _assignee_id(chat: JSON) -> int | None:
    assignee = chat.get("assignee")
    return assignee.get("id") if isinstance(assignee, dict) else None


def _assign(state: State, chat: JSON, user: JSON, action: str) -> None:
    chat["assignee"] = person(user, "agent")
    _record(state, chat, "line_item", action)


async def get_chat(request: web.Request) -> web.Response:
    """``GET /v2/chats/{chatId}``."""
    state = state_of(request)
    return _answer(state, _chat(state, request, writable=False))


async def list_events(request: web.Request) -> web.Response:
    """``GET /v2/chats/{chatId}/events?page=&pageSize=``: oldest first, HAL pages."""
    state = state_of(request)
    chat = _chat(state, request, writable=False)
    number, explicit = page_number(request.query)
    size = query_int(request.query, "pageSize")
    size = _DEFAULT_PAGE_SIZE if size is None else size
    if not 1 <= size <= _MAX_PAGE_SIZE:
        raise bad_request(rejected("pageSize", f"must be 1 to {_MAX_PAGE_SIZE}", size, "QUERY"))
    events = state.store.chat_events.get(chat["id"], [])
    chunk = events[(number - 1) * size : number * size]
    raw = page_bytes(
        "events",
        [dumps(e) for e in chunk],
        href=f"{_ROOT}/chats/{chat['id']}/events",
        number=number,
        size=size,
        total=len(events),
        with_self_page=explicit,
    )
    return hal_bytes(rebase(state, raw))


async def accept_chat(request: web.Request) -> web.Response:
    """``PUT /v2/chats/{chatId}/accept``: claim an unassigned chat for the caller."""
    state = state_of(request)
    chat = _chat(state, request, writable=True)
    me = _me(state)
    holder = _assignee_id(chat)
    if holder is not None and holder != me["id"]:
        raise bad_request(rejected("chatId", "The chat is assigned to another user", None))
    if holder is None:
        _assign(state, chat, me, "chat-accepted")
    return _answer(state, chat)


async def assign_chat(request: web.Request) -> web.Response:
    """``PUT /v2/chats/{chatId}/assign`` with ``{"assignedTo": userId}``."""
    state = state_of(request)
    chat = _chat(state, request, writable=True)
    body = await read_object(request)
    user_id = body.get("assignedTo")
    if isinstance(user_id, bool) or not isinstance(user_id, int):
        raise bad_request(rejected("assignedTo", "must be a user id", user_id))
    user = state.store.users.get(user_id)
    if user is None:
        raise bad_request(rejected("assignedTo", "No such user", user_id))
    if _assignee_id(chat) != user_id:
        _assign(state, chat, user, "chat-assigned")
    return _answer(state, chat)


async def unassign_chat(request: web.Request) -> web.Response:
    """``PUT /v2/chats/{chatId}/unassign``: back to the queue; the chat stays open."""
    state = state_of(request)
    chat = _chat(state, request, writable=True)
    if chat.pop("assignee", None) is not None:
        _record(state, chat, "line_item", "chat-unassigned")
    return _answer(state, chat)


async def update_tags(request: web.Request) -> web.Response:
    """``PUT /v2/chats/{chatId}/tags`` with the complete list of names (lowercased)."""
    state = state_of(request)
    chat = _chat(state, request, writable=True)
    tags = (await read_object(request)).get("tags")
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise bad_request(rejected("tags", "must be a list of tag names", tags))
    names = list(dict.fromkeys(t.strip().lower() for t in tags))
    if names != [t.get("slug") for t in chat.get("tags", [])]:
        known = {t.get("slug"): t for t in state.store.tags.values()}
        chat["tags"] = [
            {"id": known[n]["id"], "slug": n, "color": known[n].get("color")}
            if n in known
            else {"id": None, "slug": n, "color": "none"}
            for n in names
        ]
        _record(state, chat, "line_item", "tags-updated")
    return _answer(state, chat)


async def end_chat(request: web.Request) -> web.Response:
    """``PUT /v2/chats/{chatId}/end`` with ``{"status": closed|active|pending}``."""
    state = state_of(request)
    chat = _chat(state, request, writable=True)
    status = (await read_object(request)).get("status")
    if status not in _END_STATUSES:
        raise bad_request(rejected("status", "must be closed, active or pending", status))
    _record(state, chat, "line_item", "chat-ended")
    chat["endedAt"] = stamp(_now())
    chat["conversationStatus"] = status
    return _answer(state, chat)


def _in_use(state: State, event_id: str) -> bool:
    return any(e["id"] == event_id for events in state.store.chat_events.values() for e in events)


async def _post(request: web.Request, kind: str, key: str) -> web.Response:
    """Add Message / Add Note: the caller's UUID names the event; a repeat is a 422."""
    state = state_of(request)
    chat = _chat(state, request, writable=True)
    body = (await read_object(request)).get("body")
    if not isinstance(body, str) or not body.strip():
        raise bad_request(rejected("body", "may not be empty", body))
    event_id = request.match_info[key].lower()
    if _in_use(state, event_id):
        problem = rejected(key, "id value is already in use", event_id, "PATH")
        raise ApiError(422, "id value is already in use", [problem])
    if kind == "message":
        me = _me(state)
        holder = _assignee_id(chat)
        if holder is not None and holder != me["id"]:
            raise bad_request(rejected("chatId", "The chat is assigned to another user", None))
        if holder is None:
            _assign(state, chat, me, "chat-accepted")
    _record(state, chat, kind, f"{kind}-added", body, event_id)
    return _answer(state, chat)


async def add_message(request: web.Request) -> web.Response:
    """``PUT /v2/chats/{chatId}/messages/{messageId}``: the visitor sees it."""
    return await _post(request, "message", "message_id")


async def add_note(request: web.Request) -> web.Response:
    """``PUT /v2/chats/{chatId}/notes/{noteId}``: internal, no assignment needed."""
    return await _post(request, "note", "note_id")


CHAT_HANDLERS = {
    "chats.get": get_chat,
    "chats.events": list_events,
    "chats.accept": accept_chat,
    "chats.add_message": add_message,
    "chats.add_note": add_note,
    "chats.assign": assign_chat,
    "chats.unassign": unassign_chat,
    "chats.update_tags": update_tags,
    "chats.end": end_chat,
}
"""The handler of each Chat row, by the row's name."""
