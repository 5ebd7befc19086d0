"""What an aiohttp exception means for a request that got no answer.

Whether it may have reached the server (``maybe_sent``, which decides whether a POST
may be retried) and whether trying again could help. The transport classifies with
these; ``_decide`` judges the result.
"""

from __future__ import annotations

import aiohttp
from multidict import CIMultiDict, CIMultiDictProxy

from .errors import TransportError

__all__ = ["failure_of", "scrub", "transient"]


def failure_of(exc: BaseException, *, method: str, path: str) -> TransportError:
    """The ``TransportError`` for a request that got no response, saying if it may have gone.

    A refused or timed-out connection, a TLS failure or a bad URL means nothing was sent;
    anything after the connection was made (a drop, a timeout, a cut body) may have been.
    """
    if isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError):
        maybe_sent = False
        text = f"could not connect: {getattr(exc, 'os_error', None) or _describe(exc)}"
    else:
        maybe_sent = isinstance(exc, TimeoutError | aiohttp.ClientError) and not isinstance(
            exc, aiohttp.InvalidURL
        )
        text = _describe(exc)
    failure = TransportError(text, method=method, path=path, maybe_sent=maybe_sent)
    failure.__cause__ = scrub(exc)
    return failure


def scrub(exc: BaseException) -> BaseException:
    """``exc`` and its chain made safe to show: no request headers, no frames.

    aiohttp's ``ClientResponseError`` keeps the request's headers in
    ``request_info`` (``Authorization: Bearer ...`` in its ``repr``), and its
    traceback's frames hold them as locals; both go. The chain is walked, bounded.
    """
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen and len(seen) < 16:
        seen.add(id(link))
        info = getattr(link, "request_info", None)
        if isinstance(info, aiohttp.RequestInfo):
            safe: CIMultiDictProxy[str] = CIMultiDictProxy(CIMultiDict())
            link.request_info = aiohttp.RequestInfo(info.url, info.method, safe, info.real_url)  # type: ignore[attr-defined]
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc


def transient(failure: TransportError) -> bool:
    """Whether trying again could help: not for TLS certificate failures or bad URLs."""
    cause = failure.__cause__
    return not isinstance(cause, aiohttp.ClientSSLError | aiohttp.InvalidURL)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"
