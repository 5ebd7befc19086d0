"""``Account``: the integration functions of one Help Scout account, over its client.

Every function takes the spec's parameters either as keywords or as one dict (as
the spec's examples pass them), checks them before any request, and returns plain
JSON-shaped dicts::

    result = await account.list_conversations({"status": "open", "mailbox": 123, "per_page": 10})
    for conv in result["_embedded"]["conversations"]:
        print(conv["id"], conv["subject"], conv["status"])
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from ..client import HelpScout
from . import _conversations as conv
from . import _directory as directory
from ._spec import BY_NAME

_Impl = Callable[[HelpScout, dict[str, Any]], Awaitable[dict[str, Any]]]
_IMPLS: dict[str, _Impl] = {
    "list_conversations": conv.list_conversations,
    "get_conversation": conv.get_conversation,
    "create_conversation": conv.create_conversation,
    "update_conversation": conv.update_conversation,
    "list_customers": directory.list_customers,
    "get_customer": directory.get_customer,
    "create_customer": directory.create_customer,
    "list_mailboxes": directory.list_mailboxes,
    "get_mailbox": directory.get_mailbox,
    "get_current_user": directory.get_current_user,
    "list_users": directory.list_users,
    "add_note": conv.add_note,
    "update_tags": conv.update_tags,
    "reply_to_conversation": conv.reply_to_conversation,
}

Args = Mapping[str, Any] | None


class Account:
    """The integration functions of one account (``integration-reference.md``).

    Args:
        client: the account's ``HelpScout`` client; its limiter is the account's budget.
        name: the account's name (``default`` for the unnamed one).

    Every function raises ``TypeError`` for an unknown, missing or ill-typed
    parameter and ``ValueError`` for a value out of range, before any request;
    ``HelpScoutError`` (``APIError`` with the API's message and field errors) for
    what the API answers.
    """

    def __init__(self, client: HelpScout, *, name: str = "default") -> None:
        self.client = client
        self.name = name

    def __repr__(self) -> str:
        return f"Account(name={self.name!r}, base_url={self.client.base_url!r})"

    async def call(self, function: str, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """Call an integration function by name (as the MCP server does).

        Args:
            function: e.g. ``"list_conversations"``.
            args: its parameters as one dict; keywords may be given instead.

        Returns:
            What the function returns.

        Raises:
            ValueError: an unknown function name (the message lists them).
        """
        spec = BY_NAME.get(function)
        if spec is None:
            raise ValueError(f"no function {function!r}; there are: {', '.join(_IMPLS)}")
        return await _IMPLS[function](self.client, spec.bind(args, kwargs))

    async def list_conversations(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """List conversations, one page of ``per_page`` (default 25, at most 50).

        Args:
            args: or keywords: ``mailbox``, ``status`` (``open`` = the API's active,
                pending, closed, spam, all; default open), ``assignee`` (0: unassigned),
                ``customer``, ``tag``, ``page``, ``per_page``, ``sort_field``
                (createdAt, updatedAt, customer.name, subject, status, mailbox),
                ``sort_order``, ``query`` (a keyword, or a Help Scout search expression).

        Returns:
            ``{"_embedded": {"conversations": [...]}, "page": {"size", "totalElements",
            "totalPages", "number"}}``; each conversation also has
            ``_embedded.customer`` (from its primary customer).

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: the API's errors.
        """
        return await self.call("list_conversations", args, **kwargs)

    async def get_conversation(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """One conversation with its threads and ``_embedded.customer``.

        Args:
            args: or keywords: ``id``.

        Returns:
            The API's conversation with ``_embedded.threads`` and ``_embedded.customer``
            (``id``, ``firstName``, ``lastName``, ``email``).

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: e.g. ``NotFound``.
        """
        return await self.call("get_conversation", args, **kwargs)

    async def create_conversation(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """Create a conversation whose first thread is the customer's ``body``.

        Args:
            args: or keywords: ``subject``, ``mailbox_id``, ``customer_id`` or
                ``customer_email``, ``body``, ``type`` (email, chat), ``status`` (open,
                pending, closed), ``assignee_id``, ``tags``, ``cc``, ``bcc``.

        Returns:
            ``{"id": new_conversation_id}``.

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: the API's errors.
        """
        return await self.call("create_conversation", args, **kwargs)

    async def update_conversation(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """Apply each given field: one API request per field, ``tags`` replace the set.

        Args:
            args: or keywords: ``id`` and at least one of ``status``, ``subject``,
                ``assignee_id`` (0: unassign), ``mailbox_id``, ``tags``.

        Returns:
            ``{"id": id, "updated": [fields applied]}``.

        Raises:
            TypeError, ValueError: bad parameters. UpdateIncomplete: some fields were
            applied and others failed (it says which). HelpScoutError: nothing applied.
        """
        return await self.call("update_conversation", args, **kwargs)

    async def list_customers(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """List or search customers, one page of ``per_page``.

        Args:
            args: or keywords: ``first_name``, ``last_name``, ``email`` (partial
                matches), ``mailbox``, ``page``, ``per_page``, ``sort_field``
                (firstName, lastName, createdAt, updatedAt), ``sort_order``, ``query``.

        Returns:
            ``{"_embedded": {"customers": [...]}, "page": {...}}``.

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: the API's errors.
        """
        return await self.call("list_customers", args, **kwargs)

    async def get_customer(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """One customer with ``_embedded.emails``, phones and the rest.

        Args:
            args: or keywords: ``id``.

        Returns:
            The API's customer body (``_embedded.emails`` always present).

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: e.g. ``NotFound``.
        """
        return await self.call("get_customer", args, **kwargs)

    async def create_customer(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """Create a customer.

        Args:
            args: or keywords: ``first_name``, ``last_name``, ``email`` (at least one
                of these three), ``organization``, ``job_title``, ``phone``.

        Returns:
            ``{"id": new_customer_id}``.

        Raises:
            TypeError, ValueError: bad parameters (none of the three). HelpScoutError.
        """
        return await self.call("create_customer", args, **kwargs)

    async def list_mailboxes(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """List the mailboxes, one page of ``per_page``.

        Args:
            args: or keywords: ``page``, ``per_page``.

        Returns:
            ``{"_embedded": {"mailboxes": [...]}, "page": {...}}``.

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: the API's errors.
        """
        return await self.call("list_mailboxes", args, **kwargs)

    async def get_mailbox(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """One mailbox.

        Args:
            args: or keywords: ``id``.

        Returns:
            The API's mailbox body (``name``, ``email``, ...).

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: e.g. ``NotFound``.
        """
        return await self.call("get_mailbox", args, **kwargs)

    async def get_current_user(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """The user the credentials act as.

        Args:
            args: no parameters (an empty dict, as in the spec's example).

        Returns:
            The API's user body (``firstName``, ``lastName``, ``email``, ``role``, ...).

        Raises:
            TypeError: any parameter. HelpScoutError: the API's errors.
        """
        return await self.call("get_current_user", args, **kwargs)

    async def list_users(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """List the users (team members), one page of ``per_page``.

        Args:
            args: or keywords: ``mailbox``, ``email``, ``page``, ``per_page``.

        Returns:
            ``{"_embedded": {"users": [...]}, "page": {...}}``.

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: the API's errors.
        """
        return await self.call("list_users", args, **kwargs)

    async def add_note(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """Add an internal note (never emailed) to a conversation.

        Args:
            args: or keywords: ``id`` (the conversation), ``text``, ``user_id``.

        Returns:
            ``{"id": new_thread_id, "conversationId": id}``.

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: the API's errors.
        """
        return await self.call("add_note", args, **kwargs)

    async def update_tags(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """Replace a conversation's tags with ``tags`` (an empty list removes all).

        Args:
            args: or keywords: ``id``, ``tags``.

        Returns:
            ``{"id": id, "tags": tags}``.

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: the API's errors.
        """
        return await self.call("update_tags", args, **kwargs)

    async def reply_to_conversation(self, args: Args = None, /, **kwargs: Any) -> dict[str, Any]:
        """Reply to the customer; unless ``draft`` is true the reply is emailed.

        Args:
            args: or keywords: ``id``, ``text``, ``customer_id`` (default: the
                conversation's primary customer, one extra request), ``status`` (open,
                pending, closed), ``draft``, ``cc``, ``bcc``, ``user_id``.

        Returns:
            ``{"id": new_thread_id, "conversationId": id, "customerId": ..., "draft": bool}``.

        Raises:
            TypeError, ValueError: bad parameters. HelpScoutError: the API's errors.
        """
        return await self.call("reply_to_conversation", args, **kwargs)
