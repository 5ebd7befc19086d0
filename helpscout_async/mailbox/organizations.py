"""Organizations: the companies customers belong to, with their customers and conversations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import _validate as check
from .._api.mailbox_account import ORGANIZATION_SORT_FIELDS
from ..models import Conversation, Customer, Organization
from ..pagination import Stream
from ._base import Resource

_SORT_ORDERS = ("asc", "desc")
_TEXT_FIELDS = {
    "website": "website",
    "description": "description",
    "location": "location",
    "note": "note",
    "logo_url": "logoUrl",
    "brand_color": "brandColor",
}


def _organization_body(
    name: str, domain: str | None, phones: Iterable[str] | None, fields: dict[str, Any]
) -> dict[str, Any]:
    """The API's organization body from snake_case arguments (``None``: not sent)."""
    body: dict[str, Any] = {"name": check.text("name", name)}
    if domain is not None:
        body["domain"] = check.text("domain", domain)
    for argument, key in _TEXT_FIELDS.items():
        value = fields.get(argument)
        if value is not None:
            body[key] = check.text(argument, value)
    if phones is not None:
        body["phones"] = check.strings("phones", phones)
    return body


class Organizations(Resource):
    """``client.organizations``: the account's organizations."""

    def list(
        self,
        *,
        sort_field: str | None = None,
        sort_order: str | None = None,
        concurrency: int | None = None,
    ) -> Stream[Organization]:
        """Organizations, 50 a page (returned without await).

        Args:
            sort_field: name, customerCount, conversationCount or lastInteractionAt
                (the API's default).
            sort_order: asc or desc (the API's default); only with ``sort_field``.
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Organization``; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: a bad argument (at once).
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        field = check.optional_one_of("sort_field", sort_field, ORGANIZATION_SORT_FIELDS)
        order = check.optional_one_of("sort_order", sort_order, _SORT_ORDERS)
        if order is not None and field is None:
            raise ValueError("sort_order needs a sort_field, e.g. sort_field='name'")
        params = {"sort": None if field is None else f"{field},{order or 'desc'}"}
        return self._stream("organizations.list", Organization, params, concurrency=concurrency)

    async def get(
        self, organization_id: int, *, counts: bool = False, properties: bool = False
    ) -> Organization:
        """One organization.

        Args:
            organization_id: the organization's id.
            counts: also fetch ``customer_count`` and ``conversation_count``.
            properties: also fetch the organization's property values.

        Returns:
            The ``Organization``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such organization.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        params = {
            "includeCounts": "true" if check.flag("counts", counts) else None,
            "includeProperties": "true" if check.flag("properties", properties) else None,
        }
        return await self._fetch(
            "organizations.get", Organization, params, organization_id=organization_id
        )

    async def create(
        self,
        name: str,
        *,
        domain: str | None = None,
        phones: Iterable[str] | None = None,
        website: str | None = None,
        description: str | None = None,
        location: str | None = None,
        note: str | None = None,
        logo_url: str | None = None,
        brand_color: str | None = None,
    ) -> int:
        """Create an organization; customers whose email matches ``domain`` join it.

        A POST: not re-sent when it may have reached the server.

        Args:
            name: the organization's name.
            domain: the email domain of its customers (``example.com``).
            phones: phone numbers.
            website, description, location, note, logo_url, brand_color: as shown
                in Help Scout (``brand_color`` like ``#00FF00``).

        Returns:
            The new organization's id.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            ValidationError: the API refused a field (e.g. a domain already taken).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        fields = {"website": website, "description": description, "location": location}
        fields |= {"note": note, "logo_url": logo_url, "brand_color": brand_color}
        body = _organization_body(name, domain, phones, fields)
        return await self._create("organizations.create", body)

    async def update(
        self,
        organization_id: int,
        name: str,
        *,
        domain: str | None = None,
        phones: Iterable[str] | None = None,
        website: str | None = None,
        description: str | None = None,
        location: str | None = None,
        note: str | None = None,
        logo_url: str | None = None,
        brand_color: str | None = None,
    ) -> None:
        """Replace an organization (PUT): fields left out are cleared.

        Args:
            organization_id: the organization's id.
            name, domain, phones, website, description, location, note, logo_url,
                brand_color: as for ``create``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such organization.
            ValidationError: the API refused a field.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        fields = {"website": website, "description": description, "location": location}
        fields |= {"note": note, "logo_url": logo_url, "brand_color": brand_color}
        body = _organization_body(name, domain, phones, fields)
        await self._send("organizations.update", body, organization_id=organization_id)

    async def delete(self, organization_id: int) -> None:
        """Delete an organization (its customers stay, without it).

        Args:
            organization_id: the organization's id.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such organization.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send("organizations.delete", organization_id=organization_id)

    def conversations(
        self, organization_id: int, *, concurrency: int | None = None
    ) -> Stream[Conversation]:
        """The conversations of an organization's customers (returned without await).

        Args:
            organization_id: the organization's id.
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Conversation``.

        Raises:
            TypeError, ValueError: a bad id (at once).
            APIError: when iterated, e.g. ``NotFound`` for an unknown organization.
        """
        return self._stream(
            "organizations.conversations",
            Conversation,
            concurrency=concurrency,
            organization_id=organization_id,
        )

    def customers(
        self, organization_id: int, *, concurrency: int | None = None
    ) -> Stream[Customer]:
        """The customers of an organization (returned without await).

        Args:
            organization_id: the organization's id.
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Customer``.

        Raises:
            TypeError, ValueError: a bad id (at once).
            APIError: when iterated, e.g. ``NotFound`` for an unknown organization.
        """
        return self._stream(
            "organizations.customers",
            Customer,
            concurrency=concurrency,
            organization_id=organization_id,
        )
