"""What an aiohttp exception means for a request that got no answer.

Whether it may have reached the server (``maybe_sent``, which decides whether a POST
may be retried) and whether trying again could help. The transport classifies with
these; ``_decide`` judges the result.
"""

from __future__ import annotations

import aiohttp

from .errors import TransportError

__all__ = ["failure_of", "transient"]


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
    failure.__cause__ = exc
    return failure


def transient(failure: TransportError) -> bool:
    """Whether trying again could help: not for TLS certificate failures or bad URLs."""
    cause = failure.__cause__
    return not isinstance(cause, aiohttp.ClientSSLError | aiohttp.InvalidURL)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"
