"""The integration functions' parameters, as data: names, JSON types, ranges, choices.

One table serves three readers: the facade binds and checks each call against it
(an unknown or ill-typed parameter is refused before any request, naming the
allowed ones), the MCP server builds each tool's JSON schema from it, and the
docs list it. Names and choices are the spec's (``integration-reference.md``);
what they mean to the live API is in ``_mapping.py``.
"""

from __future__ import annotations

from ._params import Function, Param

__all__ = ["BY_NAME", "CONVERSATION_SORTS", "CUSTOMER_SORTS", "FUNCTIONS", "Function", "Param"]


def _id(what: str) -> Param:
    return Param(name="id", kind="integer", description=what, required=True, minimum=1)


def _page() -> tuple[Param, Param]:
    return (
        Param(name="page", kind="integer", description="Page number (default: 1)", minimum=1),
        Param(
            name="per_page",
            kind="integer",
            description="Results per page (default: 25, max: 50)",
            minimum=1,
            maximum=50,
        ),
    )


_LIST_STATUSES = ("open", "active", "pending", "closed", "spam", "all")
_SET_STATUSES = ("open", "active", "pending", "closed", "spam")
_NEW_STATUSES = ("open", "active", "pending", "closed")
_ORDERS = ("asc", "desc")
CONVERSATION_SORTS = (
    # the spec's names, then the API's own (accepted as well)
    "createdAt",
    "updatedAt",
    "customer.name",
    "subject",
    "status",
    "mailbox",
    "modifiedAt",
    "customerName",
    "customerEmail",
    "mailboxid",
    "number",
    "score",
    "waitingSince",
)
CUSTOMER_SORTS = ("firstName", "lastName", "createdAt", "updatedAt", "modifiedAt", "score")

FUNCTIONS: tuple[Function, ...] = (
    Function(
        name="list_conversations",
        summary="List support conversations with optional filters (by default the open ones).",
        params=(
            Param(name="mailbox", kind="integer", description="Filter by mailbox ID", minimum=1),
            Param(
                name="status",
                kind="string",
                description="Filter by status: open (the API's active), pending, closed, spam, "
                "all (default: open)",
                choices=_LIST_STATUSES,
            ),
            Param(
                name="assignee",
                kind="integer",
                description="Filter by assigned user ID (0 for unassigned)",
                minimum=0,
            ),
            Param(name="customer", kind="integer", description="Filter by customer ID", minimum=1),
            Param(name="tag", kind="string", description="Filter by tag name"),
            *_page(),
            Param(
                name="sort_field",
                kind="string",
                description="Sort by: createdAt, updatedAt, customer.name, subject, status, "
                "mailbox",
                choices=CONVERSATION_SORTS,
            ),
            Param(
                name="sort_order",
                kind="string",
                description='Sort direction: "asc" or "desc" (default: "desc")',
                choices=_ORDERS,
            ),
            Param(
                name="query",
                kind="string",
                description="Keyword to search subjects and messages for, or a Help Scout search "
                'expression such as (subject:"refund" AND tag:"vip")',
            ),
        ),
    ),
    Function(
        name="get_conversation",
        summary="Get full details of a conversation, its customer and its message threads.",
        params=(_id("The conversation ID"),),
    ),
    Function(
        name="create_conversation",
        summary="Create a new support conversation with the customer's first message.",
        write=True,
        one_of=("customer_id", "customer_email"),
        params=(
            Param(
                name="subject",
                kind="string",
                description="Conversation subject line",
                required=True,
            ),
            Param(
                name="mailbox_id",
                kind="integer",
                description="Mailbox ID to create the conversation in",
                required=True,
                minimum=1,
            ),
            Param(
                name="customer_id",
                kind="integer",
                description="Customer ID (required unless customer_email is given)",
                minimum=1,
            ),
            Param(
                name="customer_email",
                kind="string",
                description="Customer email (used if customer_id is not given)",
            ),
            Param(
                name="body",
                kind="string",
                description="Content of the first message",
                required=True,
            ),
            Param(
                name="type",
                kind="string",
                description='"email" (default) or "chat"',
                choices=("email", "chat"),
            ),
            Param(
                name="status",
                kind="string",
                description='"open" (default), "pending" or "closed"',
                choices=_NEW_STATUSES,
            ),
            Param(
                name="assignee_id", kind="integer", description="User ID to assign to", minimum=1
            ),
            Param(name="tags", kind="array", description="Tag names"),
            Param(name="cc", kind="array", description="Email addresses to CC"),
            Param(name="bcc", kind="array", description="Email addresses to BCC"),
        ),
    ),
    Function(
        name="update_conversation",
        summary="Update a conversation: status, subject, assignee, mailbox, tags (each given "
        "field is applied; tags replace the whole set).",
        write=True,
        one_of=("status", "subject", "assignee_id", "mailbox_id", "tags"),
        params=(
            _id("The conversation ID to update"),
            Param(
                name="status",
                kind="string",
                description="New status: open, closed, pending, spam",
                choices=_SET_STATUSES,
            ),
            Param(name="subject", kind="string", description="Updated subject line"),
            Param(
                name="assignee_id",
                kind="integer",
                description="User ID to assign (0 to unassign)",
                minimum=0,
            ),
            Param(
                name="mailbox_id",
                kind="integer",
                description="Move to a different mailbox",
                minimum=1,
            ),
            Param(name="tags", kind="array", description="Replace all tags (list of names)"),
        ),
    ),
    Function(
        name="list_customers",
        summary="List or search customers.",
        params=(
            Param(name="first_name", kind="string", description="Filter by first name (partial)"),
            Param(name="last_name", kind="string", description="Filter by last name (partial)"),
            Param(name="email", kind="string", description="Filter by email (partial match)"),
            Param(
                name="mailbox",
                kind="integer",
                description="Only customers of this mailbox",
                minimum=1,
            ),
            *_page(),
            Param(
                name="sort_field",
                kind="string",
                description="Sort by: firstName, lastName, createdAt, updatedAt",
                choices=CUSTOMER_SORTS,
            ),
            Param(
                name="sort_order",
                kind="string",
                description='Sort direction: "asc" or "desc"',
                choices=_ORDERS,
            ),
            Param(
                name="query",
                kind="string",
                description="Keyword to search names and emails for, or a Help Scout search "
                'expression such as (firstName:"John")',
            ),
        ),
    ),
    Function(
        name="get_customer",
        summary="Get a customer with their emails, phones and other details.",
        params=(_id("The customer ID"),),
    ),
    Function(
        name="create_customer",
        summary="Create a customer (at least one of first_name, last_name, email).",
        write=True,
        one_of=("first_name", "last_name", "email"),
        params=(
            Param(name="first_name", kind="string", description="First name"),
            Param(name="last_name", kind="string", description="Last name"),
            Param(name="email", kind="string", description="Primary email address"),
            Param(name="organization", kind="string", description="Company or organization"),
            Param(name="job_title", kind="string", description="Job title"),
            Param(name="phone", kind="string", description="Phone number"),
        ),
    ),
    Function(
        name="list_mailboxes",
        summary="List the mailboxes (inboxes), to find a mailbox ID.",
        params=_page(),
    ),
    Function(
        name="get_mailbox",
        summary="Get details of a mailbox.",
        params=(_id("The mailbox ID"),),
    ),
    Function(
        name="get_current_user",
        summary="Get the profile of the user the credentials act as.",
        params=(),
    ),
    Function(
        name="list_users",
        summary="List users (team members), to find user IDs for assignment and replies.",
        params=(
            Param(
                name="mailbox", kind="integer", description="Only users of this mailbox", minimum=1
            ),
            Param(name="email", kind="string", description="Only the user with this email"),
            *_page(),
        ),
    ),
    Function(
        name="add_note",
        summary="Add an internal note to a conversation: seen by the team only, never emailed.",
        write=True,
        params=(
            _id("The conversation ID"),
            Param(name="text", kind="string", description="The note (HTML allowed)", required=True),
            Param(name="user_id", kind="integer", description="Author (default: you)", minimum=1),
        ),
    ),
    Function(
        name="update_tags",
        summary="Replace the tags of a conversation. Send the full list: tags left out are "
        "removed; an empty list removes all.",
        write=True,
        params=(
            _id("The conversation ID"),
            Param(name="tags", kind="array", description="The complete tag list", required=True),
        ),
    ),
    Function(
        name="reply_to_conversation",
        summary="Reply to the customer of a conversation, optionally changing its status. "
        "A reply that is not a draft is emailed to the customer.",
        write=True,
        params=(
            _id("The conversation ID"),
            Param(
                name="text", kind="string", description="The reply (HTML allowed)", required=True
            ),
            Param(
                name="customer_id",
                kind="integer",
                description="Customer to reply to (default: the conversation's customer)",
                minimum=1,
            ),
            Param(
                name="status",
                kind="string",
                description="Status after the reply: open, pending, closed",
                choices=_NEW_STATUSES,
            ),
            Param(
                name="draft",
                kind="boolean",
                description="true: save as a draft, not sent (default false)",
            ),
            Param(name="cc", kind="array", description="Email addresses to CC"),
            Param(name="bcc", kind="array", description="Email addresses to BCC"),
            Param(name="user_id", kind="integer", description="Author (default: you)", minimum=1),
        ),
    ),
)

BY_NAME: dict[str, Function] = {f.name: f for f in FUNCTIONS}
"""The functions by name."""
