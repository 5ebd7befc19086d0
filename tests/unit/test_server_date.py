"""The server's clock: ``client.rate_limit_status.server_date`` reads the ``Date`` header."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aioresponses import aioresponses

import helpscout_async as hs

API = "https://api.helpscout.net/v2"
FAST = hs.RateLimit(per_minute=100_000, window=1.0, writes_per_burst=None)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Tue, 01 Dec 2026 08:11:05 GMT", datetime(2026, 12, 1, 8, 11, 5, tzinfo=UTC)),
        ("not a date", None),
        (None, None),
    ],
)
async def test_server_date_comes_from_the_date_header(
    mocked: aioresponses, header: str | None, expected: datetime | None
) -> None:
    headers = {"Date": header} if header is not None else {}
    mocked.get(f"{API}/users/me", payload={"id": 1}, headers=headers)
    async with hs.HelpScout(access_token="t", rate_limit=FAST) as client:
        await client.users.me()
        status = client.rate_limit_status
    assert status is not None
    assert status.server_date == expected
