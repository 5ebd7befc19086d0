"""Beacon secure mode and Help Scout Apps signatures, vectors computed here."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from urllib.parse import parse_qsl, urlencode

import pytest

import helpscout_async as hs

from ._support import b64_sha1

BEACON_KEY = "JNbSzXIEonCFiiOepXyMtcXlTMVjtWX7wFZbiME4"


def test_beacon_signature_is_hex_hmac_sha256_of_the_email() -> None:
    email = "steve@aoki.com"
    expected = hmac.new(BEACON_KEY.encode(), email.encode(), hashlib.sha256).hexdigest()
    assert hs.beacon.signature(BEACON_KEY, email) == expected
    assert len(expected) == 64


def test_beacon_hashes_the_email_exactly_as_given() -> None:
    email = "Zoë.Ünal@Example.com"
    expected = hmac.new(BEACON_KEY.encode(), email.encode("utf-8"), hashlib.sha256).hexdigest()
    assert hs.beacon.signature(BEACON_KEY, email) == expected
    assert hs.beacon.signature(BEACON_KEY, email.lower()) != expected


def test_beacon_verify_is_constant_time_and_tolerant() -> None:
    good = hs.beacon.signature(BEACON_KEY, "a@b.co")
    assert hs.beacon.verify_signature(BEACON_KEY, "a@b.co", good.upper())
    assert not hs.beacon.verify_signature(BEACON_KEY, "a@b.co", None)
    assert not hs.beacon.verify_signature(BEACON_KEY, "a@b.co", "é")
    assert not hs.beacon.verify_signature(BEACON_KEY, "x@b.co", good)


@pytest.mark.parametrize(
    ("secret", "email", "error"),
    [("", "a@b.co", ValueError), (BEACON_KEY, "", ValueError), (BEACON_KEY, None, TypeError)],
)
def test_beacon_bad_input(secret: object, email: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        hs.beacon.signature(secret, email)  # type: ignore[arg-type]


def test_dynamic_app_request_uses_the_webhook_scheme() -> None:
    body = b'{"ticket":{"id":"1","number":"2"},"customer":{"email":"j\\u00e9@x.io"}}'
    assert hs.apps.verify_request("app-key", body, b64_sha1("app-key", body))
    assert not hs.apps.verify_request("app-key", body, b64_sha1("other", body))
    assert not hs.apps.verify_request("app-key", body, None)


def _php_json(pairs: list[tuple[str, str]]) -> bytes:
    """PHP json_encode of a string array, written independently of the library."""
    parts = []
    for name, value in pairs:
        enc = [json.dumps(s, ensure_ascii=True).replace("/", "\\/") for s in (name, value)]
        parts.append(f"{enc[0]}:{enc[1]}")
    return ("{" + ",".join(parts) + "}").encode()


def test_app_query_signature_over_the_remaining_parameters() -> None:
    params = [
        ("conversationId", "127"),
        ("customerEmail", "zoë@example.com"),
        ("url", "https://x.io/a/b"),
    ]
    signature = base64.b64encode(
        hmac.new(b"app-key", _php_json(params), hashlib.sha1).digest()
    ).decode()
    assert "+" in signature  # so that the space-for-plus case below is exercised
    # the app's own URL carried ?token=abc, which Help Scout did not sign
    query = urlencode([("token", "abc"), *params, ("X-HelpScout-Signature", signature)])
    arrived = parse_qsl(query)
    assert hs.apps.verify_query("app-key", arrived, exclude={"token"})
    assert not hs.apps.verify_query("app-key", arrived)  # token now counted: mismatch
    assert not hs.apps.verify_query("other", arrived, exclude={"token"})
    # a '+' in the base64 signature decoded to a space by a careless query parser
    spaced = [(k, v.replace("+", " ")) for k, v in arrived]
    assert hs.apps.verify_query("app-key", spaced, exclude={"token"})
    assert hs.apps.query_payload(params) == _php_json(params)


def test_app_query_without_signature_is_false() -> None:
    assert not hs.apps.verify_query("app-key", {"a": "1"})
    with pytest.raises(TypeError):
        hs.apps.verify_query("app-key", [("a", 1)])  # type: ignore[list-item]
