"""Pages of ``per_page`` items, assembled from the API's fixed-size pages.

The API has no page-size parameter: List Conversations answers 25 a page, the
other lists 50. A facade page ``number`` of ``per_page`` items holds items
``(number-1)*per_page`` to ``number*per_page - 1`` of the listing, so it is cut
from at most ``ceil(per_page/size) + 1`` consecutive API pages, fetched in order.
The page figures returned (``size``, ``totalElements``, ``totalPages``,
``number``) are those of the facade's page, consistent with ``per_page``.

The server is not trusted: the size it reports wins over the guess (one refetch
at most), a body that is not a HAL page is a ``HelpScoutError``, and the number of
API pages fetched is bounded whatever ``totalPages`` says.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import attrs

from ..errors import HelpScoutError

Fetch = Callable[[int], Awaitable[Any]]
"""Fetches API page N (1-based) and returns its parsed JSON body."""


@attrs.frozen(kw_only=True)
class ApiPage:
    """One API page: its raw items and the server's figures."""

    items: list[dict[str, Any]]
    number: int
    size: int
    total_elements: int
    total_pages: int


def _figure(page: Mapping[str, Any], key: str, what: str) -> int:
    value = page.get(key, 0)
    if type(value) is not int or value < 0:
        raise HelpScoutError(f"{what}: page.{key} is not a count: {value!r}")
    return value


def parse_page(body: Any, key: str, number: int, what: str) -> ApiPage:
    """``body`` as a HAL page of ``_embedded.{key}`` items.

    Raises:
        HelpScoutError: the body is not a HAL page (not an object, items not a list
            of objects, figures that are not counts).
    """
    if not isinstance(body, Mapping):
        raise HelpScoutError(f"{what}: expected a JSON object, got {type(body).__name__}")
    embedded = body.get("_embedded")
    raw: Any = [] if embedded is None else embedded
    if isinstance(raw, Mapping):
        raw = raw.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(i, dict) for i in raw):
        raise HelpScoutError(f"{what}: _embedded.{key} is not a list of objects")
    page = body.get("page")
    if page is None:
        # an unpaged list: everything is here (size 0: unknown, go by the guess)
        return ApiPage(items=raw, number=number, size=0, total_elements=len(raw), total_pages=1)
    if not isinstance(page, Mapping):
        raise HelpScoutError(f"{what}: page is not an object")
    return ApiPage(
        items=raw,
        number=number,
        size=_figure(page, "size", what),
        total_elements=_figure(page, "totalElements", what),
        total_pages=_figure(page, "totalPages", what),
    )


async def assemble(
    fetch: Fetch, *, key: str, page: int, per_page: int, api_size: int, what: str
) -> dict[str, Any]:
    """The facade's page ``page`` of ``per_page`` items, from API pages of ``api_size``.

    Returns:
        ``{"_embedded": {key: [...]}, "page": {"size", "totalElements", "totalPages",
        "number"}}`` (``_embedded`` is there even when the page is empty).

    Raises:
        HelpScoutError: a page body that is not a HAL page, or the API's errors.
    """
    start = (page - 1) * per_page
    number = start // api_size + 1
    first = parse_page(await fetch(number), key, number, what)
    if first.size > 0 and first.size != api_size:  # the server says otherwise: go by it
        api_size = first.size
        again = start // api_size + 1
        if again != number:
            number = again
            first = parse_page(await fetch(number), key, number, what)
    items = first.items[start - (number - 1) * api_size :]
    seen = {i.get("id") for i in items} - {None}
    budget = math.ceil(per_page / api_size) + 1  # API pages we may still fetch
    while len(items) < per_page and number < first.total_pages and budget > 0:
        number += 1
        budget -= 1
        more = parse_page(await fetch(number), key, number, what)
        if not more.items:
            break
        for item in more.items:  # the list may shift between fetches: no item twice
            if item.get("id") is None or item.get("id") not in seen:
                items.append(item)
                seen.add(item.get("id"))
        if len(more.items) < api_size:  # a short page is the last, whatever totalPages says
            break
    items = items[:per_page]
    total = first.total_elements
    return {
        "_embedded": {key: items},
        "page": {
            "size": per_page,
            "totalElements": total,
            "totalPages": math.ceil(total / per_page),
            "number": page,
        },
    }
