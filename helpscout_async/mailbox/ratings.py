"""Ratings: the customers' satisfaction ratings of replies."""

from __future__ import annotations

from ..models import Rating
from ._base import Resource


class Ratings(Resource):
    """``client.ratings``: satisfaction ratings, one at a time."""

    async def get(self, rating_id: int) -> Rating:
        """One satisfaction rating: its score, comments, and the thread it rates.

        Args:
            rating_id: the rating's id.

        Returns:
            The ``Rating``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such rating.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("ratings.get", Rating, rating_id=rating_id)
