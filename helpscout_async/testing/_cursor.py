"""v3 cursor pages: ``_embedded.{key}`` and a ``_links.next`` whose ``cursor`` is opaque.

The cursor encodes the position after the page's last item, so a walk neither
repeats nor skips items when earlier pages change. A cursor the fake did not hand
out is a 400 naming ``cursor``. The page's links keep the caller's other query
parameters, and point at the fake's own ``/v3`` root.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from ._common import bad_request, hal_bytes, rebase, state_of
from ._hal import dumps, rejected

JSON = dict[str, Any]


def _encode(after: int) -> str:
    return base64.urlsafe_b64encode(f"after:{after}".encode()).decode().rstrip("=")


def _decode(raw: str) -> int:
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        kind, _, value = text.partition(":")
        if kind != "after":
            raise ValueError(text)
        return int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad_request(
            rejected("cursor", "is not a cursor of this listing", raw, "QUERY")
        ) from None


def v3_root(request: web.Request) -> str:
    """The fake's ``/v3`` root (its base URL with ``/v2`` replaced)."""
    return state_of(request).base_url.removesuffix("/v2") + "/v3"


def cursor_page(
    request: web.Request,
    *,
    key: str,
    items: Sequence[JSON],
    item_id: Callable[[JSON], int],
    path: str,
    size: int,
) -> web.Response:
    """One cursor page of ``items`` (sorted by ``item_id`` ascending) after the cursor."""
    query = {k: v for k, v in request.query.items() if k != "cursor"}
    raw = request.query.get("cursor")
    after = _decode(raw) if raw else None
    rest = [i for i in items if after is None or item_id(i) > after]
    chunk = list(rest[:size])
    href = f"{v3_root(request)}{path}"
    self_query = urlencode({**query, **({"cursor": raw} if raw else {})})
    links: JSON = {"self": {"href": f"{href}?{self_query}" if self_query else href}}
    if len(rest) > size and chunk:
        links["next"] = {
            "href": f"{href}?{urlencode({**query, 'cursor': _encode(item_id(chunk[-1]))})}"
        }
    body: JSON = {"_links": links}
    if chunk:
        body["_embedded"] = {key: chunk}
    return hal_bytes(rebase(state_of(request), dumps(body)))
