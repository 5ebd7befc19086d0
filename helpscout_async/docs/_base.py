"""What every Docs resource group shares: envelopes, 24-hex ids, ``reload`` and uploads.

The Docs API wraps one item in its resource key (``{"article": {...}}``), answers a
create with ``201`` and the new id at the end of ``Location`` (24 hex digits, not an
integer), and takes ``reload=true`` to send the created or updated record back. This
layer turns those into typed results and checks every id before a request is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from .._convert import structure
from .._resource import Resource
from .._transport import FormValue, Params, Response, Transport
from ..errors import HelpScoutError

T = TypeVar("T")

_HEX24 = re.compile(r"[0-9a-fA-F]{24}")
_EXAMPLE = "'5214c77c45667acd25394b51'"

UploadFile = tuple[str, bytes] | tuple[str, bytes, str]
"""A file to upload: ``(filename, content)`` or ``(filename, content, content_type)``."""

FormField = tuple[str, FormValue]
"""One multipart field: a name and a text value or a file."""


def hex_id(name: str, value: Any) -> str:
    """A Docs id: a 24-hex string (``TypeError``/``ValueError`` naming ``name`` otherwise)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str id like {_EXAMPLE}, got {type(value).__name__}")
    if not _HEX24.fullmatch(value):
        raise ValueError(f"{name} must be a 24-hex id like {_EXAMPLE}, got {value!r}")
    return value


def hex_ids(name: str, values: Iterable[str] | None) -> list[str] | None:
    """A list of Docs ids (a single string is refused: pass a list)."""
    if values is None:
        return None
    if isinstance(values, str | bytes):
        raise TypeError(f"{name} must be a list of ids, not a single {type(values).__name__}")
    return [hex_id(f"{name}[{i}]", v) for i, v in enumerate(values)]


def id_or_number(name: str, value: Any) -> str | int:
    """What Get by id or number takes: a 24-hex id or a positive ``number``."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ValueError(f"{name} must be a 24-hex id or a positive number, got {value!r}")
        return value
    return hex_id(name, value)


def choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """``None`` or one of ``allowed``."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def text(name: str, value: Any, *, optional: bool = False) -> str | None:
    """A non-blank string (or ``None`` when ``optional``)."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must not be blank")
    return value


def page_size(value: int | None) -> int | None:
    """``pageSize``: 1 to 100 (the Docs API's maximum)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"page_size must be an int from 1 to 100, got {type(value).__name__}")
    if not 1 <= value <= 100:
        raise ValueError(f"page_size must be from 1 to 100 (the API's maximum), got {value!r}")
    return value


def body_of(**fields: Any) -> dict[str, Any]:
    """A request body from camelCase keyword fields, ``None`` ones left out."""
    return {key: value for key, value in fields.items() if value is not None}


def unwrap(data: Any, key: str, where: str) -> Any:
    """The item of a single-item envelope (``{"article": {...}}``); typed error if missing."""
    item = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(item, Mapping):
        got = type(data).__name__ if not isinstance(data, Mapping) else sorted(data)
        raise HelpScoutError(f"{where}: expected a {key!r} object in the answer, got {got}")
    return item


class DocsResource(Resource):
    """Base of a Docs resource group bound to one ``Docs`` client's transport."""

    def __init__(self, transport: Transport, *, concurrency: int | None, api_key: str) -> None:
        super().__init__(transport, concurrency=concurrency)
        self._api_key = api_key

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._transport.base_url}>"

    async def _item(
        self, name: str, key: str, model: type[T], params: Params | None = None, **path: Any
    ) -> T:
        """A read answering one item under ``key``, structured as ``model``."""
        response = await self._call(name, params=params, **path)
        return structure(unwrap(response.json(), key, name), model)

    def _new_id(self, name: str, response: Response) -> str:
        location = response.headers.get("Location") or ""
        tail = location.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        if not _HEX24.fullmatch(tail):
            raise HelpScoutError(
                f"{name}: answered {response.status} without a 24-hex id at the end of "
                f"Location (got {location!r})"
            )
        return tail

    async def _make(
        self,
        name: str,
        key: str,
        model: type[T],
        body: Any,
        *,
        reload: bool,
        form: list[FormField] | None = None,
    ) -> str | T:
        """A create: the new id, or with ``reload`` the created record as ``model``."""
        params = {"reload": True} if reload else None
        response = await self._call(name, params=params, json=body, form=form)
        if reload:
            return structure(unwrap(response.json(), key, name), model)
        return self._new_id(name, response)

    async def _change(
        self, name: str, key: str, model: type[T], body: Any, *, reload: bool, **path: Any
    ) -> T | None:
        """An update: nothing, or with ``reload`` the updated record as ``model``."""
        params = {"reload": True} if reload else None
        response = await self._call(name, params=params, json=body, **path)
        return structure(unwrap(response.json(), key, name), model) if reload else None

    def _file_field(self, name: str, file: Any) -> UploadFile:
        """Check an upload: ``(filename, bytes)`` or ``(filename, bytes, content_type)``."""
        ok = isinstance(file, tuple) and len(file) in (2, 3)
        if not ok or not isinstance(file[0], str) or not isinstance(file[1], bytes | bytearray):
            raise TypeError(
                f"{name} must be (filename, bytes) or (filename, bytes, content_type), "
                f"got {type(file).__name__}"
            )
        text("filename", file[0])
        if len(file) == 3 and not isinstance(file[2], str):
            raise TypeError(f"{name}'s content type must be a str")
        return (file[0], bytes(file[1])) if len(file) == 2 else (file[0], bytes(file[1]), file[2])


VISIBILITIES = ("public", "private")
ORDERS = ("asc", "desc")
COLLECTION_SORTS = ("order", "number", "visibility", "name", "createdAt", "updatedAt")
CATEGORY_SORTS = ("order", "number", "name", "articleCount", "createdAt", "updatedAt")
DEFAULT_SORTS = ("name", "number", "popularity", "createdAt", "updatedAt", "custom")


def order_value(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return value


def tree_fields(
    name: str | None,
    visibility: str | None,
    order: int | None,
    description: str | None,
    **more: Any,
) -> dict[str, Any]:
    if description is not None and not isinstance(description, str):
        raise TypeError(f"description must be a str, got {type(description).__name__}")
    return body_of(
        name=None if name is None else text("name", name),
        visibility=choice("visibility", visibility, VISIBILITIES),
        order=order_value("order", order),
        description=description,
        **more,
    )


def json_object(data: Any, where: str) -> dict[str, Any]:
    """``data`` if it is a JSON object, else a ``HelpScoutError`` naming ``where``."""
    if not isinstance(data, dict):
        raise HelpScoutError(f"{where}: expected a JSON object, got {type(data).__name__}")
    return data
