"""Conversations: list, get, create, update, delete, tags, fields, snooze and threads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from .. import _validate as check
from .._transport import format_param
from ..models import Conversation, Thread
from ..pagination import Stream
from ._base import Resource

LIST_STATUSES = frozenset({"active", "pending", "closed", "spam", "open", "all"})
STATUSES = frozenset({"active", "pending", "closed", "spam"})
CREATE_STATUSES = frozenset({"active", "pending", "closed"})
TYPES = frozenset({"email", "chat", "phone"})
SORT_FIELDS = frozenset(
    {
        "createdAt",
        "customerEmail",
        "customerName",
        "mailboxid",
        "modifiedAt",
        "number",
        "score",
        "status",
        "subject",
        "waitingSince",
    }
)
SORT_ORDERS = frozenset({"asc", "desc"})
EMBEDS = frozenset({"threads"})

Attachment = Mapping[str, str]
"""``{"fileName": ..., "mimeType": ..., "data": <base64>}`` as the API takes it."""


def _customer_ref(
    customer_id: int | None, customer_email: str | None, *, required: bool
) -> dict[str, Any] | None:
    if customer_id is not None:
        return {"id": check.positive_id("customer_id", customer_id)}
    if customer_email is not None:
        return {"email": check.email("customer_email", customer_email)}
    if required:
        raise ValueError("give customer_id=<int> or customer_email=<str> to say who wrote this")
    return None


def _thread_extras(
    *,
    attachments: Sequence[Attachment] | None = None,
    imported: bool | None = None,
    created_at: datetime | None = None,
    cc: Sequence[str] | None = None,
    bcc: Sequence[str] | None = None,
    user: int | None = None,
) -> dict[str, Any]:
    """The optional fields every thread-creating request shares, API-named."""
    extras: dict[str, Any] = {}
    if attachments is not None:
        extras["attachments"] = [dict(a) for a in attachments]
    if imported is not None:
        extras["imported"] = bool(imported)
    if created_at is not None:
        extras["createdAt"] = format_param(check.aware("created_at", created_at))
    if cc is not None:
        extras["cc"] = [check.email("cc", a) for a in check.strings("cc", cc)]
    if bcc is not None:
        extras["bcc"] = [check.email("bcc", a) for a in check.strings("bcc", bcc)]
    if user is not None:
        extras["user"] = check.positive_id("user", user)
    return extras


class Conversations(Resource):
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

        ``status`` defaults to ``active``, as the API does; ``all`` lists every status.
        ``embed="threads"`` includes each conversation's threads. ``page`` starts the walk
        at that page.
        """
        tags = [tag] if isinstance(tag, str) else tag
        params: dict[str, Any] = {
            "status": check.one_of("status", status, LIST_STATUSES),
            "mailbox": check.ids("mailbox", mailbox),
            "folder": check.optional_id("folder", folder),
            "tag": None if tags is None else check.strings("tag", tags),
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
            params["customFieldsByIds"] = ",".join(
                f"{check.positive_id('custom_fields_by_ids key', k)}:{v}"
                for k, v in custom_fields_by_ids.items()
            )
        return self._list(
            "/conversations",
            "conversations",
            Conversation,
            params,
            page=None if page is None else check.page_number(page),
            concurrency=concurrency,
        )

    async def get(self, conversation_id: int, *, embed: str | None = None) -> Conversation:
        """One conversation; ``embed="threads"`` includes its threads.

        A merged conversation answers with the surviving one (its ``id`` differs from
        the one asked for).
        """
        check.positive_id("conversation_id", conversation_id)
        params = {"embed": check.optional_one_of("embed", embed, EMBEDS)}
        return await self._get(f"/conversations/{conversation_id}", Conversation, params)

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
        """Create a conversation; returns its id.

        Say who the customer is with ``customer_id``, ``customer_email`` or a full
        ``customer`` object, and give either ``text`` (one customer thread is made of
        it) or ``threads`` (API-shaped thread objects).
        """
        check.text("subject", subject)
        check.positive_id("mailbox_id", mailbox_id)
        if customer is not None:
            if not (customer.get("id") or customer.get("email")):
                raise ValueError("customer must carry an 'id' or an 'email'")
            who = dict(customer)
        else:
            who = _customer_ref(customer_id, customer_email, required=True) or {}
        if threads is None:
            if text is None:
                raise ValueError("give text=<first message> or threads=[...] (at least one)")
            threads = [{"type": "customer", "customer": who, "text": text}]
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
            body["tags"] = check.strings("tags", tags)
        if fields is not None:
            body["fields"] = _fields(fields)
        if assign_to is not None:
            body["assignTo"] = check.positive_id("assign_to", assign_to)
        if user is not None:
            body["user"] = check.positive_id("user", user)
        if imported is not None:
            body["imported"] = bool(imported)
        if auto_reply is not None:
            body["autoReply"] = bool(auto_reply)
        if created_at is not None:
            body["createdAt"] = format_param(check.aware("created_at", created_at))
        return await self._create("/conversations", body)

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
        """Change fields of a conversation: one JSON Patch request per field given."""
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
            await self._send("PATCH", f"/conversations/{conversation_id}", op)

    async def delete(self, conversation_id: int) -> None:
        """Delete a conversation."""
        check.positive_id("conversation_id", conversation_id)
        await self._send("DELETE", f"/conversations/{conversation_id}")

    async def update_tags(self, conversation_id: int, tags: Sequence[str]) -> None:
        """Replace the conversation's tags with ``tags`` (an empty list removes all)."""
        check.positive_id("conversation_id", conversation_id)
        body = {"tags": check.strings("tags", tags)}
        await self._send("PUT", f"/conversations/{conversation_id}/tags", body)

    async def update_custom_fields(
        self, conversation_id: int, fields: Mapping[int, str | int]
    ) -> None:
        """Replace the conversation's custom field values: ``{field_id: value}``."""
        check.positive_id("conversation_id", conversation_id)
        body = {"fields": _fields(fields)}
        await self._send("PUT", f"/conversations/{conversation_id}/fields", body)

    async def snooze(
        self, conversation_id: int, until: datetime, *, unsnooze_on_customer_reply: bool = False
    ) -> None:
        """Snooze the conversation until ``until``."""
        check.positive_id("conversation_id", conversation_id)
        body = {
            "snoozedUntil": format_param(check.aware("until", until)),
            "unsnoozeOnCustomerReply": bool(unsnooze_on_customer_reply),
        }
        await self._send("PUT", f"/conversations/{conversation_id}/snooze", body)

    async def unsnooze(self, conversation_id: int) -> None:
        """End the conversation's snooze."""
        check.positive_id("conversation_id", conversation_id)
        await self._send("DELETE", f"/conversations/{conversation_id}/snooze")

    def threads(self, conversation_id: int, *, concurrency: int | None = None) -> Stream[Thread]:
        """The conversation's threads, newest first, across all pages."""
        check.positive_id("conversation_id", conversation_id)
        return self._list(
            f"/conversations/{conversation_id}/threads",
            "threads",
            Thread,
            concurrency=concurrency,
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
        attachments: Sequence[Attachment] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Reply to the customer; returns the new thread's id.

        Unless ``draft=True`` the reply is emailed to the customer. It is never sent
        twice: a reply whose request may have reached the server is not retried.
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
            body["draft"] = bool(draft)
        if status is not None:
            body["status"] = check.one_of("status", status, STATUSES)
        if assign_to is not None:
            body["assignTo"] = check.positive_id("assign_to", assign_to)
        return await self._add_thread(conversation_id, "reply", body)

    async def add_note(
        self,
        conversation_id: int,
        *,
        text: str,
        user: int | None = None,
        status: str | None = None,
        attachments: Sequence[Attachment] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Add an internal note (never emailed); returns the new thread's id."""
        body: dict[str, Any] = {
            "text": check.text("text", text),
            **_thread_extras(
                attachments=attachments, imported=imported, created_at=created_at, user=user
            ),
        }
        if status is not None:
            body["status"] = check.one_of("status", status, STATUSES)
        return await self._add_thread(conversation_id, "notes", body)

    async def add_customer_thread(
        self,
        conversation_id: int,
        *,
        text: str,
        customer_id: int | None = None,
        customer_email: str | None = None,
        attachments: Sequence[Attachment] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
        cc: Sequence[str] | None = None,
        bcc: Sequence[str] | None = None,
    ) -> int:
        """Add a message from the customer; returns the new thread's id."""
        return await self._add_customer_kind(
            conversation_id,
            "customer",
            text=text,
            customer_id=customer_id,
            customer_email=customer_email,
            extras=_thread_extras(
                attachments=attachments, imported=imported, created_at=created_at, cc=cc, bcc=bcc
            ),
        )

    async def add_chat_thread(
        self,
        conversation_id: int,
        *,
        text: str,
        customer_id: int | None = None,
        customer_email: str | None = None,
        attachments: Sequence[Attachment] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Add a chat message from the customer; returns the new thread's id."""
        return await self._add_customer_kind(
            conversation_id,
            "chats",
            text=text,
            customer_id=customer_id,
            customer_email=customer_email,
            extras=_thread_extras(
                attachments=attachments, imported=imported, created_at=created_at
            ),
        )

    async def add_phone_thread(
        self,
        conversation_id: int,
        *,
        text: str,
        customer_id: int | None = None,
        customer_email: str | None = None,
        attachments: Sequence[Attachment] | None = None,
        imported: bool | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Record a phone call with the customer; returns the new thread's id."""
        return await self._add_customer_kind(
            conversation_id,
            "phones",
            text=text,
            customer_id=customer_id,
            customer_email=customer_email,
            extras=_thread_extras(
                attachments=attachments, imported=imported, created_at=created_at
            ),
        )

    async def _add_customer_kind(
        self,
        conversation_id: int,
        kind: str,
        *,
        text: str,
        customer_id: int | None,
        customer_email: str | None,
        extras: dict[str, Any],
    ) -> int:
        """POST a thread written by the customer (customer, chat or phone)."""
        customer = _customer_ref(customer_id, customer_email, required=True)
        body = {"customer": customer, "text": check.text("text", text), **extras}
        return await self._add_thread(conversation_id, kind, body)

    async def _add_thread(self, conversation_id: int, kind: str, body: dict[str, Any]) -> int:
        check.positive_id("conversation_id", conversation_id)
        return await self._create(f"/conversations/{conversation_id}/{kind}", body)


def _fields(fields: Mapping[int, str | int]) -> list[dict[str, Any]]:
    """``{id: value}`` as the API's ``[{"id": id, "value": "value"}]`` (values are strings)."""
    if not isinstance(fields, Mapping):
        raise TypeError("fields must be a mapping of field id to value, e.g. {104: '168'}")
    return [
        {"id": check.positive_id("fields key", key), "value": str(value)}
        for key, value in fields.items()
    ]
