"""HAL bodies as Help Scout writes them: list pages, ``_links``, error bodies.

Kept free of aiohttp so that the shapes can be tested as plain data. List pages
carry ``_embedded.{name}`` only when the page has items, a 1-based ``page``
object and links that, like the real API's, keep only the ``page`` parameter.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

HAL_JSON = "application/hal+json;charset=UTF-8"
ERROR_JSON = "application/vnd.error+json;charset=UTF-8"
PLAIN_JSON = "application/json;charset=UTF-8"
ERRORS_ABOUT = "http://developer.helpscout.net/mailbox-api/overview/errors"


# One reusable encoder: compact, ASCII-only output (non-ASCII as \u escapes, which is
# valid JSON) and no cycle check, as store records are trees; ~20% faster than dumps().
_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False)


def dumps(data: Any) -> bytes:
    """Serialize compactly, the way API bodies go over the wire."""
    return _ENCODER.encode(data).encode("ascii")


def page_links(href: str, number: int, total_pages: int, *, with_self_page: bool) -> JSON:
    """The ``_links`` of a list page whose collection lives at ``href``.

    ``next`` is absent on the last page (and beyond it), ``previous`` on the
    first. Like the real API, the links carry only ``page``: filters are not
    repeated, so a client must rebuild its own query for page N.
    """
    links: JSON = {
        "self": {"href": f"{href}?page={number}" if with_self_page else href},
        "first": {"href": f"{href}?page=1"},
        "last": {"href": f"{href}?page={total_pages}"},
        "page": {"href": href + "{?page}", "templated": True},
    }
    if number < total_pages:
        links["next"] = {"href": f"{href}?page={number + 1}"}
    if number > 1:
        links["previous"] = {"href": f"{href}?page={number - 1}"}
    return links


def page_body(
    name: str,
    items: Sequence[JSON],
    *,
    href: str,
    number: int,
    size: int,
    total: int,
    with_self_page: bool,
    total_pages_factor: int = 1,
    shown_number: int | None = None,
) -> JSON:
    """A whole list page; ``_embedded`` is left out when ``items`` is empty.

    ``total_pages_factor`` and ``shown_number`` make the page lie (``totalPages``
    that many times the truth; ``page.number`` always ``shown_number``), for
    testing clients that must not trust either.
    """
    total_pages = (total + size - 1) // size * total_pages_factor
    shown = number if shown_number is None else shown_number
    body: JSON = {}
    if items:
        body["_embedded"] = {name: list(items)}
    body["page"] = {
        "size": size,
        "totalElements": total,
        "totalPages": total_pages,
        "number": shown,
    }
    body["_links"] = page_links(href, shown, total_pages, with_self_page=with_self_page)
    return body


def page_bytes(
    name: str,
    items: Sequence[bytes],
    *,
    href: str,
    number: int,
    size: int,
    total: int,
    with_self_page: bool,
    total_pages_factor: int = 1,
    shown_number: int | None = None,
) -> bytes:
    """:func:`page_body` serialized, from items already serialized one by one."""
    body = page_body(
        name,
        (),
        href=href,
        number=number,
        size=size,
        total=total,
        with_self_page=with_self_page,
        total_pages_factor=total_pages_factor,
        shown_number=shown_number,
    )
    tail = dumps(body)  # {"page":...,"_links":...}
    if not items:
        return tail
    head = b'{"_embedded":{"' + name.encode() + b'":[' + b",".join(items) + b"]},"
    return head + tail[1:]


@dataclass(frozen=True)
class FieldError:
    """One entry of an error body's ``_embedded.errors``."""

    path: str
    message: str
    rejected_value: Any = None
    has_rejected_value: bool = False
    source: str = "JSON"

    def to_json(self) -> JSON:
        """The entry as the API writes it (``rejectedValue`` only when known)."""
        out: JSON = {"path": self.path, "message": self.message}
        if self.has_rejected_value:
            out["rejectedValue"] = self.rejected_value
        out["source"] = self.source
        return out


def rejected(path: str, message: str, value: Any, source: str = "JSON") -> FieldError:
    """A field error that names the value it rejected."""
    return FieldError(path, message, value, True, source)


@dataclass
class ApiError(Exception):
    """Raised by handlers; turned into an error-shaped response by the app."""

    status: int
    message: str
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.message}"


def new_log_ref() -> str:
    """A ``logRef`` like the API's (a UUID)."""
    return str(uuid.uuid4())


def error_body(message: str, errors: Sequence[FieldError] = ()) -> JSON:
    """``{logRef, message, _embedded: {errors}, _links}``; no ``_embedded`` without errors."""
    body: JSON = {"logRef": new_log_ref(), "message": message}
    if errors:
        body["_embedded"] = {"errors": [e.to_json() for e in errors]}
    body["_links"] = {"about": {"href": ERRORS_ABOUT}}
    return body
