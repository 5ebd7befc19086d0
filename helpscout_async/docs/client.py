"""``Docs``: the client of Help Scout's Docs API v1, with its own key, budget and session.

It shares the machinery of ``HelpScout`` (one transport: limiter, retries, typed errors,
the same ``Stream``) and differs where the family does, as its profile says: HTTP
Basic with the API key as user name and ``X`` as password, 24-hex ids, lists wrapped
as ``{"articles": {"page", "pages", "count", "items"}}``, and a budget of its own of
2000, 3000 or 4000 requests per 10 minutes for 1, 2 or 3+ sites, every request
weighing 1, learned from ``X-RateLimit-Limit`` / ``-Remaining`` / ``-Reset``.
"""

from __future__ import annotations

import os
from types import TracebackType
from typing import Any

import aiohttp

from .. import _api
from .._transport import Params, Transport
from ..auth import StaticToken
from ..ratelimit import AccountLimiter, Limiter, RateLimit, RateLimitStatus
from .articles import Articles
from .assets import Assets
from .categories import Categories
from .library import Collections
from .redirects import Redirects
from .sites import Sites

PROFILE = _api.PROFILES["docs"]
USER_AGENT = "helpscout-async/0.1"
_METHODS = ("GET", "POST", "PUT", "DELETE")

_MISSING_KEY = (
    "no Docs API key: pass api_key= or set HELPSCOUT_DOCS_API_KEY (Help Scout: Your Profile "
    "> Authentication > API Keys)"
)


def docs_rate_limit(sites: int = 1, *, window: float | None = None) -> RateLimit:
    """The Docs budget Help Scout gives an account with ``sites`` Docs sites.

    Args:
        sites: the account's number of Docs sites (2000 requests per 10 minutes for
            1, 3000 for 2, 4000 for 3 or more).
        window: the window in seconds (600 live; tests shrink it).

    Returns:
        A ``RateLimit`` with every request weighing 1 and no burst rule.

    Raises:
        TypeError, ValueError: ``sites`` is not a positive int.
    """
    if isinstance(sites, bool) or not isinstance(sites, int):
        raise TypeError(f"sites must be a positive int, got {type(sites).__name__}")
    if sites < 1:
        raise ValueError(f"sites must be >= 1, got {sites!r}")
    return RateLimit(
        per_minute=_api.docs.limit_for_sites(sites),
        window=PROFILE.window if window is None else window,
        write_weight=PROFILE.write_weight,
        writes_per_burst=None,
    )


class Docs:
    """An async client of the Help Scout Docs API v1 (the knowledge base).

    Use it as ``async with Docs(api_key=...) as docs:``; the key defaults to
    ``HELPSCOUT_DOCS_API_KEY``. Its budget is separate from the Mailbox API's: pass
    one limiter object to several ``Docs`` clients of the same account to share it.

    Args:
        api_key: the Docs API key of a Help Scout user (sent as HTTP Basic user name).
        base_url: the API root (env ``HELPSCOUT_DOCS_BASE_URL``; default the real API).
        session: an ``aiohttp.ClientSession`` to borrow (left open on close).
        timeout: seconds for one request, end to end.
        sites: the account's number of Docs sites, which sets the default budget.
        rate_limit: the budget; ignored when ``limiter`` is given.
        limiter: any object of the ``Limiter`` protocol.
        max_retries, max_wait: bound the retries of one request and their total wait.
        raise_on_rate_limit: raise ``RateLimited`` at once instead of waiting.
        concurrency: pages fetched at once by a stream (default: adapts to latency).
        max_connections: requests in flight at once.
        user_agent: the ``User-Agent`` header.

    Raises:
        ValueError: no API key, or a bad setting.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        session: aiohttp.ClientSession | None = None,
        timeout: float = 30.0,
        sites: int = 1,
        rate_limit: RateLimit | None = None,
        limiter: Limiter | None = None,
        max_retries: int = 5,
        max_wait: float = 120.0,
        raise_on_rate_limit: bool = False,
        concurrency: int | None = None,
        max_connections: int = 100,
        user_agent: str = USER_AGENT,
    ) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0 seconds, got {timeout!r}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries!r}")
        if concurrency is not None and concurrency < 1:
            raise ValueError(f"concurrency must be >= 1 or None (auto), got {concurrency!r}")
        if max_connections < 1:
            raise ValueError(f"max_connections must be >= 1, got {max_connections!r}")
        key = api_key or os.environ.get("HELPSCOUT_DOCS_API_KEY") or None
        if key is None:
            raise ValueError(_MISSING_KEY)
        if not isinstance(key, str) or not key.strip() or ":" in key:
            raise ValueError("api_key must be a non-blank string without ':'")
        base = (base_url or os.environ.get("HELPSCOUT_DOCS_BASE_URL") or PROFILE.base_url).rstrip(
            "/"
        )
        if not base.startswith(("http://", "https://")):
            raise ValueError(f"base_url must start with http:// or https://, got {base!r}")
        policy = rate_limit or docs_rate_limit(sites)
        self.limiter: Limiter = limiter if limiter is not None else AccountLimiter(policy)
        self._transport = Transport(
            base_url=base,
            token_url=None,
            auth=StaticToken(key),
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
        )
        options: dict[str, Any] = {"concurrency": concurrency, "api_key": key}
        self.articles = Articles(self._transport, **options)
        self.assets = Assets(self._transport, **options)
        self.categories = Categories(self._transport, **options)
        self.collections = Collections(self._transport, **options)
        self.redirects = Redirects(self._transport, **options)
        self.sites = Sites(self._transport, **options)

    def __repr__(self) -> str:
        return f"Docs(base_url={self.base_url!r}, auth={self._transport.auth!r})"

    @property
    def base_url(self) -> str:
        """The API root requests go to."""
        return self._transport.base_url

    @property
    def rate_limit_status(self) -> RateLimitStatus | None:
        """The rate-limit figures of the latest response (``None`` before the first)."""
        return self._transport.status

    @property
    def requests_sent(self) -> int:
        """How many API requests (including retries) this client has sent."""
        return self._transport.requests_sent

    @property
    def rate_limited(self) -> int:
        """How many 429 answers this client has received."""
        return self._transport.rate_limited

    async def request(
        self, method: str, path: str, *, params: Params | None = None, json: Any = None
    ) -> Any:
        """Call a Docs operation the library does not cover, with the same budget and care.

        Args:
            method: GET, POST, PUT or DELETE.
            path: ``/v1/...``, or a path relative to ``base_url``.
            params: query parameters.
            json: a JSON body.

        Returns:
            The parsed JSON answer, or ``None`` for an empty one.

        Raises:
            ValueError: a bad method or path (before any request).
            APIError: the API answered with an error status.
            TransportError: no usable answer.
        """
        if not isinstance(method, str) or method.upper() not in _METHODS:
            raise ValueError(f"method must be one of {', '.join(_METHODS)}, got {method!r}")
        if not isinstance(path, str):
            raise TypeError(f"path must be a str like '/v1/sites', got {type(path).__name__}")
        response = await self._transport.request(method, path, params=params, json_body=json)
        return response.json()

    async def aclose(self) -> None:
        """Close the HTTP session if the client created it."""
        await self._transport.close()

    async def __aenter__(self) -> Docs:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
