"""The shape of the API's facts: an ``Operation`` row and a family ``Profile``.

Plain data (attrs, no I/O, no aiohttp): the client and the fake server both read
it, and they still meet only over HTTP. An operation is written once, as a row;
what follows from its method (success status, retry class, the DELETE rule, how a
new id comes back) is derived by ``row()`` unless the row says otherwise.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import parse_qsl, quote

import attrs

AuthKind = Literal["bearer", "basic"]
IdType = Literal["int", "hex24", "uuid"]
ErrorShape = Literal["hal", "code-error"]
RetryClass = Literal["idempotent", "post", "client-key"]
"""``idempotent``: retried on 429, 5xx and lost answers. ``post``: only on 429 or when
certainly unsent. ``client-key``: the request carries a client-chosen key (Chat's
message UUID) so a repeat is recognised by the server, and it is retried like
``idempotent``."""
NewId = Literal["resource-id", "location", "body"]
"""``resource-id``: the ``Resource-ID`` header, else the tail of ``Location``;
``location``: only the tail of ``Location``; ``body``: the ``id`` of the JSON body."""
PageShape = Literal["hal", "cursor", "docs", "array", "embedded"]
"""``hal``: ``_embedded.{key}`` with ``page.{number,totalPages}`` (random access);
``cursor``: v3, follow ``_links.next`` serially; ``docs``: ``{key: {page, pages,
count, items}}``; ``array``: a bare JSON array; ``embedded``: one unpaged
``_embedded.{key}``."""

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PARAM = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_VERSION = re.compile(r"/v\d+$")


@attrs.frozen(kw_only=True)
class Profile:
    """What one API family shares: host, auth, rate-limit headers and budget, ids.

    Attributes:
        name: the family ("mailbox", "docs", "chat").
        base_url: the default base URL, as users pass it (``.../v2``).
        prefixes: the path prefixes (API versions) the family's rows use.
        auth: ``bearer`` (OAuth2 token) or ``basic`` (API key as user, ``X`` password).
        token_path: where OAuth2 tokens are obtained, relative to the API root.
        limit_header, remaining_header, reset_header: the rate-limit headers.
        retry_after_headers: where a 429 says how long to wait, in order of trust.
        per_window, window, write_weight: the default budget (units per window of
            ``window`` seconds; a write costs ``write_weight``).
        error_shape: the error body the family sends (``hal``: ``{logRef, message,
            _embedded.errors}``; ``code-error``: ``{code, error}``). Every shape is
            still read by its content, as the server may answer another.
        id_type: what ids look like in paths (``int``, ``hex24`` or ``uuid``).
        doc_root: the URL the rows' ``doc`` pages are relative to.
    """

    name: str
    base_url: str
    prefixes: tuple[str, ...]
    auth: AuthKind
    token_path: str | None
    limit_header: str
    remaining_header: str
    reset_header: str | None
    retry_after_headers: tuple[str, ...]
    per_window: int
    window: float
    write_weight: int
    error_shape: ErrorShape
    id_type: IdType
    doc_root: str

    def root(self, base_url: str | None = None) -> str:
        """The API root of ``base_url`` (default the family's): a trailing ``/vN`` stripped."""
        return api_root(base_url or self.base_url)


def api_root(base_url: str) -> str:
    """``https://api.helpscout.net/v2`` -> ``https://api.helpscout.net`` (rows carry ``/v2``)."""
    base = base_url.rstrip("/")
    return _VERSION.sub("", base)


@attrs.frozen(kw_only=True)
class Operation:
    """One operation of the API, as data. Build rows with ``row()``.

    Attributes:
        family: the API family ("mailbox", "docs", "chat").
        name: the client call that performs it, e.g. ``conversations.update_tags``.
        method: the HTTP method.
        path: the path template exactly as Help Scout documents it, version included
            (``/v2/conversations/{conversation_id}/tags``).
        doc: the documentation page, relative to the profile's ``doc_root``.
        ok: the success statuses the API documents.
        retry: the retry class (see ``RetryClass``).
        gone_is_done: a 404 after an attempt that may have applied means done (DELETE).
        new_id: how a created resource's id comes back (see ``NewId``), or ``None``.
        page: the page shape of a list (see ``PageShape``), or ``None``.
        key: the items' key in a list body (``conversations``).
        page_size: the server's fixed page size, where the API fixes one.
        model: the name of the model class in ``helpscout_async.models``.
        cost: budget units, when the family's rule (1 a read, ``write_weight`` a
            write) does not hold for this operation.
        accept: the ``Accept`` header the operation needs, when it is not the
            family's JSON (``message/rfc822`` for a thread's original source); its
            answer is then read as bytes, not JSON.
    """

    family: str
    name: str
    method: str
    path: str
    doc: str
    ok: frozenset[int]
    retry: RetryClass
    gone_is_done: bool
    new_id: NewId | None
    page: PageShape | None
    key: str | None
    page_size: int | None
    model: str | None
    cost: int | None
    accept: str | None = None

    @property
    def group(self) -> str:
        """The resource group (``conversations`` of ``conversations.update_tags``)."""
        return self.name.split(".", 1)[0]

    @property
    def call(self) -> str:
        """The method name within the group (``update_tags``)."""
        return self.name.split(".", 1)[1]

    @property
    def params(self) -> tuple[str, ...]:
        """The path parameters, in order (``("conversation_id",)``)."""
        return tuple(_PARAM.findall(self.path))

    @property
    def route(self) -> str:
        """The path template without its fixed query (``/v2/customers/{customer_id}``).

        A documented path may carry a fixed query (``...?async=true``): rows sharing a
        method and route are variants of one endpoint, served by one handler.
        """
        return self.path.partition("?")[0]

    @property
    def query(self) -> dict[str, str]:
        """The fixed query of the path template (``{"async": "true"}``), usually empty."""
        return dict(parse_qsl(self.path.partition("?")[2]))

    @property
    def write(self) -> bool:
        """Whether the API counts it as a write (POST, PUT, PATCH, DELETE)."""
        return self.method in WRITE_METHODS

    def units(self, write_weight: int) -> int:
        """Budget units it spends when writes weigh ``write_weight``."""
        if self.cost is not None:
            return self.cost
        return write_weight if self.write else 1

    def fill(self, args: dict[str, object]) -> str:
        """The route with its parameters filled in (each one URL-quoted); ``query`` goes apart."""
        missing = set(self.params) - set(args)
        extra = set(args) - set(self.params)
        if missing or extra:
            raise TypeError(
                f"{self.name}: path {self.path} takes {list(self.params)}, got {sorted(args)}"
            )
        return _PARAM.sub(lambda m: quote(str(args[m.group(1)]), safe=""), self.route)


_OK = {"GET": frozenset({200}), "POST": frozenset({201}), "PUT": frozenset({204})}


def row(
    family: str,
    name: str,
    method: str,
    path: str,
    doc: str,
    *,
    ok: frozenset[int] | None = None,
    retry: RetryClass | None = None,
    gone_is_done: bool | None = None,
    new_id: NewId | Literal["auto"] | None = "auto",
    page: PageShape | None = None,
    key: str | None = None,
    page_size: int | None = None,
    model: str | None = None,
    cost: int | None = None,
    accept: str | None = None,
) -> Operation:
    """An ``Operation`` with what follows from its method filled in.

    Defaults: success 200 for GET, 201 for POST, 204 otherwise; retry class ``post``
    for POST, else ``idempotent``; a DELETE treats a 404 after a possibly-applied
    attempt as done; a POST answering 201 returns the new id from ``Resource-ID``.
    """
    method = method.upper()
    status = ok if ok is not None else _OK.get(method, frozenset({204}))
    if new_id == "auto":
        new_id = "resource-id" if method == "POST" and 201 in status else None
    return Operation(
        family=family,
        name=name,
        method=method,
        path=path,
        doc=doc,
        ok=status,
        retry=retry or ("post" if method == "POST" else "idempotent"),
        gone_is_done=method == "DELETE" if gone_is_done is None else gone_is_done,
        new_id=new_id,
        page=page,
        key=key,
        page_size=page_size,
        model=model,
        cost=cost,
        accept=accept,
    )
