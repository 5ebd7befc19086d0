"""Constructor options are checked before anything is created or sent."""

from __future__ import annotations

import math
from typing import Any

import pytest

import helpscout_async as hs

SECRET_PASSWORD = "hunter2-very-secret"


def make(**options: Any) -> hs.HelpScout:
    options.setdefault("access_token", "tok")
    return hs.HelpScout(**options)


@pytest.mark.parametrize(
    ("options", "error", "name"),
    [
        ({"timeout": math.nan}, ValueError, "timeout"),
        ({"timeout": math.inf}, ValueError, "timeout"),
        ({"timeout": -1}, ValueError, "timeout"),
        ({"timeout": 0}, ValueError, "timeout"),
        ({"timeout": "30"}, TypeError, "timeout"),
        ({"timeout": True}, TypeError, "timeout"),
        ({"max_wait": -1}, ValueError, "max_wait"),
        ({"max_wait": math.nan}, ValueError, "max_wait"),
        ({"max_wait": math.inf}, ValueError, "max_wait"),
        ({"max_retries": 2.5}, TypeError, "max_retries"),
        ({"max_retries": True}, TypeError, "max_retries"),
        ({"max_retries": -1}, ValueError, "max_retries"),
        ({"max_connections": 0}, ValueError, "max_connections"),
        ({"max_connections": 1.5}, TypeError, "max_connections"),
        ({"max_connections": False}, TypeError, "max_connections"),
        ({"concurrency": 0}, ValueError, "concurrency"),
        ({"concurrency": 2.0}, TypeError, "concurrency"),
        ({"raise_on_rate_limit": "no"}, TypeError, "raise_on_rate_limit"),
        ({"raise_on_rate_limit": 1}, TypeError, "raise_on_rate_limit"),
        ({"user_agent": "x\r\nX-Evil: 1"}, ValueError, "user_agent"),
        ({"user_agent": ""}, ValueError, "user_agent"),
        ({"session": object()}, TypeError, "session"),
        ({"rate_limit": {"per_minute": 200}}, TypeError, "rate_limit"),
        ({"base_url": "ftp://api.helpscout.net/v2"}, ValueError, "base_url"),
        ({"base_url": "https:///v2"}, ValueError, "base_url"),
        ({"base_url": "https://api.helpscout.net:99999/v2"}, ValueError, "base_url"),
        ({"base_url": "https://api.helpscout.net/v2?x=1"}, ValueError, "base_url"),
        ({"base_url": 42}, TypeError, "base_url"),
        ({"token_url": "https://u:p@api.helpscout.net/v2/oauth2/token"}, ValueError, "token_url"),
        ({"auth": "token"}, TypeError, "auth"),
    ],
)
def test_bad_options_are_refused_by_name(
    options: dict[str, Any], error: type[Exception], name: str
) -> None:
    with pytest.raises(error, match=name):
        make(**options)


def test_good_edge_values_are_accepted() -> None:
    client = make(max_wait=0, max_retries=0, timeout=0.5, max_connections=1, concurrency=1)
    assert client.base_url == "https://api.helpscout.net/v2"
    assert make(base_url="http://127.0.0.1:8080/v2/").base_url == "http://127.0.0.1:8080/v2"


@pytest.mark.parametrize(
    "url",
    [
        f"https://me:{SECRET_PASSWORD}@api.helpscout.net/v2",
        f"https://{SECRET_PASSWORD}@api.helpscout.net/v2",
        f"http://me:{SECRET_PASSWORD}@127.0.0.1:99999/v2",
        f"https://me:{SECRET_PASSWORD}@/v2",
    ],
)
def test_a_base_url_with_a_password_is_refused_without_showing_it(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="base_url") as info:
        make(base_url=url)
    assert SECRET_PASSWORD not in str(info.value)
    assert SECRET_PASSWORD not in repr(info.value)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__ or info.value.__context__ is None
    monkeypatch.setenv("HELPSCOUT_BASE_URL", url)
    with pytest.raises(ValueError, match="base_url") as info:
        make()
    assert SECRET_PASSWORD not in str(info.value)


def test_userinfo_refusal_names_the_fix() -> None:
    with pytest.raises(ValueError, match="user name or password") as info:
        make(base_url=f"https://me:{SECRET_PASSWORD}@api.helpscout.net/v2")
    assert "***@api.helpscout.net" in str(info.value)
    assert "client_id" in str(info.value)


async def test_auth_takes_a_provider_and_refuses_mixed_credentials() -> None:
    provider = hs.StaticToken("tok")
    async with hs.HelpScout(auth=provider) as client:
        assert "StaticToken" in repr(client)
    with pytest.raises(ValueError, match="not both"):
        hs.HelpScout(auth=provider, client_id="id", client_secret="secret")
