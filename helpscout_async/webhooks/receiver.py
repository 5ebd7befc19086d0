"""An aiohttp.web receiver for Help Scout webhooks.

Per request, on the request path, only what must be: read the raw body under a size cap,
check the signature (401 before anything is parsed), drop a redelivery of an event already
accepted, queue the delivery and answer 200. Parsing and the user's handler run in a fixed
pool of worker tasks, so a slow handler never delays the answer Help Scout waits for, and a
handler that raises never turns into a 5xx that Help Scout would retry: the failure is
logged, counted and handed to an optional dead-letter callback. When the queue is full the
receiver answers 503, which Help Scout retries later (back-pressure, nothing lost).

A receiver belongs to the event loop that serves its first request.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import attrs
from aiohttp import web

from .._api.webhook_events import EVENT_HEADER, SIGNATURE_HEADER
from ._dedupe import RecentKeys
from ._signature import Secrets, secrets_of, verify
from .events import WebhookEvent, WebhookPayloadError, delivery_key, parse_event

__all__ = ["Failure", "Handler", "Receiver", "ReceiverStats", "receiver"]

log = logging.getLogger("helpscout_async.webhooks")

Handler = Callable[[WebhookEvent], Awaitable[Any] | Any]
"""What the receiver calls for each accepted event (a coroutine function, or a plain one)."""

_MAX_EVENT_NAME = 200


@attrs.frozen(kw_only=True)
class Failure:
    """A delivery the handler could not process, as the dead-letter callback gets it.

    Attributes:
        event_type: the ``X-HelpScout-Event`` value.
        key: the delivery key (see :func:`delivery_key`).
        raw_body: the signed body, to store and replay later.
        event: the parsed event, or ``None`` when the body did not parse.
        error: what the handler (or the parser) raised.
    """

    event_type: str
    key: str
    raw_body: bytes = attrs.field(repr=False)
    event: WebhookEvent | None = attrs.field(repr=False)
    error: BaseException


DeadLetter = Callable[[Failure], Awaitable[Any] | Any]


@attrs.define
class ReceiverStats:
    """Counters of one receiver (read them, never write them).

    Attributes:
        received: requests that reached the receiver.
        rejected: missing or wrong signature, answered 401.
        too_large: bodies over ``max_body``, answered 413.
        bad_request: signed but without an event name, answered 400.
        duplicates: redeliveries of an event already accepted: 200, not handled again.
        busy: the queue was full, answered 503 (Help Scout retries).
        accepted: queued for the handler, answered 200.
        handled: the handler returned normally.
        failed: the handler raised (or timed out).
        malformed: a signed body that did not parse as its event type.
        dead_letter_failed: the dead-letter callback itself raised.
    """

    received: int = 0
    rejected: int = 0
    too_large: int = 0
    bad_request: int = 0
    duplicates: int = 0
    busy: int = 0
    accepted: int = 0
    handled: int = 0
    failed: int = 0
    malformed: int = 0
    dead_letter_failed: int = 0


@attrs.frozen
class _Job:
    event_type: str
    key: str
    raw_body: bytes = attrs.field(repr=False)


class Receiver:
    """Receives Help Scout webhooks in an aiohttp.web application.

    Args:
        secret: the webhook's secret key, or several (all accepted: rotation).
        handler: called with each accepted :class:`WebhookEvent`; sync or async.
        max_body: largest body accepted, in bytes (413 above it).
        concurrency: handler calls running at once (worker tasks).
        queue_size: accepted events waiting for a worker before the receiver answers 503.
        dedupe_ttl: seconds a delivery key is remembered to drop redeliveries.
        dedupe_size: most delivery keys remembered (oldest forgotten first).
        handler_timeout: seconds one handler call may take (``None``: no limit);
            a timeout counts as a failure.
        dead_letter: called with a :class:`Failure` for each event that failed.
        clock: monotonic clock for the de-duplication window (tests inject one).

    Raises:
        TypeError: ``secret`` has the wrong type, or ``handler`` is not callable.
        ValueError: a secret is empty, or a bound is not positive.
    """

    def __init__(
        self,
        secret: Secrets,
        handler: Handler,
        *,
        max_body: int = 1 << 20,
        concurrency: int = 4,
        queue_size: int = 1000,
        dedupe_ttl: float = 24 * 3600.0,
        dedupe_size: int = 10_000,
        handler_timeout: float | None = None,
        dead_letter: DeadLetter | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._keys = secrets_of(secret)
        if not callable(handler):
            raise TypeError(f"handler must be callable, got {type(handler).__name__}")
        if dead_letter is not None and not callable(dead_letter):
            raise TypeError(f"dead_letter must be callable, got {type(dead_letter).__name__}")
        for name, value in (
            ("max_body", max_body),
            ("concurrency", concurrency),
            ("queue_size", queue_size),
            ("dedupe_size", dedupe_size),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be an int >= 1, got {value!r}")
        if dedupe_ttl <= 0:
            raise ValueError(f"dedupe_ttl must be > 0 seconds, got {dedupe_ttl!r}")
        if handler_timeout is not None and handler_timeout <= 0:
            raise ValueError(
                f"handler_timeout must be > 0 seconds or None, got {handler_timeout!r}"
            )
        self._handler = handler
        self._dead_letter = dead_letter
        self.max_body = max_body
        self.concurrency = concurrency
        self.handler_timeout = handler_timeout
        self._queue_size = queue_size
        self._recent = RecentKeys(ttl=dedupe_ttl, size=dedupe_size, clock=clock)
        self._queue: asyncio.Queue[_Job] | None = None
        self._workers: list[asyncio.Task[None]] = []
        self._pending = 0
        self.stats = ReceiverStats()

    def __repr__(self) -> str:
        return (
            f"Receiver(secrets={len(self._keys)}, concurrency={self.concurrency}, "
            f"max_body={self.max_body})"
        )

    def set_secrets(self, secret: Secrets) -> None:
        """Replace the accepted secret(s), e.g. to finish a rotation.

        Args:
            secret: the new secret, or several.

        Raises:
            TypeError: a secret has the wrong type.
            ValueError: a secret is empty.
        """
        self._keys = secrets_of(secret)

    def setup(self, app: web.Application, path: str = "/helpscout/webhooks") -> None:
        """Route ``POST path`` to this receiver and stop its workers when ``app`` stops.

        Args:
            app: the aiohttp application.
            path: where Help Scout posts (the webhook's URL path).
        """
        app.router.add_post(path, self.handle)

        async def _stop(_: web.Application) -> None:
            await self.close()

        app.on_cleanup.append(_stop)

    async def handle(self, request: web.Request) -> web.Response:
        """The aiohttp handler: verify, de-duplicate, queue, answer.

        Args:
            request: Help Scout's POST.

        Returns:
            200 (accepted or duplicate), 400, 401, 413 or 503.
        """
        stats = self.stats
        stats.received += 1
        raw = await self._read(request)
        if raw is None:
            stats.too_large += 1
            return web.Response(status=413, text="body too large")
        if not verify(list(self._keys), raw, request.headers.get(SIGNATURE_HEADER)):
            stats.rejected += 1
            return web.Response(status=401, text="invalid signature")
        event_type = request.headers.get(EVENT_HEADER, "").strip()
        if not event_type or len(event_type) > _MAX_EVENT_NAME:
            stats.bad_request += 1
            return web.Response(status=400, text=f"missing {EVENT_HEADER}")
        key = delivery_key(event_type, raw)
        if not self._recent.add(key):
            stats.duplicates += 1
            return web.Response(status=200, text="duplicate")
        queue = self._start()
        try:
            queue.put_nowait(_Job(event_type, key, raw))
        except asyncio.QueueFull:
            self._recent.discard(key)
            stats.busy += 1
            return web.Response(status=503, text="busy", headers={"Retry-After": "60"})
        self._pending += 1
        stats.accepted += 1
        return web.Response(status=200, text="ok")

    __call__ = handle

    async def _read(self, request: web.Request) -> bytes | None:
        """The raw body, or ``None`` when it is larger than ``max_body``."""
        limit = self.max_body
        if request.content_length is not None and request.content_length > limit:
            return None
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.content.iter_chunked(64 * 1024):
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    def _start(self) -> asyncio.Queue[_Job]:
        if self._queue is None:
            self._queue = asyncio.Queue(self._queue_size)
        alive = [task for task in self._workers if not task.done()]
        while len(alive) < self.concurrency:  # first use, or a worker was cancelled
            name = f"helpscout-webhook-{len(alive)}"
            alive.append(asyncio.create_task(self._work(self._queue), name=name))
        self._workers = alive
        return self._queue

    async def _work(self, queue: asyncio.Queue[_Job]) -> None:
        while True:
            job = await queue.get()
            try:
                await self._process(job)
            finally:
                self._pending -= 1
                queue.task_done()

    async def _process(self, job: _Job) -> None:
        stats = self.stats
        try:
            event = parse_event(job.event_type, job.raw_body)
        except WebhookPayloadError as exc:
            stats.malformed += 1
            log.warning(
                "Help Scout webhook %s (%s) not parsed: %s", job.event_type, job.key[:12], exc
            )
            await self._fail(job, None, exc)
            return
        try:
            async with asyncio.timeout(self.handler_timeout):
                result = self._handler(event)
                if inspect.isawaitable(result):
                    await result
        except Exception as exc:
            stats.failed += 1
            log.error(
                "Help Scout webhook handler failed on %s (%s)",
                job.event_type,
                job.key[:12],
                exc_info=exc,
            )
            await self._fail(job, event, exc)
            return
        stats.handled += 1

    async def _fail(self, job: _Job, event: WebhookEvent | None, error: BaseException) -> None:
        if self._dead_letter is None:
            return
        failure = Failure(
            event_type=job.event_type, key=job.key, raw_body=job.raw_body, event=event, error=error
        )
        try:
            result = self._dead_letter(failure)
            if inspect.isawaitable(result):
                await result
        except Exception:
            self.stats.dead_letter_failed += 1
            log.exception("Help Scout webhook dead-letter callback failed on %s", job.event_type)

    @property
    def pending(self) -> int:
        """How many accepted events are not processed yet (queued or running)."""
        return self._pending

    async def drain(self) -> None:
        """Wait until every accepted event has been processed."""
        if self._queue is not None:
            await self._queue.join()

    async def close(self, grace: float = 10.0) -> None:
        """Process what is queued (up to ``grace`` seconds), then stop the workers.

        Args:
            grace: seconds to wait for queued events before cancelling them.
        """
        workers, self._workers = self._workers, []
        if not workers:
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace):
                await self.drain()
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        self._queue = None


def receiver(secret: Secrets, handler: Handler, **options: Any) -> Receiver:
    """A :class:`Receiver` for ``handler``; add it to an app with ``.setup(app, path)``.

    Args:
        secret: the webhook's secret key, or several during a rotation.
        handler: called with each accepted event (sync or async).
        **options: any keyword of :class:`Receiver` (``max_body``, ``concurrency``,
            ``queue_size``, ``dedupe_ttl``, ``handler_timeout``, ``dead_letter``, ...).

    Returns:
        The receiver.

    Raises:
        TypeError: a bad ``secret`` or ``handler``, or an unknown option.
        ValueError: an empty secret or a bound that is not positive.
    """
    return Receiver(secret, handler, **options)
