"""Webhook signatures: ``base64(HMAC-SHA1(secret, raw body))``, checked in constant time.

Help Scout signs the exact bytes it sends; a receiver must hash the bytes it read, never
JSON it parsed and serialized again (key order, spacing and ``\\/`` escapes would differ).
The ``sha1=<hex>`` spelling that some third-party references show is accepted as well.
A missing or malformed signature is simply not valid: :func:`verify` answers ``False``
and never raises for anything a client on the network controls.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence

__all__ = ["Secret", "Secrets", "secrets_of", "sign", "verify"]

Secret = str | bytes
"""A shared secret as text (encoded as UTF-8) or bytes."""

Secrets = Secret | Sequence[Secret]
"""One secret, or several accepted at once while a secret is being rotated."""

_MAX_SIGNATURE = 128
"""No valid signature is longer than this (base64 of SHA-1 is 28 characters, hex 45)."""


def _key(secret: Secret, name: str = "secret") -> bytes:
    if isinstance(secret, str):
        key = secret.encode("utf-8")
    elif isinstance(secret, (bytes, bytearray)):
        key = bytes(secret)
    else:
        raise TypeError(f"{name} must be str or bytes, got {type(secret).__name__}")
    if not key:
        raise ValueError(f"{name} must not be empty: pass the webhook's secret key")
    return key


def secrets_of(secret: Secrets) -> tuple[bytes, ...]:
    """The secret(s) as key bytes, validated.

    Args:
        secret: one secret (``str`` or ``bytes``) or a sequence of them (rotation).

    Returns:
        The keys, in the order given.

    Raises:
        TypeError: a secret is neither ``str`` nor ``bytes``.
        ValueError: a secret is empty, or the sequence is.
    """
    if isinstance(secret, (str, bytes, bytearray)):
        return (_key(secret),)
    if not isinstance(secret, Sequence):
        raise TypeError(f"secret must be str, bytes or a list of them, got {type(secret).__name__}")
    items: Sequence[Secret] = secret  # type: ignore[assignment]  # bytes narrowed away above
    keys = tuple(_key(s, f"secret[{i}]") for i, s in enumerate(items))
    if not keys:
        raise ValueError("secret: the list of secrets is empty; pass at least one")
    return keys


def _body(raw_body: bytes | bytearray | memoryview) -> bytes:
    if isinstance(raw_body, str):
        raise TypeError(
            "raw_body must be the request's raw bytes (e.g. await request.read()), not str: "
            "a decoded or re-serialized body does not hash to Help Scout's signature"
        )
    if not isinstance(raw_body, (bytes, bytearray, memoryview)):
        raise TypeError(f"raw_body must be bytes, got {type(raw_body).__name__}")
    return bytes(raw_body)


def _digest(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha1).digest()


def sign(secret: Secret, raw_body: bytes | bytearray | memoryview) -> str:
    """The ``X-HelpScout-Signature`` Help Scout sends for ``raw_body``.

    Useful to sign requests in tests of a receiver.

    Args:
        secret: the webhook's (or app's) secret key.
        raw_body: the exact bytes of the request body.

    Returns:
        ``base64(HMAC-SHA1(secret, raw_body))`` as ASCII text.

    Raises:
        TypeError: ``secret`` is not ``str``/``bytes`` or ``raw_body`` is not bytes.
        ValueError: ``secret`` is empty.
    """
    return base64.b64encode(_digest(_key(secret), _body(raw_body))).decode("ascii")


def _given(signature: object) -> tuple[bool, bytes] | None:
    """``(is_hex, value)`` of a header value, or ``None`` when it cannot be a signature."""
    if isinstance(signature, (bytes, bytearray)):
        try:
            signature = bytes(signature).decode("ascii")
        except UnicodeDecodeError:
            return None
    if not isinstance(signature, str) or len(signature) > _MAX_SIGNATURE:
        return None
    text = signature.strip()
    if not text or not text.isascii():
        return None
    if text[:5].lower() == "sha1=":
        return True, text[5:].strip().lower().encode("ascii")
    return False, text.encode("ascii")


def verify(
    secret: Secrets, raw_body: bytes | bytearray | memoryview, signature: str | bytes | None
) -> bool:
    """Whether ``signature`` is Help Scout's signature of ``raw_body`` under ``secret``.

    Compares with :func:`hmac.compare_digest`, so the time taken does not reveal how much
    of a forged signature was right.

    Args:
        secret: the secret key, or several (every one is tried: key rotation).
        raw_body: the exact bytes received, before any decoding or parsing.
        signature: the ``X-HelpScout-Signature`` header value: base64, or ``sha1=<hex>``.
            ``None`` (header missing) or anything malformed gives ``False``.

    Returns:
        ``True`` only if the signature matches under one of the secrets.

    Raises:
        TypeError: ``secret`` or ``raw_body`` has the wrong type (a programming error,
            never caused by the request).
        ValueError: a secret is empty.
    """
    keys = secrets_of(secret)
    body = _body(raw_body)
    given = _given(signature)
    if given is None:
        return False
    is_hex, value = given
    matched = False
    for key in keys:
        digest = _digest(key, body)
        expected = digest.hex().encode("ascii") if is_hex else base64.b64encode(digest)
        # no early exit: every secret costs the same whatever matched
        matched |= hmac.compare_digest(expected, value)
    return matched
