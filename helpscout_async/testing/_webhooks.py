"""The fake's webhooks: subscriptions, and signed deliveries with Help Scout's retries.

A subscription holds a URL, its events, an optional mailbox filter and a secret (which
never appears in a repr or a log). :meth:`Webhooks.emit` sends one event to every enabled
subscription that wants it: a POST of the JSON body (UTF-8, not re-encoded as ASCII)
with ``X-HelpScout-Event`` and ``X-HelpScout-Signature`` = base64(HMAC-SHA1(secret, body)).

Delivery follows what Help Scout documents and third-party references agree on: a 2xx
answer is success; any other answer, a timeout or a refused connection is retried with
exponential backoff up to ``attempts`` times in all; ``410 Gone`` disables the webhook at
once. The backoff is multiplied by ``time_scale`` so tests can run hours of retries in
milliseconds. Every attempt is counted in ``/_fake/metrics`` (``webhooks``) and kept in
:attr:`Webhooks.log`.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import logging
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from .._api.webhook_events import EVENT_HEADER, EVENTS, SIGNATURE_HEADER, SUBSCRIBABLE, TEST_EVENT
from ._metrics import Metrics

__all__ = ["HIDDEN", "Delivery", "DeliveryPolicy", "Subscription", "Webhooks", "problems", "sign"]

JSON = dict[str, Any]
log = logging.getLogger(__name__)
USER_AGENT = "HelpScout-Webhooks (helpscout-async fake)"
_MAX_LOG = 10_000


def sign(secret: str, body: bytes) -> str:
    """Help Scout's signature of ``body``: base64(HMAC-SHA1(secret, body))."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha1).digest()).decode()


@dataclass(frozen=True)
class DeliveryPolicy:
    """How the fake delivers: attempts, backoff, timeout and the time scale.

    Attributes:
        attempts: tries per event and webhook, the first one included.
        backoff: seconds before the first retry; doubled for each next one.
        max_backoff: the longest wait between two tries.
        timeout: seconds one POST may take (never scaled: it is the receiver's time).
        time_scale: multiplies every backoff (0.001 runs a 9-minute schedule in 0.5 s).
        concurrency: POSTs in flight at once, over all webhooks.
        max_pending: deliveries kept at once (sending or waiting to retry); an event
            beyond it is dropped and counted (``dropped``), so a dead receiver cannot
            make the fake's memory grow without bound.
    """

    attempts: int = 10
    backoff: float = 1.0
    max_backoff: float = 3600.0
    timeout: float = 10.0
    time_scale: float = 1.0
    concurrency: int = 16
    max_pending: int = 10_000

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"attempts must be >= 1, got {self.attempts!r}")
        if self.backoff < 0 or self.max_backoff < 0 or self.time_scale < 0:
            raise ValueError("backoff, max_backoff and time_scale must be >= 0")
        if self.timeout <= 0 or self.concurrency < 1 or self.max_pending < 1:
            raise ValueError("timeout must be > 0, concurrency and max_pending >= 1")

    def delay(self, attempt: int) -> float:
        """The wait after a failed try: ``backoff * 2**(attempt-1)``, capped, then scaled.

        Args:
            attempt: the number of the try that failed (1 for the first).

        Returns:
            Seconds to wait, ``time_scale`` already applied.
        """
        return min(self.backoff * 2.0 ** (attempt - 1), self.max_backoff) * self.time_scale


@dataclass
class Subscription:
    """One webhook of the fake account (the secret is kept out of the repr).

    Attributes:
        id: the webhook's id.
        url: where deliveries go.
        events: the event names it receives.
        secret: what signs its deliveries (write-only: never shown).
        label: its name, if any.
        mailbox_ids: only conversation and rating events of these mailboxes (empty: all).
        notification: stored as given; deliveries carry full bodies regardless.
        payload_version: always ``V2``.
        state: ``enabled``, or ``disabled`` after a ``410``.
    """

    id: int
    url: str
    events: tuple[str, ...]
    secret: str = field(repr=False)
    label: str | None = None
    mailbox_ids: tuple[int, ...] = ()
    notification: bool = False
    payload_version: str = "V2"
    state: str = "enabled"

    def wants(self, event: str, mailbox_id: int | None) -> bool:
        """Whether this webhook receives ``event`` about a record of ``mailbox_id``.

        Args:
            event: the event name.
            mailbox_id: the mailbox of the record (``None`` when it has none).
        """
        if self.state != "enabled" or event not in self.events:
            return False
        filtered = EVENTS.get(event, ("", False))[1]
        return not (filtered and self.mailbox_ids and mailbox_id not in self.mailbox_ids)

    def body(self, api_root: str) -> JSON:
        """The webhook as Get Webhook returns it (never the secret).

        Args:
            api_root: the API root its ``_links`` point at.
        """
        out: JSON = {
            "id": self.id,
            "url": self.url,
            "state": self.state,
            "events": list(self.events),
            "notification": self.notification,
            "payloadVersion": self.payload_version,
            "mailboxIds": list(self.mailbox_ids),
        }
        if self.label is not None:
            out["label"] = self.label
        out["_links"] = {"self": {"href": f"{api_root}/webhooks/{self.id}"}}
        return out


def _encode(body: Any) -> bytes:
    """The delivery body: compact JSON in UTF-8 (non-ASCII characters kept as they are)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Delivery:
    """One attempt: which webhook, event and try, and how it ended.

    Attributes:
        webhook_id: the webhook delivered to.
        event: the event name.
        attempt: the number of the try (1 for the first).
        status: the receiver's HTTP status, or ``None`` when there was no answer.
        error: why there was no answer (``timeout``, or the connection error's name).
        at: when the try ended, on the fake's clock.
    """

    webhook_id: int
    event: str
    attempt: int
    status: int | None
    error: str | None
    at: float


HIDDEN = object()
"""Stands for a rejected value that must not be echoed (the secret)."""


def problems(
    url: object, events: object, secret: object, mailbox_ids: object, payload_version: object
) -> list[tuple[str, str, Any]]:
    """What is wrong with a webhook's fields: ``(field, message, rejected value)``."""
    found: list[tuple[str, str, Any]] = []
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        found.append(("url", "must be an http(s) URL", url))
    if not isinstance(events, (list, tuple)) or not events:
        found.append(("events", "must be a non-empty list of event names", events))
    else:
        unknown = [e for e in events if e not in SUBSCRIBABLE]
        if unknown:
            found.append(("events", f"unknown event {unknown[0]!r}", unknown[0]))
    if not isinstance(secret, str) or not secret or len(secret) > 40:
        found.append(("secret", "must be a string of 1 to 40 characters", HIDDEN))
    if not isinstance(mailbox_ids, (list, tuple)) or not all(
        isinstance(m, int) and not isinstance(m, bool) for m in mailbox_ids
    ):
        found.append(("mailboxIds", "must be a list of mailbox ids", mailbox_ids))
    if payload_version != "V2":
        found.append(("payloadVersion", "Expected one of these: 'V2'", payload_version))
    return found


class Webhooks:
    """The fake account's webhook subscriptions and their delivery engine.

    Args:
        policy: attempts, backoff, timeout and time scale of deliveries.
        metrics: where deliveries are counted (``webhooks`` in ``/_fake/metrics``).
        clock: for the ``at`` of each :class:`Delivery`.
        new_id: hands out subscription ids (the store's, so ids never collide).
    """

    def __init__(
        self,
        policy: DeliveryPolicy,
        metrics: Metrics,
        clock: Callable[[], float],
        new_id: Callable[[], int],
    ) -> None:
        self.policy = policy
        self.metrics = metrics
        metrics.webhook_pending = lambda: len(self._tasks)
        self.clock = clock
        self._new_id = new_id
        self.subscriptions: dict[int, Subscription] = {}
        self.log: deque[Delivery] = deque(maxlen=_MAX_LOG)
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None
        self._gate: asyncio.Semaphore | None = None

    def __repr__(self) -> str:
        return f"Webhooks(subscriptions={len(self.subscriptions)}, pending={self.pending})"

    @property
    def active(self) -> bool:
        """Whether any subscription is enabled (writes skip the event bookkeeping if not)."""
        return any(s.state == "enabled" for s in self.subscriptions.values())

    @property
    def pending(self) -> int:
        """How many deliveries are not finished yet (sending or between retries)."""
        return len(self._tasks)

    def add(
        self,
        url: str,
        events: Iterable[str],
        secret: str,
        *,
        label: str | None = None,
        mailbox_ids: Iterable[int] = (),
        notification: bool = False,
        payload_version: str = "V2",
    ) -> Subscription:
        """Create a subscription, as Create Webhook does.

        Args:
            url: where deliveries go (http or https).
            events: event names (the documented ones, not ``helpscout.test``).
            secret: 1 to 40 characters that sign each delivery.
            label: a name for it.
            mailbox_ids: only conversation and rating events of these mailboxes.
            notification: stored as given.
            payload_version: only ``V2``.

        Returns:
            The new subscription.

        Raises:
            ValueError: a bad field, named in the message (never its value, for the secret).
        """
        names, boxes = list(events), list(mailbox_ids)
        for name, message, _ in problems(url, names, secret, boxes, payload_version):
            raise ValueError(f"{name}: {message}")
        sub = Subscription(
            id=self._new_id(),
            url=url,
            events=tuple(dict.fromkeys(names)),
            secret=secret,
            label=label,
            mailbox_ids=tuple(boxes),
            notification=notification,
            payload_version=payload_version,
        )
        self.subscriptions[sub.id] = sub
        return sub

    def emit(self, event: str, body: Any, *, mailbox_id: int | None = None) -> int:
        """Send ``event`` with ``body`` to every subscription that wants it.

        Must be called from the running event loop.

        Args:
            event: the event name (``X-HelpScout-Event``).
            body: the JSON-ready body.
            mailbox_id: the record's mailbox, for the webhooks' ``mailboxIds`` filter.

        Returns:
            How many deliveries were started.
        """
        targets = [s for s in self.subscriptions.values() if s.wants(event, mailbox_id)]
        if targets:
            raw = _encode(body)
            self.metrics.webhooks["events"] += 1
            for sub in targets:
                self._start(sub, event, raw)
        return len(targets)

    def send_test(self, webhook_id: int) -> None:
        """Send the ``helpscout.test`` ping to one subscription.

        Args:
            webhook_id: the subscription's id.

        Raises:
            KeyError: no such subscription.
        """
        sub = self.subscriptions[webhook_id]
        self.metrics.webhooks["events"] += 1
        self._start(sub, TEST_EVENT, _encode({"id": sub.id, "url": sub.url}))

    def _start(self, sub: Subscription, event: str, raw: bytes) -> None:
        if len(self._tasks) >= self.policy.max_pending:
            self.metrics.webhooks["dropped"] += 1
            log.warning("fake webhooks: %d deliveries pending, dropped one", len(self._tasks))
            return
        task = asyncio.get_running_loop().create_task(self._deliver(sub, event, raw))
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("fake webhook delivery crashed", exc_info=task.exception())

    async def _deliver(self, sub: Subscription, event: str, raw: bytes) -> None:
        policy = self.policy
        counters = self.metrics.webhooks
        for attempt in range(1, policy.attempts + 1):
            if self.subscriptions.get(sub.id) is not sub or sub.state != "enabled":
                counters["abandoned"] += 1  # deleted or disabled meanwhile
                return
            headers = {  # each try signs with the current secret (a PUT may change it)
                "Content-Type": "application/json; charset=UTF-8",
                "User-Agent": USER_AGENT,
                EVENT_HEADER: event,
                SIGNATURE_HEADER: sign(sub.secret, raw),
            }
            if attempt > 1:
                counters["retries"] += 1
            status, error = await self._post(sub.url, raw, headers)
            counters["attempts"] += 1
            self.log.append(Delivery(sub.id, event, attempt, status, error, self.clock()))
            if status is not None and 200 <= status < 300:
                counters["delivered"] += 1
                self.metrics.webhooks_delivered[event] += 1
                return
            counters["failedAttempts"] += 1
            if status == 410:
                sub.state = "disabled"
                counters["disabled"] += 1
                log.info("fake webhook %d answered 410: disabled", sub.id)
                return
            if attempt < policy.attempts:
                await asyncio.sleep(policy.delay(attempt))
        counters["exhausted"] += 1

    async def _post(
        self, url: str, raw: bytes, headers: dict[str, str]
    ) -> tuple[int | None, str | None]:
        if self._session is None or self._session.closed:
            timeout = aiohttp.ClientTimeout(total=self.policy.timeout)
            connector = aiohttp.TCPConnector(limit=self.policy.concurrency)
            self._session = aiohttp.ClientSession(timeout=timeout, connector=connector)
            self._gate = asyncio.Semaphore(self.policy.concurrency)
        assert self._gate is not None
        async with self._gate:
            try:
                async with self._session.post(
                    url, data=raw, headers=headers, allow_redirects=False
                ) as resp:
                    await resp.read()
                    return resp.status, None
            except TimeoutError:
                return None, "timeout"
            except aiohttp.ClientError as exc:
                return None, type(exc).__name__

    async def drain(self) -> None:
        """Wait until every delivery started so far has finished (retries included)."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def close(self) -> None:
        """Cancel deliveries still pending and close the HTTP session."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        session, self._session = self._session, None
        if session is not None:
            with contextlib.suppress(Exception):
                await session.close()
