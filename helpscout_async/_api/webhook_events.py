"""Help Scout's webhook event types, as data (no behaviour, no imports).

Read by the client (``helpscout_async.webhooks``: typed events) and by the fake server
(``helpscout_async.testing``: which events a webhook may subscribe to, what each sends).
Source: https://developer.helpscout.com/webhooks (Available Events) and the ``events``
field of https://developer.helpscout.com/mailbox-api/endpoints/webhooks/create (21 names);
the events page also lists ``convo.ai-answers.created``, which Create Webhook does not yet.

Each entry: event name -> (record kind, whether a webhook's ``mailboxIds`` filter it).
Record kinds: ``conversation`` (v2 Conversation object), ``conversation_id``
(``{"id": ...}`` of a deleted conversation), ``customer`` (v2 Customer object),
``customer_id``, ``rating`` (v2 Rating object), ``chat`` (Beacon Chat object), ``tag``
(v2 Tag object), ``tag_id``, ``survey`` (Survey Response object), ``test``.
"""

from __future__ import annotations

EVENT_HEADER = "X-HelpScout-Event"
SIGNATURE_HEADER = "X-HelpScout-Signature"
TEST_EVENT = "helpscout.test"

EVENTS: dict[str, tuple[str, bool]] = {
    "convo.assigned": ("conversation", True),
    "convo.created": ("conversation", True),
    "convo.ai-answers.created": ("conversation", True),
    "convo.deleted": ("conversation_id", True),
    "convo.merged": ("conversation", True),
    "convo.moved": ("conversation", True),
    "convo.status": ("conversation", True),
    "convo.tags": ("conversation", True),
    "convo.custom-fields": ("conversation", True),
    "convo.customer.reply.created": ("conversation", True),
    "convo.agent.reply.created": ("conversation", True),
    "convo.note.created": ("conversation", True),
    "customer.created": ("customer", False),
    "customer.updated": ("customer", False),
    "customer.deleted": ("customer_id", False),
    "satisfaction.ratings": ("rating", True),
    "beacon.chat.created": ("chat", False),
    "beacon.chat.customer.replied": ("chat", False),
    "tag.created": ("tag", False),
    "tag.updated": ("tag", False),
    "tag.deleted": ("tag_id", False),
    "message.survey.response.received": ("survey", False),
    TEST_EVENT: ("test", False),
}

SUBSCRIBABLE: frozenset[str] = frozenset(e for e in EVENTS if e != TEST_EVENT)
"""Events a webhook may list in ``events`` (every documented one; not the test ping)."""
