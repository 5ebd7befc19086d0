"""The aiohttp.web receiver over real HTTP on loopback."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

import helpscout_async as hs

from ._support import SECRET, b64_sha1, fixture_bytes

Serve = Callable[[web.Application], Awaitable[str]]
PATH = "/hooks/helpscout"


class Recorder:
    """A handler that records events; can be told to block or to raise."""

    def __init__(self) -> None:
        self.events: list[hs.webhooks.WebhookEvent] = []
        self.gate: asyncio.Event | None = None
        self.running = 0
        self.max_running = 0
        self.fail_on: set[str] = set()

    async def __call__(self, event: hs.webhooks.WebhookEvent) -> None:
        self.running += 1
        self.max_running = max(self.max_running, self.running)
        try:
            if self.gate is not None:
                await self.gate.wait()
            if str(event.type) in self.fail_on:
                raise RuntimeError(f"handler broke on {event.type}")
            self.events.append(event)
        finally:
            self.running -= 1


@pytest_asyncio.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def start(serve: Serve, rx: hs.webhooks.Receiver) -> str:
    app = web.Application()
    rx.setup(app, PATH)
    return await serve(app) + PATH


async def post(
    http: aiohttp.ClientSession,
    url: str,
    body: bytes,
    *,
    event: str = "convo.created",
    secret: str = SECRET,
    signature: str | None = None,
) -> int:
    headers = {"Content-Type": "application/json", "X-HelpScout-Event": event}
    sig = b64_sha1(secret, body) if signature is None else signature
    if sig:
        headers["X-HelpScout-Signature"] = sig
    async with http.post(url, data=body, headers=headers) as resp:
        await resp.read()
        return resp.status


CONV = fixture_bytes("conversation_get", "mailbox")


async def test_valid_delivery_is_handled_as_a_typed_event(
    serve: Serve, http: aiohttp.ClientSession
) -> None:
    handler = Recorder()
    rx = hs.webhooks.receiver(SECRET, handler)
    url = await start(serve, rx)
    assert await post(http, url, CONV) == 200
    await rx.drain()
    [event] = handler.events
    assert isinstance(event, hs.webhooks.ConversationEvent)
    assert event.conversation.id == json.loads(CONV)["id"]
    assert rx.stats.accepted == rx.stats.handled == 1


@pytest.mark.parametrize("signature", ["", "bm90LXRoZS1zaWduYXR1cmU=", "wrong"])
async def test_bad_signature_is_401_and_never_reaches_the_handler(
    serve: Serve, http: aiohttp.ClientSession, signature: str
) -> None:
    handler = Recorder()
    rx = hs.webhooks.receiver(SECRET, handler)
    url = await start(serve, rx)
    assert await post(http, url, CONV, signature=signature) == 401
    assert await post(http, url, CONV, secret="not-the-secret") == 401
    await rx.drain()
    assert handler.events == []
    assert rx.stats.rejected == 2
    assert rx.stats.accepted == 0
    assert rx.pending == 0


async def test_redelivery_is_handled_once(serve: Serve, http: aiohttp.ClientSession) -> None:
    handler = Recorder()
    rx = hs.webhooks.receiver(SECRET, handler)
    url = await start(serve, rx)
    assert await post(http, url, CONV) == 200
    # Help Scout did not see our 200 and retries: same event, same bytes (also concurrently)
    statuses = await asyncio.gather(*(post(http, url, CONV) for _ in range(3)))
    assert statuses == [200, 200, 200]
    # the same body under another event name is another event
    assert await post(http, url, CONV, event="convo.status") == 200
    await rx.drain()
    assert [str(e.type) for e in handler.events] == ["convo.created", "convo.status"]
    assert rx.stats.duplicates == 3


async def test_slow_handler_does_not_delay_the_200(
    serve: Serve, http: aiohttp.ClientSession
) -> None:
    handler = Recorder()
    handler.gate = asyncio.Event()
    rx = hs.webhooks.receiver(SECRET, handler)
    url = await start(serve, rx)
    assert await post(http, url, CONV) == 200
    # answered while the handler is still running: it has not finished, nor been told to
    await asyncio.sleep(0)
    assert handler.running == 1
    assert handler.events == []
    assert rx.pending == 1
    handler.gate.set()
    await rx.drain()
    assert len(handler.events) == 1
    assert rx.pending == 0


async def test_handler_that_raises_is_logged_counted_and_dead_lettered(
    serve: Serve, http: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    handler = Recorder()
    handler.fail_on = {"convo.created"}
    failures: list[hs.webhooks.Failure] = []
    rx = hs.webhooks.receiver(SECRET, handler, dead_letter=failures.append)
    url = await start(serve, rx)
    with caplog.at_level(logging.ERROR, logger="helpscout_async.webhooks"):
        assert await post(http, url, CONV) == 200
        await rx.drain()
    # the worker survived: the next event is handled
    assert await post(http, url, b'{"id": 5}', event="convo.deleted") == 200
    await rx.drain()
    assert rx.stats.failed == 1
    assert rx.stats.handled == 1
    [failure] = failures
    assert isinstance(failure.error, RuntimeError)
    assert isinstance(failure.event, hs.webhooks.ConversationEvent)
    assert failure.raw_body == CONV
    assert failure.event_type == "convo.created"
    assert any("handler failed on convo.created" in r.getMessage() for r in caplog.records)
    assert SECRET not in caplog.text
    assert SECRET not in repr(rx)


async def test_a_failing_dead_letter_callback_is_contained(
    serve: Serve, http: aiohttp.ClientSession
) -> None:
    handler = Recorder()
    handler.fail_on = {"convo.created"}

    async def broken(failure: hs.webhooks.Failure) -> None:
        raise OSError("disk full")

    rx = hs.webhooks.receiver(SECRET, handler, dead_letter=broken)
    url = await start(serve, rx)
    assert await post(http, url, CONV) == 200
    await rx.drain()
    assert rx.stats.failed == 1
    assert rx.stats.dead_letter_failed == 1


async def test_signed_but_malformed_body_is_accepted_and_dead_lettered(
    serve: Serve, http: aiohttp.ClientSession
) -> None:
    handler = Recorder()
    failures: list[hs.webhooks.Failure] = []
    rx = hs.webhooks.receiver(SECRET, handler, dead_letter=failures.append)
    url = await start(serve, rx)
    # a 4xx/5xx here would only make Help Scout retry a body that can never parse
    assert await post(http, url, b"{oops", event="customer.created") == 200
    await rx.drain()
    assert handler.events == []
    assert rx.stats.malformed == 1
    assert failures[0].event is None
    assert isinstance(failures[0].error, hs.webhooks.WebhookPayloadError)


async def test_body_over_the_cap_is_413(serve: Serve, http: aiohttp.ClientSession) -> None:
    handler = Recorder()
    rx = hs.webhooks.receiver(SECRET, handler, max_body=1000)
    url = await start(serve, rx)
    big = b'{"id": 1, "pad": "' + b"x" * 2000 + b'"}'
    assert await post(http, url, big, event="convo.deleted") == 413

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: chunked upload
        for i in range(0, len(big), 100):
            yield big[i : i + 100]

    headers = {"X-HelpScout-Event": "convo.deleted", "X-HelpScout-Signature": b64_sha1(SECRET, big)}
    async with http.post(url, data=chunks(), headers=headers) as resp:
        assert resp.status == 413
    await rx.drain()
    assert handler.events == []
    assert rx.stats.too_large == 2


async def test_full_queue_answers_503_and_the_retry_is_accepted(
    serve: Serve, http: aiohttp.ClientSession
) -> None:
    handler = Recorder()
    handler.gate = asyncio.Event()
    rx = hs.webhooks.receiver(SECRET, handler, concurrency=1, queue_size=1)
    url = await start(serve, rx)
    bodies = [json.dumps({"id": i}).encode() for i in range(4)]
    assert await post(http, url, bodies[0], event="convo.deleted") == 200
    await asyncio.sleep(0)  # the worker takes it
    assert await post(http, url, bodies[1], event="convo.deleted") == 200  # queued
    assert await post(http, url, bodies[2], event="convo.deleted") == 503  # full
    handler.gate.set()
    await rx.drain()
    # Help Scout's retry of the refused delivery is not mistaken for a duplicate
    assert await post(http, url, bodies[2], event="convo.deleted") == 200
    await rx.drain()
    ids = sorted(e.conversation_id for e in handler.events)  # type: ignore[attr-defined]
    assert ids == [0, 1, 2]
    assert rx.stats.busy == 1


async def test_concurrency_is_bounded(serve: Serve, http: aiohttp.ClientSession) -> None:
    handler = Recorder()
    handler.gate = asyncio.Event()
    rx = hs.webhooks.receiver(SECRET, handler, concurrency=2)
    url = await start(serve, rx)
    for i in range(6):
        assert await post(http, url, json.dumps({"id": i}).encode(), event="tag.deleted") == 200
    await asyncio.sleep(0)
    assert handler.running == 2
    assert rx.pending == 6
    handler.gate.set()
    await rx.drain()
    assert handler.max_running == 2
    assert len(handler.events) == 6


async def test_handler_timeout_counts_as_failure(serve: Serve, http: aiohttp.ClientSession) -> None:
    handler = Recorder()
    handler.gate = asyncio.Event()  # never set
    failures: list[hs.webhooks.Failure] = []
    rx = hs.webhooks.receiver(SECRET, handler, handler_timeout=0.05, dead_letter=failures.append)
    url = await start(serve, rx)
    assert await post(http, url, CONV) == 200
    await rx.drain()
    assert rx.stats.failed == 1
    assert isinstance(failures[0].error, TimeoutError)


async def test_rotation_accepts_old_and_new_then_only_new(
    serve: Serve, http: aiohttp.ClientSession
) -> None:
    handler = Recorder()
    rx = hs.webhooks.receiver(["old-secret", "new-secret"], handler)
    url = await start(serve, rx)
    assert await post(http, url, b'{"id": 1}', event="convo.deleted", secret="old-secret") == 200
    assert await post(http, url, b'{"id": 2}', event="convo.deleted", secret="new-secret") == 200
    rx.set_secrets("new-secret")
    assert await post(http, url, b'{"id": 3}', event="convo.deleted", secret="old-secret") == 401
    await rx.drain()
    assert len(handler.events) == 2


async def test_dedupe_window_follows_the_injected_clock(
    serve: Serve, http: aiohttp.ClientSession
) -> None:
    now = [1000.0]
    handler = Recorder()
    rx = hs.webhooks.receiver(SECRET, handler, dedupe_ttl=60.0, clock=lambda: now[0])
    url = await start(serve, rx)
    assert await post(http, url, CONV) == 200
    now[0] += 59.0
    assert await post(http, url, CONV) == 200  # still a duplicate
    now[0] += 2.0
    assert await post(http, url, CONV) == 200  # the window passed: a new delivery
    await rx.drain()
    assert len(handler.events) == 2
    assert rx.stats.duplicates == 1


async def test_sync_handler_and_missing_event_header(
    serve: Serve, http: aiohttp.ClientSession
) -> None:
    seen: list[Any] = []
    rx = hs.webhooks.receiver(SECRET, seen.append)
    url = await start(serve, rx)
    assert await post(http, url, CONV, event="") == 400
    assert await post(http, url, CONV) == 200
    await rx.drain()
    assert len(seen) == 1
    assert rx.stats.bad_request == 1


async def test_app_cleanup_stops_the_workers(serve: Serve, http: aiohttp.ClientSession) -> None:
    app = web.Application()
    rx = hs.webhooks.receiver(SECRET, Recorder())
    rx.setup(app, PATH)
    base = await serve(app)
    assert await post(http, base + PATH, CONV) == 200
    assert any(t.get_name().startswith("helpscout-webhook-") for t in asyncio.all_tasks())
    await app.cleanup()
    assert not any(
        t.get_name().startswith("helpscout-webhook-") and not t.done() for t in asyncio.all_tasks()
    )


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"concurrency": 0}, ValueError),
        ({"max_body": -1}, ValueError),
        ({"queue_size": True}, ValueError),
        ({"dedupe_ttl": 0}, ValueError),
        ({"handler_timeout": 0}, ValueError),
        ({"dead_letter": "log"}, TypeError),
    ],
)
def test_bad_options(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        hs.webhooks.receiver(SECRET, Recorder(), **kwargs)


def test_bad_secret_or_handler() -> None:
    with pytest.raises(ValueError, match="secret"):
        hs.webhooks.receiver("", Recorder())
    with pytest.raises(TypeError, match="handler"):
        hs.webhooks.receiver(SECRET, "not callable")  # type: ignore[arg-type]


async def test_a_cancelled_worker_is_replaced(serve: Serve, http: aiohttp.ClientSession) -> None:
    handler = Recorder()
    rx = hs.webhooks.receiver(SECRET, handler, concurrency=1)
    url = await start(serve, rx)
    assert await post(http, url, b'{"id": 1}', event="convo.deleted") == 200
    await rx.drain()
    for task in asyncio.all_tasks():
        if task.get_name().startswith("helpscout-webhook-"):
            task.cancel()
    await asyncio.sleep(0)
    assert await post(http, url, b'{"id": 2}', event="convo.deleted") == 200
    await rx.drain()
    assert len(handler.events) == 2
