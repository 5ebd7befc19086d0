"""Token providers: client credentials, the authorization-code/refresh flow, a static token.

A provider hands the transport a valid access token. It refreshes proactively
before ``expires_in`` runs out and, after a 401, once reactively; either way the
refresh is single-flight: however many requests find the token stale at once, one
token request is made and they all wait for it. Providers never touch HTTP
themselves: the transport gives them a ``fetch`` function that posts a form to the
token URL (so only the transport talks to aiohttp, and the token only ever goes to
the API's own host).

Time is read from an injectable ``clock`` (``time.monotonic`` by default), so a
token's expiry can be tested without waiting for it.

A token reply is not trusted: an ``expires_in`` of zero or less would have every
call fetch a new token first (each spending budget), so it is read as
:data:`MIN_TOKEN_LIFETIME` seconds with a warning (a 401 still renews at once), and
one that is not a finite number is an error naming the field.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import math
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import attrs

from .errors import HelpScoutError

__all__ = [
    "AUTHORIZE_URL",
    "MIN_TOKEN_LIFETIME",
    "ClientCredentials",
    "Clock",
    "OnToken",
    "RefreshToken",
    "StaticToken",
    "TokenFetch",
    "TokenProvider",
    "TokenSet",
    "authorize_url",
]

log = logging.getLogger("helpscout_async")

AUTHORIZE_URL = "https://secure.helpscout.net/authentication/authorizeClientApplication"

MIN_TOKEN_LIFETIME = 60.0
"""Seconds a token is trusted for when the reply's ``expires_in`` is zero or negative."""

Clock = Callable[[], float]
"""A monotonic clock in seconds, like ``time.monotonic``."""

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
        """Show the lifetime and type, never the tokens."""
        return (
            f"TokenSet(access_token={_mask(self.access_token)}, expires_in={self.expires_in!r}, "
            f"refresh_token={_mask(self.refresh_token)}, token_type={self.token_type!r})"
        )

    @classmethod
    def from_reply(cls, reply: Mapping[str, Any], *, now: float | None = None) -> TokenSet:
        """Read the token endpoint's snake_case JSON reply.

        Args:
            reply: the parsed JSON body (``access_token``, ``expires_in``,
                ``refresh_token``, ``token_type``).
            now: the clock's reading when the reply arrived (default
                ``time.monotonic()``).

        Returns:
            The token set. A missing ``expires_in`` means the lifetime is unknown: the
            token is used until a 401. One of zero or less is read as
            :data:`MIN_TOKEN_LIFETIME` seconds, with a warning in the log.

        Raises:
            HelpScoutError: no ``access_token``, or an ``expires_in`` (or
                ``refresh_token``) of the wrong type; the message names the field.
        """
        token = reply.get("access_token")
        if not isinstance(token, str) or not token:
            raise HelpScoutError("the token endpoint replied without an access_token")
        refresh = reply.get("refresh_token")
        if refresh is not None and not isinstance(refresh, str):
            raise HelpScoutError(
                "the token endpoint replied with a refresh_token that is not a string "
                f"(a {type(refresh).__name__})"
            )
        return cls(
            access_token=token,
            expires_in=_lifetime(reply.get("expires_in")),
            refresh_token=refresh or None,
            token_type=str(reply.get("token_type", "bearer")),
            obtained_at=time.monotonic() if now is None else now,
        )

    def fresh(self, now: float | None = None) -> bool:
        """Whether the token is still good, keeping a safety margin before expiry.

        The margin is 10 % of the lifetime, at most 60 s, so a token is renewed
        before a request could carry it past its expiry.

        Args:
            now: the clock's reading (default ``time.monotonic()``), on the clock
                ``obtained_at`` was read from.

        Returns:
            ``True`` while the token is inside its lifetime less the margin, and
            always when the lifetime is unknown.
        """
        if self.expires_in is None:
            return True
        now = time.monotonic() if now is None else now
        margin = min(60.0, 0.1 * self.expires_in)
        return now < self.obtained_at + self.expires_in - margin


def _lifetime(expires: Any) -> float | None:
    """``expires_in`` as seconds: ``None`` if absent, floored if not positive."""
    if expires is None:
        return None
    if isinstance(expires, bool) or not isinstance(expires, int | float | str):
        raise HelpScoutError(
            "the token endpoint replied with an expires_in that is not a number of "
            f"seconds (a {type(expires).__name__})"
        )
    try:
        seconds = float(expires)
    except ValueError:
        raise HelpScoutError(
            f"the token endpoint replied with an expires_in that is not a number: {expires!r}"
        ) from None
    if not math.isfinite(seconds):
        raise HelpScoutError(
            f"the token endpoint replied with an expires_in that is not finite: {expires!r}"
        )
    if seconds <= 0:
        log.warning(
            "the token endpoint said expires_in=%s; using the token for %g s "
            "(a 401 renews it sooner) instead of fetching one before every request",
            expires,
            MIN_TOKEN_LIFETIME,
        )
        return MIN_TOKEN_LIFETIME
    return seconds


def authorize_url(client_id: str, *, state: str | None = None) -> str:
    """The URL to send a user to so they authorize your app (authorization-code flow).

    Args:
        client_id: your OAuth app's id.
        state: an opaque value Help Scout hands back on the redirect; pass a random
            one and check it there, against cross-site request forgery.

    Returns:
        The authorize URL, with ``client_id`` (and ``state``) in its query.

    Raises:
        ValueError: ``client_id`` is empty.
    """
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

    Args:
        on_token: called (sync or async) with every new token set, e.g. to store
            the rotated refresh token.
        clock: the monotonic clock expiry is measured on (default
            ``time.monotonic``); tests pass a manual one.

    Attributes:
        refreshes: how many token sets this provider has fetched.
    """

    can_refresh = True

    def __init__(self, *, on_token: OnToken | None = None, clock: Clock = time.monotonic) -> None:
        """Start with no token; the first :meth:`token` call fetches one."""
        if not callable(clock):
            raise TypeError(f"clock must be a callable returning seconds, got {clock!r}")
        self._tokens: TokenSet | None = None
        self._lock = asyncio.Lock()
        self._on_token = on_token
        self._clock = clock
        self.refreshes = 0

    def __repr__(self) -> str:
        """Show the provider's kind and token lifetime, never a secret."""
        return f"{type(self).__name__}(tokens={self._tokens!r})"

    async def token(self, fetch: TokenFetch) -> str:
        """A valid access token, fetching a new one first if needed (single-flight).

        However many tasks find the token stale at once, one token request is made
        and they all get its answer.

        Args:
            fetch: posts a form to the token URL and returns the JSON reply (the
                transport supplies it).

        Returns:
            The access token to send as ``Authorization: Bearer ...``.

        Raises:
            HelpScoutError: the reply was unusable, or this provider cannot fetch a
                token (a static token that was rejected). Whatever ``fetch`` raises
                (e.g. ``Unauthorized`` for bad credentials) propagates.
        """
        tokens = self._tokens
        if tokens is not None and tokens.fresh(self._clock()):
            return tokens.access_token
        async with self._lock:
            tokens = self._tokens  # another task may have refreshed while we waited
            if tokens is None or not tokens.fresh(self._clock()):
                tokens = await self._renew(fetch)
            return tokens.access_token

    def invalidate(self, access_token: str) -> bool:
        """Forget ``access_token`` after a 401.

        A 401 for a token that was already replaced leaves the new one alone.

        Args:
            access_token: the token the server refused.

        Returns:
            Whether a new token can be fetched (``False`` for a static token).
        """
        if not self.can_refresh:
            return False
        if self._tokens is not None and self._tokens.access_token == access_token:
            self._tokens = attrs.evolve(self._tokens, expires_in=0.0)
        return True

    async def _renew(self, fetch: TokenFetch) -> TokenSet:
        reply = await fetch(self._grant())
        tokens = TokenSet.from_reply(reply, now=self._clock())
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
    """A token you obtained elsewhere; it cannot be refreshed.

    Args:
        access_token: the bearer token.

    Raises:
        ValueError: ``access_token`` is empty.
        TypeError: ``access_token`` is not a string.
    """

    can_refresh = False

    def __init__(self, access_token: str) -> None:
        """Hold ``access_token`` for every request."""
        super().__init__()
        if not isinstance(access_token, str):
            raise TypeError(f"access_token must be a string, got {type(access_token).__name__}")
        if not access_token:
            raise ValueError("access_token is empty")
        self._tokens = TokenSet(access_token=access_token, obtained_at=self._clock())

    def _grant(self) -> dict[str, str]:
        raise HelpScoutError("the static access token was rejected and cannot be refreshed")


class ClientCredentials(TokenProvider):
    """The client-credentials flow: an app acting as its owner.

    Args:
        client_id: the OAuth app's id.
        client_secret: its secret (kept out of every repr and message).
        on_token: called (sync or async) with every new token set.
        clock: the monotonic clock expiry is measured on.
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        on_token: OnToken | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        """Fetch tokens for ``client_id`` when first asked."""
        super().__init__(on_token=on_token, clock=clock)
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

    Args:
        client_id: the OAuth app's id.
        client_secret: its secret.
        refresh_token: a stored refresh token.
        code: an authorization code from the authorize redirect, exchanged on first
            use (it is good for one exchange).
        on_token: called (sync or async) with every new token set; store its
            ``refresh_token``.
        clock: the monotonic clock expiry is measured on.

    Raises:
        ValueError: neither ``refresh_token`` nor ``code`` was given.
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        refresh_token: str | None = None,
        code: str | None = None,
        on_token: OnToken | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        """Exchange ``code``, or refresh with ``refresh_token``, when first asked."""
        super().__init__(on_token=on_token, clock=clock)
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
