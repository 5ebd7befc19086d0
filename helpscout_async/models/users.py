"""Users (agents, including system users such as AI agents), teams and user statuses.

System users (``GET /v3/system-users``) are ``User`` records of ``type`` ``system_user``.
"""

from collections.abc import Mapping
from datetime import datetime

import attrs

from ._base import OpenEnum

__all__ = [
    "AwayDuration",
    "CustomStatus",
    "ReassignmentConfig",
    "Team",
    "User",
    "UserChatStatus",
    "UserEmailStatus",
    "UserRole",
    "UserStatus",
    "UserType",
]


class UserRole(OpenEnum):
    """Account role of a user."""

    OWNER = "owner"
    ADMIN = "admin"
    USER = "user"


class UserType(OpenEnum):
    """Kind of user record."""

    USER = "user"
    TEAM = "team"
    SYSTEM_USER = "system_user"


@attrs.frozen(kw_only=True)
class User:
    """A user of the account (Get User, Get Resource Owner, List Users, team members)."""

    id: int
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    role: UserRole | None = None
    timezone: str | None = None
    photo_url: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    type: UserType | None = None
    mention: str | None = None
    initials: str | None = None
    job_title: str | None = None
    phone: str | None = None
    alternate_emails: tuple[str, ...] = ()
    company_id: int | None = None


@attrs.frozen(kw_only=True)
class Team:
    """A team of users."""

    id: int
    name: str | None = None
    timezone: str | None = None
    photo_url: str | None = None
    mention: str | None = None
    initials: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True)
class CustomStatus:
    """A user's custom status line (``emoji`` as the character, ``emoji_name`` as ``:coffee:``)."""

    text: str | None = None
    emoji: str | None = None
    emoji_name: str | None = None


@attrs.frozen(kw_only=True)
class UserEmailStatus:
    """A user's email availability: ``status`` (e.g. active, away), since when, set by whom.

    ``performed_by`` is the id of the user who set it; ``source`` is e.g. ``api`` or ``ui``.
    """

    status: str | None = None
    updated_at: datetime | None = None
    performed_by: int | None = None
    source: str | None = None
    custom_status: CustomStatus | None = None


@attrs.frozen(kw_only=True)
class UserChatStatus:
    """A user's chat availability; ``custom`` means per mailbox, in ``mailbox_statuses``.

    ``mailbox_statuses`` maps a mailbox id (a string key, as sent) to e.g. ``assign`` or
    ``unavailable``; it is left out of the hash because it is a mapping.
    """

    status: str | None = None
    mailbox_statuses: Mapping[str, str] | None = attrs.field(default=None, hash=False)


@attrs.frozen(kw_only=True)
class UserStatus:
    """Get User Status / List Users Statuses: email and chat availability of one user."""

    user_id: int
    email: UserEmailStatus | None = None
    chat: UserChatStatus | None = None


@attrs.frozen(kw_only=True)
class AwayDuration:
    """How long a user must be away before their conversations are reassigned."""

    hours: int | None = None
    minutes: int | None = None


@attrs.frozen(kw_only=True)
class ReassignmentConfig:
    """A user's automatic conversation reassignment (Get/Update Conversation Reassignment)."""

    enabled: bool | None = None
    away_duration: AwayDuration | None = None
