"""The one place that talks to aiohttp: ``Transport.request``.

Each request: take a concurrency slot (bounded to the connector's limit, so budget
is never taken and then spent queueing for a connection), take its cost from the
limiter right before sending, send with the bearer token, feed the rate-limit
headers back to the limiter, then decide: return, refresh the token once after a
401, follow a redirect on the API's own host, retry (per ``_retry``), or raise the
typed error. The body is serialized once, so every retry sends the same bytes.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import random
import re
import urllib.parse
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import aiohttp
import attrs

from . import _api, _json, _retry
from .auth import TokenProvider
from .errors import HelpScoutError, TransportError, error_for_status, resource_id_from_location
from .ratelimit import Limiter, RateLimit, RateLimitInfo, RateLimitStatus

log = logging.getLogger("helpscout_async")

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_HOPS = 3
_VERSIONED = re.compile(r"/v\d+/")

ParamValue = str | int | float | bool | datetime | list[Any] | tuple[Any, ...] | None
Params = Mapping[str, ParamValue]


_UNPARSED: Any = object()


@attrs.frozen(kw_only=True)
class Response:
    """A successful response: status, headers and the raw body."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str
    parsed: Any = attrs.field(default=_UNPARSED, eq=False, repr=False)

    def json(self) -> Any:
        """The body parsed as JSON (``None`` for an empty body)."""
        if self.parsed is not _UNPARSED:
            return self.parsed
        return _json.loads(self.body) if self.body else None

    @property
    def resource_id(self) -> int | None:
        """The id of a created resource: ``Resource-ID``, else the tail of ``Location``."""
        raw = self.headers.get("Resource-ID")
        if raw is not None and raw.strip().isdigit():
            return int(raw)
        return resource_id_from_location(self.headers.get("Location"))

    def new_id(self, kind: _api.NewId | None) -> int | None:
        """The created resource's id, read as an operation's row says (``None`` if absent)."""
        if kind == "resource-id":
            return self.resource_id
        if kind == "location":
            return resource_id_from_location(self.headers.get("Location"))
        if kind == "body":
            body = self.json()
            found = body.get("id") if isinstance(body, Mapping) else None
            return found if isinstance(found, int) and not isinstance(found, bool) else None
        return None


def format_param(value: ParamValue) -> str:
    """One query value as the API expects it: booleans lowercase, times ISO ``Z``, lists comma."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"datetime {value!r} has no timezone; pass an aware datetime (UTC)")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, list | tuple):
        return ",".join(format_param(v) for v in value)
    return str(value)


def encode_params(params: Params | None) -> dict[str, str]:
    """Query parameters with ``None`` values dropped and every value formatted."""
    if not params:
        return {}
    return {key: format_param(value) for key, value in params.items() if value is not None}


class _Retries:
    """The retries of one request: how many are left and how long they may wait in all."""

    def __init__(self, *, max_retries: int, max_wait: float, rng: random.Random) -> None:
        self.attempt = 0
        self.waited = 0.0
        self._max_retries = max_retries
        self._max_wait = max_wait
        self._rng = rng

    def next_delay(self, hint: float | None = None) -> float | None:
        """Seconds to wait before trying again (``hint``, else backoff), or ``None`` if spent."""
        if self.attempt >= self._max_retries:
            return None
        delay = _retry.backoff(self.attempt, rng=self._rng) if hint is None else hint
        if self.waited + delay > self._max_wait:
            return None
        self.attempt += 1
        self.waited += delay
        return delay


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
    ) -> None:
        self.profile = profile
        self.base_url = base_url.rstrip("/")
        self.root = profile.root(self.base_url)
        self._origin = _origin(self.base_url)
        if token_url is None:
            token_url = f"{self.root}{profile.token_path or '/oauth2/token'}"
        self.token_url = token_url
        if _origin(token_url) != self._origin:
            raise ValueError(
                f"token_url {token_url!r} is not on the API's host {self._origin!r}; "
                "credentials are only ever sent to the API's own host"
            )
        self.auth = auth
        self.limiter = limiter
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

    def parallelism(self) -> int:
        """Requests the limiter wants in flight to keep its pace (1 if it cannot say)."""
        wanted = getattr(self.limiter, "parallelism", None)
        return int(wanted()) if callable(wanted) else 1

    async def _open(self) -> aiohttp.ClientSession:
        """The session, created inside the running loop on first use when not given."""
        if self._session is None or (self._owns_session and self._session.closed):
            connector = aiohttp.TCPConnector(limit=self._max_connections, keepalive_timeout=15)
            self._session = aiohttp.ClientSession(connector=connector)
            self._owns_session = True
        if self._slots is None:
            limit = self._max_connections
            if not self._owns_session and self._session.connector is not None:
                limit = self._session.connector.limit or limit
            self._slots = asyncio.Semaphore(limit)
        return self._session

    async def close(self) -> None:
        """Close the session if this transport created it."""
        if self._owns_session and self._session is not None and not self._session.closed:
            await self._session.close()

    def url_for(self, path: str) -> str:
        """The absolute URL of ``path``; an absolute URL must be on the API's own host."""
        if path.startswith(("http://", "https://")):
            if _origin(path) != self._origin:
                raise ValueError(
                    f"refusing to send the bearer token to {_origin(path)!r}: "
                    f"only {self._origin!r} is the API's host"
                )
            return path
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/': {path!r}")
        if _VERSIONED.match(path):
            return self.root + path  # a row's path (/v2/..., /v3/...) starts at the API root
        return self.base_url + path

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json_body: Any = None,
        op: _api.Operation | None = None,
    ) -> Response:
        """Send one API request with limits, auth, retries; return it or raise typed.

        ``op`` is the operation's row: its cost, retry class and DELETE rule apply
        (without one, they follow from ``method``).
        """
        method = method.upper()
        url = self.url_for(path)
        query = encode_params(params)
        data = None if json_body is None else json.dumps(json_body).encode()
        if op is None:
            op = _api.row(self.profile.name, "request", method, path, "")
        cost = op.units(self.policy.write_weight)
        write = op.write
        retry_as = "POST" if op.retry == "post" else "GET"  # the retry rule of the row's class
        loop = asyncio.get_running_loop()
        retries = self._retries()
        hops = 0
        refreshed = False
        may_have_applied = False  # an earlier attempt may have taken effect on the server
        while True:
            session = await self._open()
            assert self._slots is not None
            headers = {
                "Accept": "application/hal+json, application/json",
                "User-Agent": self._user_agent,
            }
            if data is not None:
                headers["Content-Type"] = "application/json; charset=UTF-8"
            where = urllib.parse.urlsplit(url).path
            failure: TransportError | None = None
            try:
                async with self._slots:
                    await self.limiter.acquire(cost, write=write)
                    # The token is read after the waits, so a long wait cannot stale it.
                    token = await self.auth.token(self._fetch_token)
                    headers["Authorization"] = f"Bearer {token}"
                    sent_at = loop.time()
                    self.requests_sent += 1
                    async with session.request(
                        method,
                        url,
                        params=query,
                        data=data,
                        headers=headers,
                        allow_redirects=False,
                        timeout=self._timeout,
                    ) as resp:
                        latency = loop.time() - sent_at
                        body = await resp.read()
                        status, got, reason = resp.status, resp.headers, resp.reason or ""
            except (TimeoutError, aiohttp.ClientError) as exc:
                failure = _failure(exc, method=method, path=where)
            else:
                if status < 300:
                    parsed, failure = _parse_json(body, got, method=method, path=where)
            if failure is not None:
                can = _retry.should_retry_failure(retry_as, maybe_sent=failure.maybe_sent)
                delay = retries.next_delay() if can and _transient(failure) else None
                if delay is None:
                    raise failure
                log.info(
                    "%s %s: %s; retry %d in %.2fs", method, where, failure, retries.attempt, delay
                )
                may_have_applied = may_have_applied or failure.maybe_sent
                await asyncio.sleep(delay)
                continue

            wait_hint = _retry.retry_after(got)
            self._observe(status, got, wait_hint, sent_at=sent_at, latency=latency)
            log.debug("%s %s -> %d in %.3fs", method, where, status, latency)
            if status < 300:
                return Response(status=status, headers=got, body=body, url=url, parsed=parsed)
            location = got.get("Location")
            if status in _REDIRECTS and method == "GET" and location and hops < _MAX_HOPS:
                target = urllib.parse.urljoin(url, location)
                if _origin(target) == self._origin:
                    # Keep the caller's parameters (e.g. embed=threads for a merged
                    # conversation) unless the Location brings its own query.
                    if urllib.parse.urlsplit(target).query:
                        query = {}
                    url, hops = target, hops + 1
                    continue
            if status == 401 and not refreshed and self.auth.invalidate(token):
                refreshed = True
                continue
            if status == 404 and op.gone_is_done and may_have_applied:
                # The attempt whose answer was lost deleted it: the DELETE is done.
                log.info("%s %s -> 404 after a lost answer: already deleted", method, where)
                return Response(status=status, headers=got, body=b"", url=url, parsed=None)
            error = error_for_status(
                status,
                body,
                method=method,
                path=where,
                reason=reason,
                retry_after=wait_hint,
                location=location,
            )
            if status == 429:
                self.rate_limited += 1
                if self.raise_on_rate_limit:
                    raise error
            retryable = _retry.should_retry_status(retry_as, status)
            delay = retries.next_delay(wait_hint) if retryable else None
            if delay is None:
                raise error
            log.info(
                "%s %s -> %d; retry %d in %.2fs", method, where, status, retries.attempt, delay
            )
            may_have_applied = may_have_applied or status >= 500
            await asyncio.sleep(delay)

    def _observe(
        self,
        status: int,
        headers: Mapping[str, str],
        wait_hint: float | None,
        *,
        sent_at: float,
        latency: float,
    ) -> None:
        """Hand the limiter what a response said of the budget, and keep it as the status."""
        info = RateLimitInfo(
            status=status,
            limit=_retry.int_header(headers, self.profile.limit_header),
            remaining=_retry.int_header(headers, self.profile.remaining_header),
            retry_after=wait_hint if status == 429 else None,
            sent_at=sent_at,
            latency=latency,
        )
        self.limiter.observe(info)
        self.status = RateLimitStatus(
            limit=info.limit,
            remaining=info.remaining,
            retry_after=info.retry_after,
            at=datetime.now(UTC),
            server_date=_http_date(headers.get("Date")),
        )

    def _retries(self) -> _Retries:
        return _Retries(max_retries=self.max_retries, max_wait=self.max_wait, rng=self._rng)

    async def _fetch_token(self, form: Mapping[str, str]) -> Mapping[str, Any]:
        """POST ``form`` to the token URL (no bearer, no budget); the JSON reply or raise.

        A client-credentials request is safe to repeat, so it is retried like a GET. A
        code or refresh-token exchange is retried only when it certainly was not sent:
        the refresh token rotates, and a lost reply to a repeat would lock the app out.
        """
        session = await self._open()
        where = urllib.parse.urlsplit(self.token_url).path
        repeatable = form.get("grant_type") == "client_credentials"
        retries = self._retries()
        while True:
            failure: HelpScoutError | None = None
            try:
                async with session.post(
                    self.token_url,
                    data=dict(form),
                    headers={"Accept": "application/json", "User-Agent": self._user_agent},
                    allow_redirects=False,
                    timeout=self._timeout,
                ) as resp:
                    body = await resp.read()
                    status, reason = resp.status, resp.reason or ""
            except (TimeoutError, aiohttp.ClientError) as exc:
                failure = _failure(exc, method="POST", path=where)
                retry = _transient(failure) and (repeatable or not failure.maybe_sent)
            else:
                if status == 200:
                    break
                failure = error_for_status(status, body, method="POST", path=where, reason=reason)
                retry = repeatable and _retry.should_retry_status("GET", status)
            delay = retries.next_delay() if retry else None
            if delay is None:
                raise failure
            await asyncio.sleep(delay)
        try:
            reply = _json.loads(body)
        except ValueError:
            reply = None
        if not isinstance(reply, dict):
            raise HelpScoutError(f"POST {where}: the token endpoint did not answer with JSON")
        return reply


def _failure(exc: BaseException, *, method: str, path: str) -> TransportError:
    """The ``TransportError`` for a request that got no response, saying if it may have gone.

    A refused or timed-out connection, a TLS failure or a bad URL means nothing was sent;
    anything after the connection was made (a drop, a timeout, a cut body) may have been.
    """
    if isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError):
        maybe_sent = False
        text = f"could not connect: {getattr(exc, 'os_error', None) or _describe(exc)}"
    else:
        maybe_sent = isinstance(exc, TimeoutError | aiohttp.ClientError) and not isinstance(
            exc, aiohttp.InvalidURL
        )
        text = _describe(exc)
    failure = TransportError(text, method=method, path=path, maybe_sent=maybe_sent)
    failure.__cause__ = exc
    return failure


def _parse_json(
    body: bytes, headers: Mapping[str, str], *, method: str, path: str
) -> tuple[Any, TransportError | None]:
    """A success body declared JSON, parsed once; a cut or garbled one is a transport failure.

    A 200 whose JSON does not parse (a body cut short by a proxy or a dropped stream
    that still looked complete) is no answer at all: it fails like a dropped connection,
    so a GET is retried and a POST is not (it may have taken effect).
    """
    if not body or "json" not in headers.get("Content-Type", "").lower():
        return _UNPARSED, None
    try:
        return _json.loads(body), None
    except ValueError:  # JSONDecodeError and UnicodeDecodeError alike
        failure = TransportError(
            f"the {len(body)}-byte response body is not valid JSON (cut short?)",
            method=method,
            path=path,
            maybe_sent=True,
        )
        return _UNPARSED, failure


def _transient(failure: TransportError) -> bool:
    """Whether trying again could help: not for TLS certificate failures or bad URLs."""
    cause = failure.__cause__
    return not isinstance(cause, aiohttp.ClientSSLError | aiohttp.InvalidURL)


def _http_date(raw: str | None) -> datetime | None:
    """An HTTP ``Date`` header as an aware UTC datetime, or ``None`` if absent or bad."""
    if not raw:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"
