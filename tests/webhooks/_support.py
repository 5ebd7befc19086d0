"""Helpers of the webhook tests: fixtures on disk and an independent signer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SECRET = "whsec-TEST-9c1e55d04b7f3a"
"""The webhook secret of the tests; it must never show in a repr or a log."""


def fixture(name: str, family: str = "webhooks") -> Any:
    """A JSON fixture from tests/fixtures/{family}/{name}.json."""
    return json.loads((FIXTURES / family / f"{name}.json").read_text(encoding="utf-8"))


def fixture_bytes(name: str, family: str = "webhooks") -> bytes:
    """A fixture's exact bytes (as a sender would put them on the wire)."""
    return (FIXTURES / family / f"{name}.json").read_bytes()


def b64_sha1(secret: str | bytes, body: bytes) -> str:
    """Help Scout's documented signature, computed here without the library."""
    key = secret.encode() if isinstance(secret, str) else secret
    return base64.b64encode(hmac.new(key, body, hashlib.sha1).digest()).decode()
