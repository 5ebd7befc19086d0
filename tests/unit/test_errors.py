"""Error bodies become typed exceptions whose messages help, and never leak a credential."""

from __future__ import annotations

import json
import logging
from typing import Any

import aiohttp
import pytest
from _unit_support import API, SECRET, TOKEN_URL, api, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs
from helpscout_async.errors import error_for_status, parse_error_body, resource_id_from_location

VALIDATION = fixture("error_validation")


@pytest.mark.parametrize(
    ("name", "family", "status", "cls", "message", "log_ref", "errors"),
    [
        (
            "error_validation",
            "mailbox",
            400,
            hs.ValidationError,
            "Bad request",
            "64bb72b4-0a92-11e8-ba89-0ed5f89f718b",
            [
                hs.FieldError(path="subject", message="may not be empty", source="JSON"),
                hs.FieldError(
                    path="status",
                    message="Expected one of these: 'active', 'spam', 'open', 'closed', 'pending'",
                    rejected_value="Wrong",
                    source="JSON",
                ),
            ],
        ),
        (
            "error_validation_sdk",
            "mailbox",
            400,
            hs.ValidationError,
            "Validation error",
            "cb73aad3-9a81-44fd-bf70-48250ea256ff#12",
            [hs.FieldError(path="country", message="may not be empty")],
        ),
        (
            "error_internal_sdk",
            "mailbox",
            500,
            hs.ServerError,
            "Internal error",
            "cb73aad3-9a81-44fd-bf70-48250ea256ff#12",
            [],
        ),
        (
            "error_rate_limit_sdk",
            "mailbox",
            429,
            hs.RateLimited,
            "API rate limit exceeded",
            None,
            [],
        ),
        (
            "error_transition_400",
            "mailbox",
            400,
            hs.BadRequest,
            "6ba12b27cd0d40fdd1d5c0dd9631b74b6b85 is not a valid API Key",
            None,
            [],
        ),
        (
            "error_envelope_403",
            "legacy_v1",
            403,
            hs.Forbidden,
            "The specified resource was not found: '/v1/fake'",
            None,
            [],
        ),
    ],
)
@pytest.mark.parametrize("content_type", ["application/vnd.error+json", "application/json"])
async def test_error_fixtures_through_the_client(
    mocked: aioresponses,
    name: str,
    family: str,
    status: int,
    cls: type[hs.APIError],
    message: str,
    log_ref: str | None,
    errors: list[hs.FieldError],
    content_type: str,
) -> None:
    body = json.dumps(fixture(name, family)).encode()
    mocked.get(api("/conversations/5"), status=status, body=body, content_type=content_type)
    async with make_client(max_retries=0, raise_on_rate_limit=True) as client:
        with pytest.raises(hs.APIError) as caught:
            await client.conversations.get(5)
    err = caught.value
    assert type(err) is cls
    assert err.status == status
    assert err.message == message
    assert err.log_ref == log_ref
    assert list(err.errors) == errors
    assert err.method == "GET"
    assert err.path == "/v2/conversations/5"
    text = str(err)
    assert text.startswith(f"GET /v2/conversations/5 -> {status}: {message}")
    if log_ref:
        assert f"logRef {log_ref}" in text
    for field in errors:
        assert f"{field.path}: {field.message}" in text
    assert SECRET not in text
    assert SECRET not in repr(err)


def test_validation_error_is_a_bad_request() -> None:
    err = error_for_status(400, json.dumps(VALIDATION).encode(), method="POST", path="/v2/x")
    assert isinstance(err, hs.ValidationError)
    assert isinstance(err, hs.BadRequest)
    assert isinstance(err, hs.APIError)
    assert isinstance(err, hs.HelpScoutError)


def test_str_names_everything() -> None:
    err = error_for_status(
        400, json.dumps(VALIDATION).encode(), method="POST", path="/v2/conversations"
    )
    text = str(err)
    assert "POST /v2/conversations -> 400: Bad request" in text
    assert "(logRef 64bb72b4-0a92-11e8-ba89-0ed5f89f718b)" in text
    assert "subject: may not be empty" in text
    assert "status: Expected one of these" in text
    assert "(rejected 'Wrong')" in text


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, hs.BadRequest),
        (401, hs.Unauthorized),
        (403, hs.Forbidden),
        (404, hs.NotFound),
        (409, hs.Conflict),
        (412, hs.APIError),
        (413, hs.APIError),
        (415, hs.APIError),
        (422, hs.ValidationError),
        (423, hs.APIError),
        (429, hs.RateLimited),
        (500, hs.ServerError),
        (502, hs.ServerError),
        (503, hs.ServerError),
        (301, hs.Moved),
    ],
)
def test_class_per_status(status: int, cls: type[hs.APIError]) -> None:
    err = error_for_status(status, b'{"message": "m"}', method="GET", path="/v2/x")
    assert type(err) is cls
    assert err.status == status


@pytest.mark.parametrize(
    ("body", "reason", "message"),
    [
        (b"", "Service Unavailable", "Service Unavailable"),
        (b"   ", "Bad Gateway", "Bad Gateway"),
        (b"", "", "no error message in the response"),
        (
            b"<html><body>\n<h1>502   Bad Gateway</h1>\n</body></html>",
            "Bad Gateway",
            "<html><body> <h1>502 Bad Gateway</h1> </body></html>",
        ),
        (b"upstream timed out", "", "upstream timed out"),
        (b"[1, 2]", "Bad Request", "[1, 2]"),
        (b"{}", "Conflict", "Conflict"),
        (b'{"error": "invalid_grant"}', "", "invalid_grant"),
        (
            b'{"error": "invalid_client", "error_description": "Bad client credentials"}',
            "",
            "Bad client credentials",
        ),
        (b"\xff\xfe garbage", "", "\ufffd\ufffd garbage"),
    ],
)
def test_unreadable_bodies_give_a_useful_message(body: bytes, reason: str, message: str) -> None:
    got, log_ref, errors = parse_error_body(body, reason)
    assert got == message
    assert log_ref is None
    assert errors == ()


def test_long_non_json_body_is_cut() -> None:
    got, _, _ = parse_error_body(b"x" * 5000, "Bad Gateway")
    assert got == "x" * 200


def test_v1_validation_errors_mapping() -> None:
    body = {
        "code": 400,
        "error": "Input could not be validated",
        "validationErrors": {"email": "not a valid email"},
    }
    message, _, errors = parse_error_body(json.dumps(body).encode())
    assert message == "Input could not be validated"
    assert errors == (hs.FieldError(path="email", message="not a valid email"),)


def test_field_error_str() -> None:
    assert str(hs.FieldError(path=None, message="bad")) == "(body): bad"
    assert str(hs.FieldError(path="a", message="bad", rejected_value=3)) == "a: bad (rejected 3)"


async def test_empty_5xx_body_through_the_client(mocked: aioresponses) -> None:
    mocked.get(api("/users/me"), status=503, body=b"", content_type="text/plain")
    async with make_client(max_retries=0) as client:
        with pytest.raises(hs.ServerError) as caught:
            await client.users.me()
    assert caught.value.message == "Service Unavailable"
    assert str(caught.value) == "GET /v2/users/me -> 503: Service Unavailable"


async def test_html_error_body_through_the_client(mocked: aioresponses) -> None:
    mocked.get(
        api("/users/me"),
        status=404,
        body="<html><h1>Not here</h1></html>",
        content_type="text/html",
    )
    async with make_client() as client:
        with pytest.raises(hs.NotFound, match=r"GET /v2/users/me -> 404: <html><h1>Not here"):
            await client.users.me()


def test_rate_limited_and_moved_describe_their_extras() -> None:
    limited = error_for_status(
        429, b'{"message": "API rate limit exceeded"}', method="GET", path="/v2/x", retry_after=2.5
    )
    assert isinstance(limited, hs.RateLimited)
    assert limited.retry_after == 2.5
    assert str(limited).endswith("(retry after 2.5 s)")
    moved = error_for_status(
        301, b"", method="GET", path="/v2/conversations/1", location=f"{API}/conversations/77"
    )
    assert isinstance(moved, hs.Moved)
    assert moved.resource_id == 77
    assert moved.location == f"{API}/conversations/77"
    assert str(moved).endswith(f"(now at {API}/conversations/77)")


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (None, None),
        ("", None),
        (f"{API}/conversations/123", 123),
        (f"{API}/conversations/123/", 123),
        ("/v2/conversations/10/threads/456?x=1", 456),
        (f"{API}/conversations/abc", None),
    ],
)
def test_resource_id_from_location(location: str | None, expected: int | None) -> None:
    assert resource_id_from_location(location) == expected


def test_transport_error_names_the_request() -> None:
    err = hs.TransportError("timed out", method="POST", path="/v2/x", maybe_sent=True)
    assert str(err) == "POST /v2/x: timed out"
    assert err.maybe_sent is True
    assert isinstance(err, hs.HelpScoutError)


# -- no credential ever shows ------------------------------------------------------------


def _texts(obj: Any) -> list[str]:
    return [str(obj), repr(obj)]


async def test_no_token_in_any_error_or_repr(
    mocked: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    """Echoing servers aside, no message, repr, cause or log line of ours carries the token."""
    caplog.set_level(logging.DEBUG)
    mocked.get(api("/users/1"), status=401, payload={"message": "Unauthorized"})
    mocked.get(api("/users/2"), status=400, payload=VALIDATION)
    mocked.get(api("/users/3"), exception=aiohttp.ServerDisconnectedError())
    # The 429 comes last: with raise_on_rate_limit a call while its pause lasts raises at once.
    mocked.get(api("/users/4"), status=301, headers={"Location": "https://elsewhere.example/x"})
    mocked.get(
        api("/users/5"),
        status=429,
        payload={"message": "slow down"},
        headers={"X-RateLimit-Retry-After": "0.01"},
    )
    seen: list[BaseException] = []
    async with make_client(max_retries=0, raise_on_rate_limit=True) as client:
        for user_id in range(1, 6):
            with pytest.raises(hs.HelpScoutError) as caught:
                await client.users.get(user_id)
            seen.append(caught.value)
        texts = _texts(client) + _texts(client._transport.auth)
    assert [type(e) for e in seen] == [
        hs.Unauthorized,
        hs.ValidationError,
        hs.TransportError,
        hs.Moved,
        hs.RateLimited,
    ]
    for err in seen:
        texts += _texts(err) + [str(a) for a in err.args]
        if err.__cause__ is not None:
            texts += _texts(err.__cause__)
    assert texts
    for text in texts:
        assert SECRET not in text
    assert "GET /v2/users/1 -> 401" in caplog.text
    assert SECRET not in caplog.text


async def test_no_client_secret_or_token_in_providers_and_token_sets(
    mocked: aioresponses,
) -> None:
    client_secret = "cs-VERY-SECRET-123"
    refresh = "rt-VERY-SECRET-456"
    issued = "at-VERY-SECRET-789"
    rotated = "rt-ROTATED-SECRET-000"
    mocked.post(
        TOKEN_URL,
        payload={"access_token": issued, "refresh_token": rotated, "expires_in": 7200},
        repeat=True,
    )
    mocked.get(api("/users/me"), status=403, payload={"message": "Forbidden"})
    got: list[hs.TokenSet] = []
    async with make_client(
        client_id="app", client_secret=client_secret, refresh_token=refresh, on_token=got.append
    ) as client:
        with pytest.raises(hs.Forbidden) as caught:
            await client.users.me()
        provider = client._transport.auth
        texts = _texts(client) + _texts(provider) + _texts(caught.value) + _texts(got[0])
    cc = hs.ClientCredentials("app", client_secret)
    texts += _texts(cc) + _texts(hs.StaticToken(issued))
    texts += _texts(hs.TokenSet(access_token=issued, refresh_token=rotated, expires_in=1.0))
    for text in texts:
        for secret in (client_secret, refresh, issued, rotated):
            assert secret not in text, text
    # The repr still says which fields are there.
    assert "access_token='***'" in repr(got[0])
    assert "refresh_token='***'" in repr(got[0])
