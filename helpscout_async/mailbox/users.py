"""Users (the team members): list, get, create, delete, the authenticated user, each
user's status and conversation-reassignment setting."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import _validate as check
from .._api.mailbox_account import USER_CREATE_ROLES, USER_NAME_MAX, USER_STATUSES
from ..models import ReassignmentConfig, User, UserStatus
from ..pagination import Stream
from ._base import Resource


class Users(Resource):
    """``client.users``: the account's users."""

    def list(
        self,
        *,
        mailbox: int | None = None,
        email: str | None = None,
        concurrency: int | None = None,
    ) -> Stream[User]:
        """Users, optionally only those of a mailbox or with an email (without await).

        Args:
            mailbox: only users with access to this mailbox.
            email: only the user with this email address.
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``User``; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: a bad argument (at once).
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        params = {
            "mailbox": check.optional_id("mailbox", mailbox),
            "email": None if email is None else check.email("email", email),
        }
        return self._stream("users.list", User, params, concurrency=concurrency)

    async def get(self, user_id: int) -> User:
        """One user.

        Args:
            user_id: the user's id.

        Returns:
            The ``User``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such user.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("users.get", User, user_id=user_id)

    async def me(self) -> User:
        """The user the credentials act as (the resource owner).

        Returns:
            The ``User``.

        Raises:
            Unauthorized: the credentials are not accepted.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("users.me", User)

    async def create(
        self,
        first_name: str,
        last_name: str,
        email: str,
        role: str,
        *,
        timezone: str | None = None,
        job_title: str | None = None,
        phone: str | None = None,
        send_invite: bool = True,
        mailboxes: Iterable[int] | None = None,
    ) -> int:
        """Create a user (Administrators and Account Owners only); an invite is emailed.

        A POST: not re-sent when it may have reached the server.

        Args:
            first_name: at most 40 characters.
            last_name: at most 40 characters.
            email: the user's email address.
            role: admin, user or light user (owner cannot be given).
            timezone: e.g. ``America/New_York`` (default: the account's).
            job_title: the user's job title.
            phone: the user's phone number.
            send_invite: email the welcome/invite message (the API's default).
            mailboxes: ids of inboxes the user gets email access to.

        Returns:
            The new user's id.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the credentials' user may not create users.
            ValidationError: the API refused a field (e.g. the email is taken).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body: dict[str, Any] = {
            "firstName": check.short_text("first_name", first_name, USER_NAME_MAX),
            "lastName": check.short_text("last_name", last_name, USER_NAME_MAX),
            "email": check.email("email", email),
            "role": check.one_of("role", role, USER_CREATE_ROLES),
        }
        extra = {"timezone": timezone, "jobTitle": job_title, "phone": phone}
        names = {"timezone": "timezone", "jobTitle": "job_title", "phone": "phone"}
        for key, value in extra.items():
            if value is not None:
                body[key] = check.text(names[key], value)
        body["sendInvite"] = check.flag("send_invite", send_invite)
        if mailboxes is not None:
            body["mailboxes"] = [
                {"id": check.positive_id("mailboxes", m), "emailAccess": True} for m in mailboxes
            ]
        return await self._create("users.create", body)

    async def delete(self, user_id: int) -> None:
        """Delete a user (Administrators and Account Owners only).

        Args:
            user_id: the user's id.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such user.
            APIError, TransportError: the API refused (e.g. the account owner), or failed.
        """
        await self._send("users.delete", user_id=user_id)

    def statuses(self, *, concurrency: int | None = None) -> Stream[UserStatus]:
        """Every user's email and chat status (returned without await).

        Args:
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``UserStatus``.

        Raises:
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        return self._stream("users.statuses", UserStatus, concurrency=concurrency)

    async def status(self, user_id: int) -> UserStatus:
        """One user's email and chat status.

        Args:
            user_id: the user's id.

        Returns:
            The ``UserStatus``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such user.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("users.status", UserStatus, user_id=user_id)

    async def set_status(
        self,
        user_id: int,
        status: str,
        *,
        custom_text: str | None = None,
        emoji: str | None = None,
        emoji_name: str | None = None,
    ) -> None:
        """Set a user's email status, optionally with a custom status.

        Administrators and Account Owners may set other users' status.

        Args:
            user_id: the user's id.
            status: active or away.
            custom_text: a custom status text (``On a coffee break``).
            emoji: the custom status's emoji; only with ``custom_text``.
            emoji_name: the emoji's name (``:coffee:``); only with ``custom_text``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such user.
            Forbidden: the credentials' user may not set this user's status.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body: dict[str, Any] = {"status": check.one_of("status", status, USER_STATUSES)}
        if custom_text is None:
            if emoji is not None or emoji_name is not None:
                raise ValueError("emoji and emoji_name need a custom_text")
        else:
            custom: dict[str, Any] = {"text": check.text("custom_text", custom_text)}
            if emoji is not None:
                custom["emoji"] = check.text("emoji", emoji)
            if emoji_name is not None:
                custom["emojiName"] = check.text("emoji_name", emoji_name)
            body["customStatus"] = custom
        await self._send("users.set_status", body, user_id=user_id)

    async def reassignment(self, user_id: int) -> ReassignmentConfig:
        """Whether a user's conversations are reassigned while they are away, and when.

        Args:
            user_id: the user's id.

        Returns:
            The ``ReassignmentConfig``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such user.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("users.reassignment", ReassignmentConfig, user_id=user_id)

    async def update_reassignment(
        self, user_id: int, *, enabled: bool, hours: int, minutes: int
    ) -> None:
        """Turn automatic reassignment on or off, and set the away time that triggers it.

        Args:
            user_id: the user's id.
            enabled: reassign the user's conversations while they are away.
            hours: hours away before reassignment (0 or more).
            minutes: and minutes (0 to 59).

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such user.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body = {
            "enabled": check.flag("enabled", enabled),
            "awayDuration": {
                "hours": check.bounded_int("hours", hours, 0),
                "minutes": check.bounded_int("minutes", minutes, 0, 59),
            },
        }
        await self._send("users.update_reassignment", body, user_id=user_id)
