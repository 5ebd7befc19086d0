"""Mailboxes (inboxes), their folders and their custom field definitions."""

from datetime import datetime

import attrs

from ._base import OpenEnum

__all__ = [
    "FieldOption",
    "Folder",
    "Mailbox",
    "MailboxField",
    "MailboxFieldType",
]


class MailboxFieldType(OpenEnum):
    """Kind of a mailbox custom field."""

    SINGLELINE = "singleline"
    MULTILINE = "multiline"
    DROPDOWN = "dropdown"
    DATE = "date"
    NUMBER = "number"


@attrs.frozen(kw_only=True)
class Mailbox:
    """A mailbox (called inbox in Help Scout's newer docs)."""

    id: int
    name: str | None = None
    slug: str | None = None
    email: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True)
class Folder:
    """A folder of a mailbox; ``type`` is e.g. mytickets, open, closed, spam, team."""

    id: int
    name: str | None = None
    type: str | None = None
    user_id: int | None = None
    total_count: int | None = None
    active_count: int | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True)
class FieldOption:
    """One choice of a dropdown custom field."""

    id: int | None = None
    order: int | None = None
    label: str | None = None


@attrs.frozen(kw_only=True)
class MailboxField:
    """A custom field defined on a mailbox."""

    id: int
    name: str | None = None
    type: MailboxFieldType | None = None
    order: int | None = None
    required: bool | None = None
    options: tuple[FieldOption, ...] = ()
