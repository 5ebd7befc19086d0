"""Users (the team members): list, get, and the authenticated user."""

from __future__ import annotations

from .. import _validate as check
from ..models import User
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
