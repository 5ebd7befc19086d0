"""Organizations: the companies customers belong to.

Help Scout publishes no example body of an organization; the fields follow its Create and Update
Organization documentation. Absent fields are ``None``; unknown keys are ignored (and kept by a
stream's ``raw()``).
"""

from datetime import datetime

import attrs

from ._base import embedded
from .properties import OrganizationProperty

__all__ = ["Organization"]


@attrs.frozen(kw_only=True)
class Organization:
    """An organization (``domains`` are the email domains that match its customers)."""

    id: int
    name: str | None = None
    website: str | None = None
    description: str | None = None
    note: str | None = None
    location: str | None = None
    phone: str | None = None
    logo_url: str | None = None
    brand_color: str | None = None
    domains: tuple[str, ...] = ()
    customer_count: int | None = None
    conversation_count: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    properties: tuple[OrganizationProperty, ...] | None = attrs.field(
        default=None, metadata=embedded("properties")
    )
