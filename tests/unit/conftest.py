"""Shared helpers of the unit tests: aioresponses, a fast client, fixtures, a loopback server."""

from __future__ import annotations

import json
import re
import types
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import aioresponses.core
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from aioresponses import aioresponses
from yarl import URL

import helpscout_async as hs
from helpscout_async import _retry

API = "https://api.helpscout.net/v2"
TOKEN_URL = f"{API}/oauth2/token"
SECRET = "tok-SECRET-7f3a9c1e55d04b"
"""The access token the tests hand the client; it must never show in any message."""

FAST = hs.RateLimit(per_minute=100000, window=1.0, writes_per_burst=None)
"""A limiter policy that never makes a test wait."""

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

_ENV = (
    "HELPSCOUT_CLIENT_ID",
    "HELPSCOUT_CLIENT_SECRET",
    "HELPSCOUT_ACCESS_TOKEN",
    "HELPSCOUT_REFRESH_TOKEN",
    "HELPSCOUT_BASE_URL",
)


def fixture(name: str, family: str = "mailbox") -> Any:
    """A JSON fixture from tests/fixtures/{family}/{name}.json."""
    return json.loads((FIXTURES / family / f"{name}.json").read_text())


def api(path: str) -> re.Pattern[str]:
    """A pattern matching ``{API}{path}`` with any (or no) query string."""
    return re.compile(re.escape(API + path) + r"(\?.*)?$")


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
    monkeypatch.setattr(aioresponses.core, "ClientResponse", _CompatResponse)
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


def make_client(**kwargs: Any) -> hs.HelpScout:
    """A client with a static secret token, a limiter that never waits and short retries."""
    if not {"client_id", "refresh_token", "authorization_code"} & kwargs.keys():
        kwargs.setdefault("access_token", SECRET)
    kwargs.setdefault("rate_limit", FAST)
    kwargs.setdefault("max_wait", 5.0)
    return hs.HelpScout(**kwargs)


def calls(m: aioresponses, method: str, url: str) -> list[Any]:
    """The recorded calls of ``method`` to exactly ``url`` (query included)."""
    return list(m.requests.get((method.upper(), URL(url)), []))


def all_calls(m: aioresponses, method: str | None = None) -> list[tuple[str, URL, Any]]:
    """Every recorded call as ``(method, url, call)``."""
    return [
        (meth, url, call)
        for (meth, url), recorded in m.requests.items()
        for call in recorded
        if method is None or meth == method.upper()
    ]


def body_of(call: Any) -> Any:
    """The JSON body a recorded call sent."""
    data = call.kwargs["data"]
    return None if data is None else json.loads(data)


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
