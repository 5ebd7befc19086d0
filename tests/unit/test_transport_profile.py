"""The transport takes its family's facts from the profile: credentials, headers, URLs."""

from __future__ import annotations

import base64

from _unit_support import FAST, calls
from aioresponses import aioresponses

from helpscout_async import _api
from helpscout_async._transport import Transport
from helpscout_async._wire import Urls
from helpscout_async.auth import StaticToken
from helpscout_async.ratelimit import AccountLimiter

DOCS = "https://docsapi.helpscout.net/v1"


def docs_transport() -> Transport:
    return Transport(
        base_url=DOCS,
        token_url=None,
        auth=StaticToken("docs-KEY"),
        limiter=AccountLimiter(FAST),
        policy=FAST,
        session=None,
        timeout=5.0,
        max_retries=1,
        max_wait=1.0,
        raise_on_rate_limit=False,
        max_connections=4,
        user_agent="t",
        profile=_api.PROFILES["docs"],
    )


async def test_docs_profile_sends_basic_auth_and_reads_its_headers(mocked: aioresponses) -> None:
    headers = {"X-RateLimit-Limit": "2000", "X-RateLimit-Remaining": "1999"}
    mocked.get(f"{DOCS}/sites", payload={"sites": {"items": []}}, headers=headers)
    transport = docs_transport()
    try:
        response = await transport.request("GET", "/v1/sites")
    finally:
        await transport.close()
    assert response.json() == {"sites": {"items": []}}
    (sent,) = calls(mocked, "GET", f"{DOCS}/sites")
    expected = "Basic " + base64.b64encode(b"docs-KEY:X").decode()
    assert sent.kwargs["headers"]["Authorization"] == expected
    assert transport.status is not None
    assert (transport.status.limit, transport.status.remaining) == (2000, 1999)


def test_urls_keep_versioned_rows_at_the_root() -> None:
    urls = Urls.of("http://127.0.0.1:9/v2/", None, _api.PROFILES["mailbox"])
    assert urls.token_url == "http://127.0.0.1:9/v2/oauth2/token"
    assert urls.url_for("/v3/customers") == "http://127.0.0.1:9/v3/customers"
    assert urls.url_for("/tags") == "http://127.0.0.1:9/v2/tags"
    proxy = Urls.of("https://proxy.example.com/hs", None, _api.PROFILES["mailbox"])
    assert proxy.url_for("/v2/tags") == "https://proxy.example.com/hs/v2/tags"
