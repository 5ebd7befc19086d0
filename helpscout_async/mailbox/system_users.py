"""System users (Mailbox v3): non-human actors such as AI agents (``type: system_user``)."""

from __future__ import annotations

from ..models import User
from ..pagination import Stream
from ._base import Resource


class SystemUsers(Resource):
    """``client.system_users``: the account's system users (``/v3/system-users``)."""

    def list(self, *, concurrency: int | None = None) -> Stream[User]:
        """Every system user, 50 a page (returned without await).

        Args:
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``User`` whose ``type`` is ``UserType.SYSTEM_USER``.

        Raises:
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        return self._stream("system_users.list", User, concurrency=concurrency)

    async def get(self, system_user_id: int) -> User:
        """One system user.

        Args:
            system_user_id: the system user's id.

        Returns:
            The ``User`` (``type`` is ``UserType.SYSTEM_USER``).

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such system user.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("system_users.get", User, system_user_id=system_user_id)
