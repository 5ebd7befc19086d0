"""``client.chats``: the Chat API, for live Beacon chats (``/v2/chats``).

A live chat is not a conversation: Help Scout creates one only when the chat ends.
Until then this API reads the chat and its events and acts on it. Every write answers
with the chat (``LiveChat``), so a caller sees what it did without a second read.

Sending is safe to retry. Add Message and Add Note put to a UUID the caller chooses
(``.../messages/{messageId}``); this client makes one per call, before the first
attempt, and every retry sends the same one. A repeat that the server recognises
answers ``422``, which the transport takes as "the first attempt did it" (the row's
``client-key`` retry class); the chat is then read back. The UUID is returned
(``ChatPost.id``), so a caller that must retry across processes can pass it again.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import attrs

from . import _validate as check
from ._api.chat import END_STATUSES
from ._convert import structure
from ._resource import Resource
from .models import ChatEvent, LiveChat
from .pagination import Stream

__all__ = ["ChatPost", "Chats"]


@attrs.frozen(kw_only=True)
class ChatPost:
    """What Add Message and Add Note return.

    Attributes:
        id: the message's or note's UUID (the one sent in the path, on every attempt).
        chat: the chat as the server answered (or as read back after a repeat).
    """

    id: str
    chat: LiveChat


def _client_key(name: str, value: str | None) -> str:
    """The caller's UUID, checked, or a fresh one (lowercase, as Help Scout writes them)."""
    if value is None:
        return str(uuid.uuid4())
    return str(check.path_arg(name, value, "uuid")).lower()


class Chats(Resource):
    """``client.chats``: get a live chat and its events; accept, assign, message, end it."""

    family = "chat"

    async def _write(self, name: str, chat_id: str, body: Any = None, **path: Any) -> LiveChat:
        """A chat write; its answer is the chat.

        An answer without a body is a write an earlier attempt already applied (a
        ``422`` repeat of a client key, or a ``404`` of an End whose answer was lost):
        the chat is read back, so the result is the same either way.
        """
        response = await self._call(name, json=body, chat_id=chat_id, **path)
        if not response.body:
            return await self.get(chat_id)
        return structure(response.json(), LiveChat)

    async def get(self, chat_id: str) -> LiveChat:
        """One chat: its participants, timeline, tags and (embedded) events.

        Args:
            chat_id: the chat's UUID.

        Returns:
            The ``LiveChat``; ``events`` holds the embedded events, if the API sent any.

        Raises:
            TypeError, ValueError: ``chat_id`` is not a UUID string (before any request).
            NotFound: no such chat, or it belongs to another company.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("chats.get", LiveChat, chat_id=chat_id)

    def events(
        self, chat_id: str, *, page_size: int | None = None, concurrency: int | None = None
    ) -> Stream[ChatEvent]:
        """The chat's messages, notes and line items, oldest first (returned without await).

        Args:
            chat_id: the chat's UUID.
            page_size: events per page (the API's default is 25).
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``ChatEvent``; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: a bad ``chat_id`` or ``page_size`` (before any request).
            NotFound: when iterated, if there is no such chat.
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        if page_size is not None:
            check.positive_id("page_size", page_size)
        params = {"pageSize": page_size} if page_size is not None else None
        return self._stream(
            "chats.events", ChatEvent, params, concurrency=concurrency, chat_id=chat_id
        )

    async def accept(self, chat_id: str) -> LiveChat:
        """Claim an unassigned chat for the calling user (a repeat changes nothing).

        Args:
            chat_id: the chat's UUID.

        Returns:
            The chat, now assigned to the caller.

        Raises:
            TypeError, ValueError: a bad ``chat_id`` (before any request).
            Forbidden: the caller cannot use chat or cannot access the chat's inbox.
            NotFound: no such chat, or it has ended.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._write("chats.accept", chat_id)

    async def assign(self, chat_id: str, user_id: int) -> LiveChat:
        """Hand the chat to a user (silent to the visitor: say something first).

        Args:
            chat_id: the chat's UUID.
            user_id: the user to assign it to.

        Returns:
            The chat, assigned to ``user_id``.

        Raises:
            TypeError, ValueError: a bad ``chat_id`` or ``user_id`` (before any request).
            NotFound: no such chat, or it has ended.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body = {"assignedTo": check.positive_id("user_id", user_id)}
        return await self._write("chats.assign", chat_id, body)

    async def unassign(self, chat_id: str) -> LiveChat:
        """Release the chat back to the queue (it stays open).

        Args:
            chat_id: the chat's UUID.

        Returns:
            The chat, without an assignee.

        Raises:
            TypeError, ValueError: a bad ``chat_id`` (before any request).
            NotFound: no such chat, or it has ended.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._write("chats.unassign", chat_id)

    async def update_tags(self, chat_id: str, tags: Iterable[str]) -> LiveChat:
        """Replace the chat's tags with ``tags`` (an empty list removes them all).

        Args:
            chat_id: the chat's UUID.
            tags: the complete list of tag names; new names are created.

        Returns:
            The chat with its new tags.

        Raises:
            TypeError, ValueError: a bad ``chat_id``, a lone string or a blank name
                (before any request).
            NotFound: no such chat, or it has ended.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        names = [check.text("tags", tag) for tag in check.strings("tags", tags)]
        return await self._write("chats.update_tags", chat_id, {"tags": names})

    async def end(self, chat_id: str, *, status: str = "closed") -> LiveChat:
        """End the chat; Help Scout then creates a conversation from it.

        Answer the visitor first: ending while their last message is unanswered shows
        them an "added to our email queue" notice. A retry of an End whose answer was
        lost meets a ``404`` (the chat has ended) and counts as done.

        Args:
            chat_id: the chat's UUID.
            status: what the resulting conversation is filed under: ``closed``,
                ``active`` or ``pending``.

        Returns:
            The ended chat.

        Raises:
            TypeError, ValueError: a bad ``chat_id`` or ``status`` (before any request).
            NotFound: no such chat, or it had already ended.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body = {"status": check.one_of("status", status, END_STATUSES)}
        return await self._write("chats.end", chat_id, body)

    async def add_message(
        self, chat_id: str, body: str, *, message_id: str | None = None
    ) -> ChatPost:
        """Send a message the visitor sees live (an unassigned chat is accepted on the way).

        Safe to retry: the message's UUID is made once per call (or given), every
        attempt sends it, and a repeat the server recognises is success.

        Args:
            chat_id: the chat's UUID.
            body: the message.
            message_id: the message's UUID; a fresh one by default. Pass the same one
                again to retry a call whose outcome is unknown.

        Returns:
            A ``ChatPost``: the message's UUID and the chat.

        Raises:
            TypeError, ValueError: a bad ``chat_id``, ``message_id`` or empty ``body``
                (before any request).
            BadRequest: the chat is held by another user.
            ValidationError: ``message_id`` was used before (by another call).
            NotFound: no such chat, or it has ended.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        key = _client_key("message_id", message_id)
        text = {"body": check.text("body", body)}
        chat = await self._write("chats.add_message", chat_id, text, message_id=key)
        return ChatPost(id=key, chat=chat)

    async def add_note(self, chat_id: str, body: str, *, note_id: str | None = None) -> ChatPost:
        """Add an internal note (the visitor never sees it; no assignment needed).

        Safe to retry, like ``add_message``.

        Args:
            chat_id: the chat's UUID.
            body: the note.
            note_id: the note's UUID; a fresh one by default.

        Returns:
            A ``ChatPost``: the note's UUID and the chat.

        Raises:
            TypeError, ValueError: a bad ``chat_id``, ``note_id`` or empty ``body``
                (before any request).
            ValidationError: ``note_id`` was used before (by another call).
            NotFound: no such chat, or it has ended.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        key = _client_key("note_id", note_id)
        text = {"body": check.text("body", body)}
        chat = await self._write("chats.add_note", chat_id, text, note_id=key)
        return ChatPost(id=key, chat=chat)
