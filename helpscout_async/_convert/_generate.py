"""Generated structure functions and the attrs hook factories (see ``_convert``)."""

import types
from collections.abc import Callable
from datetime import datetime
from typing import Any, get_args

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ..models._base import API_KEY, EMBEDDED, EMBEDDED_PREFIX, LINK, OpenEnum
from ._hooks import (
    NoneType,
    StructureHook,
    UnstructureHook,
    as_object,
    is_homogeneous_tuple,
    is_optional,
)

EMBEDDED_SKIP = len(EMBEDDED_PREFIX)
_SCALARS = (str, int, bool, float)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def api_keys(cls: type[Any]) -> dict[str, str]:
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


def _fast_structure_fn(
    cls: Any, conv: cattrs.Converter, keys: dict[str, str]
) -> tuple[StructureHook, bool]:
    """A structure function for ``cls`` with the common cases inlined (production only).

    cattrs' generated function calls one hook per present key (and the ``X | None`` hook
    then calls the inner one) and collects keyword arguments in a dict. This one reads
    each key once with ``dict.get`` and does inline what the hooks of this module do
    first: ``None`` and exact scalars (a ``str``/``int``/``bool`` of that very type) are
    taken as they are (also in lists), ``...Z`` timestamps go straight to ``fromisoformat``,
    known enum values come from the member map, a nested model's JSON object (also in a
    list) goes straight to its class hook, and an absent, ``null`` or empty list is ``()``;
    then it fills the new object's slots (see ``_slot_setters``), or calls the class. Every
    other value goes through the field's hook, as before, so the results and errors are the
    same. A class with a default other than ``None`` or ``()`` gets cattrs' function.

    ``_embedded`` sub-resources and ``_links`` hrefs are read in place, as the wrapper of
    ``make_structure_factory`` would hoist them (the embedded value wins over a top-level
    key; of two aliases, the later one), without copying the body. The flag returned says
    whether the function does that itself (``False``: cattrs' function, which needs the
    wrapper).
    """
    attrs.resolve_types(cls)
    names: dict[str, Any] = {"__cl": cls, "__iso": datetime.fromisoformat, "__obj": as_object}
    lines = [f"def structure_{cls.__name__}(o, _):", "    g = o.get"]
    fields = attrs.fields(cls)
    if any(EMBEDDED in a.metadata for a in fields):
        lines.append("    e = g('_embedded')")
    if any(LINK in a.metadata for a in fields):
        lines.append("    lk = g('_links')")
    args: list[tuple[Any, str]] = []
    for n, a in enumerate(fields):
        if not a.init:
            continue
        key, tp = keys[a.name], a.type
        hoisted = _hoist_lines(a)
        if hoisted and a.default is attrs.NOTHING:
            return make_dict_structure_fn(cls, conv, **_renames(keys)), False
        names[f"h{n}"], names[f"t{n}"] = conv.get_structure_hook(tp), tp
        hook, target = f"h{n}(v, t{n})", f"f{n}"
        if a.default is attrs.NOTHING:
            lines.append(f"    v = o[{key!r}]")
            if tp in _SCALARS:
                names[f"s{n}"] = tp
                lines.append(f"    {target} = v if type(v) is s{n} else {hook}")
            else:
                lines.append(f"    {target} = {hook}")
        elif a.default == () and not is_optional(tp):
            lines.append(f"    v = g({key!r})")
            lines += hoisted
            elem = get_args(tp)[0] if is_homogeneous_tuple(tp) else None
            if elem is not None and attrs.has(elem):
                names[f"i{n}"], names[f"c{n}"] = conv.get_structure_hook(elem), elem
                item = f"i{n}(e if type(e) is dict else __obj(e, c{n}), c{n})"
                hook = f"tuple([{item} for e in v]) if type(v) is list else {hook}"
            elif elem in _SCALARS:
                names[f"s{n}"] = elem
                exact = f"type(v) is list and all([type(e) is s{n} for e in v])"
                hook = f"tuple(v) if {exact} else {hook}"
            lines.append(f"    {target} = () if v is None or v == [] else {hook}")
        elif tp is Any and a.default is None:
            lines.append(f"    v = g({key!r})")
            lines += hoisted
            lines.append(f"    {target} = v")
        elif a.default is None and is_optional(tp):
            inner = next(x for x in get_args(tp) if x is not NoneType)
            lines.append(f"    v = g({key!r})")
            lines += hoisted
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
            return make_dict_structure_fn(cls, conv, **_renames(keys)), False
        args.append((a, target))
    slots = _slot_setters(cls)
    if slots is None:
        lines.append(f"    return __cl({', '.join(f'{a.alias}={t}' for a, t in args)})")
    else:
        # Frozen attrs __init__ sets each field with object.__setattr__ looked up by name;
        # the slot descriptors' own __set__ does the same store for about half the cost.
        names["__new"] = object.__new__
        lines.append("    r = __new(__cl)")
        for (a, t), setter in zip(args, slots, strict=True):
            names[f"d_{a.name}"] = setter
            lines.append(f"    d_{a.name}(r, {t})")
        lines.append("    return r")
    where = f"<structure {cls.__module__}.{cls.__qualname__}>"
    exec(compile("\n".join(lines), where, "exec"), names)
    fn: StructureHook = names[f"structure_{cls.__name__}"]
    return fn, True


def _hoist_lines(a: Any) -> list[str]:
    """Lines that replace ``v`` by the field's ``_embedded`` or ``_links`` value, if any."""
    lines = []
    aliases = a.metadata.get(EMBEDDED, ())
    if aliases:
        lines.append("    if e:")
        lines += [f"        if {alias!r} in e: v = e[{alias!r}]" for alias in aliases]
    rel = a.metadata.get(LINK)
    if rel is not None:
        lines.append(f"    r_ = lk.get({rel!r}) if type(lk) is dict else None")
        lines.append("    if type(r_) is dict and 'href' in r_: v = r_['href']")
    return lines


def _slot_setters(cls: Any) -> list[Callable[[Any, Any], None]] | None:
    """The slot descriptors' ``__set__`` of every field, when that builds the same object.

    Only for slotted classes whose ``__init__`` does nothing else: every field in
    ``__init__``, no validators, converters, hash cache or ``__attrs_post_init__``/
    ``__attrs_pre_init__``. ``None`` otherwise (the generated code then calls the class).
    """
    fields = attrs.fields(cls)
    if (
        "__slots__" not in vars(cls)
        or hasattr(cls, "__attrs_post_init__")
        or hasattr(cls, "__attrs_pre_init__")
        or any(not a.init or a.validator or a.converter for a in fields)
        or any("_attrs_cached_hash" in vars(k).get("__slots__", ()) for k in cls.__mro__)
    ):
        return None
    setters = []
    for a in fields:
        slot = next((vars(k)[a.name] for k in cls.__mro__ if a.name in vars(k)), None)
        if not isinstance(slot, types.MemberDescriptorType):
            return None
        setters.append(slot.__set__)
    return setters


def make_structure_factory(*, strict: bool) -> Callable[[Any, cattrs.Converter], StructureHook]:
    """The hook factory for attrs classes; ``strict`` is the drift-test mode.

    In production a class gets its ``_fast_structure_fn`` as is (its callers check that the
    value is a JSON object, and it reads ``_embedded`` and ``_links`` itself); the strict and
    detailed converters, and classes cattrs structures, get a wrapper that hoists them.
    """

    def factory(cls: Any, conv: cattrs.Converter) -> StructureHook:
        keys = api_keys(cls)
        generated: StructureHook
        inline = False
        if strict or conv.detailed_validation:
            generated = make_dict_structure_fn(cls, conv, **_renames(keys))
        else:
            generated, inline = _fast_structure_fn(cls, conv, keys)
        hoist = _embedded_map(cls, keys)
        links = _link_map(cls, keys)
        if inline or not (hoist or links or strict or conv.detailed_validation):
            return generated

        def structure_model(value: Any, _: Any) -> Any:
            if type(value) is not dict:
                value = as_object(value, cls)
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


def unstructure_factory(cls: Any, conv: cattrs.Converter) -> UnstructureHook:
    """camelCase keys, ``None``/empty defaults left out (request bodies), ``_embedded`` nested."""
    keys = api_keys(cls)
    generated = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **_renames(keys))
    nested = tuple(key for key in keys.values() if key.startswith(EMBEDDED_PREFIX))
    read_only = tuple(keys[a.name] for a in attrs.fields(cls) if LINK in a.metadata)
    if not (nested or read_only):
        return generated

    def unstructure_model(obj: Any) -> Any:
        data: dict[str, Any] = generated(obj)
        for key in read_only:
            data.pop(key, None)
        inner = {key[EMBEDDED_SKIP:]: data.pop(key) for key in nested if key in data}
        if inner:
            data["_embedded"] = inner
        return data

    return unstructure_model
