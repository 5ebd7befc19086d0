"""Users (agents, including system users such as AI agents) and teams."""

from datetime import datetime

import attrs

from ._base import OpenEnum


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
