"""Page shapes: how each kind of list body gives its items, its figures and its next page.

One adapter per shape the API families use, named by the operation table's ``page``
column:

- ``hal``: Mailbox v2, ``_embedded.{key}`` with ``page: {number, totalPages,
  totalElements, size}``; page N can be asked for directly (``page=N``), so a stream
  fetches a window of pages at once.
- ``docs``: Docs v1, ``{key: {page, pages, count, items}}``; numbered like ``hal``.
- ``cursor``: Mailbox v3, ``_embedded.{key}`` with a ``_links.next`` link that carries
  the cursor; only the page in hand knows the next, so the walk is serial.
- ``array``: a bare JSON array (saved replies, some reports): one page.
- ``embedded``: one unpaged ``_embedded.{key}`` list: one page.

Adapters never trust the body: a missing part reads as an empty page or as "no
further page"; a page figure that is there but not a count (``null``, ``"abc"``,
``-1``) is a ``BadResponse`` naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .errors import BadResponse


@attrs.frozen
class Figures:
    """A page's own account of itself: ``number``, ``total_pages``, ``total_elements``, ``size``."""

    number: int
    total_pages: int
    total_elements: int
    size: int


def _int(figures: Mapping[str, Any], name: str, default: int) -> int:
    """The page figure ``name``: absent gives ``default``; anything not a count is refused."""
    if name not in figures:
        return default
    value = figures[name]
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise BadResponse(f"the page figure {name!r} is {value!r}, not a whole number >= 0")


def _embedded(body: Any, key: str) -> list[Any]:
    embedded = body.get("_embedded") if isinstance(body, Mapping) else None
    items = embedded.get(key) if isinstance(embedded, Mapping) else None
    return list(items) if isinstance(items, list) else []


def _next_href(body: Any) -> str | None:
    links = body.get("_links") if isinstance(body, Mapping) else None
    link = links.get("next") if isinstance(links, Mapping) else None
    href = link.get("href") if isinstance(link, Mapping) else None
    return href if isinstance(href, str) and href else None


class PageShape:
    """The base adapter: one page whose items are ``_embedded.{key}``.

    Attributes:
        random_access: page N may be fetched before page N-1 has arrived (``page=N``).
        numbered: requests carry ``page=N``.
    """

    name = "embedded"
    random_access = False
    numbered = False

    def items(self, body: Any, key: str) -> list[Any]:
        """The raw items of a page body (``[]`` when absent or malformed)."""
        return _embedded(body, key)

    def figures(self, body: Any, number: int, key: str) -> Figures:
        """What the page says of itself; ``number`` is the page that was asked for."""
        count = len(self.items(body, key))
        return Figures(number=number, total_pages=number, total_elements=count, size=count)

    def next_link(self, body: Any) -> str | None:
        """A serial shape's link to the next page (``None``: this was the last)."""
        return None

    def has_next(self, body: Any) -> bool:
        """Whether the page says another follows (a numbered shape's ``next`` link)."""
        return False

    def __repr__(self) -> str:
        return f"<page shape {self.name}>"


class HalPages(PageShape):
    """Mailbox v2: ``_embedded.{key}`` and ``page.{number,totalPages,totalElements,size}``."""

    name = "hal"
    random_access = True
    numbered = True

    def figures(self, body: Any, number: int, key: str) -> Figures:
        page = body.get("page") if isinstance(body, Mapping) else None
        if not isinstance(page, Mapping):
            return Figures(number=number, total_pages=number, total_elements=0, size=0)
        return Figures(
            number=_int(page, "number", number),
            total_pages=_int(page, "totalPages", 0),
            total_elements=_int(page, "totalElements", 0),
            size=_int(page, "size", 0),
        )

    def has_next(self, body: Any) -> bool:
        return _next_href(body) is not None


class DocsPages(PageShape):
    """Docs v1: ``{key: {"page", "pages", "count", "items": [...]}}``."""

    name = "docs"
    random_access = True
    numbered = True

    def _envelope(self, body: Any, key: str) -> Mapping[str, Any]:
        inner = body.get(key) if isinstance(body, Mapping) else None
        if inner is None and isinstance(body, Mapping) and "items" in body:
            return body  # List Sites: the page is not wrapped in its key
        return inner if isinstance(inner, Mapping) else {}

    def items(self, body: Any, key: str) -> list[Any]:
        items = self._envelope(body, key).get("items")
        return list(items) if isinstance(items, list) else []

    def figures(self, body: Any, number: int, key: str) -> Figures:
        inner = self._envelope(body, key)
        return Figures(
            number=_int(inner, "page", number),
            total_pages=_int(inner, "pages", number if not inner else 0),
            total_elements=_int(inner, "count", 0),
            size=len(self.items(body, key)),
        )


class CursorPages(PageShape):
    """Mailbox v3: ``_embedded.{key}``, the next page at ``_links.next.href`` (serial)."""

    name = "cursor"

    def figures(self, body: Any, number: int, key: str) -> Figures:
        count = len(self.items(body, key))
        more = self.next_link(body) is not None
        return Figures(
            number=number,
            total_pages=number + 1 if more else number,
            total_elements=0,
            size=count,
        )

    def next_link(self, body: Any) -> str | None:
        return _next_href(body)


class BareArray(PageShape):
    """A bare JSON array: the whole list in one body."""

    name = "array"

    def items(self, body: Any, key: str) -> list[Any]:
        return list(body) if isinstance(body, list) else []


SHAPES: Mapping[str, PageShape] = {
    shape.name: shape
    for shape in (HalPages(), DocsPages(), CursorPages(), BareArray(), PageShape())
}
"""Each adapter by the name the operation table's ``page`` column uses."""

HAL = SHAPES["hal"]
