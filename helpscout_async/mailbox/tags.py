"""Tags: the account's tags with their colours and counts."""

from __future__ import annotations

from ..models import Tag
from ..pagination import Stream
from ._base import Resource


class Tags(Resource):
    """``client.tags``: every tag of the account."""

    def list(self, *, concurrency: int | None = None) -> Stream[Tag]:
        """Every tag (returned without await).

        Args:
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Tag``; nothing is fetched until it is iterated.

        Raises:
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        return self._stream("tags.list", Tag, concurrency=concurrency)

    async def get(self, tag_id: int) -> Tag:
        """One tag, with its colour and how many conversations carry it.

        Args:
            tag_id: the tag's id.

        Returns:
            The ``Tag``.

        Raises:
            TypeError, ValueError: a bad id (before any request).
            NotFound: no such tag.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._fetch("tags.get", Tag, tag_id=tag_id)
