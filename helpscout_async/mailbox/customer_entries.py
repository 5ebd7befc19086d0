"""Customer entries: a customer's address, chat handles, emails, phones, social profiles and
websites, each listed, created, updated and deleted on its own.

The five list kinds share one mechanism (``_Entries``), driven by their ``EntryKind`` row data
(path segment, path parameter, accepted types); each public class only names its kind and
model. The address is one object per customer (``CustomerAddress``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from .. import _validate as check
from .._api.mailbox_entries import ENTRY_KIND_BY_GROUP, EntryKind
from ..models import Address, ChatHandle, Email, Phone, SocialProfile, Website
from ..pagination import Stream
from ._base import Resource

__all__ = [
    "CustomerAddress",
    "CustomerChats",
    "CustomerEmails",
    "CustomerPhones",
    "CustomerSocialProfiles",
    "CustomerWebsites",
]

E = TypeVar("E")


class _Entries(Resource, Generic[E]):
    """List, create, update and delete one kind of entry of a customer."""

    _kind: ClassVar[EntryKind]
    _model: ClassVar[type[Any]]

    def _body(self, value: Any, type: Any) -> dict[str, Any]:
        kind = self._kind
        found = (
            check.email("value", value) if kind.segment == "emails" else check.text("value", value)
        )
        if kind.types is None:
            if type is not None:
                raise ValueError(f"type: {kind.segment} have no type; leave it out")
            return {"value": found}
        if type is None:
            choices = ", ".join(repr(t) for t in kind.types)
            raise ValueError(f"type is required for {kind.segment}: one of {choices}")
        return {"type": check.one_of("type", type, kind.types), "value": found}

    def list(self, customer_id: int) -> Stream[E]:
        """Every entry of this kind of one customer (returned without await; one request).

        Args:
            customer_id: the customer's id.

        Returns:
            A ``Stream`` of the entries; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: a bad id (at once, before any request).
            NotFound: when iterated, if there is no such customer.
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        stream: Stream[E] = self._stream(
            f"{self._kind.group}.list", self._model, customer_id=customer_id
        )
        return stream

    async def create(self, customer_id: int, value: str, *, type: str | None = None) -> int:
        """Add an entry to a customer. Never sent twice unless it certainly did not arrive.

        Args:
            customer_id: the customer's id.
            value: the entry (an email address, a number, a handle, a URL).
            type: its type (e.g. ``work``); required for every kind but websites, which
                have none.

        Returns:
            The new entry's id.

        Raises:
            TypeError, ValueError: a bad id, value or type (before any request).
            NotFound: no such customer.
            APIError: the API refused it (e.g. ``ValidationError``).
            TransportError: no usable answer (not re-sent if it may have arrived).
        """
        body = self._body(value, type)
        return await self._create(f"{self._kind.group}.create", body, customer_id=customer_id)

    async def update(
        self, customer_id: int, entry_id: int, value: str, *, type: str | None = None
    ) -> None:
        """Replace an entry's value (and type).

        Args:
            customer_id: the customer's id.
            entry_id: the entry's id (from ``list`` or ``create``).
            value: the new value.
            type: the new type; required for every kind but websites.

        Raises:
            TypeError, ValueError: a bad id, value or type (before any request).
            NotFound: no such customer or entry.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body = self._body(value, type)
        path = {"customer_id": customer_id, self._kind.param: entry_id}
        await self._send(f"{self._kind.group}.update", body, **path)

    async def delete(self, customer_id: int, entry_id: int) -> None:
        """Remove an entry from a customer (done if it is already gone after a lost answer).

        Args:
            customer_id: the customer's id.
            entry_id: the entry's id.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such customer or entry.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        path = {"customer_id": customer_id, self._kind.param: entry_id}
        await self._send(f"{self._kind.group}.delete", **path)


class CustomerChats(_Entries[ChatHandle]):
    """``client.customer_chats``: a customer's chat handles (type aim, skype, ...)."""

    _kind = ENTRY_KIND_BY_GROUP["customer_chats"]
    _model = ChatHandle


class CustomerEmails(_Entries[Email]):
    """``client.customer_emails``: a customer's email addresses (type work, home, other)."""

    _kind = ENTRY_KIND_BY_GROUP["customer_emails"]
    _model = Email


class CustomerPhones(_Entries[Phone]):
    """``client.customer_phones``: a customer's phone numbers (type work, mobile, ...)."""

    _kind = ENTRY_KIND_BY_GROUP["customer_phones"]
    _model = Phone


class CustomerSocialProfiles(_Entries[SocialProfile]):
    """``client.customer_social_profiles``: a customer's social profiles (twitter, ...)."""

    _kind = ENTRY_KIND_BY_GROUP["customer_social_profiles"]
    _model = SocialProfile


class CustomerWebsites(_Entries[Website]):
    """``client.customer_websites``: a customer's websites (untyped)."""

    _kind = ENTRY_KIND_BY_GROUP["customer_websites"]
    _model = Website


def _address_body(
    city: str | None,
    state: str | None,
    postal_code: str | None,
    country: str | None,
    lines: Sequence[str] | None,
) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name, key, value in (
        ("city", "city", city),
        ("state", "state", state),
        ("postal_code", "postalCode", postal_code),
    ):
        if value is not None:
            body[key] = check.text(name, value)
    if country is not None:
        code = check.text("country", country)
        if len(code) != 2 or not code.isalpha():
            raise ValueError(f"country must be an ISO 3166 alpha-2 code like 'US', got {code!r}")
        body["country"] = code.upper()
    if lines is not None:
        body["lines"] = [check.text("lines", line) for line in check.strings("lines", lines)]
    if not body:
        raise ValueError("give at least one of city, state, postal_code, country or lines")
    return body


class CustomerAddress(Resource):
    """``client.customer_address``: a customer's postal address (one per customer)."""

    async def get(self, customer_id: int) -> Address:
        """A customer's address.

        Args:
            customer_id: the customer's id.

        Returns:
            The ``Address``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such customer, or the customer has no address.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("customer_address.get", Address, customer_id=customer_id)

    async def create(
        self,
        customer_id: int,
        *,
        city: str | None = None,
        state: str | None = None,
        postal_code: str | None = None,
        country: str | None = None,
        lines: Sequence[str] | None = None,
    ) -> None:
        """Give a customer an address. Never sent twice unless it certainly did not arrive.

        Args:
            customer_id: the customer's id.
            city, state, postal_code: the address's parts.
            country: an ISO 3166 alpha-2 code (``US``).
            lines: the street lines.

        Raises:
            TypeError, ValueError: a bad id or part, or no part at all (before any request).
            NotFound: no such customer.
            APIError: the API refused it (e.g. ``ValidationError``).
            TransportError: no usable answer (not re-sent if it may have arrived).
        """
        body = _address_body(city, state, postal_code, country, lines)
        await self._send("customer_address.create", body, customer_id=customer_id)

    async def update(
        self,
        customer_id: int,
        *,
        city: str | None = None,
        state: str | None = None,
        postal_code: str | None = None,
        country: str | None = None,
        lines: Sequence[str] | None = None,
    ) -> None:
        """Replace a customer's address (parts left out are cleared).

        Args:
            customer_id: the customer's id.
            city, state, postal_code: the address's parts.
            country: an ISO 3166 alpha-2 code (``US``).
            lines: the street lines.

        Raises:
            TypeError, ValueError: a bad id or part, or no part at all (before any request).
            NotFound: no such customer, or no address to update.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body = _address_body(city, state, postal_code, country, lines)
        await self._send("customer_address.update", body, customer_id=customer_id)

    async def delete(self, customer_id: int) -> None:
        """Remove a customer's address.

        Args:
            customer_id: the customer's id.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such customer, or no address.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send("customer_address.delete", customer_id=customer_id)
