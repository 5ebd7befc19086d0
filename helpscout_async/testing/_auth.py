"""OAuth2 for the fake: client credentials, authorization codes, rotating refresh tokens.

Access tokens expire after their lifetime (on the injected clock): as on the live
API, 172800 s (two days) for client credentials and 7200 s for tokens of the code
flow and of a refresh (``ttl`` sets the first; the second is ``min(ttl, 7200)``);
refresh tokens are single-use: a refresh hands out a new one and the old one
stops working, as on the live API. Pure logic, no HTTP: ``_app`` wraps it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from typing import Any

JSON = dict[str, Any]

GRANT_TYPES = ("client_credentials", "authorization_code", "refresh_token")
CODE_FLOW_TTL = 7200.0
"""Seconds an access token of the code flow (or of a refresh) lives on the live API."""


class OAuthError(Exception):
    """A token request refused, with its OAuth error body."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.body: JSON = {"error": error, "error_description": description}


class TokenAuthority:
    """Issues and checks the tokens of one fake app (one client id/secret)."""

    def __init__(
        self, client_id: str, client_secret: str, ttl: float, clock: Callable[[], float]
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.ttl = ttl
        self.code_ttl = min(ttl, CODE_FLOW_TTL)
        self.clock = clock
        self.access: dict[str, float] = {}
        self.refresh: set[str] = set()
        self.codes: set[str] = set()

    def expires_in(self, *, code_flow: bool = False) -> int | float:
        """``expires_in`` as sent: an integer unless the TTL is fractional."""
        ttl = self.code_ttl if code_flow else self.ttl
        return int(ttl) if float(ttl).is_integer() else round(ttl, 3)

    def issue(self, *, with_refresh: bool = False) -> JSON:
        """A fresh token reply body (``refresh_token`` only for the code flows)."""
        token = secrets.token_hex(16)
        self.access[token] = self.clock() + (self.code_ttl if with_refresh else self.ttl)
        body: JSON = {
            "token_type": "bearer",
            "access_token": token,
            "expires_in": self.expires_in(code_flow=with_refresh),
        }
        if with_refresh:
            refresh = secrets.token_hex(16)
            self.refresh.add(refresh)
            body["refresh_token"] = refresh
        return body

    def authorize(self) -> str:
        """A one-time authorization code, as the authorize redirect would carry."""
        code = secrets.token_hex(12)
        self.codes.add(code)
        return code

    def valid(self, token: str) -> bool:
        """Whether ``token`` is a live access token."""
        expires = self.access.get(token)
        return expires is not None and self.clock() < expires

    def expire(self, token: str) -> None:
        """Make one access token expired (it keeps answering 401)."""
        if token in self.access:
            self.access[token] = self.clock()

    def expire_all(self) -> None:
        """Expire every access token issued so far."""
        now = self.clock()
        for token in self.access:
            self.access[token] = now

    def grant(self, params: Mapping[str, str]) -> JSON:
        """Answer a token request; raises :class:`OAuthError` when refused."""
        grant_type = params.get("grant_type", "")
        if not grant_type:
            raise OAuthError(400, "invalid_request", "Missing grant_type parameter")
        if grant_type not in GRANT_TYPES:
            raise OAuthError(400, "unsupported_grant_type", f"Unsupported grant type: {grant_type}")
        if (
            params.get("client_id") != self.client_id
            or params.get("client_secret") != self.client_secret
        ):
            raise OAuthError(401, "invalid_client", "Bad client credentials")
        if grant_type == "client_credentials":
            return self.issue()
        if grant_type == "authorization_code":
            code = params.get("code", "")
            if code not in self.codes:
                raise OAuthError(400, "invalid_grant", "Invalid authorization code")
            self.codes.discard(code)
            return self.issue(with_refresh=True)
        refresh = params.get("refresh_token", "")
        if refresh not in self.refresh:
            raise OAuthError(400, "invalid_grant", "Invalid refresh token")
        self.refresh.discard(refresh)
        return self.issue(with_refresh=True)
