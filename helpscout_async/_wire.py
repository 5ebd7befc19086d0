"""What goes over the wire besides bytes: query parameters, a successful ``Response``.

Pure helpers the resources and the transport share (no aiohttp).
"""

from __future__ import annotations

import base64
import email.utils
import re
import urllib.parse
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import attrs

from . import _api, _json, _retry
from ._decide import UNPARSED, Answer, origin_of
from .errors import BadResponse, HelpScoutError, resource_id_from_location
from .ratelimit import RateLimitInfo, RateLimitStatus


def rate_status(info: RateLimitInfo, headers: Mapping[str, str]) -> RateLimitStatus:
    """The status a response's ``RateLimitInfo`` gives, stamped now (and with its ``Date``)."""
    return RateLimitStatus(
        limit=info.limit,
        remaining=info.remaining,
        retry_after=info.retry_after,
        at=datetime.now(UTC),
        server_date=_http_date(headers.get("Date")),
    )


def _http_date(raw: str | None) -> datetime | None:
    """An HTTP ``Date`` header as an aware UTC datetime, or ``None`` if absent or bad."""
    if not raw:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def rate_info(
    answer: Answer, profile: _api.Profile, *, sent_at: float, latency: float
) -> RateLimitInfo:
    """What an answer says of the budget, read from the family's rate-limit headers."""
    headers, status = answer.headers, answer.status
    wait_hint = _retry.retry_after(headers, names=profile.retry_after_headers)
    return RateLimitInfo(
        status=status,
        limit=_retry.int_header(headers, profile.limit_header),
        remaining=_retry.int_header(headers, profile.remaining_header),
        retry_after=wait_hint if status == 429 else None,
        sent_at=sent_at,
        latency=latency,
    )


_VERSIONED = re.compile(r"/v\d+/")


@attrs.frozen(kw_only=True)
class Urls:
    """Where one client's requests go: ``base_url`` as given, its API root, its origin.

    Operation rows carry their version (``/v2/...``, ``/v3/...``), so they start at the
    root: ``base_url`` without its trailing ``/vN``.
    """

    base_url: str
    root: str
    origin: str
    token_url: str

    @classmethod
    def of(cls, base_url: str, token_url: str | None, profile: _api.Profile) -> Urls:
        """The URLs of a client of ``profile``'s family; ``token_url`` must be on its host."""
        base = base_url.rstrip("/")
        root = profile.root(base)
        token = token_url or f"{root}{profile.token_path or '/oauth2/token'}"
        origin = origin_of(base)
        if origin_of(token) != origin:
            raise ValueError(
                f"token_url {token!r} is not on the API's host {origin!r}; "
                "credentials are only ever sent to the API's own host"
            )
        return cls(base_url=base, root=root, origin=origin, token_url=token)

    def url_for(self, path: str) -> str:
        """The absolute URL of ``path``; an absolute URL must be on the API's own host.

        A versioned path (``/v2/...``) starts at the API root; any other path is
        relative to ``base_url``.
        """
        if path.startswith(("http://", "https://")):
            if origin_of(path) != self.origin:
                raise ValueError(
                    f"refusing to send the bearer token to {origin_of(path)!r}: "
                    f"only {self.origin!r} is the API's host"
                )
            return path
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/': {path!r}")
        return (self.root if _VERSIONED.match(path) else self.base_url) + path


def authorization(profile: _api.Profile, token: str) -> str:
    """The ``Authorization`` value: a bearer token, or HTTP Basic ``key:X`` (Docs)."""
    if profile.auth == "basic":
        return "Basic " + base64.b64encode(f"{token}:X".encode()).decode("ascii")
    return f"Bearer {token}"


ParamValue = str | int | float | bool | datetime | list[Any] | tuple[Any, ...] | None
Params = Mapping[str, ParamValue]


@attrs.frozen(kw_only=True)
class Response:
    """A successful response: status, headers and the raw body."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str
    parsed: Any = attrs.field(default=UNPARSED, eq=False, repr=False)

    @classmethod
    def of(cls, answer: Answer, url: str, parsed: Any) -> Response:
        """The response of a successful ``answer`` (``parsed``: its JSON, if already read)."""
        return cls(
            status=answer.status, headers=answer.headers, body=answer.body, url=url, parsed=parsed
        )

    def json(self) -> Any:
        """The body parsed as JSON (``None`` for an empty body)."""
        if self.parsed is not UNPARSED:
            return self.parsed
        if not self.body:
            return None
        try:
            return _json.loads(self.body)
        except ValueError:
            # e.g. a proxy's or captive portal's HTML page sent with status 200
            kind = self.headers.get("Content-Type") or "no Content-Type"
            path = urllib.parse.urlsplit(self.url).path
            raise BadResponse(
                f"{path}: the {len(self.body)}-byte success body is not JSON ({kind})"
            ) from None

    @property
    def resource_id(self) -> int | None:
        """The id of a created resource: ``Resource-ID``, else the tail of ``Location``."""
        raw = self.headers.get("Resource-ID")
        if raw is not None and raw.strip().isdigit():
            return int(raw)
        return resource_id_from_location(self.headers.get("Location"))

    def new_id(self, kind: _api.NewId | None) -> int | None:
        """The created resource's id, read as an operation's row says (``None`` if absent)."""
        if kind == "resource-id":
            return self.resource_id
        if kind == "location":
            return resource_id_from_location(self.headers.get("Location"))
        if kind == "body":
            body = self.json()
            found = body.get("id") if isinstance(body, Mapping) else None
            return found if isinstance(found, int) and not isinstance(found, bool) else None
        return None


def format_param(value: ParamValue) -> str:
    """One query value as the API expects it: booleans lowercase, times ISO ``Z``, lists comma."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"datetime {value!r} has no timezone; pass an aware datetime (UTC)")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, list | tuple):
        return ",".join(format_param(v) for v in value)
    return str(value)


def encode_params(params: Params | None) -> dict[str, str]:
    """Query parameters with ``None`` values dropped and every value formatted."""
    if not params:
        return {}
    return {key: format_param(value) for key, value in params.items() if value is not None}


def token_reply(response: Response) -> dict[str, Any]:
    """The token endpoint's JSON object; anything else is a ``HelpScoutError``."""
    try:
        reply = response.json()
    except (ValueError, BadResponse):
        reply = None
    if not isinstance(reply, dict):
        path = urllib.parse.urlsplit(response.url).path
        raise HelpScoutError(f"POST {path}: the token endpoint did not answer with JSON")
    return reply
