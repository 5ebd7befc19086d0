"""What every resource group of every family shares: calls that name a row of the table.

Resources validate arguments and name their operation (``"conversations.get"``);
this layer fills the row's path template (checking each path argument against the
family's id type), and the transport takes cost, retry class and the DELETE rule
from the row. Resources know nothing of retries, tokens or limits, and build no
HTTP beyond method, path arguments, params and body.
"""

from __future__ import annotations

import urllib.parse
from typing import Any, TypeVar

from . import _api
from . import _validate as check
from ._convert import structure, structure_many
from ._pages import SHAPES
from ._transport import Form, Params, Response, Transport
from .errors import HelpScoutError
from .pagination import Stream

T = TypeVar("T")

_NEW_ID_WHERE = {
    "resource-id": "a Resource-ID or Location",
    "location": "a Location",
    "body": "an id in the body",
}

AUTO_CONCURRENCY = 4
"""The least number of pages a stream fetches at once when no concurrency is set."""


class Resource:
    """Base of a resource group bound to one client's transport.

    ``family`` names the API family of the group's rows when it is not the
    transport's own (the Chat API shares the Mailbox API's host, token and budget,
    but has its own rows and UUID ids).
    """

    family: str | None = None

    def __init__(self, transport: Transport, *, concurrency: int | None) -> None:
        self._transport = transport
        self._concurrency = concurrency

    def _profile(self) -> _api.Profile:
        return _api.PROFILES[self.family] if self.family else self._transport.profile

    def _row(self, name: str) -> _api.Operation:
        return _api.operation(name, self._profile().name)

    def _path(self, op: _api.Operation, args: dict[str, Any]) -> str:
        """The row's path with ``args`` checked (the family's id type) and filled in."""
        id_type = self._profile().id_type
        return op.fill({key: check.path_arg(key, value, id_type) for key, value in args.items()})

    async def _call(
        self,
        name: str,
        *,
        params: Params | None = None,
        json: Any = None,
        form: Form | None = None,
        **path: Any,
    ) -> Response:
        """Perform operation ``name`` with ``path`` arguments, query ``params`` and body.

        ``form`` is a multipart body (Docs uploads) instead of the JSON ``json``.
        """
        op = self._row(name)
        where = self._path(op, path)
        query = {**op.query, **params} if params else op.query or None
        return await self._transport.request(
            op.method, where, params=query, json_body=json, form=form, op=op
        )

    async def _fetch(
        self, name: str, model: type[T], params: Params | None = None, **path: Any
    ) -> T:
        """A read whose JSON answer is structured as ``model``."""
        response = await self._call(name, params=params, **path)
        return structure(response.json(), model)

    async def _create(self, name: str, body: Any, **path: Any) -> int:
        """A create; the new resource's id, read where the row says it comes back."""
        op = self._row(name)
        response = await self._call(name, json=body, **path)
        new_id = response.new_id(op.new_id)
        if new_id is None:
            raise HelpScoutError(
                f"{op.method} {op.path} answered {response.status} without "
                f"{_NEW_ID_WHERE.get(op.new_id or '', 'the new id')}"
            )
        return new_id

    async def _send(self, name: str, body: Any = None, **path: Any) -> None:
        """A write whose answer (204) carries nothing."""
        await self._call(name, json=body, **path)

    def _stream(
        self,
        name: str,
        model: type[T],
        params: Params | None = None,
        *,
        page: int | None = None,
        concurrency: int | None = None,
        **path: Any,
    ) -> Stream[T]:
        """A stream over a list operation; ``page`` starts the walk at that page."""
        op = self._row(name)
        if op.key is None or op.page is None:
            raise TypeError(f"{name} is not a list operation")
        if op.model != model.__name__:
            raise TypeError(f"{name} lists {op.model}, not {model.__name__}")
        where = self._path(op, path)
        fixed = {**op.query, **(params or {})}
        transport = self._transport
        shape = SHAPES[op.page]

        async def fetch(number: int) -> Any:
            query = {**fixed, "page": number} if shape.numbered else fixed
            response = await transport.request(op.method, where, params=query, op=op)
            return response.json()

        async def follow(link: str) -> Any:
            # The link carries the cursor; the caller's filters go along unless it has them.
            parts = urllib.parse.urlsplit(link)
            query = {**fixed, **dict(urllib.parse.parse_qsl(parts.query))}
            target = urllib.parse.urlunsplit(parts._replace(query=""))
            response = await transport.request(op.method, target, params=query, op=op)
            return response.json()

        if page is not None and not shape.numbered:
            raise ValueError(f"page: {name} is not numbered ({shape.name} pages); leave it out")
        return Stream(
            fetch,
            key=op.key,
            convert=lambda items: structure_many(items, model),
            concurrency=(
                check.positive_count("concurrency", concurrency)
                if concurrency is not None
                else self._concurrency or self._auto_window
            ),
            start_page=1 if page is None else check.page_number(page),
            shape=shape,
            follow=follow,
        )

    def _auto_window(self) -> int:
        """Pages in flight when none was set: 4, or what the budget can take at once (burst
        credit) or needs to stay busy (rate x latency), up to the connections."""
        return max(AUTO_CONCURRENCY, self._transport.lookahead())
