"""Satisfaction ratings left by customers on replies."""

from datetime import datetime

import attrs

__all__ = [
    "Rating",
    "RatingPerson",
]


@attrs.frozen(kw_only=True)
class RatingPerson:
    """The customer or user of a rating (``firstName`` style, unlike ``Person``)."""

    id: int | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    photo_url: str | None = None


@attrs.frozen(kw_only=True)
class Rating:
    """A satisfaction rating; ``rating`` is e.g. ``great`` (the set is not documented).

    Help Scout sends ``createdAt`` here without a zone; it is read as UTC.
    """

    id: int
    customer: RatingPerson | None = None
    user: RatingPerson | None = None
    thread_id: int | None = None
    conversation_id: int | None = None
    conversation_number: int | None = None
    mailbox_id: int | None = None
    rating: str | None = None
    comments: str | None = None
    created_at: datetime | None = None
