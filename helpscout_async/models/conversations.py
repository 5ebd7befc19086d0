"""Conversations: the tickets of a mailbox, with their tags, custom fields and threads."""

from datetime import datetime

import attrs

from ._base import OpenEnum, api_key, embedded
from .common import CustomField, Person, Snooze, Source
from .threads import Thread

__all__ = [
    "Conversation",
    "ConversationState",
    "ConversationStatus",
    "ConversationTag",
    "ConversationType",
    "CustomerWaitingSince",
    "NextEvent",
]


class ConversationStatus(OpenEnum):
    """Status of a conversation (the list filter also takes ``all``, which is not a status)."""

    ACTIVE = "active"
    PENDING = "pending"
    CLOSED = "closed"
    SPAM = "spam"
    OPEN = "open"


class ConversationType(OpenEnum):
    """Channel of a conversation."""

    EMAIL = "email"
    CHAT = "chat"
    PHONE = "phone"


class ConversationState(OpenEnum):
    """Lifecycle state of a conversation."""

    DRAFT = "draft"
    PUBLISHED = "published"
    DELETED = "deleted"


@attrs.frozen(kw_only=True)
class ConversationTag:
    """A tag as a conversation carries it (``tag`` is the name); see ``Tag`` for the full one."""

    id: int | None = None
    color: str | None = None
    tag: str | None = None


@attrs.frozen(kw_only=True)
class CustomerWaitingSince:
    """Since when the customer waits; ``friendly`` is Help Scout's text ("20 hours ago")."""

    time: datetime | None = None
    friendly: str | None = None
    latest_reply_from: str | None = None


@attrs.frozen(kw_only=True)
class NextEvent:
    """The next scheduled event of a conversation (``event_type``: snooze or scheduled)."""

    time: datetime | None = None
    event_type: str | None = None
    user_id: int | None = None
    cancel_on_customer_reply: bool | None = None


@attrs.frozen(kw_only=True)
class Conversation:
    """A conversation as Get Conversation and List Conversations return it.

    ``thread_count`` is the API's ``threads`` number; ``threads`` holds the thread objects of
    ``_embedded.threads`` and is ``None`` unless they were requested with ``embed=threads``.
    ``closed_by`` is a bare user id, ``closed_by_user`` the full person.
    """

    id: int
    number: int | None = None
    thread_count: int | None = attrs.field(default=None, metadata=api_key("threads"))
    type: ConversationType | None = None
    folder_id: int | None = None
    status: ConversationStatus | None = None
    state: ConversationState | None = None
    subject: str | None = None
    preview: str | None = None
    mailbox_id: int | None = None
    assignee: Person | None = None
    created_by: Person | None = None
    created_at: datetime | None = None
    closed_by: int | None = None
    closed_by_user: Person | None = None
    closed_at: datetime | None = None
    user_updated_at: datetime | None = None
    modified_at: datetime | None = None
    customer_waiting_since: CustomerWaitingSince | None = None
    source: Source | None = None
    tags: tuple[ConversationTag, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    primary_customer: Person | None = None
    snooze: Snooze | None = None
    next_event: NextEvent | None = None
    custom_fields: tuple[CustomField, ...] = ()
    threads: tuple[Thread, ...] | None = attrs.field(
        default=None, metadata=embedded("threads", top_level=False)
    )
