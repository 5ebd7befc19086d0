"""Webhooks (the subscriptions), and the parts of webhook payloads no other model covers.

A webhook's ``secret`` signs every delivery; it is never shown in a ``repr``. Payloads of the
events are conversations, customers and ratings (their own models); the legacy (v1) payload
version sends a rating in its own shape (``LegacyRating``), and survey events carry a
``SurveyResponse``.
"""

from datetime import datetime

import attrs

from ._base import OpenEnum
from .customers import Email

__all__ = [
    "LegacyRating",
    "LegacyRatingCustomer",
    "LegacyRatingMailbox",
    "SurveyMessage",
    "SurveyResponse",
    "Webhook",
    "WebhookState",
]


class WebhookState(OpenEnum):
    """Whether Help Scout delivers to a webhook (it disables one that keeps failing)."""

    ENABLED = "enabled"
    DISABLED = "disabled"


@attrs.frozen(kw_only=True)
class Webhook:
    """A webhook subscription (``events`` e.g. ``convo.assigned``; ``payload_version`` V2).

    ``notification`` true means deliveries carry only the resource's URL, not its body. An
    empty ``mailbox_ids`` means every mailbox. ``secret`` (present in some responses) is kept
    out of ``repr``.
    """

    id: int
    url: str | None = None
    state: WebhookState | None = None
    events: tuple[str, ...] = ()
    notification: bool | None = None
    payload_version: str | None = None
    label: str | None = None
    mailbox_ids: tuple[int, ...] = ()
    secret: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class LegacyRatingCustomer:
    """The customer of a legacy rating payload (``firstName`` style, emails with location)."""

    id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    emails: tuple[Email, ...] = ()


@attrs.frozen(kw_only=True)
class LegacyRatingMailbox:
    """The mailbox of a legacy rating payload."""

    id: int | None = None
    name: str | None = None


@attrs.frozen(kw_only=True)
class LegacyRating:
    """A satisfaction rating in the legacy (v1) webhook payload; ``ticket_id`` is the
    conversation's id. The v2 payload is a ``Rating``."""

    id: int
    customer: LegacyRatingCustomer | None = None
    ticket_id: int | None = None
    thread_id: int | None = None
    mailbox: LegacyRatingMailbox | None = None
    rating: str | None = None
    comments: str | None = None
    created_at: datetime | None = None
    modified_at: datetime | None = None


@attrs.frozen(kw_only=True)
class SurveyResponse:
    """A survey answer (``message.survey.response.received``): ``value`` is e.g. an emoji.

    ``category`` is the NPS bucket (e.g. ``passive``) of a numeric answer.
    """

    name: str | None = None
    value: str | None = None
    category: str | None = None
    comment: str | None = None
    timestamp: datetime | None = None


@attrs.frozen(kw_only=True)
class SurveyMessage:
    """The survey message a response answers (``name`` e.g. "Monthly NPS survey")."""

    name: str | None = None
