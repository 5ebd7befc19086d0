"""The one cattrs converter of helpscout_async: Help Scout JSON <-> attrs models.

Only this package configures cattrs: ``_hooks`` (scalars, optionals, tuples, open enums),
``_generate`` (the per-class structure functions and the attrs factories) and ``_paths``
(error paths by JSON key). It turns camelCase keys into snake_case fields (with per-field
renames, HAL ``_embedded`` sub-resources and ``_links`` hrefs), ISO-8601 strings into aware
UTC datetimes, and unknown enum values into pseudo-members. Unknown keys are ignored.

Speed: production hooks are generated once per class without detailed validation; only when
structuring fails is the input structured again by a detailed converter, to name the path of
the bad field in a ``StructureError``.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

import attrs
import cattrs

from ..errors import StructureError
from ..models._base import OpenEnum
from ..models.common import JSONObject
from ._generate import make_structure_factory, unstructure_factory
from ._hooks import (
    StructureHook,
    as_object,
    is_homogeneous_tuple,
    is_optional,
    optional_factory,
    structure_bool,
    structure_datetime,
    structure_float,
    structure_int,
    structure_json_object,
    structure_open_enum,
    structure_str,
    tuple_factory,
    unstructure_datetime,
)
from ._paths import json_path

__all__ = [
    "StructureError",
    "converter",
    "make_converter",
    "structure",
    "structure_many",
    "unstructure",
]

T = TypeVar("T")


# --- the converter ------------------------------------------------------------------------


def make_converter(*, detailed_validation: bool = False, strict: bool = False) -> cattrs.Converter:
    """Build a converter with every hook of this module.

    The production converter skips detailed validation for speed. ``strict=True`` forbids
    unknown keys (``_links`` aside): for drift tests only, never for real traffic.
    """
    conv = cattrs.Converter(
        detailed_validation=detailed_validation,
        forbid_extra_keys=strict,
        unstruct_collection_overrides={Sequence: list},
    )
    # Scalars first: class hooks are generated lazily but bind these when they are.
    conv.register_structure_hook(datetime, structure_datetime)
    conv.register_unstructure_hook(datetime, unstructure_datetime)
    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(bool, structure_bool)
    conv.register_structure_hook(float, structure_float)
    # Class hooks match subclasses by MRO: OpenEnum precedes str in every model enum's MRO.
    conv.register_structure_hook(OpenEnum, structure_open_enum)
    conv.register_structure_hook_func(lambda tp: tp == JSONObject, structure_json_object)
    conv.register_structure_hook_factory(is_optional, optional_factory)
    conv.register_structure_hook_factory(is_homogeneous_tuple, tuple_factory)
    conv.register_structure_hook_factory(attrs.has, make_structure_factory(strict=strict))
    conv.register_unstructure_hook_factory(attrs.has, unstructure_factory)
    return conv


converter = make_converter()
"""The long-lived production converter (no detailed validation, unknown keys ignored)."""

_detailed = make_converter(detailed_validation=True)
_hooks: dict[type[Any], StructureHook] = {}


def _hook(cls: type[Any]) -> StructureHook:
    hook = _hooks.get(cls)
    if hook is None:
        hook = _hooks[cls] = converter.get_structure_hook(cls)
    return hook


def _explain(data: Any, cls: type[Any], path: str, error: Exception) -> StructureError:
    """Structure again with detailed validation to name the bad fields by their JSON keys."""
    try:
        _detailed.structure(data, cls)
    except Exception as detailed:
        messages = cattrs.transform_error(detailed, path="$")
        fixed = []
        for message in messages:
            text, sep, where = message.rpartition(" @ ")
            if sep:
                message = f"{text} @ {path}{json_path(cls, data, where)[1:]}"
            fixed.append(message)
        return StructureError(cls, fixed)
    return StructureError(cls, [f"{type(error).__name__}: {error} @ {path}"])


def structure(data: Any, cls: type[T]) -> T:
    """Structure one JSON object into ``cls``; raise ``StructureError`` naming bad fields."""
    try:
        result: T = _hook(cls)(data if type(data) is dict else as_object(data, cls), cls)
    except Exception as error:
        raise _explain(data, cls, "$", error) from error
    return result


def structure_many(items: list[Any], cls: type[T]) -> list[T]:
    """Structure a list of JSON objects (a page's items) into ``cls``."""
    hook = _hook(cls)
    try:
        return [hook(i if type(i) is dict else as_object(i, cls), cls) for i in items]
    except Exception as error:
        for index, item in enumerate(items):
            try:
                hook(item if type(item) is dict else as_object(item, cls), cls)
            except Exception as item_error:
                raise _explain(item, cls, f"$[{index}]", item_error) from item_error
        raise _explain(items, cls, "$", error) from error


def unstructure(obj: Any) -> Any:
    """A model (or list of models) -> JSON-ready data with camelCase keys, ``None`` omitted."""
    return converter.unstructure(obj)
