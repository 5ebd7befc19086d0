"""The Chat API: Beacon chats and their events.

Unlike the Mailbox API, chat and event ids are UUID strings and timestamps carry
microseconds. The same person is ``agent`` as a chat's assignee and ``user`` as an event's
author (both are ``Person``). A ``line_item`` event (e.g. ``chat-accepted``) has no body.

The chat model is ``LiveChat``, not ``Chat``: ``Chat`` was a customer's chat handle (now
``ChatHandle``) and stays a deprecated alias of it for one release.
"""

from datetime import datetime

import attrs

from ._base import OpenEnum, embedded
from .common import JSONObject, Person

__all__ = [
    "ChatCustomField",
    "ChatEvent",
    "ChatEventType",
    "ChatTag",
    "ChatTimelineEntry",
    "LiveChat",
]


class ChatEventType(OpenEnum):
    """Kind of chat event: a message, a note, or a line item (a change of the chat)."""

    MESSAGE = "message"
    NOTE = "note"
    LINE_ITEM = "line_item"


@attrs.frozen(kw_only=True)
class ChatTag:
    """A tag of a chat (``id`` may be ``null`` for a tag not saved yet)."""

    id: int | None = None
    slug: str | None = None
    color: str | None = None


@attrs.frozen(kw_only=True)
class ChatCustomField:
    """A custom field value of a chat."""

    id: int | None = None
    value: str | None = None


@attrs.frozen(kw_only=True)
class ChatTimelineEntry:
    """What the visitor did before and during the chat (``type`` e.g. ``page-viewed``)."""

    type: str | None = None
    timestamp: datetime | None = None
    url: str | None = None
    title: str | None = None


@attrs.frozen(kw_only=True)
class ChatEvent:
    """One event of a chat (List Events, or ``_embedded.events`` of Get Chat).

    ``action`` is e.g. ``message-added`` or ``chat-accepted``; ``params`` is kept as sent.
    """

    id: str
    chat_id: str | None = None
    type: ChatEventType | None = None
    action: str | None = None
    author: Person | None = None
    created_at: datetime | None = None
    body: str | None = None
    params: JSONObject | None = attrs.field(default=None, hash=False)


@attrs.frozen(kw_only=True)
class LiveChat:
    """A Beacon chat (Get Chat, and the answer of every Chat API write).

    ``events`` holds ``_embedded.events`` and is ``None`` when the response had none.
    ``ended_at`` is set once the chat has ended (End Chat); writes to it then answer 404.
    """

    id: str
    beacon_id: str | None = None
    mailbox_id: int | None = None
    status: str | None = None
    created_at: datetime | None = None
    ended_at: datetime | None = None
    assignee: Person | None = None
    customer: Person | None = None
    preview: str | None = None
    custom_fields: tuple[ChatCustomField, ...] = ()
    tags: tuple[ChatTag, ...] = ()
    timeline: tuple[ChatTimelineEntry, ...] = ()
    events: tuple[ChatEvent, ...] | None = attrs.field(
        default=None, metadata=embedded("events", top_level=False)
    )
