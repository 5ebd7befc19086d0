"""Tags: the account's tags with their colours and counts."""

from __future__ import annotations

from ..models import Tag
from ..pagination import Stream
from ._base import Resource


class Tags(Resource):
    """``client.tags``: every tag of the account."""

    def list(self, *, concurrency: int | None = None) -> Stream[Tag]:
        """Every tag (returned without await)."""
        return self._list("/tags", "tags", Tag, concurrency=concurrency)
