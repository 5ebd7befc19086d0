"""Checks of the client's constructor options, run before anything is created.

A bad option must fail where it is written, naming the argument and what it
accepts, not later as a hang or a silent change of behaviour: ``max_wait=nan``
compares false with everything and so disabled retries; ``timeout=inf`` waits
forever; ``max_retries=True`` is ``1``. A URL with ``user:password@`` is refused,
and the refusal never repeats the password: it would otherwise show in reprs,
logs and the CLI's first line, and could be sent to another host by a redirect.
"""

from __future__ import annotations

import math
import urllib.parse
from typing import Any

__all__ = ["api_url", "count", "flag", "redact_url", "seconds"]


def seconds(name: str, value: Any, *, allow_zero: bool = False) -> float:
    """A finite number of seconds, > 0 (or >= 0 with ``allow_zero``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}")
    low = "0 or more" if allow_zero else "more than 0"
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        raise ValueError(f"{name} must be a finite number of seconds, {low}; got {value!r}")
    return float(value)


def count(name: str, value: Any, *, minimum: int) -> int:
    """A whole number, at least ``minimum`` (``True`` is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be {minimum} or more, got {value!r}")
    return value


def flag(name: str, value: Any) -> bool:
    """``True`` or ``False``, nothing merely truthy."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return value


def redact_url(url: str) -> str:
    """``url`` with any ``user:password@`` replaced by ``***@``, for messages."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "***" if "@" in url else url
    authority, slash, tail = rest.partition("/")
    if "@" in authority:
        authority = "***@" + authority.rpartition("@")[2]
    return f"{scheme}{sep}{authority}{slash}{tail}"


def api_url(name: str, value: Any) -> str:
    """An ``http(s)://host[:port]/path`` URL without credentials, trailing ``/`` removed."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a URL string, got {type(value).__name__}")
    shown = redact_url(value)
    try:
        parts = urllib.parse.urlsplit(value)
        _ = parts.port  # raises for a port out of range
    except ValueError as exc:
        # urlsplit's own message may quote the URL: say it again without it.
        reason = "its port is not a number from 0 to 65535" if "port" in str(exc).lower() else exc
        raise ValueError(f"{name} is not a valid URL ({reason}): {shown}") from None
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{name} must start with http:// or https://, got {shown!r}")
    if "@" in parts.netloc:
        raise ValueError(
            f"{name} must not carry a user name or password ({shown!r}): pass credentials "
            "as client_id/client_secret or access_token (or HELPSCOUT_* variables)"
        )
    if not parts.hostname:
        raise ValueError(f"{name} has no host name: {shown!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"{name} must not have a query string or fragment: {shown!r}")
    return value.rstrip("/")
