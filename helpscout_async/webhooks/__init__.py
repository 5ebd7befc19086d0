"""Receiving Help Scout webhooks: signatures, typed events and an aiohttp.web receiver.

``verify(secret, raw_body, signature)`` checks ``X-HelpScout-Signature`` in constant time;
``parse_event(event, raw_body)`` gives a typed event; ``receiver(secret, handler)`` does
both inside an aiohttp application, with the handler off the request path.
"""

from .._api.webhook_events import EVENT_HEADER, EVENTS, SIGNATURE_HEADER, TEST_EVENT
from ._signature import Secret, Secrets, sign, verify
from .events import (
    BeaconChatEvent,
    ConversationDeletedEvent,
    ConversationEvent,
    CustomerDeletedEvent,
    CustomerEvent,
    EventType,
    RatingEvent,
    SurveyResponseEvent,
    TagDeletedEvent,
    TagEvent,
    TestEvent,
    WebhookEvent,
    WebhookPayloadError,
    delivery_key,
    parse_event,
)
from .receiver import Failure, Handler, Receiver, ReceiverStats, receiver

# sign and verify live in a private module by job; their public home is this package
for _public in (sign, verify):
    _public.__module__ = __name__
del _public

__all__ = [
    "EVENTS",
    "EVENT_HEADER",
    "SIGNATURE_HEADER",
    "TEST_EVENT",
    "BeaconChatEvent",
    "ConversationDeletedEvent",
    "ConversationEvent",
    "CustomerDeletedEvent",
    "CustomerEvent",
    "EventType",
    "Failure",
    "Handler",
    "RatingEvent",
    "Receiver",
    "ReceiverStats",
    "Secret",
    "Secrets",
    "SurveyResponseEvent",
    "TagDeletedEvent",
    "TagEvent",
    "TestEvent",
    "WebhookEvent",
    "WebhookPayloadError",
    "delivery_key",
    "parse_event",
    "receiver",
    "sign",
    "verify",
]
