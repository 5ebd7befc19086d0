"""Customer properties: the account's definitions (list, create, delete) and a customer's
values (set or remove, by slug).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from .. import _validate as check
from .._api.mailbox_entries import (
    PROPERTY_OPTIONS_MAX,
    PROPERTY_RESERVED_SLUGS,
    PROPERTY_SLUG_MAX,
    PROPERTY_TYPES,
)
from ..models import CustomerPropertyDefinition
from ..pagination import Stream
from ._base import Resource

__all__ = ["CustomerProperties", "PropertyValue"]

PropertyValue = str | int | date | None
"""A property's value: text, url or a dropdown option (id or label) as ``str``, a number as
``int``, a date as ``date``; ``None`` removes the value."""

_SLUG = re.compile(r"[A-Za-z0-9_-]+")


def _check_slug(name: str, value: Any) -> str:
    """A property slug: 1-100 letters, digits, hyphens or underscores."""
    found = check.text(name, value)
    if len(found) > PROPERTY_SLUG_MAX or not _SLUG.fullmatch(found):
        raise ValueError(
            f"{name} must be 1-{PROPERTY_SLUG_MAX} letters, digits, '-' or '_', got {found!r}"
        )
    return found


def _patch_value(name: str, value: Any) -> str | int:
    if isinstance(value, bool):
        raise TypeError(f"{name}: a bool is not a property value; use 'true'/'false' or 1/0")
    if isinstance(value, datetime):
        raise TypeError(f"{name}: give a date (value.date()), not a datetime")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return check.text(name, value)
    raise TypeError(f"{name} must be a str, int, date or None, got {type(value).__name__}")


class CustomerProperties(Resource):
    """``client.customer_properties``: property definitions, and customers' values."""

    def list(self) -> Stream[CustomerPropertyDefinition]:
        """Every customer property the account defines (returned without await).

        Returns:
            A ``Stream`` of ``CustomerPropertyDefinition``; fetched when iterated.

        Raises:
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        return self._stream("customer_properties.list", CustomerPropertyDefinition)

    async def create(
        self, *, slug: str, name: str, type: str, options: Sequence[str] | None = None
    ) -> str:
        """Define a customer property (at most 50 per company). Not sent twice blindly.

        Args:
            slug: its logical id: 1-100 letters, digits, '-' or '_'; not email, name,
                company or jobTitle.
            name: its display name.
            type: number, text, url, date or dropdown.
            options: a dropdown's option labels (required for dropdowns, at most 100;
                refused for other types).

        Returns:
            The slug, which names the property from now on.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            APIError: the API refused it (e.g. the slug is taken).
            TransportError: no usable answer (not re-sent if it may have arrived).
        """
        found = _slug_arg("slug", slug)
        kind = check.one_of("type", type, PROPERTY_TYPES)
        body: dict[str, Any] = {"type": kind, "slug": found, "name": check.text("name", name)}
        if kind == "dropdown":
            if options is None:
                raise ValueError("options: a dropdown needs its option labels")
            labels = [check.text("options", label) for label in check.strings("options", options)]
            if not labels or len(labels) > PROPERTY_OPTIONS_MAX:
                raise ValueError(
                    f"options must hold 1 to {PROPERTY_OPTIONS_MAX} labels, got {len(labels)}"
                )
            if len(set(labels)) != len(labels):
                raise ValueError("options: each label must be unique")
            body["options"] = [{"label": label} for label in labels]
        elif options is not None:
            raise ValueError(f"options: only a dropdown has options, not a {kind} property")
        await self._send("customer_properties.create", body)
        return found

    async def delete(self, property_slug: str) -> None:
        """Delete a property definition (and every customer's value of it).

        Args:
            property_slug: the property's slug.

        Raises:
            TypeError, ValueError: a bad slug (before any request).
            NotFound: no such property.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        found = _check_slug("property_slug", property_slug)
        await self._send("customer_properties.delete", property_slug=found)

    async def update_values(self, customer_id: int, values: Mapping[str, PropertyValue]) -> None:
        """Set or remove a customer's property values, by slug, in one request.

        Args:
            customer_id: the customer's id.
            values: slug -> value (``str``, ``int``, ``date``); ``None`` removes the value.

        Raises:
            TypeError, ValueError: a bad id, slug or value, or no values (before any request).
            NotFound: no such customer.
            APIError: the API refused a value (e.g. text for a number property).
            TransportError: no usable answer.
        """
        if not isinstance(values, Mapping):
            raise TypeError(
                f"values must be a mapping of slug to value, got {type(values).__name__}"
            )
        if not values:
            raise ValueError("values must name at least one property")
        ops: list[dict[str, Any]] = []
        for key, value in values.items():
            path = f"/{_check_slug('values', key)}"
            if value is None:
                ops.append({"op": "remove", "path": path})
            else:
                ops.append({"op": "replace", "path": path, "value": _patch_value(key, value)})
        await self._send("customer_properties.update_values", ops, customer_id=customer_id)


def _slug_arg(name: str, value: Any) -> str:
    found = _check_slug(name, value)
    if found in PROPERTY_RESERVED_SLUGS:
        reserved = ", ".join(PROPERTY_RESERVED_SLUGS)
        raise ValueError(f"{name}: {found!r} is reserved ({reserved}); choose another slug")
    return found
