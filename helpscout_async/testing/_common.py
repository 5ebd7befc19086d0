"""Helpers shared by the route handlers: responses, parameters, bodies, list pages.

Bodies are built with the live API's root in every ``href`` (as the store
holds them) and rebased onto the fake's own base URL as bytes, just before
they are cached and sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any

from aiohttp import web

from .. import _api
from ._cache import Listing, SortedIds, StaticIds
from ._hal import HAL_JSON, ApiError, FieldError, dumps, page_body, page_bytes, rejected
from ._state import STATE, State

JSON = dict[str, Any]
API_ROOT = "https://api.helpscout.net/v2"
_API_ROOT_BYTES = API_ROOT.encode()


def state_of(request: web.Request) -> State:
    """The fake account behind this request."""
    return request.app[STATE]


def rebase(state: State, raw: bytes) -> bytes:
    """Point every live-API ``href`` in ``raw`` at this fake."""
    if state.base_url == API_ROOT:
        return raw
    return raw.replace(_API_ROOT_BYTES, state.base_url.encode())


def hal_bytes(raw: bytes, status: int = 200) -> web.Response:
    """A HAL JSON response from ready bytes."""
    return web.Response(body=raw, status=status, headers={"Content-Type": HAL_JSON})


def hal(state: State, body: JSON, status: int = 200) -> web.Response:
    """A HAL JSON response from a dict."""
    return hal_bytes(rebase(state, dumps(body)), status)


def no_content() -> web.Response:
    """``204 No Content``: the answer to updates and deletes."""
    return web.Response(status=204)


def created(state: State, path: str, resource_id: int) -> web.Response:
    """``201 Created`` with no body, the id in ``Resource-ID`` and ``Location``."""
    return web.Response(
        status=201,
        headers={"Resource-ID": str(resource_id), "Location": f"{state.base_url}{path}"},
    )


def not_found() -> ApiError:
    """The error for an unknown id or path."""
    return ApiError(404, "Resource not found")


def bad_request(*errors: FieldError) -> ApiError:
    """A 400 validation error with per-field errors."""
    return ApiError(400, "Bad request", list(errors))


async def read_json(request: web.Request) -> Any:
    """The request body as JSON; 400 when it is not JSON."""
    raw = await request.read()
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        raise ApiError(
            400, "Bad request", [FieldError("", "Request body is not valid JSON", source="BODY")]
        ) from None


async def read_object(request: web.Request) -> JSON:
    """The request body, which must be a JSON object."""
    body = await read_json(request)
    if not isinstance(body, dict):
        raise bad_request(FieldError("", "Request body must be a JSON object", source="BODY"))
    return body


def now_iso() -> str:
    """UTC now at second resolution: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def normalize_datetime(text: str) -> str:
    """An ISO-8601 timestamp as the API stores them (UTC, seconds, ``Z``); ValueError if bad."""
    parsed = datetime.fromisoformat(text.strip().replace("z", "Z"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def query_datetime(query: Mapping[str, str], name: str) -> str | None:
    """An optional timestamp query parameter, normalized; 400 if malformed."""
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return normalize_datetime(raw)
    except ValueError:
        raise bad_request(rejected(name, "must be an ISO-8601 date-time", raw, "QUERY")) from None


def query_int(query: Mapping[str, str], name: str) -> int | None:
    """An optional integer query parameter; 400 if it is not one."""
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise bad_request(rejected(name, "must be an integer", raw, "QUERY")) from None


def query_int_list(query: Mapping[str, str], name: str) -> tuple[int, ...] | None:
    """An optional comma list of integers, sorted; 400 if malformed."""
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return tuple(sorted({int(p) for p in raw.split(",") if p.strip()}))
    except ValueError:
        raise bad_request(
            rejected(name, "must be a comma list of integers", raw, "QUERY")
        ) from None


def query_choice(
    query: Mapping[str, str], name: str, choices: tuple[str, ...], default: str
) -> str:
    """A query parameter restricted to ``choices``; 400 otherwise."""
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    if raw not in choices:
        allowed = ", ".join(f"'{c}'" for c in choices)
        raise bad_request(rejected(name, f"Expected one of these: {allowed}", raw, "QUERY"))
    return raw


def page_number(query: Mapping[str, str]) -> tuple[int, bool]:
    """The 1-based ``page`` asked for, and whether it was given at all."""
    number = query_int(query, "page")
    if number is None:
        return 1, False
    if number < 1:
        raise bad_request(rejected("page", "must be greater than or equal to 1", number, "QUERY"))
    return number, True


def row_of(request: web.Request) -> _api.Operation:
    """The operation-table row of the route that matched ``request`` (see ``_routes``)."""
    name = request.match_info.route.name
    family, _, call = (name or "").partition(":")
    if not call:
        raise LookupError(f"{request.method} {request.path} is not a routed operation")
    return _api.operation(call, family)


def path_id(request: web.Request, name: str | None = None) -> int:
    """An integer id from the URL path (the route's regex guarantees digits).

    Without ``name``, the route's only path parameter (``{conversation_id}``).
    """
    if name is None:
        (name,) = request.match_info.keys()
    return int(request.match_info[name])


def list_page(
    request: web.Request,
    *,
    collection: str,
    key: Hashable,
    name: str,
    size: int,
    href_path: str,
    listing: Callable[[], StaticIds | SortedIds],
    records: Mapping[int, JSON],
    render: Callable[[JSON], JSON] | None = None,
    cache_items: bool = False,
    extra_key: Hashable = None,
    serialize: Callable[[JSON], bytes] | None = None,
    race: Callable[[list[int]], None] | None = None,
    narrow: Callable[[StaticIds | SortedIds], Listing] | None = None,
    narrow_key: Hashable = None,
) -> web.Response:
    """Serve one page of a filtered, sorted listing, from cache when possible.

    With ``cache_items`` each record's serialized form is kept (per collection)
    until the record changes, so any page over it costs a join. ``serialize``
    replaces the default (``render`` then JSON). ``race`` is called with the
    page's ids after they were taken from the sorted listing and before their
    bodies are rendered (the ``race`` fault); such pages and pages of a
    :class:`PageLies` fault are never cached. ``narrow`` cuts the cached listing
    down (a ``createdAt`` range), ``narrow_key`` naming the cut in the page cache.
    """
    state = state_of(request)
    number, explicit = page_number(request.query)
    cache = state.cache
    lies = state.faults.page_lies

    def default_serialize(record: JSON) -> bytes:
        return dumps(record if render is None else render(record))

    to_bytes = serialize or default_serialize

    def build() -> bytes:
        whole = cache.listing(collection, key, listing)
        ids: Listing = whole if narrow is None else narrow(whole)
        total = len(ids)
        chunk = ids.page((number - 1) * size, number * size)
        if race is not None:
            race(chunk)
        chunk = [i for i in chunk if i in records]
        if cache_items:
            items = [cache.item(collection, i, partial(to_bytes, records[i])) for i in chunk]
        else:
            items = [to_bytes(records[i]) for i in chunk]
        raw = page_bytes(
            name,
            items,
            href=API_ROOT + href_path,
            number=number,
            size=size,
            total=total,
            with_self_page=explicit,
            total_pages_factor=lies.total_pages_factor if lies is not None else 1,
            shown_number=1 if lies is not None and lies.stuck_number else None,
        )
        return rebase(state, raw)

    if race is not None or lies is not None:
        return hal_bytes(build())
    raw = cache.page(collection, (key, number, explicit, extra_key, narrow_key), build)
    return hal_bytes(raw)


def query_bool(query: Mapping[str, str], name: str) -> bool:
    """An optional ``true``/``false`` query parameter (default false); 400 otherwise."""
    raw = query.get(name)
    if raw is None or raw == "":
        return False
    if raw.lower() not in ("true", "false"):
        raise bad_request(rejected(name, "must be true or false", raw, "QUERY"))
    return raw.lower() == "true"


def simple_page(request: web.Request, items: list[JSON], href: str) -> web.Response:
    """One HAL page of ``items`` (every item of the listing, in order), uncached.

    Item key and page size come from the route's row; ``href`` is the collection's
    live-API URL (``https://api.helpscout.net/v3/system-users`` for a v3 row).
    """
    state = state_of(request)
    op = row_of(request)
    size = op.page_size or 50
    number, explicit = page_number(request.query)
    chunk = items[(number - 1) * size : number * size]
    body = page_body(
        op.key or "", chunk, href=href, number=number, size=size, total=len(items),
        with_self_page=explicit,
    )  # fmt: skip
    raw = rebase(state, dumps(body))
    root = state.base_url.removesuffix("/v2")
    if root != state.base_url:
        raw = raw.replace(b"https://api.helpscout.net/v3", f"{root}/v3".encode())
    return hal_bytes(raw)
