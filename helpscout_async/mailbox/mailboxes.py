"""Mailboxes (inboxes): list, get, and each mailbox's folders and custom fields."""

from __future__ import annotations

from .. import _validate as check
from ..models import Folder, Mailbox, MailboxField
from ..pagination import Stream
from ._base import Resource


class Mailboxes(Resource):
    """``client.mailboxes``: the account's inboxes."""

    def list(self, *, concurrency: int | None = None) -> Stream[Mailbox]:
        """Every mailbox the user can see (returned without await)."""
        return self._list("/mailboxes", "mailboxes", Mailbox, concurrency=concurrency)

    async def get(self, mailbox_id: int) -> Mailbox:
        """One mailbox."""
        check.positive_id("mailbox_id", mailbox_id)
        return await self._get(f"/mailboxes/{mailbox_id}", Mailbox)

    def folders(self, mailbox_id: int) -> Stream[Folder]:
        """The mailbox's folders, with their counts."""
        check.positive_id("mailbox_id", mailbox_id)
        return self._list(f"/mailboxes/{mailbox_id}/folders", "folders", Folder)

    def fields(self, mailbox_id: int) -> Stream[MailboxField]:
        """The mailbox's custom fields, with their dropdown options."""
        check.positive_id("mailbox_id", mailbox_id)
        return self._list(f"/mailboxes/{mailbox_id}/fields", "fields", MailboxField)
