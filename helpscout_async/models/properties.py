"""Custom properties of customers and organizations: their definitions and their values.

An account defines properties (``slug``, ``name``, ``type`` one of number, text, url, date,
dropdown; dropdowns list their ``options`` with UUID ids); each customer or organization then
carries values for them. Help Scout publishes no example of ``source``, so it is kept as sent.
"""

from datetime import datetime

import attrs

from ._base import OpenEnum
from .common import JSONValue

__all__ = [
    "CustomerProperty",
    "CustomerPropertyDefinition",
    "OrganizationProperty",
    "OrganizationPropertyDefinition",
    "PropertyOption",
    "PropertyType",
]


class PropertyType(OpenEnum):
    """Kind of a customer or organization property."""

    NUMBER = "number"
    TEXT = "text"
    URL = "url"
    DATE = "date"
    DROPDOWN = "dropdown"


@attrs.frozen(kw_only=True)
class PropertyOption:
    """One choice of a dropdown property (``id`` is a UUID string; organization property
    values list their options by ``label`` only)."""

    id: str | None = None
    label: str | None = None


@attrs.frozen(kw_only=True)
class CustomerPropertyDefinition:
    """A customer property the account defines (List Customer Property Definitions).

    ``source`` says where the definition comes from; its shape is not published for
    definitions, so it is kept as the JSON value Help Scout sent.
    """

    slug: str
    type: PropertyType | None = None
    name: str | None = None
    options: tuple[PropertyOption, ...] = ()
    source: JSONValue = attrs.field(default=None, hash=False)


@attrs.frozen(kw_only=True)
class CustomerProperty:
    """A customer's value of an account-defined property (``text`` is the display form).

    ``source`` says who set the value, e.g. ``{"name": "api"}``; kept as the JSON value sent.
    """

    type: PropertyType | None = None
    slug: str | None = None
    name: str | None = None
    value: str | None = None
    text: str | None = None
    source: JSONValue = attrs.field(default=None, hash=False)


@attrs.frozen(kw_only=True)
class OrganizationPropertyDefinition:
    """An organization property the account defines."""

    slug: str
    type: PropertyType | None = None
    name: str | None = None
    options: tuple[PropertyOption, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True)
class OrganizationProperty:
    """An organization's value of an account-defined property (``definition_id`` names the
    definition; a dropdown's value comes with its ``options``)."""

    definition_id: int | None = None
    type: PropertyType | None = None
    slug: str | None = None
    name: str | None = None
    value: str | None = None
    text: str | None = None
    options: tuple[PropertyOption, ...] = ()
