"""The Chat API: its profile and its operations (live Beacon chats).

Checked against https://developer.helpscout.com/chat/ and its endpoint pages. The
current API lives under ``/v2/chats`` on the Mailbox API's host, with the same OAuth2
bearer token and the same account budget (the older references, the PHP SDK among
them, show ``/chat/v1/{chatId}``). Chat, event, message and note ids are UUID strings;
timestamps carry microseconds.

Every write is a ``PUT`` that answers ``200`` with the chat, in Get Chat's shape. Two
writes name their own new record: Add Message and Add Note put to
``.../messages/{messageId}`` and ``.../notes/{noteId}`` with a UUID the caller chooses,
and a repeat of the same UUID answers ``422 id value is already in use`` instead of
posting twice. Their retry class is ``client-key``: retried after a timeout or a lost
answer like an idempotent write, and a ``422`` after an attempt that may have applied
means the first one did. Writes to an ended chat answer ``404``, so End Chat treats a
``404`` after a possibly-applied attempt as done (``gone_is_done``), like a DELETE.
Accept, Assign, Unassign and Update Tags change nothing when repeated.
"""

from __future__ import annotations

from functools import partial

from ._row import Operation, Profile, row

CHAT = Profile(
    name="chat",
    base_url="https://api.helpscout.net/v2",
    prefixes=("/v2",),
    auth="bearer",
    token_path="/v2/oauth2/token",
    limit_header="X-RateLimit-Limit-Minute",
    remaining_header="X-RateLimit-Remaining-Minute",
    reset_header=None,
    retry_after_headers=("X-RateLimit-Retry-After", "Retry-After"),
    per_window=200,
    window=60.0,
    write_weight=2,
    error_shape="hal",
    id_type="uuid",
    doc_root="https://developer.helpscout.com/chat/endpoints/",
)

END_STATUSES: tuple[str, ...] = ("closed", "active", "pending")
"""What End Chat files the resulting conversation under (``status``, required)."""

EVENTS_PAGE_SIZE = 25
"""Get Chat Events: events per page unless ``pageSize`` says otherwise."""

_c = partial(row, "chat")
_OK = frozenset({200})
_CHAT = "/v2/chats/{chat_id}"

# fmt: off
OPERATIONS: tuple[Operation, ...] = (
    _c("chats.get", "GET", _CHAT, "get/", model="LiveChat"),
    _c("chats.events", "GET", f"{_CHAT}/events", "events/", page="hal", key="events",
       page_size=EVENTS_PAGE_SIZE, model="ChatEvent"),
    _c("chats.accept", "PUT", f"{_CHAT}/accept", "accept/", ok=_OK, model="LiveChat"),
    _c("chats.add_message", "PUT", f"{_CHAT}/messages/{{message_id}}", "messages/", ok=_OK,
       retry="client-key", model="LiveChat"),
    _c("chats.add_note", "PUT", f"{_CHAT}/notes/{{note_id}}", "notes/", ok=_OK,
       retry="client-key", model="LiveChat"),
    _c("chats.assign", "PUT", f"{_CHAT}/assign", "assign/", ok=_OK, model="LiveChat"),
    _c("chats.unassign", "PUT", f"{_CHAT}/unassign", "unassign/", ok=_OK, model="LiveChat"),
    _c("chats.update_tags", "PUT", f"{_CHAT}/tags", "tags/", ok=_OK, model="LiveChat"),
    _c("chats.end", "PUT", f"{_CHAT}/end", "end/", ok=_OK, gone_is_done=True,
       model="LiveChat"),
)
# fmt: on
