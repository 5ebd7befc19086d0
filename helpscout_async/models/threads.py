"""Threads: the messages, notes and line items of a conversation."""

from datetime import datetime

import attrs

from ._base import OpenEnum, embedded
from .attachments import ThreadAttachment
from .common import JSONObject, Person, Source

__all__ = [
    "Thread",
    "ThreadAction",
    "ThreadOriginalSource",
    "ThreadState",
    "ThreadStatus",
    "ThreadType",
]


class ThreadType(OpenEnum):
    """Kind of thread; forwardparent/forwardchild mark the two ends of a forward."""

    CUSTOMER = "customer"
    MESSAGE = "message"
    REPLY = "reply"
    NOTE = "note"
    CHAT = "chat"
    PHONE = "phone"
    LINEITEM = "lineitem"
    FORWARDPARENT = "forwardparent"
    FORWARDCHILD = "forwardchild"
    BEACONCHAT = "beaconchat"


class ThreadStatus(OpenEnum):
    """Conversation status set by the thread; ``nochange`` when it changed nothing."""

    ACTIVE = "active"
    CLOSED = "closed"
    NOCHANGE = "nochange"
    PENDING = "pending"
    SPAM = "spam"


class ThreadState(OpenEnum):
    """Publication state of a thread (``review``/``underreview``: held by collision detection)."""

    DRAFT = "draft"
    HIDDEN = "hidden"
    PUBLISHED = "published"
    REVIEW = "review"
    UNDERREVIEW = "underreview"


@attrs.frozen(kw_only=True)
class ThreadOriginalSource:
    """Get Thread Original Source as JSON: the message as received (``original``)."""

    original: str | None = None


@attrs.frozen(kw_only=True)
class ThreadAction:
    """What a line item did (e.g. a workflow run); ``associated_entities`` holds related ids.

    ``associated_entities`` is kept as the raw JSON object (an empty list in some payloads
    becomes an empty mapping); it is left out of the hash because it is a mapping.
    """

    type: str | None = None
    text: str | None = None
    associated_entities: JSONObject | None = attrs.field(default=None, hash=False)


@attrs.frozen(kw_only=True)
class Thread:
    """One thread of a conversation, of any type.

    ``rating`` and ``scheduled`` are kept as raw JSON objects: Help Scout documents them but
    publishes no example of their shape. Attachments come from ``_embedded.attachments``.
    ``imported`` is true for a thread brought in by an import rather than sent through Help
    Scout.
    """

    id: int
    type: ThreadType | None = None
    status: ThreadStatus | None = None
    state: ThreadState | None = None
    action: ThreadAction | None = None
    body: str | None = None
    source: Source | None = None
    customer: Person | None = None
    created_by: Person | None = None
    assigned_to: Person | None = None
    saved_reply_id: int | None = None
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    created_at: datetime | None = None
    opened_at: datetime | None = None
    linked_conversation_id: int | None = None
    imported: bool | None = None
    rating: JSONObject | None = attrs.field(default=None, hash=False)
    scheduled: JSONObject | None = attrs.field(default=None, hash=False)
    attachments: tuple[ThreadAttachment, ...] = attrs.field(
        default=(), metadata=embedded("attachments")
    )
