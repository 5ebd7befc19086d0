"""Small value objects shared by several resources: people, sources, custom fields, addresses."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from ._base import OpenEnum

__all__ = [
    "Address",
    "CustomField",
    "JSONObject",
    "JSONValue",
    "Person",
    "PersonType",
    "Snooze",
    "Source",
    "SourceVia",
]

JSONObject = Mapping[str, Any]
"""A JSON object kept as-is, for parts whose shape Help Scout does not publish."""

JSONValue = Any
"""Any JSON value kept as-is (a string, a number, an object...), where the type varies."""


class PersonType(OpenEnum):
    """Who a person reference points at.

    ``system_user`` is an AI agent or integration acting as a user (``createdBy`` of its
    replies); ``agent`` is how the Chat API names a user who is a chat's assignee.
    """

    USER = "user"
    CUSTOMER = "customer"
    TEAM = "team"
    SYSTEM_USER = "system_user"
    AGENT = "agent"


class SourceVia(OpenEnum):
    """Which side originated a conversation or thread."""

    CUSTOMER = "customer"
    USER = "user"


@attrs.frozen(kw_only=True)
class Person:
    """A person embedded in another resource (assignee, createdBy, customer, closedByUser...).

    Help Scout names the name fields ``first``/``last`` here, unlike the ``firstName`` of users
    and customers; a team (as an assignee) has a ``name`` instead. Any field may be missing:
    ``primaryCustomer`` can be just ``{id}`` and an assignee may lack ``type``.
    """

    id: int | None = None
    type: PersonType | None = None
    first: str | None = None
    last: str | None = None
    name: str | None = None
    email: str | None = None
    photo_url: str | None = None


@attrs.frozen(kw_only=True)
class Source:
    """Where a conversation or thread came from (``type`` e.g. email, api, chat; ``via``)."""

    type: str | None = None
    via: SourceVia | None = None


@attrs.frozen(kw_only=True)
class Address:
    """A postal address (a customer's).

    v2 sends no id or timestamps; the legacy (v1) webhook payloads add ``id``, ``createdAt``
    and ``modifiedAt``.
    """

    id: int | None = None
    city: str | None = None
    lines: tuple[str, ...] = ()
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None
    created_at: datetime | None = None
    modified_at: datetime | None = None


@attrs.frozen(kw_only=True)
class CustomField:
    """A conversation's custom field value; ``value`` is a string even for dropdown ids."""

    id: int | None = None
    name: str | None = None
    value: str | None = None
    text: str | None = None


@attrs.frozen(kw_only=True)
class Snooze:
    """A conversation's snooze: who, until when, and whether a reply ends it."""

    snoozed_by: int | None = None
    snoozed_until: datetime | None = None
    unsnooze_on_customer_reply: bool | None = None
