"""The one place that talks to aiohttp: ``Transport.request``, a thin shell around ``_decide``.

Each attempt: take a concurrency slot (bounded to the connector's limit, so budget
is never taken and then spent queueing for a connection), take the row's cost from
the limiter right before sending, send with the family's credentials, feed the
rate-limit headers back to the limiter; then ``_decide`` says what the answer means
(return, renew the token once after a 401, follow a redirect on the API's own host,
retry, or raise) and the shell does it. Token requests go through the same loop
(no slot, no budget, no credentials of their own). The body is serialized once, so
every retry sends the same bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import random
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

import aiohttp
import attrs

from . import _api, _decide, _retry
from ._failures import failure_of, transient
from ._wire import (
    Params,
    ParamValue,
    Response,
    Urls,
    authorization,
    encode_params,
    format_param,
    rate_info,
    rate_status,
    token_reply,
)
from .auth import TokenProvider
from .errors import ClientClosed, RateLimited, ResponseTooLarge
from .ratelimit import Limiter, PauseTooLong, RateLimit, RateLimitInfo, RateLimitStatus

FormValue = str | tuple[str, bytes] | tuple[str, bytes, str]
Form = Sequence[tuple[str, FormValue]]
"""A multipart body: ``(name, text)`` fields and ``(name, (filename, bytes[, type]))`` files."""

__all__ = [
    "Form",
    "FormValue",
    "ParamValue",
    "Params",
    "RateLimitStatus",
    "Response",
    "Transport",
    "encode_params",
    "format_param",
]

log = logging.getLogger("helpscout_async")

MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""The default cap on one response body, decoded (``max_response_bytes``)."""

_ACCEPT = "application/hal+json, application/json"


class Transport:
    """Sends requests for one client; see the module doc for what one request does."""

    def __init__(
        self,
        *,
        base_url: str,
        token_url: str | None,
        auth: TokenProvider,
        limiter: Limiter,
        policy: RateLimit,
        session: aiohttp.ClientSession | None,
        timeout: float,
        max_retries: int,
        max_wait: float,
        raise_on_rate_limit: bool,
        max_connections: int,
        user_agent: str,
        profile: _api.Profile = _api.PROFILES["mailbox"],
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        self.profile = profile
        self.urls = Urls.of(base_url, token_url, profile)
        self.base_url, self.token_url = self.urls.base_url, self.urls.token_url
        self.auth = auth
        self.limiter = limiter
        self._limiter_bounds_pauses = _takes(limiter.acquire, "max_pause")
        self.policy = policy
        self._session = session
        self._owns_session = session is None
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.raise_on_rate_limit = raise_on_rate_limit
        self._max_connections = max_connections
        self._slots: asyncio.Semaphore | None = None
        self._user_agent = user_agent
        self._rng = random.Random()
        self.status: RateLimitStatus | None = None
        self.requests_sent = 0
        self.rate_limited = 0
        self.max_response_bytes = max_response_bytes
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None

    def parallelism(self) -> int:
        """Requests the limiter wants in flight (1 if it cannot say), at most the connections."""
        return self._ask_limiter("parallelism")

    def lookahead(self) -> int:
        """Requests that could go at once now (the limiter's burst), at most the connections."""
        return max(self.parallelism(), self._ask_limiter("lookahead"))

    def _ask_limiter(self, name: str) -> int:
        wanted = getattr(self.limiter, name, None)
        return max(1, min(int(wanted()), self._max_connections)) if callable(wanted) else 1

    def _check_usable(self) -> None:
        """Refuse a closed client, or one used from another event loop than its first.

        The session, the slots and the limiter's locks belong to the loop that first
        used them; a second ``asyncio.run()`` would meet them bound elsewhere.
        """
        if self._closed:
            raise ClientClosed("this client is closed (aclose() was called): make a new one")
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif self._loop is not loop:
            raise ClientClosed(
                "this client belongs to the event loop it was first used in: make one "
                "client per event loop (e.g. inside each asyncio.run())"
            )

    async def _open(self) -> aiohttp.ClientSession:
        """The session, created inside the running loop on first use when not given."""
        self._check_usable()
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self._max_connections, keepalive_timeout=15)
            self._session = aiohttp.ClientSession(connector=connector)
            self._owns_session = True
            # aiohttp resends a GET, PUT or DELETE once by itself when a reused keep-alive
            # connection drops (no public switch: aio-libs/aiohttp#10790). The rows'
            # rules (a DELETE's 404, a client key's 422 after a lost answer) need to see
            # every attempt, so this loop does the retrying on the sessions it owns.
            if hasattr(self._session, "_retry_connection"):
                self._session._retry_connection = False
        if self._slots is None:
            limit = self._max_connections
            if not self._owns_session and self._session.connector is not None:
                limit = self._session.connector.limit or limit
            self._slots = asyncio.Semaphore(limit)
        return self._session

    async def close(self) -> None:
        """Refuse every later request; close the session if this transport created it.

        Requests in flight on an owned session fail with ``ClientClosed`` (their
        connections are closed under them); none is sent again.
        """
        self._closed = True
        if self._owns_session and self._session is not None and not self._session.closed:
            await self._session.close()

    def url_for(self, path: str) -> str:
        """The absolute URL of ``path`` (see ``_wire.Urls.url_for``)."""
        return self.urls.url_for(path)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json_body: Any = None,
        form: Form | None = None,
        op: _api.Operation | None = None,
    ) -> Response:
        """Send one API request with limits, auth, retries; return it or raise typed.

        ``op`` is the operation's row: its cost, retry class and DELETE rule apply
        (without one, they follow from ``method``). ``form`` is sent as
        ``multipart/form-data`` instead of a JSON body (built afresh for each attempt).
        """
        method = method.upper()
        url = self.url_for(path)
        if form is not None and json_body is not None:
            raise ValueError("a request has a JSON body or a multipart form, not both")
        data: bytes | Form | None = form
        if json_body is not None:
            data = json.dumps(json_body).encode()
        op = op or _api.row(self.profile.name, "request", method, path, "")
        return await self._run(op, url, encode_params(params), data, None)

    async def _fetch_token(self, form: Mapping[str, str]) -> Mapping[str, Any]:
        """POST ``form`` to the token URL (no credentials, no budget); the JSON reply.

        A client-credentials request is safe to repeat, so it is retried like a GET. A
        code or refresh-token exchange is retried only when it certainly was not sent
        (or refused with a 429): the refresh token rotates, and a lost reply to a
        repeat would lock the app out.
        """
        repeat: _api.RetryClass = (
            "idempotent" if form.get("grant_type") == "client_credentials" else "post"
        )
        op = _api.row(self.profile.name, "oauth2.token", "POST", self.token_url, "", retry=repeat)
        return token_reply(await self._run(op, self.token_url, {}, None, dict(form)))

    async def _run(
        self,
        op: _api.Operation,
        url: str,
        query: dict[str, str],
        data: bytes | Form | None,
        form: dict[str, str] | None,
    ) -> Response:
        """The attempts of one request: send, let ``_decide`` judge, act, until done."""
        api = form is None  # an API call (budget, credentials), not a token request
        attempt = _decide.Attempt(
            method=op.method,
            path=urllib.parse.urlsplit(url).path,
            retry=op.retry,
            gone_is_done=op.gone_is_done,
            can_refresh=api,
            raise_on_rate_limit=self.raise_on_rate_limit,
            retry_after_headers=self.profile.retry_after_headers,
        )
        retries = _retry.Retries(
            max_retries=self.max_retries, max_wait=self.max_wait, rng=self._rng
        )
        cost = op.units(self.policy.write_weight)
        self._check_usable()
        while True:
            token = ""
            lost: BaseException | None = None
            try:
                answer, token = await self._send(op, url, query, data, form, cost, retries)
            except (TimeoutError, aiohttp.ClientError, RuntimeError) as exc:
                lost = exc  # judged outside the handler: nothing we raise chains to it
            if lost is not None:
                if self._closed:
                    raise ClientClosed(f"{op.method} {attempt.path}: the client was closed")
                if isinstance(lost, RuntimeError):  # not aiohttp's "Session is closed"
                    raise lost
                failure = failure_of(lost, method=op.method, path=attempt.path)
                outcome = _decide.decide_failure(failure, attempt, transient=transient(failure))
            else:
                outcome = _decide.decide(answer, attempt, url=url, origin=self.urls.origin)
                if answer.status == 429 and api:
                    self.rate_limited += 1
            if isinstance(outcome, _decide.Done):
                if outcome.gone or outcome.repeat:
                    status = 404 if outcome.gone else 422
                    log.info("%s %s -> %d after a lost answer: done", op.method, attempt.path,
                             status)  # fmt: skip
                    return Response(status=status, headers={}, body=b"", url=url, parsed=None)
                return Response.of(answer, url, outcome.parsed)
            if isinstance(outcome, _decide.Follow):
                url, query = outcome.url, query if outcome.keep_query else {}
            elif isinstance(outcome, _decide.Refresh):
                if not self.auth.invalidate(token):
                    raise outcome.error
            elif isinstance(outcome, _decide.Retry):
                delay = retries.next_delay(outcome.hint)
                if delay is None:
                    raise outcome.error
                log.info("%s %s: %s; retry %d in %.2fs", op.method, attempt.path,
                         outcome.error, retries.attempt, delay)  # fmt: skip
                await asyncio.sleep(delay)
                self._check_usable()
            else:
                raise outcome.error
            attempt = _decide.after(attempt, outcome)

    async def _send(
        self,
        op: _api.Operation,
        url: str,
        query: dict[str, str],
        data: bytes | Form | None,
        form: dict[str, str] | None,
        cost: int,
        retries: _retry.Retries,
    ) -> tuple[_decide.Answer, str]:
        """One attempt on the wire: the answer, and the token it carried.

        An API call takes a slot, its budget and the token; a token request (``form``)
        takes none of them (its caller may be holding a slot while it waits).
        """
        session = await self._open()
        headers = {"Accept": op.accept or _ACCEPT, "User-Agent": self._user_agent}
        payload: bytes | aiohttp.FormData | dict[str, str] | None = form
        if isinstance(data, bytes):
            headers["Content-Type"] = "application/json; charset=UTF-8"
            payload = data
        elif data is not None:
            payload = _form_data(data)  # aiohttp sends a FormData once: one per attempt
        api, token = form is None, ""
        loop = asyncio.get_running_loop()
        async with self._slots if api and self._slots else contextlib.nullcontext():
            if api:
                await self._acquire(op, cost, retries, urllib.parse.urlsplit(url).path)
            sent_at = loop.time()
            try:
                if api:
                    # The token is read after the waits, so a long wait cannot stale it.
                    token = await self.auth.token(self._fetch_token)
                    headers["Authorization"] = authorization(self.profile, token)
                    self.requests_sent += 1
                    sent_at = loop.time()
                async with session.request(
                    op.method,
                    url,
                    params=query,
                    data=payload,
                    headers=headers,
                    allow_redirects=False,
                    timeout=self._timeout,
                    raise_for_status=False,  # a borrowed session's setting: the decision is ours
                ) as resp:
                    latency = loop.time() - sent_at
                    body = await _read_capped(resp, self.max_response_bytes, op.method, url)
            except BaseException:
                if api:  # no answer (a failure, a cancel): the limiter still hears of it once
                    gone = RateLimitInfo(
                        status=0,
                        sent_at=sent_at,
                        latency=loop.time() - sent_at,
                        cost=cost,
                        write=op.write,
                    )
                    await _settle(self.limiter.observe(gone))
                raise
        answer = _decide.Answer(
            status=resp.status, headers=resp.headers, body=body, reason=resp.reason or ""
        )
        if api:
            await self._observe(answer, sent_at=sent_at, latency=latency, cost=cost, write=op.write)
        where = urllib.parse.urlsplit(url).path
        log.debug("%s %s -> %d in %.3fs", op.method, where, answer.status, latency)
        return answer, token

    async def _acquire(
        self, op: _api.Operation, cost: int, retries: _retry.Retries, path: str
    ) -> None:
        """Take ``cost`` from the limiter; a shared 429 pause counts toward ``max_wait``.

        With ``raise_on_rate_limit`` a paused budget raises at once; otherwise a pause
        longer than what is left of ``max_wait`` raises ``RateLimited`` without waiting.
        """
        bound = 0.0 if self.raise_on_rate_limit else retries.pause_left()
        try:
            if self._limiter_bounds_pauses:
                paused = await self.limiter.acquire(cost, write=op.write, max_pause=bound)
            else:  # a limiter written before max_pause: check its pause, if it tells
                left = _pause_of(self.limiter)
                if left > bound:
                    raise PauseTooLong(left)
                paused = await self.limiter.acquire(cost, write=op.write)
        except PauseTooLong as exc:
            raise RateLimited(
                status=429,
                message=(
                    "the shared rate budget is paused after a 429 for longer than this call "
                    "may wait (raise_on_rate_limit, or max_wait spent)"
                ),
                retry_after=round(exc.seconds, 3),
                method=op.method,
                path=path,
            ) from None
        retries.waited += paused or 0.0

    async def _observe(
        self, answer: _decide.Answer, *, sent_at: float, latency: float, cost: int, write: bool
    ) -> None:
        """Hand the limiter what a response said of the budget, and keep it as the status."""
        info = rate_info(answer, self.profile, sent_at=sent_at, latency=latency)
        info = attrs.evolve(info, cost=cost, write=write)
        self.status = rate_status(info, answer.headers)
        await _settle(self.limiter.observe(info))


def _takes(method: Any, name: str) -> bool:
    """Whether ``method`` accepts the keyword ``name``."""
    try:
        params = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _pause_of(limiter: Limiter) -> float:
    """Seconds of a 429 pause a limiter reports (0 if it cannot tell)."""
    paused_for = getattr(limiter, "paused_for", None)
    return float(paused_for()) if callable(paused_for) else 0.0


async def _settle(result: object) -> None:
    """Await what a limiter's ``observe`` returned, if it returned an awaitable."""
    if inspect.isawaitable(result):
        await result


async def _read_capped(resp: aiohttp.ClientResponse, limit: int, method: str, url: str) -> bytes:
    """The decoded body, read chunk by chunk; past ``limit`` bytes, ``ResponseTooLarge``.

    The cap counts decoded bytes, so a small gzip bomb stops at the cap too.
    """
    where = urllib.parse.urlsplit(url).path
    declared = resp.content_length
    if declared is not None and declared > limit and not resp.headers.get("Content-Encoding"):
        resp.close()
        raise ResponseTooLarge(
            f"{method} {where}: the response declares {declared} bytes, over the "
            f"{limit}-byte cap (max_response_bytes)",
            limit=limit,
        )
    body = bytearray()
    async for chunk in resp.content.iter_chunked(1 << 16):
        body += chunk
        if len(body) > limit:
            resp.close()
            raise ResponseTooLarge(
                f"{method} {where}: the response body passed the {limit}-byte cap "
                "(max_response_bytes)",
                limit=limit,
            )
    return bytes(body)


def _form_data(form: Form) -> aiohttp.FormData:
    """A fresh multipart body (``Form``) for one attempt."""
    out = aiohttp.FormData()
    for name, value in form:
        if isinstance(value, str):
            out.add_field(name, value)
        else:
            content_type = value[2] if len(value) == 3 else "application/octet-stream"
            out.add_field(name, value[1], filename=value[0], content_type=content_type)
    return out
