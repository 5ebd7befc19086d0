"""Customers: list (v2 pages, v3 cursor), get, create, overwrite, patch, delete (now or async)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from .. import _validate as check
from .._api.mailbox_values import CUSTOMER_SORT_FIELDS, SORT_ORDERS
from ..models import Customer
from ..pagination import Stream
from ._base import Resource

SORT_FIELDS = frozenset(CUSTOMER_SORT_FIELDS)
_TEXT_FIELDS = {
    "first_name": "firstName",
    "last_name": "lastName",
    "organization": "organization",
    "job_title": "jobTitle",
    "background": "background",
    "location": "location",
    "age": "age",
    "gender": "gender",
    "photo_url": "photoUrl",
    "photo_type": "photoType",
}


def _customer_body(
    values: dict[str, Any],
    *,
    emails: Sequence[str] | None,
    phones: Sequence[str] | None,
) -> dict[str, Any]:
    """The API's customer body from snake_case arguments (``None`` means not given)."""
    body: dict[str, Any] = {
        _TEXT_FIELDS[name]: check.text(name, value)
        for name, value in values.items()
        if value is not None
    }
    if emails is not None:
        found = check.strings("emails", emails)
        body["emails"] = [{"type": "work", "value": check.email("emails", e)} for e in found]
    if phones is not None:
        body["phones"] = [{"type": "work", "value": p} for p in check.strings("phones", phones)]
    return body


class Customers(Resource):
    """``client.customers``: the people who write to the account's mailboxes."""

    def list(
        self,
        *,
        mailbox: int | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        modified_since: datetime | None = None,
        sort_field: str | None = None,
        sort_order: str | None = None,
        query: str | None = None,
        page: int | None = None,
        concurrency: int | None = None,
    ) -> Stream[Customer]:
        """Customers matching the filters, across all pages (returned without await).

        Args:
            mailbox: only customers who wrote to this mailbox.
            first_name, last_name: exact name filters.
            modified_since: only customers modified at or after (aware datetime).
            sort_field: createdAt, firstName, lastName, modifiedAt or score.
            sort_order: asc or desc.
            query: a search query, e.g. ``(email:"a@example.com")``.
            page: start the walk at this page (1-based).
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Customer``; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
            APIError: when iterated, if the API refuses the list.
        """
        params: dict[str, Any] = {
            "mailbox": check.optional_id("mailbox", mailbox),
            "firstName": check.optional_text("first_name", first_name),
            "lastName": check.optional_text("last_name", last_name),
            "modifiedSince": None
            if modified_since is None
            else check.aware("modified_since", modified_since),
            "sortField": check.optional_one_of("sort_field", sort_field, SORT_FIELDS),
            "sortOrder": check.optional_one_of("sort_order", sort_order, SORT_ORDERS),
            "query": check.optional_text("query", query),
        }
        return self._stream("customers.list", Customer, params, page=page, concurrency=concurrency)

    async def get(self, customer_id: int) -> Customer:
        """One customer, with emails, phones, chats, social profiles, websites, address.

        Args:
            customer_id: the customer's id.

        Returns:
            The ``Customer``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such customer.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("customers.get", Customer, customer_id=customer_id)

    async def create(
        self,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        emails: Sequence[str] | None = None,
        phones: Sequence[str] | None = None,
        organization: str | None = None,
        job_title: str | None = None,
        background: str | None = None,
        location: str | None = None,
        age: str | None = None,
        gender: str | None = None,
        photo_url: str | None = None,
        photo_type: str | None = None,
    ) -> int:
        """Create a customer. Never sent twice unless it certainly did not arrive.

        Args:
            first_name, last_name: the customer's names.
            emails: email addresses (sent as type ``work``).
            phones: phone numbers (sent as type ``work``).
            organization, job_title, background, location, age, gender: profile text.
            photo_url, photo_type: the customer's photo.

        Returns:
            The new customer's id.

        Raises:
            ValueError: none of first_name, last_name or emails, or a bad value.
            TypeError: a value of the wrong type (before any request).
            TransportError: no usable answer (not re-sent if it may have arrived).
            APIError: the API refused it (e.g. ``ValidationError``).
        """
        if first_name is None and last_name is None and not emails:
            raise ValueError("give at least one of first_name, last_name or emails")
        values = {name: value for name, value in locals().items() if name in _TEXT_FIELDS}
        body = _customer_body(values, emails=emails, phones=phones)
        return await self._create("customers.create", body)

    async def update(
        self,
        customer_id: int,
        *,
        first_name: str,
        last_name: str | None = None,
        organization: str | None = None,
        job_title: str | None = None,
        background: str | None = None,
        location: str | None = None,
        age: str | None = None,
        gender: str | None = None,
        photo_url: str | None = None,
        photo_type: str | None = None,
    ) -> None:
        """Replace the customer's core fields (PUT): fields not given are cleared.

        Emails, phones and the other sub-lists are not touched by this call.

        Args:
            customer_id: the customer.
            first_name: the first name (the API requires it).
            last_name, organization, job_title, background, location, age, gender,
                photo_url, photo_type: the other core fields (absent ones are cleared).

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such customer.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        check.positive_id("customer_id", customer_id)
        values = {name: value for name, value in locals().items() if name in _TEXT_FIELDS}
        body = _customer_body(values, emails=None, phones=None)
        await self._send("customers.update", body, customer_id=customer_id)

    async def delete(self, customer_id: int) -> None:
        """Delete a customer (a repeat after a lost answer that finds it gone is done).

        Args:
            customer_id: the customer.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such customer.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send("customers.delete", customer_id=customer_id)

    def list_v3(
        self,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
        created_since: datetime | None = None,
        modified_since: datetime | None = None,
        query: str | None = None,
    ) -> Stream[Customer]:
        """Customers from the v3 API, newest first, page after page by its cursor (no await).

        v3 pages follow ``_links.next`` (the cursor), so they are fetched one after the
        other and there is no ``page`` to start from; the walk does not shift when
        customers are added meanwhile, as numbered pages can. Filters are joined by AND.

        Args:
            first_name, last_name: exact name filters.
            email: customers with this email address.
            created_since: only customers created at or after (aware datetime).
            modified_since: only customers modified at or after (aware datetime).
            query: a search query, e.g. ``(email:"a@example.com")``.

        Returns:
            A ``Stream`` of ``Customer``; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: a bad argument (at once, before any request).
            APIError: when iterated, if the API refuses the list.
        """
        params: dict[str, Any] = {
            "firstName": check.optional_text("first_name", first_name),
            "lastName": check.optional_text("last_name", last_name),
            "email": None if email is None else check.email("email", email),
            "createdSince": None
            if created_since is None
            else check.aware("created_since", created_since),
            "modifiedSince": None
            if modified_since is None
            else check.aware("modified_since", modified_since),
            "query": check.optional_text("query", query),
        }
        return self._stream("customers.list_v3", Customer, params)

    async def patch(
        self,
        customer_id: int,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        organization: str | None = None,
        job_title: str | None = None,
        background: str | None = None,
        location: str | None = None,
        age: str | None = None,
        gender: str | None = None,
        photo_url: str | None = None,
        photo_type: str | None = None,
        remove: Collection[str] = (),
    ) -> None:
        """Change only the fields given (JSON Patch), unlike ``update`` which replaces all.

        Each value given becomes a ``replace`` operation, each name in ``remove`` a
        ``remove``; all go in one request, which the API applies whole or not at all.

        Args:
            customer_id: the customer.
            first_name, last_name, organization, job_title, background, location, age,
                gender, photo_url, photo_type: new values of those fields.
            remove: names of those fields to clear (e.g. ``{"job_title"}``).

        Raises:
            TypeError, ValueError: a bad argument, a field both set and removed, or
                nothing to change (before any request).
            NotFound: no such customer.
            ValidationError: the API refused a value (nothing is changed).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        check.positive_id("customer_id", customer_id)
        values = {name: value for name, value in locals().items() if name in _TEXT_FIELDS}
        given = {
            name: check.text(name, value) for name, value in values.items() if value is not None
        }
        if isinstance(remove, str) or not isinstance(remove, Collection):
            raise TypeError("remove must be a collection of field names, e.g. {'job_title'}")
        unknown = sorted(set(remove) - set(_TEXT_FIELDS))
        if unknown:
            raise ValueError(
                f"remove: unknown fields {unknown}; choose from {sorted(_TEXT_FIELDS)}"
            )
        both = sorted(set(remove) & set(given))
        if both:
            raise ValueError(f"{both} are both given a value and removed; choose one")
        ops: list[dict[str, Any]] = [
            {"op": "replace", "path": f"/{_TEXT_FIELDS[name]}", "value": value}
            for name, value in given.items()
        ]
        ops += [{"op": "remove", "path": f"/{_TEXT_FIELDS[name]}"} for name in sorted(remove)]
        if not ops:
            raise ValueError("nothing to change: give a field's new value, or remove=[...]")
        await self._send("customers.patch", ops, customer_id=customer_id)

    async def delete_async(self, customer_id: int) -> None:
        """Erase a customer, their conversations and survey answers, in the background.

        The GDPR right of erasure: there is no undo. The API answers 202 at once and
        deletes later; a ``customer.deleted`` webhook says when it is done. It refuses
        (``Forbidden``) when the credentials' user cannot see all the customer's
        conversations.

        Args:
            customer_id: the customer.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such customer.
            Forbidden: the user cannot access every conversation of the customer.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send("customers.delete_async", customer_id=customer_id)
