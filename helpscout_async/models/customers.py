"""Customers and their entries (emails, phones, chat handles, social profiles, websites).

Get Customer sends the entries under ``_embedded`` (``social_profiles`` with an underscore);
the entry list endpoints use ``social-profiles``; create bodies and webhook payloads put them
at the top level. A ``Customer`` accepts all three. The entry fields are ``None`` when the
response did not include them (List Customers never does), which is not the same as "the
customer has none".
"""

from datetime import datetime

import attrs

from ._base import embedded
from .common import Address
from .properties import CustomerProperty

__all__ = ["ChatHandle", "Customer", "Email", "Phone", "SocialProfile", "Website"]


@attrs.frozen(kw_only=True)
class Email:
    """A customer's email address (``type``: work, home, other...).

    Legacy (v1) webhook payloads name the type ``location``.
    """

    id: int | None = None
    value: str | None = None
    type: str | None = None
    location: str | None = None


@attrs.frozen(kw_only=True)
class Phone:
    """A customer's phone number (``type``: work, home, mobile, fax, pager, other)."""

    id: int | None = None
    value: str | None = None
    type: str | None = None


@attrs.frozen(kw_only=True)
class ChatHandle:
    """A customer's chat handle (``type``: aim, icq, skype, ...); not a Chat API chat."""

    id: int | None = None
    value: str | None = None
    type: str | None = None


@attrs.frozen(kw_only=True)
class SocialProfile:
    """A customer's social profile (``type``: twitter, linkedin, ...)."""

    id: int | None = None
    value: str | None = None
    type: str | None = None


@attrs.frozen(kw_only=True)
class Website:
    """A customer's website (no type)."""

    id: int | None = None
    value: str | None = None


@attrs.frozen(kw_only=True)
class Customer:
    """A customer, from List Customers (no entries) or Get Customer (with them).

    ``organization`` is the free-text company name, ``organization_id`` the id of the
    organization record it belongs to. ``draft`` marks a customer created from a draft
    conversation and not saved yet. ``modified_at`` appears only in legacy (v1) payloads,
    where v2 has ``updated_at``.
    """

    id: int
    first_name: str | None = None
    last_name: str | None = None
    gender: str | None = None
    job_title: str | None = None
    location: str | None = None
    organization: str | None = None
    organization_id: int | None = None
    photo_type: str | None = None
    photo_url: str | None = None
    age: str | None = None
    background: str | None = None
    draft: bool | None = None
    conversation_count: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    modified_at: datetime | None = None
    emails: tuple[Email, ...] | None = attrs.field(default=None, metadata=embedded("emails"))
    phones: tuple[Phone, ...] | None = attrs.field(default=None, metadata=embedded("phones"))
    chats: tuple[ChatHandle, ...] | None = attrs.field(default=None, metadata=embedded("chats"))
    social_profiles: tuple[SocialProfile, ...] | None = attrs.field(
        default=None, metadata=embedded("social_profiles", "social-profiles")
    )
    websites: tuple[Website, ...] | None = attrs.field(default=None, metadata=embedded("websites"))
    address: Address | None = attrs.field(default=None, metadata=embedded("address"))
    properties: tuple[CustomerProperty, ...] | None = attrs.field(
        default=None, metadata=embedded("properties")
    )
