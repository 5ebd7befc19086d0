"""The aiohttp application: routes, and the one middleware every API request passes.

Order of work for an API request, as on a real network and server: injected
latency (the trip to the server, so jitter reorders arrivals), then the bearer
token, then the rate budget (counted at arrival; a 429 spends nothing), then
5xx / drop faults, then the handler, then truncation. The token endpoint and
``/_fake/*`` bypass limits and faults.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

from aiohttp import web

from .. import _api
from ._auth import OAuthError
from ._chats import CHAT_HANDLERS
from ._common import API_ROOT
from ._faults import Draw, FaultRule
from ._hal import ERROR_JSON, PLAIN_JSON, ApiError, dumps, error_body
from ._limits import Decision
from ._routes import MAILBOX_HANDLERS, add_routes
from ._state import STATE, State
from ._webhook_events import webhook_events

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

log = logging.getLogger(__name__)
PROFILE = _api.PROFILES["mailbox"]
PREFIX = "/v2"
TOKEN_PATH = PROFILE.token_path or "/v2/oauth2/token"
_API_PREFIXES = tuple(f"{prefix}/" for prefix in PROFILE.prefixes)
_NO_DRAW = Draw()
_STATUS_MESSAGES = {
    401: "Unauthorized",
    404: "Resource not found",
    405: "Method not allowed",
    500: "Internal error",
    502: "Bad gateway",
    503: "Service unavailable",
}


def error_response(err: ApiError) -> web.Response:
    """An error-shaped response (``application/vnd.error+json``)."""
    body = dumps(error_body(err.message, err.errors))
    headers = {"Content-Type": ERROR_JSON, **err.headers}
    return web.Response(body=body, status=err.status, headers=headers)


def _json(data: object, status: int = 200) -> web.Response:
    return web.Response(body=dumps(data), status=status, headers={"Content-Type": PLAIN_JSON})


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _route_key(request: web.Request) -> str:
    resource = request.match_info.route.resource
    template = resource.canonical if resource is not None else "(unmatched)"
    return f"{request.method} {template}"


def _drop(request: web.Request) -> web.Response:
    """Close the connection without answering; the client sees a disconnect."""
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=500)  # never written: the transport is closing


async def _truncate(
    request: web.Request, resp: web.Response, rule: FaultRule
) -> web.StreamResponse:
    body = resp.body if isinstance(resp.body, bytes) else b""
    cut = body[: len(body) // 2]
    if rule.mode == "json":
        return web.Response(body=cut, status=resp.status, headers=resp.headers)
    stream = web.StreamResponse(status=resp.status, headers=resp.headers)
    stream.content_length = len(body)
    await stream.prepare(request)
    await stream.write(cut)
    if request.transport is not None:
        request.transport.close()
    return stream


async def _handle(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as err:
        return error_response(err)
    except web.HTTPRedirection as exc:
        return web.Response(
            status=exc.status, headers={"Location": exc.headers.get("Location", "")}
        )
    except web.HTTPException as exc:
        message = _STATUS_MESSAGES.get(exc.status, exc.reason)
        return error_response(ApiError(exc.status, message))
    except Exception:
        log.exception("fake Help Scout handler failed: %s %s", request.method, request.path)
        return error_response(ApiError(500, "Internal error"))


@web.middleware
async def pipeline(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Latency, auth, rate limit, faults and metrics around every API handler."""
    path = request.path
    if not path.startswith(_API_PREFIXES):
        return await handler(request)
    state = request.app[STATE]
    metrics = state.metrics
    metrics.request(_route_key(request))
    if path == TOKEN_PATH:
        resp = await _handle(request, handler)
        metrics.served(resp.status, _size(resp))
        return resp
    method = request.method
    draw = state.faults.draw(method, path) if state.faults.rules else _NO_DRAW
    if draw.latency > 0:
        metrics.fault("latency")
        await asyncio.sleep(draw.latency)
    token = _bearer(request)
    if draw.expire_token and token is not None:
        metrics.fault("expire_token")
        state.auth.expire(token)
    if token is None or not state.auth.valid(token):
        resp = error_response(
            ApiError(
                401,
                "The access token is invalid or has expired",
                headers={"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'},
            )
        )
        return _finish(state, resp, None)
    decision = _admit(state, method)
    if decision is not None and not decision.allowed:
        metrics.limited()
        resp = web.Response(
            body=dumps({"message": "API rate limit exceeded"}),
            status=429,
            headers={"Content-Type": PLAIN_JSON},
        )
        return _finish(state, resp, decision)
    if draw.error is not None:
        metrics.fault("error")
        message = _STATUS_MESSAGES.get(draw.error, "Server error")
        return _finish(state, error_response(ApiError(draw.error, message)), decision)
    if draw.drop is not None and not draw.drop.after:
        metrics.fault("drop")
        return _drop(request)
    resp = await _handle(request, handler)
    if draw.drop is not None:
        metrics.fault("drop")
        return _drop(request)
    if draw.truncate is not None and isinstance(resp, web.Response) and resp.body:
        metrics.fault("truncate")
        _rate_headers(state, resp, decision)
        out = await _truncate(request, resp, draw.truncate)
        metrics.served(resp.status, _size(resp) // 2)  # the half that was sent
        return out
    return _finish(state, resp, decision)


def _admit(state: State, method: str) -> Decision | None:
    limiter = state.limiter
    if limiter is None:
        state.metrics.accepted(2 if method in ("POST", "PUT", "PATCH", "DELETE") else 1)
        return None
    decision = limiter.acquire(method)
    if decision.allowed:
        state.metrics.accepted(decision.cost)
    return decision


def _rate_headers(state: State, resp: web.StreamResponse, decision: Decision | None) -> None:
    limiter = state.limiter
    if limiter is None:
        return
    if decision is None:
        left = limiter.remaining()
        resp.headers["X-RateLimit-Limit-Minute"] = str(limiter.config.per_minute)
        resp.headers["X-RateLimit-Remaining-Minute"] = str(left)
        return
    resp.headers.update(limiter.headers(decision))


def _size(resp: web.StreamResponse) -> int:
    if isinstance(resp, web.Response) and isinstance(resp.body, bytes):
        return len(resp.body)
    return resp.content_length or 0


def _finish(
    state: State, resp: web.StreamResponse, decision: Decision | None
) -> web.StreamResponse:
    _rate_headers(state, resp, decision)
    state.metrics.served(resp.status, _size(resp))
    return resp


def _basic_auth(header: str) -> tuple[str, str] | None:
    """``(client_id, client_secret)`` from an HTTP Basic header, if there is one."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


async def token(request: web.Request) -> web.Response:
    """``POST /v2/oauth2/token``: parameters as form, JSON or query string."""
    state = request.app[STATE]
    params: dict[str, str] = dict(request.query)
    raw = await request.read()
    if raw:
        if request.content_type == "application/json":
            try:
                data = json.loads(raw)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                return _json(OAuthError(400, "invalid_request", "Malformed JSON body").body, 400)
            params.update({str(k): str(v) for k, v in data.items()})
        else:
            params.update(parse_qsl(raw.decode("utf-8", "replace")))
    basic = _basic_auth(request.headers.get("Authorization", ""))
    if basic is not None and "client_id" not in params:
        params["client_id"], params["client_secret"] = basic
    try:
        body = state.auth.grant(params)
    except OAuthError as err:
        return _json(err.body, err.status)
    resp = _json(body)
    resp.headers["Cache-Control"] = "no-store"
    return resp


async def fake_metrics(request: web.Request) -> web.Response:
    """``GET /_fake/metrics``: the metrics snapshot (no auth, no limits)."""
    return _json(request.app[STATE].metrics.snapshot())


async def reset_metrics(request: web.Request) -> web.Response:
    """``DELETE /_fake/metrics``: start counting afresh."""
    request.app[STATE].metrics.reset()
    return web.Response(status=204)


def create_app(state: State) -> web.Application:
    """The fake's application over ``state``."""
    app = web.Application(middlewares=[pipeline, webhook_events])
    app[STATE] = state
    r = app.router
    r.add_post(TOKEN_PATH, token)
    add_routes(r, PROFILE, MAILBOX_HANDLERS)
    add_routes(r, _api.PROFILES["chat"], CHAT_HANDLERS)
    r.add_get("/_fake/metrics", fake_metrics)
    r.add_delete("/_fake/metrics", reset_metrics)
    return app


__all__ = ["API_ROOT", "TOKEN_PATH", "create_app", "error_response"]
