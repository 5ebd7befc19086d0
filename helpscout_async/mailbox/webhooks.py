"""Webhooks: the account's webhook subscriptions (``/v2/webhooks``).

A webhook posts the events it lists to its URL, signed with its secret (see
``hs.webhooks`` to receive them). The secret is write-only: Help Scout never shows
it again, so keep it where the receiver can read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import _validate as check
from .._api.webhook_events import SUBSCRIBABLE
from ..models import Webhook
from ..pagination import Stream
from ._base import Resource

MAX_SECRET = 40
"""Help Scout takes secrets of at most 40 characters."""


def _body(
    url: str,
    events: Iterable[str],
    secret: str,
    label: str | None,
    mailbox_ids: Iterable[int] | None,
    notification: bool | None,
) -> dict[str, Any]:
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ValueError(f"url must be an http(s) URL, got {url!r}")
    if isinstance(events, str):
        raise TypeError("events must be a list of event names, not one string")
    names = check.strings("events", list(events))
    if not names:
        raise ValueError("events must name at least one event, e.g. ['convo.created']")
    unknown = sorted(set(names) - SUBSCRIBABLE)
    if unknown:
        raise ValueError(
            f"events: unknown event {unknown[0]!r}; see hs.webhooks.EventType for the list"
        )
    if not isinstance(secret, str):
        raise TypeError(f"secret must be str, got {type(secret).__name__}")
    if not 1 <= len(secret) <= MAX_SECRET:
        raise ValueError(f"secret must be 1 to {MAX_SECRET} characters long")
    body: dict[str, Any] = {
        "url": url,
        "events": list(dict.fromkeys(names)),
        "secret": secret,
        "payloadVersion": "V2",
    }
    if label is not None:
        body["label"] = check.text("label", label)
    if mailbox_ids is not None:
        body["mailboxIds"] = check.ids("mailbox_ids", mailbox_ids) or []
    if notification is not None:
        if not isinstance(notification, bool):
            raise TypeError(f"notification must be a bool, got {type(notification).__name__}")
        body["notification"] = notification
    return body


class Webhooks(Resource):
    """``client.webhooks``: create, list, read, replace and delete webhooks."""

    def list(self, *, concurrency: int | None = None) -> Stream[Webhook]:
        """Every webhook of the account (returned without await).

        Args:
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Webhook``; nothing is fetched until it is iterated.

        Raises:
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        return self._stream("webhooks.list", Webhook, concurrency=concurrency)

    async def get(self, webhook_id: int) -> Webhook:
        """One webhook: its URL, events, state and mailbox filter (never its secret).

        Args:
            webhook_id: the webhook's id.

        Returns:
            The ``Webhook``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such webhook.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("webhooks.get", Webhook, webhook_id=webhook_id)

    async def create(
        self,
        *,
        url: str,
        events: Iterable[str],
        secret: str,
        label: str | None = None,
        mailbox_ids: Iterable[int] | None = None,
        notification: bool | None = None,
    ) -> int:
        """Subscribe ``url`` to ``events``. Never sent twice unless it certainly did not arrive.

        Args:
            url: where Help Scout will POST each event.
            events: event names (``hs.webhooks.EventType`` values, e.g. ``convo.created``).
            secret: 1 to 40 characters you choose; Help Scout signs each delivery with it.
            label: a name to recognise the webhook by.
            mailbox_ids: only conversations of these mailboxes (default: all).
            notification: ``True`` to receive only the resource's URL, not its body.

        Returns:
            The new webhook's id.

        Raises:
            TypeError, ValueError: a bad URL, event name, secret or id (before any request).
            TransportError: no usable answer (not re-sent if it may have arrived).
            APIError: the API refused it (e.g. ``ValidationError``).
        """
        body = _body(url, events, secret, label, mailbox_ids, notification)
        return await self._create("webhooks.create", body)

    async def update(
        self,
        webhook_id: int,
        *,
        url: str,
        events: Iterable[str],
        secret: str,
        label: str | None = None,
        mailbox_ids: Iterable[int] | None = None,
        notification: bool | None = None,
    ) -> None:
        """Replace a webhook (PUT): every field is set anew, the secret included.

        Args:
            webhook_id: the webhook's id.
            url, events, secret, label, mailbox_ids, notification: as for ``create``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such webhook.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body = _body(url, events, secret, label, mailbox_ids, notification)
        await self._send("webhooks.update", body, webhook_id=webhook_id)

    async def delete(self, webhook_id: int) -> None:
        """Delete a webhook; Help Scout stops delivering to it.

        Args:
            webhook_id: the webhook's id.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such webhook.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send("webhooks.delete", webhook_id=webhook_id)
