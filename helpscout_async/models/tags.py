"""Tags as the tags resource returns them."""

from datetime import datetime

import attrs

__all__ = [
    "Tag",
]


@attrs.frozen(kw_only=True)
class Tag:
    """A tag of the account; ``updated_at`` is absent for a tag never renamed."""

    id: int
    name: str | None = None
    slug: str | None = None
    color: str | None = None
    ticket_count: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
