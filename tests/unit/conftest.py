"""Fixtures of the unit tests: aioresponses, fast backoff, a loopback server, clean env."""

from __future__ import annotations

import types
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import aiohttp
import aioresponses.core as aioresponses_core
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from aioresponses import aioresponses
from yarl import URL

from helpscout_async import _retry

_ENV = (
    "HELPSCOUT_CLIENT_ID",
    "HELPSCOUT_CLIENT_SECRET",
    "HELPSCOUT_ACCESS_TOKEN",
    "HELPSCOUT_REFRESH_TOKEN",
    "HELPSCOUT_BASE_URL",
)


class _CompatResponse(aiohttp.ClientResponse):
    """aioresponses 0.7.9 builds responses without aiohttp 3.14's ``stream_writer``."""

    def __init__(self, method: str, url: URL, **kwargs: Any) -> None:
        kwargs.setdefault("stream_writer", types.SimpleNamespace(output_size=0))
        super().__init__(method, url, **kwargs)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's real Help Scout credentials."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def mocked(monkeypatch: pytest.MonkeyPatch) -> Iterator[aioresponses]:
    """aioresponses; with nothing registered, any request would be recorded in ``requests``."""
    monkeypatch.setattr(aioresponses_core, "ClientResponse", _CompatResponse)
    with aioresponses() as m:
        yield m


@pytest.fixture
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Backoff of 1 ms; returns the list of attempt numbers it was asked for."""
    asked: list[int] = []

    def backoff(attempt: int, **_: Any) -> float:
        asked.append(attempt)
        return 0.001

    monkeypatch.setattr(_retry, "backoff", backoff)
    return asked


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[web.Application], Awaitable[str]]]:
    """Start an aiohttp.web app on 127.0.0.1, a free port; returns its ``/v2`` base URL."""
    servers: list[TestServer] = []

    async def start(app: web.Application) -> str:
        server = TestServer(app, host="127.0.0.1", port=0)
        await server.start_server()
        servers.append(server)
        return str(server.make_url("/v2"))

    yield start
    for server in servers:
        await server.close()
