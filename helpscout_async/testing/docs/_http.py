"""What every Docs handler shares: the error envelope, query parameters, bodies, pages.

Docs API answers are JSON envelopes: one item under its resource key
(``{"article": {...}}``), a page under the resource key
(``{"articles": {"page", "pages", "count", "items"}}``, except List Sites, whose page is
not wrapped) and errors as ``{"code", "error"}``, with ``validationErrors`` (a list of
``{property, value, message}``) when the input was refused.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .._hal import dumps
from ._store import HEX24, JSON

CONTENT_TYPE = "application/json;charset=UTF-8"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
MAX_BODY = 100_000
"""Largest JSON body accepted (Help Scout's documented request size limit)."""


@dataclass
class DocsError(Exception):
    """An error answer: ``{"code": status, "error": message}`` plus validation errors."""

    status: int
    message: str
    validation: list[JSON] = field(default_factory=list)

    def body(self) -> JSON:
        """The error envelope."""
        data: JSON = {"code": self.status, "error": self.message}
        if self.validation:
            data["validationErrors"] = self.validation
        return data


def invalid(prop: str, message: str, value: Any = None) -> DocsError:
    """A 400 naming one refused input (``property``, ``value``, ``message``)."""
    return DocsError(
        400,
        "Input could not be validated",
        [{"property": prop, "value": value, "message": message}],
    )


def not_found(what: str = "Resource") -> DocsError:
    """A 404 for an unknown id or number."""
    return DocsError(404, f"{what} not found")


def respond(data: object | None = None, status: int = 200) -> web.Response:
    """A JSON answer (no body when ``data`` is ``None``)."""
    if data is None:
        return web.Response(status=status)
    return web.Response(body=dumps(data), status=status, headers={"Content-Type": CONTENT_TYPE})


def error_response(err: DocsError, headers: Mapping[str, str] | None = None) -> web.Response:
    """An error envelope answer."""
    resp = respond(err.body(), err.status)
    if headers:
        resp.headers.update(headers)
    return resp


def created(
    base_url: str, path: str, key: str | None = None, body: JSON | None = None
) -> web.Response:
    """``201 Created`` with ``Location``; with ``reload`` the new record under ``key``."""
    resp = respond({key: body} if key is not None and body is not None else None, 201)
    resp.headers["Location"] = f"{base_url}{path}"
    return resp


def choice(query: Mapping[str, str], name: str, options: Sequence[str], default: str) -> str:
    """A query parameter limited to ``options``; 400 otherwise."""
    raw = query.get(name) or default
    if raw not in options:
        raise invalid(name, f"must be one of {', '.join(options)}", raw)
    return raw


def flag(query: Mapping[str, str], body: Mapping[str, Any] | None, name: str) -> bool:
    """A boolean request parameter, from the query string or (as some clients send it) the body."""
    raw: Any = query.get(name)
    if raw is None and body is not None:
        raw = body.get(name)
    if isinstance(raw, bool):
        return raw
    return str(raw).lower() in ("true", "1") if raw is not None else False


def positive_int(query: Mapping[str, str], name: str, default: int, high: int | None = None) -> int:
    """An integer query parameter >= 1 (and <= ``high``); 400 otherwise."""
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise invalid(name, "must be an integer", raw) from None
    if value < 1 or (high is not None and value > high):
        bound = f" and at most {high}" if high is not None else ""
        raise invalid(name, f"must be at least 1{bound}", value)
    return value


def hex_id(request: web.Request, name: str | None = None, what: str = "Resource") -> str:
    """A 24-hex id from the path (``{what}_id`` by default); 404 for anything else."""
    raw = request.match_info[name or f"{what.lower()}_id"]
    if not HEX24.fullmatch(raw):
        raise not_found(what)
    return raw


def page_envelope(
    query: Mapping[str, str],
    records: list[JSON],
    render: Callable[[JSON], JSON],
    *,
    sort: dict[str, Callable[[JSON], Any]] | None = None,
    default_sort: str = "",
    default_order: str = "asc",
    sizeable: bool = True,
) -> JSON:
    """One page of ``records``: ``{page, pages, count, items}`` (not wrapped).

    ``sort`` maps the allowed ``sort`` values to key functions; ``pageSize`` (1..100,
    default 50) is read only where ``sizeable``; a page past the last one is empty.
    """
    if sort:
        by = choice(query, "sort", tuple(sort), default_sort)
        order = choice(query, "order", ("asc", "desc"), default_order)
        records = sorted(records, key=sort[by], reverse=order == "desc")
    number = positive_int(query, "page", 1)
    size = positive_int(query, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) if sizeable else 50
    chunk = records[(number - 1) * size : number * size]
    return {
        "page": number,
        "pages": math.ceil(len(records) / size),
        "count": len(records),
        "items": [render(r) for r in chunk],
    }


def sort_text(key: str) -> Callable[[JSON], Any]:
    """A sort key on a text or number field that tolerates ``null``s (they sort first)."""

    def get(record: JSON) -> Any:
        value = record.get(key)
        return (value is not None, value.lower() if isinstance(value, str) else value or 0)

    return get


async def read_object(request: web.Request) -> JSON:
    """The request body as a JSON object; 400 when it is not one, 413 when too large."""
    raw = await request.read()
    if len(raw) > MAX_BODY:
        raise DocsError(413, "Request entity too large")
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        raise invalid("body", "must be valid JSON") from None
    if not isinstance(data, dict):
        raise invalid("body", "must be a JSON object", None)
    return data


def text_field(
    body: Mapping[str, Any], name: str, *, required: bool = False, allow_empty: bool = False
) -> str | None:
    """A string field of a body; 400 when required and missing, or not a string."""
    value = body.get(name)
    if value is None:
        if required:
            raise invalid(name, "may not be empty")
        return None
    if not isinstance(value, str) or (not allow_empty and required and not value.strip()):
        raise invalid(name, "must be a non-empty string", value)
    return value


def id_list(body: Mapping[str, Any], name: str, known: Mapping[str, Any]) -> list[str] | None:
    """A list of ids that must all be in ``known`` (``None`` when the field is absent)."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise invalid(name, "must be a list of ids", value)
    unknown = [v for v in value if v not in known]
    if unknown:
        raise invalid(name, "contains unknown ids", unknown)
    return list(dict.fromkeys(value))
