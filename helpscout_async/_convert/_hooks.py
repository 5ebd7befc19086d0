"""The converter's hooks for scalars, optionals, tuples and open enums (see ``_convert``)."""

import types
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory

from ..models._base import OpenEnum

StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]

NoneType = type(None)


def structure_datetime(value: Any, _: Any) -> datetime:
    """ISO-8601 (``Z``, an offset, microseconds or no zone at all) -> aware UTC datetime."""
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value)
    elif isinstance(value, datetime):
        parsed = value
    else:
        raise TypeError(f"expected an ISO-8601 string, got {type(value).__name__}")
    if parsed.tzinfo is None:  # e.g. a rating's createdAt: Help Scout means UTC
        return parsed.replace(tzinfo=UTC)
    if parsed.tzinfo is UTC:
        return parsed
    return parsed.astimezone(UTC)


def unstructure_datetime(value: datetime) -> str:
    """Datetime -> ``YYYY-MM-DDTHH:MM:SSZ``, the form Help Scout's query parameters take."""
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def structure_str(value: Any, _: Any) -> str:
    """Strings as they are, numbers as text; anything else (None, bool, objects) is an error."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"expected a string, got {type(value).__name__}")


def structure_int(value: Any, _: Any) -> int:
    """Ints, digit strings and integral floats; no bools, no silent truncation."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) or (isinstance(value, float) and value.is_integer()):
        return int(value)
    raise TypeError(f"expected an integer, got {type(value).__name__}")


def structure_float(value: Any, _: Any) -> float:
    """Ints and floats (a rate may come as ``25`` or ``25.0``); no bools, no strings."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"expected a number, got {type(value).__name__}")


def structure_bool(value: Any, _: Any) -> bool:
    """Booleans, 0/1 and "true"/"false"; anything else is an error, not ``bool(value)``."""
    if value is True or value is False:
        return value
    if value in (0, 1) and not isinstance(value, float):
        return bool(value)
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise TypeError(f"expected a boolean, got {value!r}")


def structure_json_object(value: Any, _: Any) -> dict[str, Any]:
    """A raw JSON object, copied; PHP-style ``[]`` for an empty object becomes ``{}``."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, list) and not value:
        return {}
    raise TypeError(f"expected a JSON object, got {type(value).__name__}")


def is_optional(tp: Any) -> bool:
    origin = get_origin(tp)
    args = get_args(tp)
    return origin in (Union, types.UnionType) and len(args) == 2 and NoneType in args


def as_object(value: Any, cls: Any) -> dict[str, Any]:
    """Slow path of the JSON-object check: other mappings are copied, anything else refused."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"expected a JSON object for {cls.__name__}, got {type(value).__name__}")


def optional_factory(tp: Any, conv: cattrs.Converter) -> StructureHook:
    """``X | None``: the inner hook is looked up once, not on every call as cattrs does.

    Fast paths for the common inner types: exact scalars return at once, ``...Z`` timestamps
    skip the zone fix-up, known enum values come from one dict lookup, and nested models are
    checked to be JSON objects here.
    """
    inner = next(arg for arg in get_args(tp) if arg is not NoneType)
    hook = conv.get_structure_hook(inner)
    if inner in (str, int, bool):

        def structure_optional_scalar(value: Any, _: Any) -> Any:
            if value is None or type(value) is inner:
                return value
            return hook(value, inner)

        return structure_optional_scalar

    if inner is datetime:

        def structure_optional_datetime(value: Any, _: Any) -> Any:
            if value is None:
                return None
            if type(value) is str and value[-1:] == "Z":  # the usual form: already UTC
                return datetime.fromisoformat(value)
            return hook(value, inner)

        return structure_optional_datetime

    if isinstance(inner, type) and issubclass(inner, OpenEnum):
        members = inner._value2member_map_

        def structure_optional_enum(value: Any, _: Any) -> Any:
            if value is None:
                return None
            member = members.get(value) if type(value) is str else None
            return member if member is not None else hook(value, inner)

        return structure_optional_enum

    if attrs.has(inner):

        def structure_optional_model(value: Any, _: Any) -> Any:
            if value is None:
                return None
            return hook(value if type(value) is dict else as_object(value, inner), inner)

        return structure_optional_model

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else hook(value, inner)

    return structure_optional


def is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def tuple_factory(tp: Any, conv: cattrs.Converter) -> StructureHook:
    """``tuple[X, ...]`` from a JSON list; ``null`` (legacy payloads) means empty."""
    elem = get_args(tp)[0]
    base = homogenous_tuple_structure_factory(tp, conv)
    if attrs.has(elem) and not conv.detailed_validation:
        hook = conv.get_structure_hook(elem)

        def structure_models(value: Any, _: Any) -> Any:
            if value is None:
                return ()
            if not isinstance(value, list | tuple):
                raise TypeError(f"expected a list, got {type(value).__name__}")
            return tuple([hook(e if type(e) is dict else as_object(e, elem), elem) for e in value])

        return structure_models

    def structure_tuple(value: Any, _: Any) -> Any:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return base(value, tp)

    return structure_tuple


def structure_open_enum(value: Any, cls: type[OpenEnum]) -> OpenEnum:
    """Known values by a dict lookup; unknown ones become pseudo-members via ``_missing_``."""
    try:
        return cls._value2member_map_[value]  # type: ignore[return-value]
    except (KeyError, TypeError):
        return cls(value)
