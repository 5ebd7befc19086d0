"""The exception tree, and the pure function that reads an error body by its shape.

Every failure a caller can meet is a ``HelpScoutError``: ``APIError`` (the server
answered with an error status) with one subclass per status family, or
``TransportError`` (no usable answer), or ``StructureError`` (an answer that does not
fit its model). Messages name the method, path, status,
server message, ``logRef`` and per-field errors, and never a credential.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = [
    "APIError",
    "BadRequest",
    "BadResponse",
    "ClientClosed",
    "Conflict",
    "FieldError",
    "Forbidden",
    "HelpScoutError",
    "Moved",
    "NotFound",
    "RateLimited",
    "ResponseTooLarge",
    "ServerError",
    "StructureError",
    "TransportError",
    "Unauthorized",
    "ValidationError",
    "error_for_status",
    "parse_error_body",
    "resource_id_from_location",
]


@attrs.frozen(kw_only=True)
class FieldError:
    """One per-field validation error from ``_embedded.errors``.

    Attributes:
        path: the offending field (``customer.email``), or ``None`` for the body.
        message: what the server said is wrong with it.
        rejected_value: the value the server refused, when it quotes one.
        source: where the server found it (``JSON``, ``Query``), when it says.
    """

    path: str | None
    message: str
    rejected_value: Any = None
    source: str | None = None

    def __str__(self) -> str:
        where = self.path or "(body)"
        text = f"{where}: {self.message}"
        if self.rejected_value is not None:
            text += f" (rejected {self.rejected_value!r})"
        return text


class HelpScoutError(Exception):
    """Base of every error this library raises on purpose.

    Catch it to handle any failure of a call: an error status (:class:`APIError`), no
    usable answer (:class:`TransportError`) or a body that does not fit its model
    (:class:`StructureError`). Argument mistakes are ``TypeError``/``ValueError``
    instead, raised before any request is sent.
    """


class TransportError(HelpScoutError):
    """The request got no usable HTTP answer: connection refused or dropped, timeout.

    Attributes:
        method: the request's HTTP method.
        path: its path, without the query string.
        maybe_sent: whether the request may have reached the server: when it is
            true, a non-idempotent request (POST) may already have taken effect, so
            check before sending it again.
    """

    def __init__(self, message: str, *, method: str, path: str, maybe_sent: bool) -> None:
        """Describe a request that got no usable answer.

        Args:
            message: what went wrong (``connection refused``, ``timed out after 30 s``).
            method: the request's HTTP method.
            path: its path, without the query string.
            maybe_sent: whether the request may have reached the server.
        """
        self.method = method
        self.path = path
        self.maybe_sent = maybe_sent
        super().__init__(f"{method} {path}: {message}")


class BadResponse(HelpScoutError):
    """The server answered, but not with anything usable.

    A success body that is not JSON (an HTML page with status 200), JSON nested too
    deeply, page figures (``totalPages``, ``number``) that are not numbers, a redirect
    that carries a user name or password, or a body over the size cap
    (:class:`ResponseTooLarge`). The message says which; it is not retried.
    """


class ResponseTooLarge(BadResponse):
    """A response body grew past the client's ``max_response_bytes`` (decoded).

    Attributes:
        limit: the cap in bytes; reading stopped once the body passed it.
    """

    def __init__(self, message: str, *, limit: int) -> None:
        """Describe a body over the cap.

        Args:
            message: what was being read (method and path).
            limit: the cap in bytes.
        """
        self.limit = limit
        super().__init__(message)


class ClientClosed(HelpScoutError, RuntimeError):
    """The client was closed (``aclose()``), or is used outside the event loop it belongs to.

    Nothing reopens a closed client: make a new one.
    """


class APIError(HelpScoutError):
    """The API answered with an error status.

    Attributes:
        status: the HTTP status code.
        message: the server's message (or a description of an unreadable body).
        log_ref: the server's ``logRef``, to quote to Help Scout support.
        errors: per-field errors of a validation failure.
        method: the HTTP method of the request that failed.
        path: its path, without the query string.
    """

    def __init__(
        self,
        *,
        status: int,
        message: str,
        log_ref: str | None = None,
        errors: tuple[FieldError, ...] = (),
        method: str = "",
        path: str = "",
    ) -> None:
        """Describe an error answer; ``str(error)`` puts every part on one line.

        Args:
            status: the HTTP status code.
            message: the server's message.
            log_ref: the server's ``logRef``, if it sent one.
            errors: per-field errors, if the body listed any.
            method: the request's HTTP method.
            path: its path, without the query string.
        """
        self.status = status
        self.message = message
        self.log_ref = log_ref
        self.errors = errors
        self.method = method
        self.path = path
        super().__init__(self._describe())

    def _describe(self) -> str:
        head = f"{self.method} {self.path} -> {self.status}".strip()
        text = f"{head}: {self.message}"
        if self.log_ref:
            text += f" (logRef {self.log_ref})"
        if self.errors:
            text += "; " + "; ".join(str(e) for e in self.errors)
        return text


class BadRequest(APIError):
    """400: the request was malformed."""


class ValidationError(BadRequest):
    """400/422 with per-field errors in ``errors``."""


class Unauthorized(APIError):
    """401: the token is missing, expired or revoked, or the credentials are wrong."""


class Forbidden(APIError):
    """403: the authenticated user may not do this."""


class NotFound(APIError):
    """404: no such resource (or not visible to this user)."""


class Conflict(APIError):
    """409: the resource is in a state that forbids the change."""


class RateLimited(APIError):
    """429: the account's rate budget is spent.

    Attributes:
        retry_after: seconds until the budget frees (``X-RateLimit-Retry-After``),
            or ``None`` if the server did not say.
    """

    def __init__(self, *, retry_after: float | None, **kwargs: Any) -> None:
        """Describe a 429 answer.

        Args:
            retry_after: seconds the server asked us to wait, if it said.
            **kwargs: the keywords of :class:`APIError`.
        """
        self.retry_after = retry_after
        super().__init__(**kwargs)

    def _describe(self) -> str:
        text = super()._describe()
        if self.retry_after is not None:
            text += f" (retry after {self.retry_after:g} s)"
        return text


class ServerError(APIError):
    """5xx: the server failed; safe requests are retried before this is raised."""


class Moved(APIError):
    """301/302/307/308: the resource lives elsewhere (e.g. a merged conversation).

    Attributes:
        location: the ``Location`` header, where the resource lives now.
        resource_id: the surviving resource's id when ``location`` ends in one.
    """

    def __init__(self, *, location: str | None, **kwargs: Any) -> None:
        """Describe a redirect the client did not follow.

        Args:
            location: the answer's ``Location`` header, if it had one.
            **kwargs: the keywords of :class:`APIError`.
        """
        self.location = location
        self.resource_id = resource_id_from_location(location)
        super().__init__(**kwargs)

    def _describe(self) -> str:
        return super()._describe() + f" (now at {self.location})"


class StructureError(HelpScoutError, ValueError):
    """A JSON body did not fit its model.

    Raised when the server's answer has the wrong type where a model needs another
    (a string id, a list where an object belongs); fields that are merely absent
    are ``None`` and unknown keys are ignored, so this means the body is broken.

    Attributes:
        model: the model class the body was structured into.
        messages: one line per bad field, each ending in ``@ $.path``.
        paths: the bad fields' paths (``$.assignee.id``).
    """

    def __init__(self, model: type[Any], messages: list[str]) -> None:
        """Describe a body that did not fit ``model``.

        Args:
            model: the model class the body was structured into.
            messages: one line per bad field, each ending in ``@ $.path``.
        """
        self.model = model
        self.messages = messages
        self.paths = [message.rpartition(" @ ")[2] for message in messages]
        super().__init__(f"cannot structure {model.__name__}: " + "; ".join(messages))


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    422: ValidationError,
}


def resource_id_from_location(location: str | None) -> int | None:
    """The integer id at the end of a ``Location`` URL, if there is one.

    Args:
        location: a ``Location`` header (``.../conversations/123``), or ``None``.

    Returns:
        The id (``123``), or ``None`` when the URL does not end in digits.
    """
    if not location:
        return None
    tail = location.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else None


def parse_error_body(
    body: bytes, reason: str = ""
) -> tuple[str, str | None, tuple[FieldError, ...]]:
    """Read ``(message, log_ref, field_errors)`` from an error body of any known shape.

    Shapes seen in the wild: ``{logRef, message, _embedded.errors[]}`` (v2),
    ``{message}`` (rate limit), ``{status, message}``, ``{code, error, validationErrors}``
    (v1), OAuth ``{error, error_description}``, and non-JSON or empty bodies. The
    content type is not trusted: the body is parsed by its shape.

    Args:
        body: the raw response body.
        reason: the HTTP reason phrase, the message of last resort.

    Returns:
        ``(message, log_ref, field_errors)``; never raises, whatever the body.
    """
    text = body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    if not isinstance(data, Mapping):
        snippet = " ".join(text.split())[:200]
        return (snippet or reason or "no error message in the response", None, ())
    log_ref = data.get("logRef")
    message = (
        data.get("message")
        or data.get("error_description")
        or data.get("error")
        or reason
        or "no error message in the response"
    )
    errors = _field_errors(data)
    return (str(message), str(log_ref) if log_ref else None, errors)


def _field_errors(data: Mapping[str, Any]) -> tuple[FieldError, ...]:
    embedded = data.get("_embedded")
    raw: Any = embedded.get("errors") if isinstance(embedded, Mapping) else None
    if raw is None:
        raw = data.get("validationErrors")
    if isinstance(raw, Mapping):  # v1: {field: message}
        raw = [{"path": key, "message": value} for key, value in raw.items()]
    if not isinstance(raw, list):
        return ()
    found = []
    for item in raw:
        if not isinstance(item, Mapping):
            continue
        found.append(
            FieldError(
                path=item.get("path") or item.get("property"),
                message=str(item.get("message", "")),
                rejected_value=item.get("rejectedValue", item.get("value")),  # v1: "value"
                source=item.get("source"),
            )
        )
    return tuple(found)


def error_for_status(
    status: int,
    body: bytes,
    *,
    method: str,
    path: str,
    reason: str = "",
    retry_after: float | None = None,
    location: str | None = None,
) -> APIError:
    """Build the typed exception for an error response.

    Args:
        status: the HTTP status code.
        body: the raw response body (any shape :func:`parse_error_body` reads).
        method: the request's HTTP method.
        path: its path, without the query string.
        reason: the HTTP reason phrase.
        retry_after: for a 429, the seconds the server asked us to wait.
        location: for a redirect, the ``Location`` header.

    Returns:
        The :class:`APIError` subclass for ``status`` (``ValidationError`` for a 400
        with field errors), ready to raise.
    """
    message, log_ref, errors = parse_error_body(body, reason)
    common: dict[str, Any] = {
        "status": status,
        "message": message,
        "log_ref": log_ref,
        "errors": errors,
        "method": method,
        "path": path,
    }
    if status == 429:
        return RateLimited(retry_after=retry_after, **common)
    if status in (301, 302, 303, 307, 308):
        return Moved(location=location, **common)
    if status >= 500:
        return ServerError(**common)
    cls = _BY_STATUS.get(status, APIError)
    if cls is BadRequest and errors:
        cls = ValidationError
    return cls(**common)
