"""A conversation's threads after they exist: edit, hide, original source, schedule, v3 list.

A mixin of ``Conversations`` (``client.conversations.update_thread(...)``), kept
apart from the thread-creating calls of ``_threads``. Every call here is a GET,
PUT, PATCH or DELETE: safe to repeat, so retried like any read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import _validate as check
from .._transport import format_param
from ..models import Thread, ThreadOriginalSource
from ..pagination import Stream
from ._threads import ConversationThreads


def _flag(name: str, value: Any) -> bool:
    """A bool (not 0/1, not ``"true"``)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return value


class ThreadEdits(ConversationThreads):
    """The calls of ``client.conversations`` on existing threads."""

    def threads_v3(self, conversation_id: int) -> Stream[Thread]:
        """The conversation's threads from the v3 API, page after page (without await).

        v3 pages follow a cursor (``_links.next``), so they are fetched one after the
        other; there is no ``page`` to start from.

        Args:
            conversation_id: the conversation.

        Returns:
            A ``Stream`` of ``Thread``; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: ``conversation_id`` is not a positive int (at once).
            APIError: when iterated, e.g. ``NotFound`` for an unknown conversation.
        """
        return self._stream("conversations.threads_v3", Thread, conversation_id=conversation_id)

    async def update_thread(
        self,
        conversation_id: int,
        thread_id: int,
        *,
        text: str | None = None,
        hidden: bool | None = None,
    ) -> None:
        """Change a thread's text, or hide or unhide it: give exactly one of them.

        The API keeps the original text (shown in Help Scout's web app). Only an
        administrator, or a user of an account with thread editing on, may edit; only a
        published customer or reply thread can be hidden.

        Args:
            conversation_id: the conversation.
            thread_id: the thread.
            text: the new text (HTML allowed).
            hidden: ``True`` hides the thread, ``False`` shows it again.

        Raises:
            TypeError, ValueError: a bad argument, or not exactly one of ``text`` and
                ``hidden`` (before any request).
            NotFound: no such conversation or thread.
            ValidationError: the API refused the change (e.g. hiding a note).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        if (text is None) == (hidden is None):
            raise ValueError("give exactly one of text=<str> or hidden=<bool>")
        if text is not None:
            body: dict[str, Any] = {
                "op": "replace",
                "path": "/text",
                "value": check.text("text", text),
            }
        else:
            body = {"op": "replace", "path": "/hidden", "value": _flag("hidden", hidden)}
        await self._send_thread("conversations.update_thread", conversation_id, thread_id, body)

    async def thread_source(self, conversation_id: int, thread_id: int) -> str:
        """The email a thread was made from, as Help Scout received it (JSON variant).

        Help Scout keeps the source of incoming emails for a limited time.

        Args:
            conversation_id: the conversation.
            thread_id: the thread (an email the customer sent).

        Returns:
            The original message text (headers and body), ``""`` if the API gave none.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such thread, or no source kept for it.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        found = await self._fetch(
            "conversations.thread_source",
            ThreadOriginalSource,
            conversation_id=conversation_id,
            thread_id=thread_id,
        )
        return found.original or ""

    async def thread_source_rfc822(self, conversation_id: int, thread_id: int) -> bytes:
        """The email a thread was made from, as RFC 822 bytes (``Accept: message/rfc822``).

        Parse it with ``email.message_from_bytes(...)``.

        Args:
            conversation_id: the conversation.
            thread_id: the thread (an email the customer sent).

        Returns:
            The message's raw bytes.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such thread, or no source kept for it.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        response = await self._call(
            "conversations.thread_source_rfc822",
            conversation_id=conversation_id,
            thread_id=thread_id,
        )
        return response.body

    async def schedule_thread(
        self,
        conversation_id: int,
        thread_id: int,
        *,
        send_at: datetime,
        unschedule_on_customer_reply: bool,
        send_as_creator: bool | None = None,
    ) -> None:
        """Schedule a draft reply or forward to be sent at ``send_at`` (replaces a schedule).

        Args:
            conversation_id: the conversation.
            thread_id: a draft reply or forward thread.
            send_at: when to send it (aware datetime, in the future, before 2100).
            unschedule_on_customer_reply: drop the schedule if the customer replies first.
            send_as_creator: send as the draft's creator (the API's default is ``False``).

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such conversation or thread.
            ValidationError: the API refused it (a time in the past, not a draft, ...).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        when = check.aware("send_at", send_at)
        if when.year >= 2100:
            raise ValueError(f"send_at must be before the year 2100, got {when.isoformat()}")
        body: dict[str, Any] = {
            "scheduledFor": format_param(when),
            "unscheduleOnCustomerReply": _flag(
                "unschedule_on_customer_reply", unschedule_on_customer_reply
            ),
        }
        if send_as_creator is not None:
            body["sendAsCreator"] = _flag("send_as_creator", send_as_creator)
        await self._send_thread("conversations.schedule_thread", conversation_id, thread_id, body)

    async def publish_thread(self, conversation_id: int, thread_id: int) -> None:
        """Send a scheduled thread now (the draft becomes a published reply or forward).

        Args:
            conversation_id: the conversation.
            thread_id: a scheduled thread.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such conversation or thread.
            ValidationError: the thread is not scheduled.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body = {"op": "replace", "path": "/state", "value": "published"}
        await self._send_thread("conversations.publish_thread", conversation_id, thread_id, body)

    async def unschedule_thread(self, conversation_id: int, thread_id: int) -> None:
        """Drop a thread's schedule; it stays a draft.

        Args:
            conversation_id: the conversation.
            thread_id: a scheduled thread.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such conversation or thread.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send_thread("conversations.unschedule_thread", conversation_id, thread_id)

    async def _send_thread(
        self, name: str, conversation_id: int, thread_id: int, body: Any = None
    ) -> None:
        await self._send(name, body, conversation_id=conversation_id, thread_id=thread_id)
