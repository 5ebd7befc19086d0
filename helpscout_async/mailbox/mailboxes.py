"""Mailboxes (inboxes): list, get, each mailbox's folders and custom fields, and routing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import _validate as check
from .._api.mailbox_account import ROUTING_STATES
from ..models import Folder, Mailbox, MailboxField, RoutingConfig
from ..pagination import Stream
from ._base import Resource


class Mailboxes(Resource):
    """``client.mailboxes``: the account's inboxes."""

    def list(self, *, concurrency: int | None = None) -> Stream[Mailbox]:
        """Every mailbox the user can see (returned without await).

        Args:
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Mailbox``; nothing is fetched until it is iterated.

        Raises:
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        return self._stream("mailboxes.list", Mailbox, concurrency=concurrency)

    async def get(self, mailbox_id: int) -> Mailbox:
        """One mailbox.

        Args:
            mailbox_id: the mailbox's id.

        Returns:
            The ``Mailbox``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such mailbox.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("mailboxes.get", Mailbox, mailbox_id=mailbox_id)

    def folders(self, mailbox_id: int) -> Stream[Folder]:
        """The mailbox's folders, with their counts (returned without await).

        Args:
            mailbox_id: the mailbox's id.

        Returns:
            A ``Stream`` of ``Folder``.

        Raises:
            TypeError, ValueError: a bad id (at once).
            APIError: when iterated, e.g. ``NotFound`` for an unknown mailbox.
        """
        return self._stream("mailboxes.folders", Folder, mailbox_id=mailbox_id)

    def fields(self, mailbox_id: int) -> Stream[MailboxField]:
        """The mailbox's custom fields, with their dropdown options (returned without await).

        Args:
            mailbox_id: the mailbox's id.

        Returns:
            A ``Stream`` of ``MailboxField``.

        Raises:
            TypeError, ValueError: a bad id (at once).
            APIError: when iterated, e.g. ``NotFound`` for an unknown mailbox.
        """
        return self._stream("mailboxes.fields", MailboxField, mailbox_id=mailbox_id)

    async def routing(self, mailbox_id: int) -> RoutingConfig:
        """How new conversations of the mailbox are assigned, with the current rotation.

        Args:
            mailbox_id: the mailbox's id.

        Returns:
            The ``RoutingConfig``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such mailbox.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("mailboxes.routing", RoutingConfig, mailbox_id=mailbox_id)

    async def update_routing(
        self,
        mailbox_id: int,
        *,
        state: str,
        assignment_method: str | None = None,
        assignment_limit: int | None = None,
        user_ids: Iterable[int] | None = None,
    ) -> None:
        """Turn routing on or off, and set how and to whom it assigns.

        Args:
            mailbox_id: the mailbox's id.
            state: enabled or disabled.
            assignment_method: e.g. round_robin.
            assignment_limit: open conversations a user may hold before being skipped.
            user_ids: the users in the rotation (users of the mailbox).

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such mailbox.
            ValidationError: the API refused a field (e.g. a user without access).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body: dict[str, Any] = {"state": check.one_of("state", state, ROUTING_STATES)}
        if assignment_limit is not None:
            body["assignmentLimit"] = check.bounded_int("assignment_limit", assignment_limit, 1)
        if assignment_method is not None:
            body["assignmentMethod"] = check.text("assignment_method", assignment_method)
        if user_ids is not None:
            body["userIds"] = [check.positive_id("user_ids", u) for u in user_ids]
        await self._send("mailboxes.update_routing", body, mailbox_id=mailbox_id)
