"""Error paths by JSON key: ``$.threads[0].created_at`` -> ``$._embedded.threads[0].createdAt``."""

import re
from collections.abc import Mapping
from typing import Any, get_args

import attrs

from ..models._base import EMBEDDED, EMBEDDED_PREFIX, LINK
from ._generate import EMBEDDED_SKIP, api_keys
from ._hooks import NoneType, is_optional

_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[('(?:[^'\\]|\\.)*')\]")


def _unwrap(tp: Any) -> Any:
    """``X | None`` -> ``X``; anything else as it is."""
    if is_optional(tp):
        return next(arg for arg in get_args(tp) if arg is not NoneType)
    return tp


def json_path(cls: Any, data: Any, path: str) -> str:
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
            key = api_keys(tp)[name]
            inner = node.get("_embedded") if isinstance(node, Mapping) else None
            if key.startswith(EMBEDDED_PREFIX):
                key = "_embedded." + key[EMBEDDED_SKIP:]
                node = inner.get(key[EMBEDDED_SKIP:]) if isinstance(inner, Mapping) else None
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
