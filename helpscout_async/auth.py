"""Token providers: client credentials, the authorization-code/refresh flow, a static token.

A provider hands the transport a valid access token. It refreshes proactively
before ``expires_in`` runs out and, after a 401, once reactively; either way the
refresh is single-flight: however many requests find the token stale at once, one
token request is made and they all wait for it. Providers never touch HTTP
themselves: the transport gives them a ``fetch`` function that posts a form to the
token URL (so only the transport talks to aiohttp, and the token only ever goes to
the API's own host).
"""

from __future__ import annotations

import asyncio
import inspect
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import attrs

from .errors import HelpScoutError

AUTHORIZE_URL = "https://secure.helpscout.net/authentication/authorizeClientApplication"

TokenFetch = Callable[[Mapping[str, str]], Awaitable[Mapping[str, Any]]]
"""Posts a form to the token URL and returns the JSON reply (raises on errors)."""

OnToken = Callable[["TokenSet"], Awaitable[None] | None]
"""Called with every new token set, e.g. to store the rotated refresh token."""


def _mask(secret: str | None) -> str:
    return "None" if secret is None else "'***'"


@attrs.frozen(kw_only=True, repr=False)
class TokenSet:
    """An OAuth2 token reply. Its repr hides the tokens.

    Attributes:
        access_token: the bearer token.
        expires_in: lifetime in seconds as the server stated it (``None``: unknown).
        refresh_token: the (rotated) refresh token of the code flow; store it.
        token_type: normally ``bearer``.
        obtained_at: ``time.monotonic()`` when the reply arrived.
    """

    access_token: str
    expires_in: float | None = None
    refresh_token: str | None = None
    token_type: str = "bearer"
    obtained_at: float = attrs.field(factory=time.monotonic)

    def __repr__(self) -> str:
        return (
            f"TokenSet(access_token={_mask(self.access_token)}, expires_in={self.expires_in!r}, "
            f"refresh_token={_mask(self.refresh_token)}, token_type={self.token_type!r})"
        )

    @classmethod
    def from_reply(cls, reply: Mapping[str, Any]) -> TokenSet:
        """Read the token endpoint's snake_case JSON reply."""
        token = reply.get("access_token")
        if not isinstance(token, str) or not token:
            raise HelpScoutError("the token endpoint replied without an access_token")
        expires = reply.get("expires_in")
        return cls(
            access_token=token,
            expires_in=float(expires) if expires is not None else None,
            refresh_token=reply.get("refresh_token"),
            token_type=str(reply.get("token_type", "bearer")),
        )

    def fresh(self, now: float | None = None) -> bool:
        """Whether the token is still good, keeping a safety margin before expiry."""
        if self.expires_in is None:
            return True
        now = time.monotonic() if now is None else now
        margin = min(60.0, 0.1 * self.expires_in)
        return now < self.obtained_at + self.expires_in - margin


def authorize_url(client_id: str, *, state: str | None = None) -> str:
    """The URL to send a user to so they authorize your app (authorization-code flow)."""
    if not client_id:
        raise ValueError("client_id is required to build the authorize URL")
    query = {"client_id": client_id}
    if state is not None:
        query["state"] = state
    return f"{AUTHORIZE_URL}?{urllib.parse.urlencode(query)}"


class TokenProvider:
    """Base: holds the current token set and refreshes it single-flight.

    Subclasses say how to get a new token set (``_grant``) and whether one can be had
    at all (``can_refresh``).
    """

    can_refresh = True

    def __init__(self, *, on_token: OnToken | None = None) -> None:
        self._tokens: TokenSet | None = None
        self._lock = asyncio.Lock()
        self._on_token = on_token
        self.refreshes = 0

    def __repr__(self) -> str:
        return f"{type(self).__name__}(tokens={self._tokens!r})"

    async def token(self, fetch: TokenFetch) -> str:
        """A valid access token, fetching a new one first if needed (single-flight)."""
        tokens = self._tokens
        if tokens is not None and tokens.fresh():
            return tokens.access_token
        async with self._lock:
            tokens = self._tokens  # another task may have refreshed while we waited
            if tokens is None or not tokens.fresh():
                tokens = await self._renew(fetch)
            return tokens.access_token

    def invalidate(self, access_token: str) -> bool:
        """Forget ``access_token`` after a 401; whether a new one can be fetched."""
        if not self.can_refresh:
            return False
        if self._tokens is not None and self._tokens.access_token == access_token:
            self._tokens = attrs.evolve(self._tokens, expires_in=0.0)
        return True

    async def _renew(self, fetch: TokenFetch) -> TokenSet:
        reply = await fetch(self._grant())
        tokens = TokenSet.from_reply(reply)
        self._tokens = tokens
        self.refreshes += 1
        self._after_renew(tokens)
        if self._on_token is not None:
            result = self._on_token(tokens)
            if inspect.isawaitable(result):
                await result
        return tokens

    def _grant(self) -> dict[str, str]:
        raise NotImplementedError

    def _after_renew(self, tokens: TokenSet) -> None:
        """Hook for flows that change state with each token set."""


class StaticToken(TokenProvider):
    """A token you obtained elsewhere; it cannot be refreshed."""

    can_refresh = False

    def __init__(self, access_token: str) -> None:
        super().__init__()
        if not access_token:
            raise ValueError("access_token is empty")
        self._tokens = TokenSet(access_token=access_token)

    def _grant(self) -> dict[str, str]:
        raise HelpScoutError("the static access token was rejected and cannot be refreshed")


class ClientCredentials(TokenProvider):
    """The client-credentials flow: an app acting as its owner."""

    def __init__(
        self, client_id: str, client_secret: str, *, on_token: OnToken | None = None
    ) -> None:
        super().__init__(on_token=on_token)
        self.client_id = client_id
        self._client_secret = client_secret

    def _grant(self) -> dict[str, str]:
        return {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self._client_secret,
        }


class RefreshToken(TokenProvider):
    """The authorization-code flow: exchange a code once, then refresh.

    The refresh token rotates with every refresh: each new set goes to ``on_token``,
    and the caller must store its ``refresh_token`` (the old one no longer works).
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        refresh_token: str | None = None,
        code: str | None = None,
        on_token: OnToken | None = None,
    ) -> None:
        super().__init__(on_token=on_token)
        if not refresh_token and not code:
            raise ValueError("RefreshToken needs a refresh_token, or an authorization code")
        self.client_id = client_id
        self._client_secret = client_secret
        self._refresh_token = refresh_token
        self._code = code

    def _grant(self) -> dict[str, str]:
        common = {"client_id": self.client_id, "client_secret": self._client_secret}
        if self._code is not None:
            return {"grant_type": "authorization_code", "code": self._code, **common}
        if self._refresh_token is None:
            raise HelpScoutError(
                "the token endpoint gave no refresh_token to renew the access token with; "
                "authorize the app again for a new code"
            )
        return {"grant_type": "refresh_token", "refresh_token": self._refresh_token, **common}

    def _after_renew(self, tokens: TokenSet) -> None:
        self._code = None  # a code is good for one exchange
        if tokens.refresh_token:
            self._refresh_token = tokens.refresh_token
