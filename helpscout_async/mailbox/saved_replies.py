"""Saved replies: a mailbox's canned answers, with an email and a chat version."""

from __future__ import annotations

from typing import Any

from .. import _validate as check
from ..models import SavedReply
from ..pagination import Stream
from ._base import Resource


def _reply_body(name: str, text: str | None, chat_text: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"name": check.text("name", name)}
    if text is not None:
        body["text"] = check.text("text", text)
    if chat_text is not None:
        body["chatText"] = check.text("chat_text", chat_text)
    return body


class SavedReplies(Resource):
    """``client.saved_replies``: the saved replies of each mailbox."""

    def list(self, mailbox_id: int, *, include_chat: bool = False) -> Stream[SavedReply]:
        """A mailbox's saved replies with their previews (one bare-array answer).

        Returned without await; nothing is fetched until it is iterated.

        Args:
            mailbox_id: the mailbox's id.
            include_chat: also the chat-only saved replies (the API leaves them out).

        Returns:
            A ``Stream`` of ``SavedReply`` (``preview``/``chat_preview`` set, not ``text``).

        Raises:
            TypeError, ValueError: a bad argument (at once).
            APIError: when iterated, e.g. ``NotFound`` for an unknown mailbox.
        """
        flag = check.flag("include_chat", include_chat)
        params = {"includeChatReplies": "true" if flag else None}
        return self._stream("saved_replies.list", SavedReply, params, mailbox_id=mailbox_id)

    async def get(self, mailbox_id: int, saved_reply_id: int) -> SavedReply:
        """One saved reply with its full ``text`` (HTML) and ``chat_text``.

        Args:
            mailbox_id: the mailbox's id.
            saved_reply_id: the saved reply's id.

        Returns:
            The ``SavedReply``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such mailbox or saved reply.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch(
            "saved_replies.get", SavedReply, mailbox_id=mailbox_id, saved_reply_id=saved_reply_id
        )

    async def create(
        self, mailbox_id: int, name: str, *, text: str | None = None, chat_text: str | None = None
    ) -> int:
        """Create a saved reply in a mailbox.

        A POST: not re-sent when it may have reached the server.

        Args:
            mailbox_id: the mailbox's id.
            name: the saved reply's name.
            text: its email text (HTML).
            chat_text: its chat text (plain).

        Returns:
            The new saved reply's id.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such mailbox.
            ValidationError: the API refused a field.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body = _reply_body(name, text, chat_text)
        return await self._create("saved_replies.create", body, mailbox_id=mailbox_id)

    async def update(
        self,
        mailbox_id: int,
        saved_reply_id: int,
        name: str,
        *,
        text: str | None = None,
        chat_text: str | None = None,
    ) -> None:
        """Replace a saved reply's name and texts (PUT: a text left out is cleared).

        Args:
            mailbox_id: the mailbox's id.
            saved_reply_id: the saved reply's id.
            name: its name.
            text: its email text (HTML).
            chat_text: its chat text.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such mailbox or saved reply.
            ValidationError: the API refused a field.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body = _reply_body(name, text, chat_text)
        await self._send(
            "saved_replies.update", body, mailbox_id=mailbox_id, saved_reply_id=saved_reply_id
        )

    async def delete(self, mailbox_id: int, saved_reply_id: int) -> None:
        """Delete a saved reply.

        Args:
            mailbox_id: the mailbox's id.
            saved_reply_id: the saved reply's id.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such mailbox or saved reply.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send(
            "saved_replies.delete", mailbox_id=mailbox_id, saved_reply_id=saved_reply_id
        )
