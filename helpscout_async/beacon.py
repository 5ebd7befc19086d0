"""Beacon secure mode: the signature your server computes for a signed-in user.

Beacon's secure mode ("support history security") proves to Help Scout that the page
identifying a visitor knows the Beacon's secret key: the server computes
``hex(HMAC-SHA256(secret key, email))`` and the page passes it as ``signature`` to
``Beacon('identify', {email, signature})``. The secret never leaves the server.

The email is hashed exactly as given (UTF-8), because Beacon hashes the exact string the
page passes; normalize it (if at all) before both.
"""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["signature", "verify_signature"]


def _text(value: object, name: str) -> bytes:
    if isinstance(value, bytes):
        raw = value
    elif isinstance(value, str):
        raw = value.encode("utf-8")
    else:
        raise TypeError(f"{name} must be str, got {type(value).__name__}")
    if not raw:
        raise ValueError(f"{name} must not be empty")
    return raw


def signature(secret: str | bytes, email: str) -> str:
    """The Beacon secure-mode signature of a signed-in user.

    Args:
        secret: the Beacon's secret key (Manage > Beacon > Contact > Support history
            security).
        email: the user's email address, exactly as the page passes it to Beacon.

    Returns:
        64 lower-case hex characters: ``HMAC-SHA256(secret, email)``.

    Raises:
        TypeError: ``secret`` or ``email`` is not text.
        ValueError: ``secret`` or ``email`` is empty.
    """
    key = _text(secret, "secret")
    message = _text(email, "email")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def verify_signature(secret: str | bytes, email: str, given: str | None) -> bool:
    """Whether ``given`` is the secure-mode signature of ``email`` (constant time).

    Args:
        secret: the Beacon's secret key.
        email: the email the signature claims to be for.
        given: the signature to check; ``None`` or a malformed value gives ``False``.

    Returns:
        ``True`` if it matches.

    Raises:
        TypeError: ``secret`` or ``email`` is not text.
        ValueError: ``secret`` or ``email`` is empty.
    """
    expected = signature(secret, email)
    if not isinstance(given, str) or not given.isascii():
        return False
    return hmac.compare_digest(expected.encode("ascii"), given.strip().lower().encode("ascii"))
