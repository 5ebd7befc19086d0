"""Typed webhook events: the ``X-HelpScout-Event`` header and the body, structured.

:func:`parse_event` turns ``(event name, raw body)`` into one of the event classes below,
each carrying its record as the library's model (a ``Conversation`` for ``convo.*``, a
``Customer`` for ``customer.*``, ...). An event name this version does not know becomes a
plain :class:`WebhookEvent` with the parsed body, never an error: Help Scout adds events.
The catalog of names and body kinds is data, in ``helpscout_async._api.webhook_events``.
"""

from __future__ import annotations

import hashlib
from typing import Any

import attrs

from .._api.webhook_events import EVENTS
from .._convert import StructureError, structure
from .._json import loads
from ..errors import HelpScoutError
from ..models import (
    Conversation,
    Customer,
    LiveChat,
    OpenEnum,
    Rating,
    SurveyMessage,
    SurveyResponse,
    Tag,
)
from ..models._base import embedded

__all__ = [
    "BeaconChatEvent",
    "ConversationDeletedEvent",
    "ConversationEvent",
    "CustomerDeletedEvent",
    "CustomerEvent",
    "EventType",
    "RatingEvent",
    "SurveyResponseEvent",
    "TagDeletedEvent",
    "TagEvent",
    "TestEvent",
    "WebhookEvent",
    "WebhookPayloadError",
    "delivery_key",
    "parse_event",
]


class EventType(OpenEnum):
    """Every webhook event Help Scout documents, plus its test ping."""

    CONVO_ASSIGNED = "convo.assigned"
    CONVO_CREATED = "convo.created"
    CONVO_AI_ANSWERS_CREATED = "convo.ai-answers.created"
    CONVO_DELETED = "convo.deleted"
    CONVO_MERGED = "convo.merged"
    CONVO_MOVED = "convo.moved"
    CONVO_STATUS = "convo.status"
    CONVO_TAGS = "convo.tags"
    CONVO_CUSTOM_FIELDS = "convo.custom-fields"
    CONVO_CUSTOMER_REPLY_CREATED = "convo.customer.reply.created"
    CONVO_AGENT_REPLY_CREATED = "convo.agent.reply.created"
    CONVO_NOTE_CREATED = "convo.note.created"
    CUSTOMER_CREATED = "customer.created"
    CUSTOMER_UPDATED = "customer.updated"
    CUSTOMER_DELETED = "customer.deleted"
    SATISFACTION_RATINGS = "satisfaction.ratings"
    BEACON_CHAT_CREATED = "beacon.chat.created"
    BEACON_CHAT_CUSTOMER_REPLIED = "beacon.chat.customer.replied"
    TAG_CREATED = "tag.created"
    TAG_UPDATED = "tag.updated"
    TAG_DELETED = "tag.deleted"
    MESSAGE_SURVEY_RESPONSE_RECEIVED = "message.survey.response.received"
    TEST = "helpscout.test"


class WebhookPayloadError(HelpScoutError, ValueError):
    """A signed webhook body that is not the JSON its event type promises."""


@attrs.frozen(kw_only=True)
class WebhookEvent:
    """A webhook as received: its type, parsed body, raw bytes and delivery key.

    The base class is also what an event type unknown to this version becomes.

    Attributes:
        type: the ``X-HelpScout-Event`` value (an :class:`EventType`, possibly one added
            later: ``type.is_known`` is then ``False``).
        body: the JSON body, parsed (kept out of the repr: it holds customer data).
        raw_body: the exact bytes that were signed.
        key: a digest of type and body; a redelivery of the same event has the same key.
    """

    type: EventType
    body: Any = attrs.field(repr=False)
    raw_body: bytes = attrs.field(repr=False)
    key: str


@attrs.frozen(kw_only=True)
class ConversationEvent(WebhookEvent):
    """``convo.*`` events whose body is the conversation (with its threads when sent).

    Attributes:
        conversation: the conversation, structured.
    """

    conversation: Conversation


@attrs.frozen(kw_only=True)
class ConversationDeletedEvent(WebhookEvent):
    """``convo.deleted``: only the id of the conversation that is gone.

    Attributes:
        conversation_id: the deleted conversation's id.
    """

    conversation_id: int


@attrs.frozen(kw_only=True)
class CustomerEvent(WebhookEvent):
    """``customer.created`` / ``customer.updated`` with the customer.

    Attributes:
        customer: the customer, structured (sub-lists included when sent).
    """

    customer: Customer


@attrs.frozen(kw_only=True)
class CustomerDeletedEvent(WebhookEvent):
    """``customer.deleted``: only the id.

    Attributes:
        customer_id: the deleted customer's id.
    """

    customer_id: int


@attrs.frozen(kw_only=True)
class RatingEvent(WebhookEvent):
    """``satisfaction.ratings``: a customer rated a reply.

    Attributes:
        rating: the rating (score, comments, the thread and conversation it rates).
    """

    rating: Rating


@attrs.frozen(kw_only=True)
class TagEvent(WebhookEvent):
    """``tag.created`` / ``tag.updated`` with the tag.

    Attributes:
        tag: the tag, structured.
    """

    tag: Tag


@attrs.frozen(kw_only=True)
class TagDeletedEvent(WebhookEvent):
    """``tag.deleted``: only the id.

    Attributes:
        tag_id: the deleted tag's id.
    """

    tag_id: int


@attrs.frozen(kw_only=True)
class SurveyResponseEvent(WebhookEvent):
    """``message.survey.response.received``: an answer to a survey message.

    Attributes:
        message: the survey message answered (its name).
        response: the answer: value, category, comment, timestamp.
        customer: the respondent when identified (the body's ``_embedded.customer``).
    """

    message: SurveyMessage | None
    response: SurveyResponse | None
    customer: Customer | None


@attrs.frozen(kw_only=True)
class _SurveyBody:
    message: SurveyMessage | None = None
    response: SurveyResponse | None = None
    customer: Customer | None = attrs.field(default=None, metadata=embedded("customer"))


@attrs.frozen(kw_only=True)
class BeaconChatEvent(WebhookEvent):
    """``beacon.chat.*``: the Beacon chat (the Chat API's ``LiveChat``).

    Attributes:
        chat: the chat, structured.
    """

    chat: LiveChat


@attrs.frozen(kw_only=True)
class TestEvent(WebhookEvent):
    """``helpscout.test``: the ping Help Scout sends when a webhook is tested."""


_COMMON = """
        type: the event name, as on :class:`WebhookEvent`.
        body: the parsed JSON body (not in the repr).
        raw_body: the exact bytes that were signed.
        key: the delivery key (:func:`delivery_key`).
"""

for _event in (
    ConversationEvent,
    ConversationDeletedEvent,
    CustomerEvent,
    CustomerDeletedEvent,
    RatingEvent,
    TagEvent,
    TagDeletedEvent,
    SurveyResponseEvent,
    BeaconChatEvent,
):
    _event.__doc__ = (_event.__doc__ or "").rstrip().removesuffix('"""').rstrip() + _COMMON
TestEvent.__doc__ = (TestEvent.__doc__ or "") + "\n\n    Attributes:" + _COMMON
del _event


def delivery_key(event: str, raw_body: bytes) -> str:
    """The de-duplication key of a delivery: SHA-256 of the event name and the body.

    Help Scout sends no delivery id; a retried delivery repeats the same bytes.

    Args:
        event: the ``X-HelpScout-Event`` value.
        raw_body: the body bytes.

    Returns:
        64 hex characters.
    """
    digest = hashlib.sha256(event.encode("utf-8", "replace"))
    digest.update(b"\n")
    digest.update(raw_body)
    return digest.hexdigest()


def _id(body: Any, name: str) -> int:
    value = body.get("id") if isinstance(body, dict) else None
    if isinstance(value, bool) or not isinstance(value, int):
        raise WebhookPayloadError(f"{name} webhook body has no integer 'id'")
    return value


def _object(body: Any, name: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise WebhookPayloadError(f"{name} webhook body is {type(body).__name__}, not an object")
    return body


def parse_event(event: str, raw_body: bytes) -> WebhookEvent:
    """Structure a webhook from its ``X-HelpScout-Event`` header and raw body.

    Call it after the signature checked out (:func:`helpscout_async.webhooks.verify`).

    Args:
        event: the ``X-HelpScout-Event`` header value.
        raw_body: the exact body bytes.

    Returns:
        The event, typed by its name; an unknown name gives a plain :class:`WebhookEvent`.

    Raises:
        TypeError: ``event`` is not ``str`` or ``raw_body`` is not bytes.
        WebhookPayloadError: the body is not JSON, or not the shape its event promises.
    """
    if not isinstance(event, str):
        raise TypeError(f"event must be str, got {type(event).__name__}")
    if not isinstance(raw_body, (bytes, bytearray, memoryview)):
        raise TypeError(f"raw_body must be bytes, got {type(raw_body).__name__}")
    raw = bytes(raw_body)
    name = event.strip()
    try:
        body = loads(raw) if raw.strip() else None
    except ValueError as exc:
        raise WebhookPayloadError(f"{name} webhook body is not JSON: {exc}") from None
    common: dict[str, Any] = {
        "type": EventType(name),
        "body": body,
        "raw_body": raw,
        "key": delivery_key(name, raw),
    }
    kind = EVENTS.get(name, ("", False))[0]
    try:
        return _typed(kind, name, body, common)
    except StructureError as exc:
        raise WebhookPayloadError(f"{name} webhook body does not fit: {exc}") from exc


def _typed(kind: str, name: str, body: Any, common: dict[str, Any]) -> WebhookEvent:
    if kind == "conversation":
        conv = structure(_object(body, name), Conversation)
        return ConversationEvent(conversation=conv, **common)
    if kind == "conversation_id":
        return ConversationDeletedEvent(conversation_id=_id(body, name), **common)
    if kind == "customer":
        return CustomerEvent(customer=structure(_object(body, name), Customer), **common)
    if kind == "customer_id":
        return CustomerDeletedEvent(customer_id=_id(body, name), **common)
    if kind == "rating":
        return RatingEvent(rating=structure(_object(body, name), Rating), **common)
    if kind == "tag":
        return TagEvent(tag=structure(_object(body, name), Tag), **common)
    if kind == "tag_id":
        return TagDeletedEvent(tag_id=_id(body, name), **common)
    if kind == "survey":
        survey = structure(_object(body, name), _SurveyBody)
        return SurveyResponseEvent(
            message=survey.message, response=survey.response, customer=survey.customer, **common
        )
    if kind == "chat":
        return BeaconChatEvent(chat=structure(_object(body, name), LiveChat), **common)
    if kind == "test":
        return TestEvent(**common)
    return WebhookEvent(**common)
