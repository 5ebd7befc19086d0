"""Raw JSON reads through a ``HelpScout`` client: same budget, auth, retries, errors.

The facade returns the API's bodies as received (plus what the spec's shapes add),
so it reads JSON, not models, through ``client.request`` (the client's escape
hatch for any operation).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..client import HelpScout
from ..errors import HelpScoutError

Params = Mapping[str, str | int | None]


async def get_json(client: HelpScout, path: str, params: Params | None = None) -> Any:
    """``GET path`` (relative to the client's ``base_url``) as parsed JSON.

    ``None`` values in ``params`` are left out.

    Raises:
        HelpScoutError: the API's errors, network failures, a body that is not JSON.
    """
    sent = {k: v for k, v in (params or {}).items() if v is not None}
    return await client.request("GET", path, params=sent or None)


async def get_object(client: HelpScout, path: str, params: Params | None = None) -> dict[str, Any]:
    """``GET path`` whose body must be a JSON object.

    Raises:
        HelpScoutError: as ``get_json``, or a body that is not an object.
    """
    body = await get_json(client, path, params)
    if not isinstance(body, dict):
        raise HelpScoutError(f"GET {path}: expected a JSON object, got {type(body).__name__}")
    return body
