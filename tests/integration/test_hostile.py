"""Issue 10: what a hostile server and a careless caller do to the client, over loopback.

A tiny aiohttp server answers each test with whatever shape it needs (lying page
figures, HTML with 200, a gzip bomb, a malformed status line, answers that never
come); the client talks to it over real HTTP.
"""

from __future__ import annotations

import asyncio
import gzip
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

import helpscout_async as hs

from ._support import FAST

SECRET = "tok-HOSTILE-5c1e0b77d2"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Hostile:
    """A loopback server whose answer is ``handler``; it records each request's path."""

    def __init__(self) -> None:
        self.handler: Handler = _not_set
        self.seen: list[str] = []
        self.base_url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._serve)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}/v2"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        self.seen.append(request.path_qs)
        return await self.handler(request)

    def client(self, **kwargs: Any) -> hs.HelpScout:
        kwargs.setdefault("access_token", SECRET)
        kwargs.setdefault("rate_limit", FAST)
        kwargs.setdefault("max_wait", 2.0)
        return hs.HelpScout(base_url=self.base_url, **kwargs)


async def _not_set(request: web.Request) -> web.StreamResponse:
    return web.Response(status=500)


@pytest_asyncio.fixture
async def server() -> AsyncIterator[Hostile]:
    hostile = Hostile()
    await hostile.start()
    try:
        yield hostile
    finally:
        await hostile.stop()


def tags_page(
    number: int, ids: list[int], *, total_pages: Any, size: int = 3, elements: int = 9
) -> web.Response:
    body: dict[str, Any] = {
        "_embedded": {"tags": [{"id": i, "name": f"t{i}"} for i in ids]},
        "page": {
            "number": number,
            "totalPages": total_pages,
            "totalElements": elements,
            "size": size,
        },
        "_links": {"next": {"href": f"/v2/tags?page={number + 1}"}},
    }
    return web.json_response(body)


def page_of(request: web.Request) -> int:
    return int(request.query.get("page", "1"))


# --- item 2: a lying totalPages ---------------------------------------------------


async def test_a_huge_total_pages_stops_at_the_first_empty_page(server: Hostile) -> None:
    async def handler(request: web.Request) -> web.Response:
        number = page_of(request)
        ids = [number * 10 + k for k in range(3)] if number <= 2 else []
        return tags_page(number, ids, total_pages=1_000_000)

    server.handler = handler
    async with server.client(concurrency=4) as client:
        found = await client.tags.list().collect()
    assert [t.id for t in found] == [10, 11, 12, 20, 21, 22]
    # Page 3 is the first empty one: at most the window past page 2 was ever asked for.
    assert len(server.seen) <= 2 + 4


async def test_a_total_pages_too_small_does_not_truncate(server: Hostile) -> None:
    async def handler(request: web.Request) -> web.Response:
        number = page_of(request)
        ids = [number * 10 + k for k in range(3)] if number <= 3 else [number * 10]
        return tags_page(number, ids, total_pages=1, elements=10)

    server.handler = handler
    async with server.client(concurrency=2) as client:
        found = await client.tags.list().collect()
    # Pages 1-3 are full, link onward and hold fewer than totalElements; page 4 is
    # short, so it is the last.
    assert [t.id for t in found] == [10, 11, 12, 20, 21, 22, 30, 31, 32, 40]


# --- item 17: duplicates -------------------------------------------------------------


async def test_duplicate_ids_anywhere_in_a_walk_are_yielded_once(server: Hostile) -> None:
    pages = {1: [1, 2, 1], 2: [3, 4, 5], 3: [2, 6, 4]}

    async def handler(request: web.Request) -> web.Response:
        number = page_of(request)
        return tags_page(number, pages.get(number, []), total_pages=3)

    server.handler = handler
    async with server.client(concurrency=1) as client:
        found = await client.tags.list().collect()
        again = await client.tags.list().collect()
    assert [t.id for t in found] == [1, 2, 3, 4, 5, 6]
    assert [t.id for t in again] == [1, 2, 3, 4, 5, 6]  # once per walk, not once ever


# --- item 8: bad answers become typed errors ------------------------------------------


async def test_html_with_200_is_a_bad_response(server: Hostile) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text="<html>Sign in to the Wi-Fi</html>", content_type="text/html")

    server.handler = handler
    async with server.client() as client:
        with pytest.raises(hs.BadResponse, match=r"not JSON.*text/html"):
            await client.users.me()


async def test_deeply_nested_json_is_a_bad_response_not_retried(server: Hostile) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=b"[" * 100_000 + b"]" * 100_000, content_type="application/json")

    server.handler = handler
    async with server.client() as client:
        with pytest.raises(hs.BadResponse, match="nested too deeply"):
            await client.request("GET", "/v2/users/me")
    assert len(server.seen) == 1


@pytest.mark.parametrize("bad", [None, "abc", -3, [1]])
async def test_a_malformed_page_figure_is_a_bad_response_naming_it(
    server: Hostile, bad: Any
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return tags_page(1, [1, 2], total_pages=bad)

    server.handler = handler
    async with server.client() as client:
        with pytest.raises(hs.BadResponse, match="'totalPages'"):
            await client.tags.list().collect()


async def test_a_redirect_with_user_info_is_refused_and_not_quoted(server: Hostile) -> None:
    async def handler(request: web.Request) -> web.Response:
        where = server.base_url.replace("://", "://admin:hunter2@") + "/users/me?x=1"
        return web.Response(status=302, headers={"Location": where})

    server.handler = handler
    async with server.client() as client:
        with pytest.raises(hs.BadResponse, match="user name or password") as caught:
            await client.users.me()
    assert "hunter2" not in str(caught.value)
    assert len(server.seen) == 1


# --- item 7: a cap on what one answer may cost ------------------------------------------


async def test_a_body_over_the_cap_is_response_too_large(server: Hostile) -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/json"})
        await resp.prepare(request)
        for _ in range(64):  # 4 MiB without a Content-Length, against a 1 MiB cap
            await resp.write(b" " * 65536)
        return resp

    server.handler = handler
    async with server.client(max_response_bytes=1 << 20) as client:
        with pytest.raises(hs.ResponseTooLarge) as caught:
            await client.request("GET", "/v2/users/me")
    assert caught.value.limit == 1 << 20
    assert len(server.seen) == 1  # not retried: it would only cost as much again


async def test_a_gzip_bomb_stops_at_the_decoded_cap(server: Hostile) -> None:
    bomb = gzip.compress(b"[" + b" " * (200 << 20) + b"]", compresslevel=9)
    assert len(bomb) < 1 << 20  # a few hundred KB on the wire, 200 MB decoded

    async def handler(request: web.Request) -> web.Response:
        headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        return web.Response(body=bomb, headers=headers)

    server.handler = handler
    async with server.client(max_response_bytes=4 << 20) as client:
        with pytest.raises(hs.ResponseTooLarge, match="4194304-byte cap"):
            await client.request("GET", "/v2/users/me")


def test_the_default_cap_is_64_mib_and_checked() -> None:
    client = hs.HelpScout(access_token=SECRET)
    assert client._transport.max_response_bytes == 64 * 1024 * 1024
    with pytest.raises(ValueError, match="max_response_bytes"):
        hs.HelpScout(access_token=SECRET, max_response_bytes=0)
    with pytest.raises(TypeError, match="max_response_bytes"):
        hs.HelpScout(access_token=SECRET, max_response_bytes=True)


# --- item 5: no token anywhere in an exception's chain ------------------------------------


def _everything_said(exc: BaseException) -> str:
    parts: list[str] = ["".join(traceback.format_exception(exc))]
    link: BaseException | None = exc
    while link is not None:
        parts += [str(link), repr(link)]
        info = getattr(link, "request_info", None)
        parts.append(repr(info))
        link = link.__cause__ or link.__context__
    return "\n".join(parts)


async def test_a_malformed_response_leaves_no_token_in_the_chain() -> None:
    async def malformed(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 2OO NOT-A-STATUS\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(malformed, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = hs.HelpScout(
            access_token=SECRET,
            base_url=f"http://127.0.0.1:{port}/v2",
            rate_limit=FAST,
            max_retries=1,
            max_wait=0.5,
        )
        async with client:
            with pytest.raises(hs.TransportError) as caught:
                await client.users.me()
    finally:
        server.close()
        await server.wait_closed()
    assert caught.value.__cause__ is not None  # the aiohttp error is still named
    assert SECRET not in _everything_said(caught.value)


# --- item 13: a borrowed session that raises for status -----------------------------------


async def test_a_borrowed_raise_for_status_session_still_gets_typed_errors(
    server: Hostile,
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"message": "no such user"}, status=404)

    server.handler = handler
    async with aiohttp.ClientSession(raise_for_status=True) as session:
        async with server.client(session=session) as client:
            with pytest.raises(hs.NotFound):
                await client.users.get(5)
        assert not session.closed
    assert len(server.seen) == 1  # a 404 is an answer, never retried


# --- item 16: DELETE 503 then 404 -------------------------------------------------------


async def test_a_delete_refused_with_503_then_404_is_not_done(server: Hostile) -> None:
    answers = iter([503, 404])

    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"message": "x"}, status=next(answers))

    server.handler = handler
    async with server.client(max_wait=5.0) as client:
        with pytest.raises(hs.NotFound):
            await client.request("DELETE", "/v2/conversations/7")
    assert len(server.seen) == 2


# --- item 6: aclose() --------------------------------------------------------------


async def test_aclose_with_requests_in_flight_sends_nothing_again(server: Hostile) -> None:
    arrived = asyncio.Event()
    release = asyncio.Event()

    async def handler(request: web.Request) -> web.Response:
        if len(server.seen) >= 5:
            arrived.set()
        await release.wait()
        return web.json_response({"id": 1})

    server.handler = handler
    client = server.client(max_wait=5.0)
    calls = [asyncio.ensure_future(client.users.get(1)) for _ in range(5)]
    await asyncio.wait_for(arrived.wait(), 10)
    await client.aclose()
    results = await asyncio.gather(*calls, return_exceptions=True)
    release.set()
    assert all(isinstance(r, hs.ClientClosed) for r in results), results
    assert len(server.seen) == 5  # nothing re-sent on a new session
    assert client._transport._session is not None
    assert client._transport._session.closed


async def test_use_after_close_raises_and_reopens_nothing(server: Hostile) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"id": 1})

    server.handler = handler
    client = server.client()
    assert (await client.users.get(1)).id == 1
    await client.aclose()
    session = client._transport._session
    with pytest.raises(hs.ClientClosed, match="closed"):
        await client.users.get(1)
    with pytest.raises(hs.ClientClosed):
        await client.tags.list().collect()
    assert client._transport._session is session
    assert session is not None
    assert session.closed
    assert len(server.seen) == 1
    await client.aclose()  # twice is harmless


async def test_breaking_out_of_a_stream_without_async_with_leaks_nothing(
    server: Hostile,
) -> None:
    async def handler(request: web.Request) -> web.Response:
        number = page_of(request)
        await asyncio.sleep(0.05 if number > 1 else 0)
        return tags_page(number, [number * 10, number * 10 + 1, number * 10 + 2], total_pages=9)

    server.handler = handler
    client = server.client(concurrency=4)
    async for tag in client.tags.list():
        assert tag.id == 10
        break
    await client.aclose()
    # The fixture checks no task or socket is left; the pages in flight were refused.
    await asyncio.sleep(0.1)


# --- item 12: one client, one loop ----------------------------------------------------


def test_a_client_used_under_a_second_event_loop_says_so() -> None:
    async def first(client_box: list[hs.HelpScout]) -> None:
        hostile = Hostile()
        await hostile.start()
        hostile.handler = _ok
        client = hostile.client()
        client_box.append(client)
        assert (await client.users.get(1)).id == 1
        session = client._transport._session
        assert session is not None
        await session.close()  # the session goes with its loop; the client is not closed
        await hostile.stop()

    async def second(client: hs.HelpScout) -> None:
        with pytest.raises(hs.ClientClosed, match="event loop it was first used in"):
            await client.users.get(1)

    box: list[hs.HelpScout] = []
    asyncio.run(first(box))
    asyncio.run(second(box[0]))


async def _ok(request: web.Request) -> web.Response:
    return web.json_response({"id": 1})
