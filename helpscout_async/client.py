"""``HelpScout``: the client. Owns configuration, session, auth and limiter; exposes resources."""

from __future__ import annotations

import os
from types import TracebackType
from typing import Any

import aiohttp

from . import _api, _options
from ._transport import MAX_RESPONSE_BYTES, Params, Transport
from .auth import ClientCredentials, OnToken, RefreshToken, StaticToken, TokenProvider
from .chat import Chats
from .mailbox.attachments import Attachments
from .mailbox.conversations import Conversations
from .mailbox.customer_entries import (
    CustomerAddress,
    CustomerChats,
    CustomerEmails,
    CustomerPhones,
    CustomerSocialProfiles,
    CustomerWebsites,
)
from .mailbox.customer_properties import CustomerProperties
from .mailbox.customers import Customers
from .mailbox.mailboxes import Mailboxes
from .mailbox.organization_properties import OrganizationProperties
from .mailbox.organizations import Organizations
from .mailbox.ratings import Ratings
from .mailbox.reports import Reports
from .mailbox.saved_replies import SavedReplies
from .mailbox.system_users import SystemUsers
from .mailbox.tags import Tags
from .mailbox.teams import Teams
from .mailbox.users import Users
from .mailbox.webhooks import Webhooks
from .mailbox.workflows import Workflows
from .ratelimit import AccountLimiter, Limiter, RateLimit, RateLimitStatus

__all__ = ["DEFAULT_BASE_URL", "USER_AGENT", "HelpScout"]

PROFILE = _api.PROFILES["mailbox"]
DEFAULT_BASE_URL = PROFILE.base_url
USER_AGENT = "helpscout-async/0.1"

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
_MISSING_CREDENTIALS = (
    "no Help Scout credentials: pass client_id= and client_secret= (or access_token=, or "
    "refresh_token= with client_id/client_secret), or set HELPSCOUT_CLIENT_ID and "
    "HELPSCOUT_CLIENT_SECRET (or HELPSCOUT_ACCESS_TOKEN) in the environment"
)


def _choose_auth(
    *,
    client_id: str | None,
    client_secret: str | None,
    access_token: str | None,
    refresh_token: str | None,
    authorization_code: str | None,
    on_token: OnToken | None,
    auth: TokenProvider | None = None,
) -> TokenProvider:
    """The token provider for the credentials given, else for those in the environment."""
    if auth is not None:
        if not isinstance(auth, TokenProvider):
            raise TypeError(
                f"auth must be a TokenProvider (ClientCredentials, RefreshToken, StaticToken), "
                f"got {type(auth).__name__}"
            )
        if any((client_id, client_secret, access_token, refresh_token, authorization_code)):
            raise ValueError("pass either auth= or credentials (client_id=, ...), not both")
        return auth
    if not any((client_id, client_secret, access_token, refresh_token, authorization_code)):
        env = os.environ
        client_id = env.get("HELPSCOUT_CLIENT_ID") or None
        client_secret = env.get("HELPSCOUT_CLIENT_SECRET") or None
        access_token = env.get("HELPSCOUT_ACCESS_TOKEN") or None
        refresh_token = env.get("HELPSCOUT_REFRESH_TOKEN") or None
    if access_token and not (refresh_token or authorization_code):
        return StaticToken(access_token)
    if not client_id and not client_secret:
        raise ValueError(_MISSING_CREDENTIALS)
    if not client_id:
        raise ValueError("client_secret was given without client_id (or HELPSCOUT_CLIENT_ID)")
    if not client_secret:
        raise ValueError("client_id was given without client_secret (or HELPSCOUT_CLIENT_SECRET)")
    if refresh_token or authorization_code:
        return RefreshToken(
            client_id,
            client_secret,
            refresh_token=refresh_token,
            code=authorization_code,
            on_token=on_token,
        )
    return ClientCredentials(client_id, client_secret, on_token=on_token)


class HelpScout:
    """An async client of the Help Scout Mailbox API v2.

    Use it as ``async with HelpScout(...) as client:``. Credentials default to the
    environment (HELPSCOUT_CLIENT_ID / HELPSCOUT_CLIENT_SECRET, or
    HELPSCOUT_ACCESS_TOKEN). Every request spends the account's rate budget through
    ``limiter`` (by default an ``AccountLimiter`` of ``rate_limit``); pass one limiter
    object to several clients of the same account to share one budget.

    Args:
        client_id: an OAuth app's id (client-credentials flow, or with
            ``refresh_token``/``authorization_code`` the code flow).
        client_secret: that app's secret.
        access_token: a token obtained elsewhere (not refreshable).
        refresh_token: the code flow's refresh token; each refresh rotates it and hands
            the new set to ``on_token`` (sync or async), which must store it.
        authorization_code: a code from the authorize redirect, exchanged on first use.
        on_token: called (sync or async) with every new token set.
        auth: a token provider made yourself (e.g. ``ClientCredentials(..., clock=...)``)
            instead of the credential arguments.
        base_url: the API root (env HELPSCOUT_BASE_URL; default the real API); no
            ``user:password@`` in it.
        token_url: defaults to ``/v2/oauth2/token`` at the API root (``base_url``
            without its trailing ``/v2``); must be on the same host.
        session: an ``aiohttp.ClientSession`` to borrow (left open on close).
        timeout: seconds for one request, end to end (finite, > 0).
        rate_limit: the account's policy; ignored when ``limiter`` is given.
        limiter: any object of the ``Limiter`` protocol.
        max_retries: retries of one request at most (a whole number, >= 0).
        max_wait: seconds one request may spend waiting between its retries, in
            total (finite, >= 0).
        raise_on_rate_limit: raise ``RateLimited`` at once instead of waiting.
        concurrency: pages fetched at once by a stream (each stream may override it).
            By default 4, widened when latency would otherwise leave budget unspent
            (rate x latency, from the limiter); a number here fixes it.
        max_connections: requests in flight at once (the connector's limit).
        user_agent: the ``User-Agent`` header.
        max_response_bytes: the most one response body may hold, decoded (default
            64 MiB; a gzip bomb stops there too); past it, ``ResponseTooLarge``.

    Raises:
        TypeError: an argument of the wrong type (``max_retries=2.5``, ``timeout="30"``,
            ``raise_on_rate_limit="no"``), named in the message.
        ValueError: an argument out of range (``timeout=0``, ``max_wait=nan``), a
            ``base_url`` that is not an ``http(s)://`` URL or carries a user name or
            password (the message never repeats it), or missing or conflicting
            credentials. Nothing is sent before these checks pass.
    """

    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        authorization_code: str | None = None,
        on_token: OnToken | None = None,
        base_url: str | None = None,
        token_url: str | None = None,
        session: aiohttp.ClientSession | None = None,
        timeout: float = 30.0,
        rate_limit: RateLimit | None = None,
        limiter: Limiter | None = None,
        max_retries: int = 5,
        max_wait: float = 120.0,
        raise_on_rate_limit: bool = False,
        concurrency: int | None = None,
        max_connections: int = 100,
        user_agent: str = USER_AGENT,
        auth: TokenProvider | None = None,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        """Check every argument and set the client up; nothing is sent yet."""
        timeout = _options.seconds("timeout", timeout)
        max_wait = _options.seconds("max_wait", max_wait, allow_zero=True)
        max_retries = _options.count("max_retries", max_retries, minimum=0)
        max_connections = _options.count("max_connections", max_connections, minimum=1)
        max_response_bytes = _options.count("max_response_bytes", max_response_bytes, minimum=1)
        if concurrency is not None:
            concurrency = _options.count("concurrency", concurrency, minimum=1)
        raise_on_rate_limit = _options.flag("raise_on_rate_limit", raise_on_rate_limit)
        if (
            not isinstance(user_agent, str)
            or not user_agent.strip()
            or "\n" in user_agent
            or "\r" in user_agent
        ):
            raise ValueError("user_agent must be a non-empty string on one line")
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise TypeError(
                f"session must be an aiohttp.ClientSession, got {type(session).__name__}"
            )
        if rate_limit is not None and not isinstance(rate_limit, RateLimit):
            raise TypeError(f"rate_limit must be a RateLimit, got {type(rate_limit).__name__}")
        auth = _choose_auth(
            client_id=client_id,
            client_secret=client_secret,
            access_token=access_token,
            refresh_token=refresh_token,
            authorization_code=authorization_code,
            on_token=on_token,
            auth=auth,
        )
        base = _options.api_url(
            "base_url", base_url or os.environ.get("HELPSCOUT_BASE_URL") or DEFAULT_BASE_URL
        )
        if token_url is not None:
            token_url = _options.api_url("token_url", token_url)
        policy = rate_limit or RateLimit(
            per_minute=PROFILE.per_window, window=PROFILE.window, write_weight=PROFILE.write_weight
        )
        self.limiter: Limiter = limiter if limiter is not None else AccountLimiter(policy)
        self._transport = Transport(
            base_url=base,
            token_url=token_url,
            auth=auth,
            limiter=self.limiter,
            policy=policy,
            session=session,
            timeout=timeout,
            max_retries=max_retries,
            max_wait=max_wait,
            raise_on_rate_limit=raise_on_rate_limit,
            max_connections=max_connections,
            user_agent=user_agent,
            profile=PROFILE,
            max_response_bytes=max_response_bytes,
        )
        self.attachments = Attachments(self._transport, concurrency=concurrency)
        self.conversations = Conversations(self._transport, concurrency=concurrency)
        self.customers = Customers(self._transport, concurrency=concurrency)
        self.mailboxes = Mailboxes(self._transport, concurrency=concurrency)
        self.users = Users(self._transport, concurrency=concurrency)
        self.teams = Teams(self._transport, concurrency=concurrency)
        self.tags = Tags(self._transport, concurrency=concurrency)
        self.workflows = Workflows(self._transport, concurrency=concurrency)
        self.ratings = Ratings(self._transport, concurrency=concurrency)
        self.reports = Reports(self._transport, concurrency=concurrency)
        self.webhooks = Webhooks(self._transport, concurrency=concurrency)
        self.organizations = Organizations(self._transport, concurrency=concurrency)
        self.organization_properties = OrganizationProperties(
            self._transport, concurrency=concurrency
        )
        self.saved_replies = SavedReplies(self._transport, concurrency=concurrency)
        self.system_users = SystemUsers(self._transport, concurrency=concurrency)
        self.chats = Chats(self._transport, concurrency=concurrency)
        # coverage B: customer entries and properties
        self.customer_address = CustomerAddress(self._transport, concurrency=concurrency)
        self.customer_chats = CustomerChats(self._transport, concurrency=concurrency)
        self.customer_emails = CustomerEmails(self._transport, concurrency=concurrency)
        self.customer_phones = CustomerPhones(self._transport, concurrency=concurrency)
        self.customer_social_profiles = CustomerSocialProfiles(
            self._transport, concurrency=concurrency
        )
        self.customer_websites = CustomerWebsites(self._transport, concurrency=concurrency)
        self.customer_properties = CustomerProperties(self._transport, concurrency=concurrency)

    def __repr__(self) -> str:
        """Show the API root and the kind of auth, never a token or secret."""
        return f"HelpScout(base_url={self.base_url!r}, auth={self._transport.auth!r})"

    @property
    def base_url(self) -> str:
        """The API root requests go to (``https://api.helpscout.net/v2``)."""
        return self._transport.base_url

    @property
    def rate_limit_status(self) -> RateLimitStatus | None:
        """The rate-limit figures of the latest response (``None`` before the first).

        Returns:
            What the last answer's ``X-RateLimit-*`` headers said, with its arrival
            time; ``None`` until a response has arrived.
        """
        return self._transport.status

    @property
    def requests_sent(self) -> int:
        """How many API requests (including retries) this client has sent.

        Returns:
            The count since the client was made; token requests are not included.
        """
        return self._transport.requests_sent

    @property
    def rate_limited(self) -> int:
        """How many 429 answers this client has received.

        Returns:
            The count since the client was made.
        """
        return self._transport.rate_limited

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: Any = None,
    ) -> Any:
        """Call an operation the library does not cover yet, with the same budget and care.

        The request spends the account's budget (a write weighs ``write_weight``),
        carries the token, is retried by the rules of its method (a POST only when it
        certainly did not arrive, or on a 429) and fails with the same typed errors.

        Args:
            method: GET, POST, PUT, PATCH or DELETE.
            path: ``/v2/...`` or ``/v3/...`` from the API's root, or a path without a
                version, relative to ``base_url`` (``/conversations`` is
                ``{base_url}/conversations``). An absolute URL must be on the API's host.
            params: query parameters (``None`` values are dropped; lists are joined
                with commas, datetimes sent as ISO UTC).
            json: a JSON body.

        Returns:
            The parsed JSON answer, or ``None`` for an empty one (e.g. a 204).

        Raises:
            ValueError: a bad method or path (before any request).
            APIError: the API answered with an error status.
            TransportError: no usable answer.
        """
        if not isinstance(method, str) or method.upper() not in _METHODS:
            raise ValueError(f"method must be one of {', '.join(_METHODS)}, got {method!r}")
        if not isinstance(path, str):
            raise TypeError(f"path must be a str like '/v2/tags', got {type(path).__name__}")
        response = await self._transport.request(method, path, params=params, json_body=json)
        return response.json()

    def parallelism(self) -> int:
        """Requests worth having in flight to keep the budget busy.

        Returns:
            The limiter's rate x latency (1 if it cannot say), at most ``max_connections``.
        """
        return self._transport.parallelism()

    async def aclose(self) -> None:
        """Close the client: its HTTP session if it created it, and every later call.

        A borrowed ``session`` is left open for its owner. Requests still in flight
        fail with ``ClientClosed`` and are not sent again; so does every call made
        afterwards (nothing reopens a closed client). Call it (or use ``async
        with``) once the client's work is done; calling it twice is harmless.
        """
        await self._transport.close()

    async def __aenter__(self) -> HelpScout:
        """Return the client itself; ``async with`` closes it on the way out."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the client (see :meth:`aclose`), whatever ended the block."""
        await self.aclose()
