"""Conversations: list, get, create, update, delete, tags, fields and snooze.

The thread calls (``threads``, ``reply``, ``add_note``, ...) live in ``_threads``;
``Conversations`` has both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from .. import _validate as check
from .._api.mailbox_values import (
    CONVERSATION_CREATE_STATUSES,
    CONVERSATION_EMBEDS,
    CONVERSATION_LIST_STATUSES,
    CONVERSATION_SORT_FIELDS,
    CONVERSATION_STATUSES,
    CONVERSATION_TYPES,
    SORT_ORDERS,
)
from .._transport import format_param
from ..models import Conversation
from ..pagination import Stream
from ._thread_edits import ThreadEdits
from ._threads import customer_ref

LIST_STATUSES = frozenset(CONVERSATION_LIST_STATUSES)
STATUSES = frozenset(CONVERSATION_STATUSES)
CREATE_STATUSES = frozenset(CONVERSATION_CREATE_STATUSES)
TYPES = frozenset(CONVERSATION_TYPES)
SORT_FIELDS = frozenset(CONVERSATION_SORT_FIELDS)
EMBEDS = frozenset(CONVERSATION_EMBEDS)

__all__ = ["Conversations"]


class Conversations(ThreadEdits):
    """``client.conversations``: the conversations of the account's mailboxes."""

    def list(
        self,
        *,
        status: str = "active",
        mailbox: int | Iterable[int] | None = None,
        folder: int | None = None,
        tag: str | Sequence[str] | None = None,
        assigned_to: int | None = None,
        modified_since: datetime | None = None,
        number: int | None = None,
        sort_field: str | None = None,
        sort_order: str | None = None,
        query: str | None = None,
        custom_fields_by_ids: Mapping[int, str | int] | None = None,
        embed: str | None = None,
        page: int | None = None,
        concurrency: int | None = None,
    ) -> Stream[Conversation]:
        """Conversations matching the filters, across all pages (returned without await).

        Args:
            status: active (the API's default), pending, closed, spam, open (active and
                pending) or all.
            mailbox: one mailbox id or several.
            folder: a folder id.
            tag: one tag or several (conversations with any of them).
            assigned_to: a user id.
            modified_since: only conversations modified at or after (aware datetime).
            number: the conversation number shown in the app.
            sort_field: createdAt, customerEmail, customerName, mailboxid, modifiedAt,
                number, score, status, subject or waitingSince.
            sort_order: asc or desc.
            query: a search query, e.g. ``(subject:"refund")``.
            custom_fields_by_ids: ``{field_id: value}`` that must all match.
            embed: ``"threads"`` includes each conversation's threads.
            page: start the walk at this page (1-based).
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Conversation``; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
            APIError: when iterated, if the API refuses the list.
        """
        tags = [tag] if isinstance(tag, str) else tag
        if concurrency is not None:
            concurrency = check.positive_count("concurrency", concurrency)
        params: dict[str, Any] = {
            "status": check.one_of("status", status, LIST_STATUSES),
            "mailbox": check.ids("mailbox", mailbox),
            "folder": check.optional_id("folder", folder),
            "tag": None if tags is None else check.tag_names("tag", tags, in_query=True),
            "assigned_to": check.optional_id("assigned_to", assigned_to),
            "modifiedSince": None
            if modified_since is None
            else check.aware("modified_since", modified_since),
            "number": check.optional_id("number", number),
            "sortField": check.optional_one_of("sort_field", sort_field, SORT_FIELDS),
            "sortOrder": check.optional_one_of("sort_order", sort_order, SORT_ORDERS),
            "query": check.optional_text("query", query),
            "embed": check.optional_one_of("embed", embed, EMBEDS),
        }
        if custom_fields_by_ids is not None:
            wanted = check.mapping("custom_fields_by_ids", custom_fields_by_ids, "{104: '168'}")
            params["customFieldsByIds"] = ",".join(
                f"{check.positive_id('custom_fields_by_ids key', k)}:"
                f"{check.field_value(f'custom_fields_by_ids[{k}]', v, in_query=True)}"
                for k, v in wanted.items()
            )
        return self._stream(
            "conversations.list", Conversation, params, page=page, concurrency=concurrency
        )

    async def get(self, conversation_id: int, *, embed: str | None = None) -> Conversation:
        """One conversation.

        A merged conversation answers with the surviving one (its ``id`` differs from
        the one asked for).

        Args:
            conversation_id: the conversation's id.
            embed: ``"threads"`` includes its threads.

        Returns:
            The ``Conversation``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such conversation.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        params = {"embed": check.optional_one_of("embed", embed, EMBEDS)}
        return await self._fetch(
            "conversations.get", Conversation, params, conversation_id=conversation_id
        )

    async def get_v3(self, conversation_id: int) -> Conversation:
        """One conversation from the v3 API (``GET /v3/conversations/{id}``).

        Args:
            conversation_id: the conversation's id.

        Returns:
            The ``Conversation``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such conversation.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch(
            "conversations.get_v3", Conversation, conversation_id=conversation_id
        )

    async def create(
        self,
        *,
        subject: str,
        mailbox_id: int,
        customer_id: int | None = None,
        customer_email: str | None = None,
        customer: Mapping[str, Any] | None = None,
        text: str | None = None,
        threads: Sequence[Mapping[str, Any]] | None = None,
        type: str = "email",
        status: str = "active",
        tags: Sequence[str] | None = None,
        fields: Mapping[int, str | int] | None = None,
        assign_to: int | None = None,
        user: int | None = None,
        imported: bool | None = None,
        auto_reply: bool | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Create a conversation. Never sent twice unless it certainly did not arrive.

        Args:
            subject: the subject line.
            mailbox_id: the mailbox it belongs to.
            customer_id, customer_email, customer: who the customer is (an id, an
                email, or a full API-shaped customer object with ``id`` or ``email``).
            text: the first message (one customer thread is made of it).
            threads: API-shaped thread objects instead of ``text``.
            type: email, chat or phone.
            status: active, pending or closed.
            tags: tag names.
            fields: custom field values ``{field_id: value}``.
            assign_to: the user it is assigned to.
            user: the user who creates it.
            imported: mark as imported (no emails, no workflows).
            auto_reply: send the mailbox's auto reply.
            created_at: the conversation's time (aware datetime; imports only).

        Returns:
            The new conversation's id.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            TransportError: no usable answer (not re-sent if it may have arrived).
            APIError: the API refused it (e.g. ``ValidationError``).
        """
        check.text("subject", subject)
        check.positive_id("mailbox_id", mailbox_id)
        if customer is not None:
            who = check.customer_object("customer", customer)
        else:
            who = customer_ref(customer_id, customer_email, required=True) or {}
        if threads is None:
            if text is None:
                raise ValueError("give text=<first message> or threads=[...] (at least one)")
            threads = [{"type": "customer", "customer": who, "text": check.text("text", text)}]
        elif text is not None:
            raise ValueError("give text or threads, not both")
        if not threads:
            raise ValueError("threads must hold at least one thread")
        body: dict[str, Any] = {
            "subject": subject,
            "mailboxId": mailbox_id,
            "customer": who,
            "type": check.one_of("type", type, TYPES),
            "status": check.one_of("status", status, CREATE_STATUSES),
            "threads": [dict(t) for t in threads],
        }
        if tags is not None:
            body["tags"] = check.tag_names("tags", tags)
        if fields is not None:
            body["fields"] = _fields(fields)
        if assign_to is not None:
            body["assignTo"] = check.positive_id("assign_to", assign_to)
        if user is not None:
            body["user"] = check.positive_id("user", user)
        if imported is not None:
            body["imported"] = check.flag("imported", imported)
        if auto_reply is not None:
            body["autoReply"] = check.flag("auto_reply", auto_reply)
        if created_at is not None:
            body["createdAt"] = format_param(check.aware("created_at", created_at))
        return await self._create("conversations.create", body)

    async def update(
        self,
        conversation_id: int,
        *,
        subject: str | None = None,
        status: str | None = None,
        assign_to: int | None = None,
        unassign: bool = False,
        mailbox_id: int | None = None,
        primary_customer_id: int | None = None,
        publish_draft: bool = False,
    ) -> None:
        """Change fields of a conversation: one JSON Patch request per field given.

        Args:
            conversation_id: the conversation.
            subject: a new subject.
            status: active, pending, closed or spam.
            assign_to: assign to this user.
            unassign: remove the assignee.
            mailbox_id: move to this mailbox.
            primary_customer_id: change the primary customer.
            publish_draft: publish the conversation's draft.

        Raises:
            TypeError, ValueError: a bad argument, or none given (before any request).
            NotFound: no such conversation.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        check.positive_id("conversation_id", conversation_id)
        if assign_to is not None and unassign:
            raise ValueError("give assign_to or unassign=True, not both")
        ops: list[dict[str, Any]] = []
        if subject is not None:
            ops.append(
                {"op": "replace", "path": "/subject", "value": check.text("subject", subject)}
            )
        if status is not None:
            value = check.one_of("status", status, STATUSES)
            ops.append({"op": "replace", "path": "/status", "value": value})
        if assign_to is not None:
            value_id = check.positive_id("assign_to", assign_to)
            ops.append({"op": "replace", "path": "/assignTo", "value": value_id})
        if unassign:
            ops.append({"op": "remove", "path": "/assignTo"})
        if mailbox_id is not None:
            value_id = check.positive_id("mailbox_id", mailbox_id)
            ops.append({"op": "move", "path": "/mailboxId", "value": value_id})
        if primary_customer_id is not None:
            value_id = check.positive_id("primary_customer_id", primary_customer_id)
            ops.append({"op": "replace", "path": "/primaryCustomer.id", "value": value_id})
        if publish_draft:
            ops.append({"op": "replace", "path": "/draft", "value": False})
        if not ops:
            raise ValueError(
                "nothing to update: give subject, status, assign_to, unassign, mailbox_id, "
                "primary_customer_id or publish_draft"
            )
        for op in ops:
            await self._send("conversations.update", op, conversation_id=conversation_id)

    async def delete(self, conversation_id: int) -> None:
        """Delete a conversation (a repeat after a lost answer that finds it gone is done).

        Args:
            conversation_id: the conversation.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such conversation.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send("conversations.delete", conversation_id=conversation_id)

    async def update_tags(self, conversation_id: int, tags: Sequence[str]) -> None:
        """Replace the conversation's tags with ``tags`` (an empty list removes all).

        Args:
            conversation_id: the conversation.
            tags: the tag names it should carry.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such conversation.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        check.positive_id("conversation_id", conversation_id)
        body = {"tags": check.tag_names("tags", tags)}
        await self._send("conversations.update_tags", body, conversation_id=conversation_id)

    async def update_custom_fields(
        self, conversation_id: int, fields: Mapping[int, str | int]
    ) -> None:
        """Replace the conversation's custom field values.

        Args:
            conversation_id: the conversation.
            fields: ``{field_id: value}`` (values are sent as strings).

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such conversation.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        check.positive_id("conversation_id", conversation_id)
        body = {"fields": _fields(fields)}
        await self._send(
            "conversations.update_custom_fields", body, conversation_id=conversation_id
        )

    async def snooze(
        self, conversation_id: int, until: datetime, *, unsnooze_on_customer_reply: bool = False
    ) -> None:
        """Snooze the conversation until ``until``.

        Args:
            conversation_id: the conversation.
            until: when it wakes up (aware datetime).
            unsnooze_on_customer_reply: wake it early when the customer replies.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such conversation.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        check.positive_id("conversation_id", conversation_id)
        body = {
            "snoozedUntil": format_param(check.aware("until", until)),
            "unsnoozeOnCustomerReply": check.flag(
                "unsnooze_on_customer_reply", unsnooze_on_customer_reply
            ),
        }
        await self._send("conversations.snooze", body, conversation_id=conversation_id)

    async def unsnooze(self, conversation_id: int) -> None:
        """End the conversation's snooze.

        Args:
            conversation_id: the conversation.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such conversation.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send("conversations.unsnooze", conversation_id=conversation_id)


def _fields(fields: Mapping[int, str | int]) -> list[dict[str, Any]]:
    """``{id: value}`` as the API's ``[{"id": id, "value": "value"}]`` (values are strings)."""
    if not isinstance(fields, Mapping):
        raise TypeError("fields must be a mapping of field id to value, e.g. {104: '168'}")
    return [
        {
            "id": check.positive_id("fields key", key),
            "value": check.field_value(f"fields[{key}]", value),
        }
        for key, value in fields.items()
    ]
