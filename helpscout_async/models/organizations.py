"""Organizations: the companies customers belong to.

Get Organization sends ``customerCount``/``conversationCount`` only with ``includeCounts=true``
and ``properties`` only with ``includeProperties=true``; absent, they are ``None``.
"""

from datetime import datetime

import attrs

from ._base import embedded
from .properties import OrganizationProperty

__all__ = ["Organization"]


@attrs.frozen(kw_only=True)
class Organization:
    """An organization (``domains`` are the email domains that match its customers).

    Create Organization takes a single ``domain``; responses list ``domains``.
    """

    id: int
    name: str | None = None
    website: str | None = None
    description: str | None = None
    note: str | None = None
    location: str | None = None
    logo_url: str | None = None
    brand_color: str | None = None
    domain: str | None = None
    domains: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    customer_count: int | None = None
    conversation_count: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    properties: tuple[OrganizationProperty, ...] | None = attrs.field(
        default=None, metadata=embedded("properties")
    )
