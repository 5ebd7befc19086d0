"""What every resource group shares: thin calls on the transport plus structuring.

Resources validate arguments, call the transport with method, path, params and
body, and structure the result; they know nothing of retries, tokens or limits.
"""

from __future__ import annotations

from typing import Any, TypeVar

from .._convert import structure, structure_many
from .._transport import Params, Transport
from ..errors import HelpScoutError
from ..pagination import Stream

T = TypeVar("T")

AUTO_CONCURRENCY = 4
"""The least number of pages a stream fetches at once when no concurrency is set."""


class Resource:
    """Base of a resource group bound to one client's transport."""

    def __init__(self, transport: Transport, *, concurrency: int | None) -> None:
        self._transport = transport
        self._concurrency = concurrency

    async def _get_json(self, path: str, params: Params | None = None) -> Any:
        response = await self._transport.request("GET", path, params=params)
        return response.json()

    async def _get(self, path: str, model: type[T], params: Params | None = None) -> T:
        return structure(await self._get_json(path, params), model)

    def _list(
        self,
        path: str,
        key: str,
        model: type[T],
        params: Params | None = None,
        *,
        page: int | None = None,
        concurrency: int | None = None,
    ) -> Stream[T]:
        """A stream over a HAL list; ``page`` starts the walk at that page."""
        fixed = dict(params or {})

        async def fetch(number: int) -> Any:
            return await self._get_json(path, {**fixed, "page": number})

        return Stream(
            fetch,
            key=key,
            convert=lambda items: structure_many(items, model),
            concurrency=concurrency or self._concurrency or self._auto_window,
            start_page=page or 1,
        )

    def _auto_window(self) -> int:
        """Pages in flight when none was set: 4, or more if latency would idle the budget."""
        return max(AUTO_CONCURRENCY, self._transport.parallelism())

    async def _create(self, path: str, body: Any) -> int:
        """POST ``body``; the new resource's id from ``Resource-ID`` or ``Location``."""
        response = await self._transport.request("POST", path, json_body=body)
        new_id = response.resource_id
        if new_id is None:
            raise HelpScoutError(
                f"POST {path} answered {response.status} without a Resource-ID or Location"
            )
        return new_id

    async def _send(self, method: str, path: str, body: Any = None) -> None:
        """A write whose answer (204) carries nothing."""
        await self._transport.request(method, path, json_body=body)
