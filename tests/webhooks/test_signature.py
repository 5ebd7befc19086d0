"""``hs.webhooks.verify`` / ``sign``: vectors computed here with hmac and hashlib."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

import helpscout_async as hs
from helpscout_async.webhooks import _signature

from ._support import SECRET, b64_sha1, fixture_bytes

NON_ASCII = '{"subject":"Café ☕ naïve — 😀","body":"Grüße"}'.encode()


def test_documented_scheme_on_non_ascii_bytes() -> None:
    expected = b64_sha1(SECRET, NON_ASCII)
    assert hs.webhooks.sign(SECRET, NON_ASCII) == expected
    assert hs.webhooks.verify(SECRET, NON_ASCII, expected)
    assert len(expected) == 28
    assert expected.endswith("=")


def test_bytes_that_are_not_utf8_are_hashed_as_they_are() -> None:
    body = b'{"x":"\xff\xfe"}'
    assert hs.webhooks.verify(SECRET, body, b64_sha1(SECRET, body))


def test_a_reserialized_body_does_not_verify() -> None:
    # Help Scout's bytes: extra spaces, an escaped slash, key order of its own
    raw = b'{ "url" : "https:\\/\\/example.com/hs",  "id":7 ,"tags":[ ]}'
    signature = b64_sha1(SECRET, raw)
    again = json.dumps(json.loads(raw)).encode()
    assert again != raw
    assert hs.webhooks.verify(SECRET, raw, signature)
    assert not hs.webhooks.verify(SECRET, again, signature)


def test_fixture_file_with_emoji_verifies_byte_for_byte() -> None:
    raw = fixture_bytes("survey_response_data_faces")
    assert "😀".encode() in raw
    assert hs.webhooks.verify(SECRET, raw, b64_sha1(SECRET, raw))


def test_sha1_hex_form_is_accepted() -> None:
    hexdigest = hmac.new(SECRET.encode(), NON_ASCII, hashlib.sha1).hexdigest()
    assert hs.webhooks.verify(SECRET, NON_ASCII, f"sha1={hexdigest}")
    assert hs.webhooks.verify(SECRET, NON_ASCII, f"SHA1={hexdigest.upper()}")
    wrong = hexdigest[:-1] + ("0" if hexdigest[-1] != "0" else "1")
    assert not hs.webhooks.verify(SECRET, NON_ASCII, f"sha1={wrong}")
    # the hex digest without its prefix is not the documented base64 form
    assert not hs.webhooks.verify(SECRET, NON_ASCII, hexdigest)


@pytest.mark.parametrize(
    "header",
    [None, "", "   ", "not-base64!!", "é" * 28, "x" * 5000, "sha1=", "sha1=zz", b"\xff\xfe", 42],
)
def test_missing_or_malformed_header_is_false_never_an_error(header: object) -> None:
    assert hs.webhooks.verify(SECRET, NON_ASCII, header) is False  # type: ignore[arg-type]


def test_wrong_secret_or_tampered_body_is_false() -> None:
    signature = b64_sha1(SECRET, NON_ASCII)
    assert not hs.webhooks.verify("other-secret", NON_ASCII, signature)
    assert not hs.webhooks.verify(SECRET, NON_ASCII + b" ", signature)


def test_surrounding_whitespace_of_the_header_is_tolerated() -> None:
    assert hs.webhooks.verify(SECRET, NON_ASCII, f"  {b64_sha1(SECRET, NON_ASCII)}\r\n")


def test_rotation_accepts_any_listed_secret() -> None:
    old, new = "old-secret", "new-secret"
    assert hs.webhooks.verify([old, new], NON_ASCII, b64_sha1(new, NON_ASCII))
    assert hs.webhooks.verify((old, new.encode()), NON_ASCII, b64_sha1(old, NON_ASCII))
    assert not hs.webhooks.verify([old, new], NON_ASCII, b64_sha1("third", NON_ASCII))


def test_compares_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(_signature.hmac, "compare_digest", spy)
    assert hs.webhooks.verify(["a", "b"], NON_ASCII, b64_sha1("a", NON_ASCII))
    # every secret is compared, even after the first matched
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("secret", "body", "error", "words"),
    [
        ("s", "text body", TypeError, "raw bytes"),
        ("", b"{}", ValueError, "secret"),
        (123, b"{}", TypeError, "secret"),
        ([], b"{}", ValueError, "empty"),
        (["ok", ""], b"{}", ValueError, "secret[1]"),
        ("s", {"a": 1}, TypeError, "raw_body"),
    ],
)
def test_programming_errors_are_clear(
    secret: object, body: object, error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words.replace("[", r"\[").replace("]", r"\]")):
        hs.webhooks.verify(secret, body, "x")  # type: ignore[arg-type]


def test_memoryview_and_bytearray_bodies() -> None:
    signature = b64_sha1(SECRET, NON_ASCII)
    assert hs.webhooks.verify(SECRET, bytearray(NON_ASCII), signature)
    assert hs.webhooks.verify(SECRET.encode(), memoryview(NON_ASCII), signature)
