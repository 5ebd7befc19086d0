"""Closed sets of the Mailbox API's values, written once for the client, the fake and the CLI."""

from __future__ import annotations

CONVERSATION_LIST_STATUSES = ("active", "pending", "closed", "spam", "open", "all")
"""``status`` of List Conversations (``active`` is the API's default; ``open`` is
active + pending)."""
CONVERSATION_STATUSES = ("active", "pending", "closed", "spam")
"""A conversation's status, as an update or a reply may set it."""
CONVERSATION_CREATE_STATUSES = ("active", "pending", "closed")
CONVERSATION_TYPES = ("email", "chat", "phone")
CONVERSATION_SORT_FIELDS = (
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
)
CONVERSATION_EMBEDS = ("threads",)
CUSTOMER_SORT_FIELDS = ("createdAt", "firstName", "lastName", "modifiedAt", "score")
SORT_ORDERS = ("asc", "desc")
WORKFLOW_RUN_MAX = 50
"""Conversations one Run Manual Workflow request may name."""
