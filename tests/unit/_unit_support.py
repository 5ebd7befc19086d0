"""Helpers of the unit tests (fixtures are in conftest.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from aioresponses import aioresponses
from yarl import URL

import helpscout_async as hs

API = "https://api.helpscout.net/v2"
TOKEN_URL = f"{API}/oauth2/token"
SECRET = "tok-SECRET-7f3a9c1e55d04b"
"""The access token the tests hand the client; it must never show in any message."""

FAST = hs.RateLimit(per_minute=100000, window=1.0, writes_per_burst=None)
"""A limiter policy that never makes a test wait."""

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def fixture(name: str, family: str = "mailbox") -> Any:
    """A JSON fixture from tests/fixtures/{family}/{name}.json."""
    return json.loads((FIXTURES / family / f"{name}.json").read_text())


def api(path: str) -> re.Pattern[str]:
    """A pattern matching ``{API}{path}`` with any (or no) query string."""
    return re.compile(re.escape(API + path) + r"(\?.*)?$")


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
