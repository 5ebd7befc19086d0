"""Mailboxes (inboxes): list, get, and each mailbox's folders and custom fields."""

from __future__ import annotations

from ..models import Folder, Mailbox, MailboxField
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
