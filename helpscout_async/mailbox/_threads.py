"""The threads of a conversation: list them, reply, add notes and customer, chat, phone threads.

A mixin of ``Conversations`` (``client.conversations.reply(...)``), kept apart so
each module stays one job. Every thread-creating request is a POST: never sent
twice unless the server certainly did not get it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .. import _validate as check
from .._api.mailbox_values import CONVERSATION_STATUSES
from .._transport import format_param
from ..models import AttachmentUpload, Thread
from ..pagination import Stream
from ._base import Resource


def attachment_bodies(name: str, attachments: Sequence[AttachmentUpload]) -> list[dict[str, str]]:
    """``AttachmentUpload``s as the API's ``{"fileName", "mimeType", "data"}`` objects."""
    if isinstance(attachments, (str, bytes)) or not isinstance(attachments, Sequence):
        raise TypeError(f"{name} must be a list of AttachmentUpload")
    bodies = []
    for i, found in enumerate(attachments):
        if not isinstance(found, AttachmentUpload):
            raise TypeError(
                f"{name}[{i}] must be an AttachmentUpload, got {type(found).__name__}: build "
                "one with AttachmentUpload.from_bytes(name, data) or .from_path(path)"
            )
        bodies.append(
            {"fileName": found.file_name, "mimeType": found.mime_type, "data": found.data}
        )
    return bodies


def customer_ref(
    customer_id: int | None, customer_email: str | None, *, required: bool
) -> dict[str, Any] | None:
    """``{"id": ...}`` or ``{"email": ...}`` for the customer a thread is from."""
    if customer_id is not None:
        return {"id": check.positive_id("customer_id", customer_id)}
    if customer_email is not None:
        return {"email": check.email("customer_email", customer_email)}
    if required:
        raise ValueError("give customer_id=<int> or customer_email=<str> to say who wrote this")
    return None


def _thread_extras(
    *,
    attachments: Sequence[AttachmentUpload] | None = None,
    imported: bool | None = None,
    created_at: datetime | None = None,
    cc: Sequence[str] | None = None,
    bcc: Sequence[str] | None = None,
    user: int | None = None,
) -> dict[str, Any]:
    """The optional fields every thread-creating request shares, API-named."""
    extras: dict[str, Any] = {}
    if attachments is not None:
        extras["attachments"] = attachment_bodies("attachments", attachments)
    if imported is not None:
        extras["imported"] = check.flag("imported", imported)
    if created_at is not None:
        extras["createdAt"] = format_param(check.aware("created_at", created_at))
    if cc is not None:
        extras["cc"] = [check.email("cc", a) for a in check.strings("cc", cc)]
    if bcc is not None:
        extras["bcc"] = [check.email("bcc", a) for a in check.strings("bcc", bcc)]
    if user is not None:
        extras["user"] = check.positive_id("user", user)
    return extras


class ConversationThreads(Resource):
    """The thread calls of ``client.conversations``."""

    def threads(self, conversation_id: int, *, concurrency: int | None = None) -> Stream[Thread]:
        """The conversation's threads, newest first, across all pages (without await).

        Args:
            conversation_id: the conversation.
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Thread``; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: ``conversation_id`` is not a positive int (at once).
            APIError: when iterated, e.g. ``NotFound`` for an unknown conversation.
        """
        return self._stream(
            "conversations.threads",
            Thread,
            concurrency=concurrency,
            conversation_id=conversation_id,
        )

    async def reply(
        self,
        conversation_id: int,
        *,
        text: str,
        customer_id: int,
        draft: bool | None = None,
        status: str | None = None,
        assign_to: int | None = None,
        user: int | None = None,
        cc: Sequence[str] | None = None,
        bcc: Sequence[str] | None = None,
        attachments: Sequence[AttachmentUpload] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Reply to the customer; unless ``draft=True`` the reply is emailed.

        It is never sent twice: a reply whose request may have reached the server is
        not retried.

        Args:
            conversation_id: the conversation to reply in.
            text: the reply (HTML allowed).
            customer_id: the customer the reply goes to (the API requires it).
            draft: save as a draft instead of sending.
            status: the conversation's status afterwards (active, pending, closed, spam).
            assign_to: assign the conversation to this user.
            user: the user the reply is from (default: the credentials' user).
            cc, bcc: extra recipients' email addresses.
            attachments: files to attach (``AttachmentUpload.from_bytes``/``from_path``).
            imported: mark as imported (no email is sent).
            created_at: the thread's time (aware datetime; imports only).

        Returns:
            The new thread's id.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            TransportError: no usable answer (a reply that may have arrived is not re-sent).
            APIError: the API refused it (``NotFound``, ``ValidationError``, ...).
        """
        body: dict[str, Any] = {
            "customer": {"id": check.positive_id("customer_id", customer_id)},
            "text": check.text("text", text),
            **_thread_extras(
                attachments=attachments,
                imported=imported,
                created_at=created_at,
                cc=cc,
                bcc=bcc,
                user=user,
            ),
        }
        if draft is not None:
            body["draft"] = check.flag("draft", draft)
        if status is not None:
            body["status"] = check.one_of("status", status, CONVERSATION_STATUSES)
        if assign_to is not None:
            body["assignTo"] = check.positive_id("assign_to", assign_to)
        return await self._create("conversations.reply", body, conversation_id=conversation_id)

    async def add_note(
        self,
        conversation_id: int,
        *,
        text: str,
        user: int | None = None,
        status: str | None = None,
        attachments: Sequence[AttachmentUpload] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Add an internal note (never emailed to the customer).

        Args:
            conversation_id: the conversation.
            text: the note (HTML allowed).
            user: the user the note is from (default: the credentials' user).
            status: the conversation's status afterwards.
            attachments: files to attach (``AttachmentUpload.from_bytes``/``from_path``).
            imported: mark as imported.
            created_at: the thread's time (aware datetime; imports only).

        Returns:
            The new thread's id.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            TransportError: no usable answer (a note that may have arrived is not re-sent).
            APIError: the API refused it.
        """
        body: dict[str, Any] = {
            "text": check.text("text", text),
            **_thread_extras(
                attachments=attachments, imported=imported, created_at=created_at, user=user
            ),
        }
        if status is not None:
            body["status"] = check.one_of("status", status, CONVERSATION_STATUSES)
        return await self._create("conversations.add_note", body, conversation_id=conversation_id)

    async def add_customer_thread(
        self,
        conversation_id: int,
        *,
        text: str,
        customer_id: int | None = None,
        customer_email: str | None = None,
        attachments: Sequence[AttachmentUpload] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
        cc: Sequence[str] | None = None,
        bcc: Sequence[str] | None = None,
    ) -> int:
        """Add a message from the customer (as if they had emailed).

        Args:
            conversation_id: the conversation.
            text: the message.
            customer_id, customer_email: who wrote it (one of them is required).
            attachments: files to attach (``AttachmentUpload.from_bytes``/``from_path``).
            imported: mark as imported.
            created_at: the thread's time (aware datetime; imports only).
            cc, bcc: extra recipients' email addresses.

        Returns:
            The new thread's id.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            TransportError: no usable answer (not re-sent if it may have arrived).
            APIError: the API refused it.
        """
        extras = _thread_extras(
            attachments=attachments, imported=imported, created_at=created_at, cc=cc, bcc=bcc
        )
        return await self._customer_kind(
            "conversations.add_customer_thread", conversation_id, text, customer_id,
            customer_email, extras,
        )  # fmt: skip

    async def add_chat_thread(
        self,
        conversation_id: int,
        *,
        text: str,
        customer_id: int | None = None,
        customer_email: str | None = None,
        attachments: Sequence[AttachmentUpload] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Add a chat message from the customer.

        Args:
            conversation_id: the conversation.
            text: the message.
            customer_id, customer_email: who wrote it (one of them is required).
            attachments: files to attach (``AttachmentUpload.from_bytes``/``from_path``).
            imported: mark as imported.
            created_at: the thread's time (aware datetime; imports only).

        Returns:
            The new thread's id.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            TransportError: no usable answer (not re-sent if it may have arrived).
            APIError: the API refused it.
        """
        extras = _thread_extras(attachments=attachments, imported=imported, created_at=created_at)
        return await self._customer_kind(
            "conversations.add_chat_thread", conversation_id, text, customer_id,
            customer_email, extras,
        )  # fmt: skip

    async def add_phone_thread(
        self,
        conversation_id: int,
        *,
        text: str,
        customer_id: int | None = None,
        customer_email: str | None = None,
        attachments: Sequence[AttachmentUpload] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Record a phone call with the customer.

        Args:
            conversation_id: the conversation.
            text: notes of the call.
            customer_id, customer_email: who called (one of them is required).
            attachments: files to attach (``AttachmentUpload.from_bytes``/``from_path``).
            imported: mark as imported.
            created_at: the thread's time (aware datetime; imports only).

        Returns:
            The new thread's id.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            TransportError: no usable answer (not re-sent if it may have arrived).
            APIError: the API refused it.
        """
        extras = _thread_extras(attachments=attachments, imported=imported, created_at=created_at)
        return await self._customer_kind(
            "conversations.add_phone_thread", conversation_id, text, customer_id,
            customer_email, extras,
        )  # fmt: skip

    async def _customer_kind(
        self,
        name: str,
        conversation_id: int,
        text: str,
        customer_id: int | None,
        customer_email: str | None,
        extras: dict[str, Any],
    ) -> int:
        """POST a thread written by the customer (customer, chat or phone)."""
        customer = customer_ref(customer_id, customer_email, required=True)
        body = {"customer": customer, "text": check.text("text", text), **extras}
        return await self._create(name, body, conversation_id=conversation_id)
