"""The Docs API sub-application: routes under ``/v1`` and the middleware every request passes.

Order of work for a request, as on the real service: injected latency, then the API key
(HTTP Basic, the key as user name, any password), then the rate budget (counted at
arrival; a 429 spends nothing), then 5xx / drop faults, then the handler. Every answer
after the key check carries the ``X-RateLimit-*`` headers.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web

from ... import _api
from .._routes import add_routes
from . import _articles as art
from . import _library as lib
from . import _sites as sit
from ._http import DocsError, error_response
from ._state import DOCS, DocsState

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

log = logging.getLogger(__name__)
PREFIX = "/v1"
_REASONS = {404: "Not Found", 405: "Method Not Allowed", 413: "Request entity too large"}


def _api_key(header: str) -> str | None:
    """The user name of an HTTP Basic header (the Docs API key), if there is one."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, _ = decoded.partition(":")
    return user if sep and user else None


def _route_key(request: web.Request) -> str:
    resource = request.match_info.route.resource
    template = resource.canonical if resource is not None else "(unmatched)"
    return f"{request.method} {template}"


def _drop(request: web.Request) -> web.Response:
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=500)  # never written: the transport is closing


async def _handle(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except DocsError as err:
        return error_response(err)
    except web.HTTPException as exc:
        return error_response(DocsError(exc.status, _REASONS.get(exc.status, exc.reason)))
    except Exception:
        log.exception("fake Docs API handler failed: %s %s", request.method, request.path)
        return error_response(DocsError(500, "Internal Server Error"))


@web.middleware
async def pipeline(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Latency, API key, rate limit, faults and metrics around every Docs handler."""
    state = request.config_dict[DOCS]
    metrics = state.metrics
    metrics.request(_route_key(request))
    faults = state.faults
    draw = faults.draw(request.method, request.path) if faults.rules else None
    if draw is not None and draw.latency > 0:
        metrics.fault("latency")
        await asyncio.sleep(draw.latency)
    if _api_key(request.headers.get("Authorization", "")) != state.api_key:
        resp = error_response(
            DocsError(401, "Invalid API key"),
            {"WWW-Authenticate": 'Basic realm="Help Scout Docs API"'},
        )
        metrics.served(resp.status, len(resp.body) if isinstance(resp.body, bytes) else 0)
        return resp
    limiter = state.limiter
    decision = limiter.acquire(request.method) if limiter is not None else None
    if decision is not None and not decision.allowed:
        metrics.limited()
        resp = error_response(DocsError(429, "Rate limit exceeded"))
    elif draw is not None and draw.error is not None:
        metrics.accepted(1)
        metrics.fault("error")
        resp = error_response(DocsError(draw.error, "Service Unavailable"))
    elif draw is not None and draw.drop is not None and not draw.drop.after:
        metrics.fault("drop")
        return _drop(request)
    else:
        metrics.accepted(1)
        out = await _handle(request, handler)
        if draw is not None and draw.drop is not None:
            metrics.fault("drop")
            return _drop(request)
        if not isinstance(out, web.Response):
            return out
        resp = out
    if limiter is not None:
        resp.headers.update(limiter.headers(decision))
    body = resp.body if isinstance(resp.body, bytes) else b""
    metrics.served(resp.status, len(body))
    return resp


HANDLERS: Mapping[str, Handler] = {
    "articles.list": art.list_in_collection,
    "articles.list_in_category": art.list_in_category,
    "articles.search": art.search,
    "articles.related": art.list_related,
    "articles.revisions": art.list_revisions,
    "articles.get": art.get_article,
    "articles.get_revision": art.get_revision,
    "articles.create": art.create_article,
    "articles.update": art.update_article,
    "articles.upload": art.upload_article,
    "articles.update_views": art.update_views,
    "articles.delete": art.delete_article,
    "articles.save_draft": art.save_draft,
    "articles.delete_draft": art.delete_draft,
    "assets.create_article_asset": sit.create_article_asset,
    "assets.create_settings_asset": sit.create_settings_asset,
    "categories.list": lib.list_categories,
    "categories.get": lib.get_category,
    "categories.create": lib.create_category,
    "categories.update": lib.update_category,
    "categories.update_order": lib.update_category_order,
    "categories.delete": lib.delete_category,
    "collections.list": lib.list_collections,
    "collections.get": lib.get_collection,
    "collections.create": lib.create_collection,
    "collections.update": lib.update_collection,
    "collections.delete": lib.delete_collection,
    "redirects.list": sit.list_redirects,
    "redirects.get": sit.get_redirect,
    "redirects.find": sit.find_redirect,
    "redirects.create": sit.create_redirect,
    "redirects.update": sit.update_redirect,
    "redirects.delete": sit.delete_redirect,
    "sites.list": sit.list_sites,
    "sites.get": sit.get_site,
    "sites.create": sit.create_site,
    "sites.update": sit.update_site,
    "sites.delete": sit.delete_site,
    "sites.restrictions": sit.get_restrictions,
    "sites.update_restrictions": sit.update_restrictions,
}
"""The handler of each Docs row, by the row's name."""


class _Relative:
    """A router that drops the ``/v1`` of the rows' paths (the sub-app is mounted there)."""

    def __init__(self, router: web.UrlDispatcher) -> None:
        self._router = router

    def add_route(self, method: str, path: str, handler: Handler, *, name: str) -> None:
        self._router.add_route(method, path.removeprefix(PREFIX), handler, name=name)


def create_docs_app(state: DocsState) -> web.Application:
    """The Docs API application over ``state``, to mount at :data:`PREFIX`.

    Its routes come from the operation table's Docs rows, each to the handler of the
    same name; a row without a handler (or the reverse) fails here.
    """
    app = web.Application(middlewares=[pipeline], client_max_size=10 * 1024 * 1024)
    app[DOCS] = state
    add_routes(_Relative(app.router), _api.PROFILES["docs"], HANDLERS)  # type: ignore[arg-type]
    return app


__all__ = ["HANDLERS", "PREFIX", "create_docs_app"]
