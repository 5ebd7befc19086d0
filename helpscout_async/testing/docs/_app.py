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
from collections.abc import Awaitable, Callable

from aiohttp import web

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


def create_docs_app(state: DocsState) -> web.Application:
    """The Docs API application over ``state``, to mount at :data:`PREFIX`."""
    app = web.Application(middlewares=[pipeline], client_max_size=10 * 1024 * 1024)
    app[DOCS] = state
    r = app.router
    # Articles
    r.add_get("/collections/{id}/articles", art.list_in_collection)
    r.add_get("/categories/{id}/articles", art.list_in_category)
    r.add_get("/search/articles", art.search)
    r.add_get("/articles/{id}/related", art.list_related)
    r.add_get("/articles/{id}/revisions", art.list_revisions)
    r.add_get("/articles/{id}", art.get_article)
    r.add_get("/revisions/{id}", art.get_revision)
    r.add_post("/articles", art.create_article)
    r.add_put("/articles/{id}", art.update_article)
    r.add_post("/articles/upload", art.upload_article)
    r.add_put("/articles/{id}/views", art.update_views)
    r.add_delete("/articles/{id}", art.delete_article)
    r.add_put("/articles/{id}/drafts", art.save_draft)
    r.add_delete("/articles/{id}/drafts", art.delete_draft)
    # Assets
    r.add_post("/assets/article", sit.create_article_asset)
    r.add_post("/assets/settings", sit.create_settings_asset)
    # Categories
    r.add_get("/collections/{id}/categories", lib.list_categories)
    r.add_get("/categories/{id}", lib.get_category)
    r.add_post("/categories", lib.create_category)
    r.add_put("/categories/{id}", lib.update_category)
    r.add_put("/collections/{id}/categories", lib.update_category_order)
    r.add_delete("/categories/{id}", lib.delete_category)
    # Collections
    r.add_get("/collections", lib.list_collections)
    r.add_get("/collections/{id}", lib.get_collection)
    r.add_post("/collections", lib.create_collection)
    r.add_put("/collections/{id}", lib.update_collection)
    r.add_delete("/collections/{id}", lib.delete_collection)
    # Redirects
    r.add_get("/redirects/site/{site_id}", sit.list_redirects)
    r.add_get("/redirects/{id}", sit.get_redirect)
    r.add_get("/redirects", sit.find_redirect)
    r.add_post("/redirects", sit.create_redirect)
    r.add_put("/redirects/{id}", sit.update_redirect)
    r.add_delete("/redirects/{id}", sit.delete_redirect)
    # Sites
    r.add_get("/sites", sit.list_sites)
    r.add_get("/sites/{id}", sit.get_site)
    r.add_post("/sites", sit.create_site)
    r.add_put("/sites/{id}", sit.update_site)
    r.add_delete("/sites/{id}", sit.delete_site)
    r.add_get("/sites/{id}/restricted", sit.get_restrictions)
    r.add_put("/sites/{id}/restricted", sit.update_restrictions)
    return app


__all__ = ["PREFIX", "create_docs_app"]
