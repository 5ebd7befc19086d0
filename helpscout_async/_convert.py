"""The one cattrs converter of helpscout_async: Help Scout JSON <-> attrs models.

Only this module configures cattrs. It turns camelCase keys into snake_case fields (with
per-field renames and HAL ``_embedded`` sub-resources), ISO-8601 strings into aware UTC
datetimes, and unknown enum values into pseudo-members. Unknown keys are ignored.

Speed: production hooks are generated once per class without detailed validation; only when
structuring fails is the input structured again by a detailed converter, to name the path of
the bad field in a ``StructureError``.
"""

import re
import types
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .errors import HelpScoutError
from .models._base import API_KEY, EMBEDDED, EMBEDDED_PREFIX, LINK, OpenEnum
from .models.common import JSONObject

__all__ = [
    "StructureError",
    "converter",
    "make_converter",
    "structure",
    "structure_many",
    "unstructure",
]

T = TypeVar("T")
StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]

_NoneType = type(None)
_EMBEDDED_SKIP = len(EMBEDDED_PREFIX)


class StructureError(HelpScoutError, ValueError):
    """A JSON body did not fit its model; ``paths`` name the bad fields (``$.assignee.id``)."""

    def __init__(self, model: type[Any], messages: list[str]) -> None:
        self.model = model
        self.messages = messages
        self.paths = [message.rpartition(" @ ")[2] for message in messages]
        super().__init__(f"cannot structure {model.__name__}: " + "; ".join(messages))


# --- scalar hooks -------------------------------------------------------------------------


def _structure_datetime(value: Any, _: Any) -> datetime:
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


def _unstructure_datetime(value: datetime) -> str:
    """Datetime -> ``YYYY-MM-DDTHH:MM:SSZ``, the form Help Scout's query parameters take."""
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _structure_str(value: Any, _: Any) -> str:
    """Strings as they are, numbers as text; anything else (None, bool, objects) is an error."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"expected a string, got {type(value).__name__}")


def _structure_int(value: Any, _: Any) -> int:
    """Ints, digit strings and integral floats; no bools, no silent truncation."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) or (isinstance(value, float) and value.is_integer()):
        return int(value)
    raise TypeError(f"expected an integer, got {type(value).__name__}")


def _structure_float(value: Any, _: Any) -> float:
    """Ints and floats (a rate may come as ``25`` or ``25.0``); no bools, no strings."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"expected a number, got {type(value).__name__}")


def _structure_bool(value: Any, _: Any) -> bool:
    """Booleans, 0/1 and "true"/"false"; anything else is an error, not ``bool(value)``."""
    if value is True or value is False:
        return value
    if value in (0, 1) and not isinstance(value, float):
        return bool(value)
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise TypeError(f"expected a boolean, got {value!r}")


def _structure_json_object(value: Any, _: Any) -> dict[str, Any]:
    """A raw JSON object, copied; PHP-style ``[]`` for an empty object becomes ``{}``."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, list) and not value:
        return {}
    raise TypeError(f"expected a JSON object, got {type(value).__name__}")


# --- generic hook factories ---------------------------------------------------------------


def _is_optional(tp: Any) -> bool:
    origin = get_origin(tp)
    args = get_args(tp)
    return origin in (Union, types.UnionType) and len(args) == 2 and _NoneType in args


def _as_object(value: Any, cls: Any) -> dict[str, Any]:
    """Slow path of the JSON-object check: other mappings are copied, anything else refused."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"expected a JSON object for {cls.__name__}, got {type(value).__name__}")


def _optional_factory(tp: Any, conv: cattrs.Converter) -> StructureHook:
    """``X | None``: the inner hook is looked up once, not on every call as cattrs does.

    Fast paths for the common inner types: exact scalars return at once, ``...Z`` timestamps
    skip the zone fix-up, known enum values come from one dict lookup, and nested models are
    checked to be JSON objects here.
    """
    inner = next(arg for arg in get_args(tp) if arg is not _NoneType)
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
            return hook(value if type(value) is dict else _as_object(value, inner), inner)

        return structure_optional_model

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else hook(value, inner)

    return structure_optional


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_factory(tp: Any, conv: cattrs.Converter) -> StructureHook:
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
            return tuple([hook(e if type(e) is dict else _as_object(e, elem), elem) for e in value])

        return structure_models

    def structure_tuple(value: Any, _: Any) -> Any:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return base(value, tp)

    return structure_tuple


def _structure_open_enum(value: Any, cls: type[OpenEnum]) -> OpenEnum:
    """Known values by a dict lookup; unknown ones become pseudo-members via ``_missing_``."""
    try:
        return cls._value2member_map_[value]  # type: ignore[return-value]
    except (KeyError, TypeError):
        return cls(value)


# --- attrs classes: camelCase keys, renames, HAL _embedded --------------------------------


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def _api_keys(cls: type[Any]) -> dict[str, str]:
    """Field name -> JSON key: the explicit ``api_key`` metadata, else the camelCase name."""
    return {a.name: a.metadata.get(API_KEY) or _camel(a.name) for a in attrs.fields(cls)}


def _embedded_map(cls: type[Any], keys: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """(key under ``_embedded``, JSON key of the field it fills) pairs of a class."""
    return tuple(
        (alias, keys[a.name]) for a in attrs.fields(cls) for alias in a.metadata.get(EMBEDDED, ())
    )


def _link_map(cls: type[Any], keys: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """(``_links`` relation, JSON key of the field its ``href`` fills) pairs of a class."""
    return tuple((a.metadata[LINK], keys[a.name]) for a in attrs.fields(cls) if LINK in a.metadata)


def _renames(keys: dict[str, str]) -> dict[str, Any]:
    return {name: override(rename=key) for name, key in keys.items() if key != name}


_SCALARS = (str, int, bool, float)


def _fast_structure_fn(cls: Any, conv: cattrs.Converter, keys: dict[str, str]) -> StructureHook:
    """A structure function for ``cls`` with the common cases inlined (production only).

    cattrs' generated function calls one hook per present key (and the ``X | None`` hook
    then calls the inner one) and collects keyword arguments in a dict. This one reads
    each key once with ``dict.get`` and does inline what the hooks of this module do
    first: ``None`` and exact scalars (a ``str``/``int``/``bool`` of that very type) are
    taken as they are, ``...Z`` timestamps go straight to ``fromisoformat``, known enum
    values come from the member map, a nested model's JSON object (also in a list) goes
    straight to its class hook, and an absent, ``null`` or empty list is ``()``; then it
    calls the class with keyword arguments. Every other value goes through the field's
    hook, as before, so the results and errors are the same. A class with a default
    other than ``None`` or ``()`` gets cattrs' function.
    """
    attrs.resolve_types(cls)
    names: dict[str, Any] = {"__cl": cls, "__iso": datetime.fromisoformat, "__obj": _as_object}
    lines = [f"def structure_{cls.__name__}(o, _):", "    g = o.get"]
    args = []
    for n, a in enumerate(attrs.fields(cls)):
        if not a.init:
            continue
        key, tp = keys[a.name], a.type
        names[f"h{n}"], names[f"t{n}"] = conv.get_structure_hook(tp), tp
        hook, target = f"h{n}(v, t{n})", f"f{n}"
        if a.default is attrs.NOTHING:
            lines.append(f"    v = o[{key!r}]")
            if tp in _SCALARS:
                names[f"s{n}"] = tp
                lines.append(f"    {target} = v if type(v) is s{n} else {hook}")
            else:
                lines.append(f"    {target} = {hook}")
        elif a.default == () and not _is_optional(tp):
            lines.append(f"    v = g({key!r})")
            elem = get_args(tp)[0] if _is_homogeneous_tuple(tp) else None
            if elem is not None and attrs.has(elem):
                names[f"i{n}"], names[f"c{n}"] = conv.get_structure_hook(elem), elem
                item = f"i{n}(e if type(e) is dict else __obj(e, c{n}), c{n})"
                hook = f"tuple([{item} for e in v]) if type(v) is list else {hook}"
            lines.append(f"    {target} = () if v is None or v == [] else {hook}")
        elif tp is Any and a.default is None:
            lines.append(f"    {target} = g({key!r})")
        elif a.default is None and _is_optional(tp):
            inner = next(x for x in get_args(tp) if x is not _NoneType)
            lines.append(f"    v = g({key!r})")
            if inner in _SCALARS:
                names[f"s{n}"] = inner
                lines.append(f"    {target} = v if v is None or type(v) is s{n} else {hook}")
            elif inner is datetime:
                fast = f'__iso(v) if type(v) is str and v[-1:] == "Z" else {hook}'
                lines.append(f"    {target} = None if v is None else {fast}")
            elif isinstance(inner, type) and issubclass(inner, OpenEnum):
                names[f"m{n}"] = inner._value2member_map_
                lines.append(f"    {target} = m{n}.get(v) if type(v) is str else None")
                lines.append(f"    if {target} is None and v is not None:")
                lines.append(f"        {target} = {hook}")
            elif attrs.has(inner):
                names[f"i{n}"], names[f"c{n}"] = conv.get_structure_hook(inner), inner
                direct = f"i{n}(v, c{n}) if type(v) is dict else {hook}"
                lines.append(f"    {target} = None if v is None else {direct}")
            else:
                lines.append(f"    {target} = None if v is None else {hook}")
        else:
            return make_dict_structure_fn(cls, conv, **_renames(keys))
        args.append(f"{a.alias}={target}")
    lines.append(f"    return __cl({', '.join(args)})")
    where = f"<structure {cls.__module__}.{cls.__qualname__}>"
    exec(compile("\n".join(lines), where, "exec"), names)
    fn: StructureHook = names[f"structure_{cls.__name__}"]
    return fn


def _make_structure_factory(*, strict: bool) -> Callable[[Any, cattrs.Converter], StructureHook]:
    """The hook factory for attrs classes; ``strict`` is the drift-test mode.

    In production a class without ``_embedded`` fields gets its ``_fast_structure_fn`` as
    is (its callers check that the value is a JSON object); the others get a wrapper.
    """

    def factory(cls: Any, conv: cattrs.Converter) -> StructureHook:
        keys = _api_keys(cls)
        generated: StructureHook
        if strict or conv.detailed_validation:
            generated = make_dict_structure_fn(cls, conv, **_renames(keys))
        else:
            generated = _fast_structure_fn(cls, conv, keys)
        hoist = _embedded_map(cls, keys)
        links = _link_map(cls, keys)
        if not (hoist or links or strict or conv.detailed_validation):
            return generated

        def structure_model(value: Any, _: Any) -> Any:
            if type(value) is not dict:
                value = _as_object(value, cls)
            if links:
                value = _hoist_links(value, links)
            if strict:
                value = _strip_for_drift(value, hoist)
            elif hoist and (inner := value.get("_embedded")):
                value = dict(value)
                for alias, key in hoist:
                    if alias in inner:
                        value[key] = inner[alias]
            return generated(value, cls)

        return structure_model

    return factory


def _hoist_links(value: dict[str, Any], links: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Copy ``_links.<rel>.href`` to the virtual key of the field that holds it."""
    found = value.get("_links")
    if type(found) is not dict:
        return value
    value = dict(value)
    for rel, key in links:
        ref = found.get(rel)
        if type(ref) is dict and "href" in ref:
            value[key] = ref["href"]
    return value


def _strip_for_drift(value: dict[str, Any], hoist: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Strict mode: drop ``_links`` (not modelled on purpose) and hoist all of ``_embedded``.

    ``_embedded`` keys that no field takes stay as ``_embedded.<key>``, so that
    ``forbid_extra_keys`` reports them.
    """
    inner = value.get("_embedded") or {}
    value = {k: v for k, v in value.items() if k not in ("_links", "_embedded")}
    taken = dict(hoist)
    for alias, item in inner.items():
        value[taken.get(alias, EMBEDDED_PREFIX + alias)] = item
    return value


def _unstructure_factory(cls: Any, conv: cattrs.Converter) -> UnstructureHook:
    """camelCase keys, ``None``/empty defaults left out (request bodies), ``_embedded`` nested."""
    keys = _api_keys(cls)
    generated = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **_renames(keys))
    nested = tuple(key for key in keys.values() if key.startswith(EMBEDDED_PREFIX))
    read_only = tuple(keys[a.name] for a in attrs.fields(cls) if LINK in a.metadata)
    if not (nested or read_only):
        return generated

    def unstructure_model(obj: Any) -> Any:
        data: dict[str, Any] = generated(obj)
        for key in read_only:
            data.pop(key, None)
        inner = {key[_EMBEDDED_SKIP:]: data.pop(key) for key in nested if key in data}
        if inner:
            data["_embedded"] = inner
        return data

    return unstructure_model


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
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(datetime, _unstructure_datetime)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_float)
    # Class hooks match subclasses by MRO: OpenEnum precedes str in every model enum's MRO.
    conv.register_structure_hook(OpenEnum, _structure_open_enum)
    conv.register_structure_hook_func(lambda tp: tp == JSONObject, _structure_json_object)
    conv.register_structure_hook_factory(_is_optional, _optional_factory)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_factory)
    conv.register_structure_hook_factory(attrs.has, _make_structure_factory(strict=strict))
    conv.register_unstructure_hook_factory(attrs.has, _unstructure_factory)
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


_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[('(?:[^'\\]|\\.)*')\]")


def _unwrap(tp: Any) -> Any:
    """``X | None`` -> ``X``; anything else as it is."""
    if _is_optional(tp):
        return next(arg for arg in get_args(tp) if arg is not _NoneType)
    return tp


def _json_path(cls: Any, data: Any, path: str) -> str:
    """Rewrite a cattrs path of attribute names (``$.threads[0].created_at``) with the JSON
    keys the body uses (``$._embedded.threads[0].createdAt``), walking the model and the data.
    """
    if not path.startswith("$"):
        return path
    rest = path[1:]
    out, tp, node = "$", cls, data
    for match in _SEGMENT.finditer(rest):
        name, index, quoted = match.groups()
        tp = _unwrap(tp)
        if name is not None:
            field = attrs.fields_dict(tp).get(name) if attrs.has(tp) else None
            if field is None:
                out += f".{name}"
                tp, node = Any, None
                continue
            key = _api_keys(tp)[name]
            inner = node.get("_embedded") if isinstance(node, Mapping) else None
            if key.startswith(EMBEDDED_PREFIX):
                key = "_embedded." + key[_EMBEDDED_SKIP:]
                node = inner.get(key[_EMBEDDED_SKIP:]) if isinstance(inner, Mapping) else None
            elif LINK in field.metadata:
                key = f"_links.{field.metadata[LINK]}.href"
                node = None
            elif isinstance(node, Mapping) and key not in node and isinstance(inner, Mapping):
                alias = next((a for a in field.metadata.get(EMBEDDED, ()) if a in inner), None)
                if alias is not None:
                    key, node = f"_embedded.{alias}", inner[alias]
                else:
                    node = None
            else:
                node = node.get(key) if isinstance(node, Mapping) else None
            out += f".{key}"
            tp = field.type
        elif index is not None:
            out += f"[{index}]"
            args = get_args(tp)
            tp = args[0] if args else Any
            position = int(index)
            node = node[position] if isinstance(node, list) and position < len(node) else None
        else:
            out += f"[{quoted}]"
            args = get_args(tp)
            tp = args[1] if len(args) == 2 else Any
            node = None
    return out


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
                message = f"{text} @ {path}{_json_path(cls, data, where)[1:]}"
            fixed.append(message)
        return StructureError(cls, fixed)
    return StructureError(cls, [f"{type(error).__name__}: {error} @ {path}"])


def structure(data: Any, cls: type[T]) -> T:
    """Structure one JSON object into ``cls``; raise ``StructureError`` naming bad fields."""
    try:
        result: T = _hook(cls)(data if type(data) is dict else _as_object(data, cls), cls)
    except Exception as error:
        raise _explain(data, cls, "$", error) from error
    return result


def structure_many(items: list[Any], cls: type[T]) -> list[T]:
    """Structure a list of JSON objects (a page's items) into ``cls``."""
    hook = _hook(cls)
    try:
        return [hook(i if type(i) is dict else _as_object(i, cls), cls) for i in items]
    except Exception as error:
        for index, item in enumerate(items):
            try:
                hook(item if type(item) is dict else _as_object(item, cls), cls)
            except Exception as item_error:
                raise _explain(item, cls, f"$[{index}]", item_error) from item_error
        raise _explain(items, cls, "$", error) from error


def unstructure(obj: Any) -> Any:
    """A model (or list of models) -> JSON-ready data with camelCase keys, ``None`` omitted."""
    return converter.unstructure(obj)
