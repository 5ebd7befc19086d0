"""The pure step of a request: what one answer (or the lack of one) means.

``decide(answer, attempt)`` turns a recorded ``(status, headers, body)`` and the state
of the request's attempts into one outcome: ``Done`` (return it), ``Retry`` (wait the
hint or a backoff, then send again), ``Refresh`` (a 401: renew the token once),
``Follow`` (a redirect on the API's own host), or ``Fail`` (raise). ``decide_failure``
does the same for a request that got no answer. No I/O, no clock, no aiohttp: the
transport is the thin shell that sends, sleeps and loops; these functions are tested
table-driven from recorded triples (``tests/samples/``).

The rules, from the operation's row:
- retry class ``post``: retried only on a 429 (the server refused it) or when the
  request certainly never left; ``idempotent`` / ``client-key`` also on 5xx, on
  timeouts and dropped connections, and on a success body cut short.
- ``gone_is_done``: a 404 after an attempt that may have applied means done (a DELETE
  whose answer was lost did delete). Only a lost answer may have applied: a timeout
  or drop after sending, or a gateway's 502/504; a 500/503/429 is a refusal.
- retry class ``client-key``: a 422 after an attempt that may have applied, or one
  saying the key is already in use, means done (the server recognised the client's key
  of an earlier attempt: Chat's message UUID). The second form matters because the
  transport does not see every attempt: aiohttp resends a PUT once by itself when a
  reused keep-alive connection drops, and a caller may retry a call with its key.
- a redirect to a URL with user info, or a malformed one, is a ``BadResponse``.
- redirects are followed for GET only, on the API's own host, at most ``MAX_HOPS``.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any

import attrs

from . import _json, _retry
from ._api import RetryClass
from .errors import APIError, BadResponse, HelpScoutError, TransportError, error_for_status

REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_HOPS = 3
_UNPARSED: Any = object()


@attrs.frozen(kw_only=True)
class Answer:
    """What the server sent back: status, headers, body (and the reason phrase)."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    reason: str = ""


@attrs.frozen(kw_only=True)
class Attempt:
    """The state of one request across its attempts.

    Attributes:
        method: the HTTP method; path: the URL path (for messages).
        retry: the row's retry class; gone_is_done: the row's DELETE rule.
        can_refresh: a 401 may be answered by renewing the token (bearer requests).
        raise_on_rate_limit: a 429 raises at once.
        retry_after_headers: where a 429 says how long to wait (the family's headers).
        hops: redirects followed so far; refreshed: the token was renewed once already.
        may_have_applied: an earlier attempt may have taken effect on the server.
    """

    method: str
    path: str
    retry: RetryClass = "idempotent"
    gone_is_done: bool = False
    can_refresh: bool = True
    raise_on_rate_limit: bool = False
    retry_after_headers: tuple[str, ...] = ("X-RateLimit-Retry-After", "Retry-After")
    hops: int = 0
    refreshed: bool = False
    may_have_applied: bool = False


@attrs.frozen
class Done:
    """Success: ``parsed`` is the JSON body (``UNPARSED`` when not JSON or empty)."""

    parsed: Any = _UNPARSED
    gone: bool = False  # a 404 that means an earlier attempt did it
    repeat: bool = False  # a 422 to a client-keyed repeat: an earlier attempt did it


@attrs.frozen
class Retry:
    """Send again after ``hint`` seconds (``None``: a backoff); ``error`` if retries are spent."""

    error: HelpScoutError
    hint: float | None = None
    applied: bool = False  # this attempt may have taken effect


@attrs.frozen
class Refresh:
    """A 401: renew the token and send again; raise ``error`` if it cannot be renewed."""

    error: APIError


@attrs.frozen
class Follow:
    """A redirect to ``url`` on the API's host; ``keep_query``: resend the caller's query."""

    url: str
    keep_query: bool


@attrs.frozen
class Fail:
    """Raise ``error``."""

    error: HelpScoutError


Outcome = Done | Retry | Refresh | Follow | Fail
UNPARSED = _UNPARSED


def after(attempt: Attempt, outcome: Outcome) -> Attempt:
    """The state for the next attempt once ``outcome`` has been acted on."""
    if isinstance(outcome, Follow):
        return attrs.evolve(attempt, hops=attempt.hops + 1)
    if isinstance(outcome, Refresh):
        return attrs.evolve(attempt, refreshed=True)
    if isinstance(outcome, Retry) and outcome.applied:
        return attrs.evolve(attempt, may_have_applied=True)
    return attempt


def decide(answer: Answer, attempt: Attempt, *, url: str, origin: str) -> Outcome:
    """What ``answer`` to a request at ``url`` means (``origin``: the API's own host)."""
    status, headers = answer.status, answer.headers
    if 200 <= status < 300:
        parsed, failure = parse_json(answer, attempt)
        if isinstance(failure, BadResponse):
            return Fail(failure)
        if failure is not None:
            return decide_failure(failure, attempt, transient=True)
        return Done(parsed)
    location = headers.get("Location")
    if status in REDIRECTS and attempt.method == "GET" and location:
        try:
            target = urllib.parse.urljoin(url, location)
            parts = urllib.parse.urlsplit(target)
            _ = parts.port  # a port out of range raises here, not in aiohttp
        except ValueError:
            return Fail(_bad(attempt, f"it redirected to a malformed URL ({status})"))
        if "@" in parts.netloc:
            # Never followed, and never quoted: the user info may be a password.
            return Fail(
                _bad(attempt, f"it redirected ({status}) to a URL with a user name or password")
            )
        if attempt.hops < MAX_HOPS and origin_of(target) == origin:
            # Keep the caller's parameters (e.g. embed=threads for a merged
            # conversation) unless the Location brings its own query.
            return Follow(target, keep_query=not urllib.parse.urlsplit(target).query)
    hint = _retry.retry_after(headers, names=attempt.retry_after_headers)
    error = error_for_status(
        status,
        answer.body,
        method=attempt.method,
        path=attempt.path,
        reason=answer.reason,
        retry_after=hint,
        location=location,
    )
    if status == 401 and attempt.can_refresh and not attempt.refreshed:
        return Refresh(error)
    if status == 404 and attempt.gone_is_done and attempt.may_have_applied:
        return Done(gone=True)
    if (
        status == 422
        and attempt.retry == "client-key"
        and (attempt.may_have_applied or key_in_use(error))
    ):
        return Done(repeat=True)
    if status == 429:
        return Fail(error) if attempt.raise_on_rate_limit else Retry(error, hint)
    if status in _retry.RETRYABLE_STATUSES and attempt.retry != "post":
        # A 503 (or 500) is the server's own refusal; only a gateway's 502/504 means
        # the origin's answer was lost, so the request may have been applied.
        return Retry(error, hint, applied=status in _ANSWER_LOST)
    return Fail(error)


def key_in_use(error: APIError) -> bool:
    """Whether a 422 says a client-chosen id is taken (Chat: ``id value is already in use``)."""
    texts = [error.message, *(e.message for e in error.errors)]
    return any("already in use" in (text or "").lower() for text in texts)


_ANSWER_LOST = frozenset({502, 504})


def _bad(attempt: Attempt, what: str) -> BadResponse:
    return BadResponse(f"{attempt.method} {attempt.path}: the server's answer is unusable: {what}")


def decide_failure(failure: TransportError, attempt: Attempt, *, transient: bool) -> Outcome:
    """What a request that got no answer means: retry it, or raise ``failure``.

    ``transient``: trying again could help (not for a TLS certificate failure or a
    malformed URL).
    """
    if not transient or (attempt.retry == "post" and failure.maybe_sent):
        return Fail(failure)
    return Retry(failure, None, applied=failure.maybe_sent)


def parse_json(answer: Answer, attempt: Attempt) -> tuple[Any, TransportError | BadResponse | None]:
    """A success body declared JSON, parsed once; a cut or garbled one is a failure.

    A 200 whose JSON does not parse (a body cut short by a proxy or a dropped stream
    that still looked complete) is no answer at all: it fails like a dropped
    connection, so a GET is retried and a POST is not (it may have taken effect).
    """
    body = answer.body
    if not body or "json" not in answer.headers.get("Content-Type", "").lower():
        return _UNPARSED, None
    try:
        return _json.loads(body), None
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError alike
        if any(word in str(exc).lower() for word in ("deep", "depth", "recursion")):
            # Whole and well-formed, just hostile: asking again would get the same.
            return _UNPARSED, _bad(attempt, f"its {len(body)}-byte JSON is nested too deeply")
        failure = TransportError(
            f"the {len(body)}-byte response body is not valid JSON (cut short?)",
            method=attempt.method,
            path=attempt.path,
            maybe_sent=True,
        )
        return _UNPARSED, failure


def origin_of(url: str) -> str:
    """``scheme://host:port`` of ``url`` (the port made explicit), to compare hosts."""
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"
