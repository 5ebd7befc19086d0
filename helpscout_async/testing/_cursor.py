"""v3 cursor pages: ``_embedded.{key}`` and a ``_links.next`` whose ``cursor`` is opaque.

The cursor encodes the sort position of the page's last item (e.g. its
``createdAt`` and id), so a walk neither repeats nor skips items when earlier
pages change. A cursor the fake did not hand out is a 400 naming ``cursor``. The
page's links keep the caller's other query parameters, and point at the fake's
own ``/v3`` root.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from ._common import bad_request, hal_bytes, rebase, state_of
from ._hal import dumps, rejected

JSON = dict[str, Any]


Position = tuple[str, int]
"""Where an item sorts: a text key (a timestamp) and its id, the tiebreaker."""


def _encode(position: Position) -> str:
    raw = json.dumps({"after": list(position)}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(raw: str) -> Position:
    try:
        found = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        key, rid = found["after"]
        if not isinstance(key, str) or not isinstance(rid, int):
            raise TypeError(found)
        return key, rid
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError, KeyError):
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
    position: Callable[[JSON], Position],
    path: str,
    size: int,
) -> web.Response:
    """One page of ``items`` (sorted newest first by ``position``) after the cursor's."""
    query = {k: v for k, v in request.query.items() if k != "cursor"}
    raw = request.query.get("cursor")
    after = _decode(raw) if raw else None
    rest = [i for i in items if after is None or position(i) < after]
    chunk = list(rest[:size])
    href = f"{v3_root(request)}{path}"
    self_query = urlencode({**query, **({"cursor": raw} if raw else {})})
    links: JSON = {"self": {"href": f"{href}?{self_query}" if self_query else href}}
    if len(rest) > size and chunk:
        following = urlencode({**query, "cursor": _encode(position(chunk[-1]))})
        links["next"] = {"href": f"{href}?{following}"}
    body: JSON = {"_links": links}
    if chunk:
        body["_embedded"] = {key: chunk}
    return hal_bytes(rebase(state_of(request), dumps(body)))
