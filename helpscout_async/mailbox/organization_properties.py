"""Organization properties: the account's property definitions and each organization's values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import _validate as check
from .._api.mailbox_account import (
    PROPERTY_MAX_OPTIONS,
    PROPERTY_NAME_MAX,
    PROPERTY_SLUG_MAX,
    PROPERTY_TYPES,
)
from ..models import OrganizationPropertyDefinition
from ..pagination import Stream
from ._base import Resource


def _options(options: Iterable[str] | None) -> list[dict[str, str]] | None:
    if options is None:
        return None
    labels = check.strings("options", options)
    if len(labels) > PROPERTY_MAX_OPTIONS:
        raise ValueError(
            f"options may hold at most {PROPERTY_MAX_OPTIONS} labels, got {len(labels)}"
        )
    return [{"label": check.short_text("options", label, PROPERTY_NAME_MAX)} for label in labels]


def _slug(slug: Any) -> str:
    return check.short_text("slug", slug, PROPERTY_SLUG_MAX)


class OrganizationProperties(Resource):
    """``client.organization_properties``: property definitions and values of organizations."""

    def list(self) -> Stream[OrganizationPropertyDefinition]:
        """Every organization property definition (one page; returned without await).

        Returns:
            A ``Stream`` of ``OrganizationPropertyDefinition``.

        Raises:
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        return self._stream("organization_properties.list", OrganizationPropertyDefinition)

    async def get(self, slug: str) -> OrganizationPropertyDefinition:
        """One property definition, by its slug.

        Args:
            slug: the definition's slug (``industry``).

        Returns:
            The ``OrganizationPropertyDefinition``.

        Raises:
            TypeError, ValueError: a bad slug (before any request).
            NotFound: no such definition.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch(
            "organization_properties.get", OrganizationPropertyDefinition, property_slug=_slug(slug)
        )

    async def create(
        self, slug: str, name: str, type: str, *, options: Iterable[str] | None = None
    ) -> None:
        """Create a property definition (at most 50 per account).

        A POST: not re-sent when it may have reached the server. The new definition
        is known by its ``slug`` (the API sends no id).

        Args:
            slug: its unique slug, 1 to 120 characters.
            name: its display name, at most 100 characters.
            type: text, number, url, date or dropdown.
            options: the labels of a dropdown's options (at most 100; only for dropdown).

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            ValidationError: the API refused a field (e.g. the slug is taken).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        kind = check.one_of("type", type, PROPERTY_TYPES)
        found = _options(options)
        if found is not None and kind != "dropdown":
            raise ValueError(f"options are only for type='dropdown', not {kind!r}")
        body: dict[str, Any] = {
            "type": kind,
            "slug": _slug(slug),
            "name": check.short_text("name", name, PROPERTY_NAME_MAX),
        }
        if found is not None:
            body["options"] = found
        await self._send("organization_properties.create", body)

    async def update(self, slug: str, name: str, *, options: Iterable[str] | None = None) -> None:
        """Rename a definition, and for a dropdown replace its options.

        Args:
            slug: the definition's slug.
            name: its new display name, at most 100 characters.
            options: a dropdown's new option labels (at most 100).

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such definition.
            ValidationError: the API refused a field.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        body: dict[str, Any] = {"name": check.short_text("name", name, PROPERTY_NAME_MAX)}
        found = _options(options)
        if found is not None:
            body["options"] = found
        await self._send("organization_properties.update", body, property_slug=_slug(slug))

    async def delete(self, slug: str) -> None:
        """Delete a definition, and its value on every organization.

        Args:
            slug: the definition's slug.

        Raises:
            TypeError, ValueError: a bad slug (before any request).
            NotFound: no such definition.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send("organization_properties.delete", property_slug=_slug(slug))

    async def set_value(self, organization_id: int, slug: str, value: str | int | float) -> None:
        """Set one property's value on an organization.

        Args:
            organization_id: the organization's id.
            slug: the property definition's slug.
            value: the value (for a dropdown: one of its option labels; a date as
                ``YYYY-MM-DD``); numbers are sent as they are.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such organization or definition.
            ValidationError: the value does not fit the property's type.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise TypeError(f"value must be a str or a number, got {type(value).__name__}")
        if isinstance(value, str):
            check.text("value", value)
        await self._send(
            "organization_properties.set_value",
            {"value": value},
            organization_id=organization_id,
            property_slug=_slug(slug),
        )

    async def remove_value(self, organization_id: int, slug: str) -> None:
        """Remove one property's value from an organization.

        Args:
            organization_id: the organization's id.
            slug: the property definition's slug.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            NotFound: no such organization or definition.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        await self._send(
            "organization_properties.remove_value",
            organization_id=organization_id,
            property_slug=_slug(slug),
        )
