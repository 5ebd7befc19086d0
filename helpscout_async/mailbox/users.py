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
        """Users, optionally only those of a mailbox or with an email (without await)."""
        params = {
            "mailbox": check.optional_id("mailbox", mailbox),
            "email": None if email is None else check.email("email", email),
        }
        return self._list("/users", "users", User, params, concurrency=concurrency)

    async def get(self, user_id: int) -> User:
        """One user."""
        check.positive_id("user_id", user_id)
        return await self._get(f"/users/{user_id}", User)

    async def me(self) -> User:
        """The user the credentials act as."""
        return await self._get("/users/me", User)
