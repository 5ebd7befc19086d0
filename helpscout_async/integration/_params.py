"""The parameter model of the integration functions: types, ranges, choices, binding.

A ``Function`` is data (its ``Param``s) plus two readers of it: ``schema()`` for the
MCP server's JSON schemas and ``bind()``, which checks one call's arguments before
any request, naming the parameter at fault and the allowed ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

_JSON_TYPES = {"integer": "an integer", "string": "a string", "array": "a list of strings"}
_JSON_TYPES["boolean"] = "true or false"


@attrs.frozen(kw_only=True)
class Param:
    """One parameter of an integration function.

    Attributes:
        name: the spec's name (snake_case).
        kind: the JSON type: ``integer``, ``string``, ``boolean`` or ``array`` (of strings).
        description: one line for people and agents.
        required: whether a call must give it.
        choices: the values a string may take (``None``: any).
        minimum, maximum: bounds of an integer.
    """

    name: str
    kind: str
    description: str
    required: bool = False
    choices: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None

    def schema(self) -> dict[str, Any]:
        """This parameter as a JSON Schema property."""
        out: dict[str, Any] = {"type": self.kind, "description": self.description}
        if self.kind == "array":
            out["items"] = {"type": "string"}
        if self.choices is not None:
            out["enum"] = list(self.choices)
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@attrs.frozen(kw_only=True)
class Function:
    """One integration function (and MCP tool).

    Attributes:
        name: the spec's function name, e.g. ``list_conversations``.
        summary: what it does, one or two sentences.
        params: its parameters, in the spec's order.
        write: whether it changes anything in Help Scout.
        one_of: names of which a call must give at least one.
    """

    name: str
    summary: str
    params: tuple[Param, ...]
    write: bool = False
    one_of: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The parameter names, in order."""
        return tuple(p.name for p in self.params)

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of this function's arguments (an object)."""
        out: dict[str, Any] = {
            "type": "object",
            "properties": {p.name: p.schema() for p in self.params},
            "additionalProperties": False,
        }
        required = [p.name for p in self.params if p.required]
        if required:
            out["required"] = required
        return out

    def bind(self, args: Mapping[str, Any] | None, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        """Check one call's arguments: a dict, keywords, or both (not the same name twice).

        ``None`` values count as not given (as a Lua ``nil`` would).

        Returns:
            The given parameters by name, checked.

        Raises:
            TypeError: an argument that is not a dict, an unknown, missing or ill-typed
                parameter (the message names it and lists the allowed ones).
            ValueError: a value out of range or not among the choices.
        """
        if args is not None and not isinstance(args, Mapping):
            raise TypeError(
                f"{self.name}() takes one dict of parameters or keyword arguments, "
                f"got {type(args).__name__}"
            )
        given = dict(args or {})
        twice = sorted(set(given) & set(kwargs))
        if twice:
            raise TypeError(f"{self.name}() got {twice[0]!r} both in the dict and as a keyword")
        given.update(kwargs)
        known = {p.name: p for p in self.params}
        unknown = sorted(str(k) for k in given if k not in known)
        if unknown:
            allowed = ", ".join(self.names) or "none"
            raise TypeError(
                f"{self.name}() got an unknown parameter {unknown[0]!r}; allowed: {allowed}"
            )
        out = {k: _check(self.name, known[k], v) for k, v in given.items() if v is not None}
        for p in self.params:
            if p.required and p.name not in out:
                raise TypeError(f"{self.name}() is missing the required parameter {p.name!r}")
        if self.one_of and not any(name in out for name in self.one_of):
            names = ", ".join(self.one_of)
            raise ValueError(f"{self.name}() needs at least one of: {names}")
        return out


def _check(function: str, p: Param, value: Any) -> Any:
    where = f"{function}(): {p.name}"
    wanted = _JSON_TYPES[p.kind]
    if p.kind == "integer":
        if type(value) is not int:
            raise TypeError(f"{where} must be {wanted}, got {_shown(value)}")
        if p.minimum is not None and value < p.minimum:
            raise ValueError(f"{where} must be >= {p.minimum}, got {value}")
        if p.maximum is not None and value > p.maximum:
            raise ValueError(f"{where} must be <= {p.maximum}, got {value}")
        return value
    if p.kind == "boolean":
        if not isinstance(value, bool):
            raise TypeError(f"{where} must be {wanted}, got {_shown(value)}")
        return value
    if p.kind == "string":
        if not isinstance(value, str):
            raise TypeError(f"{where} must be {wanted}, got {_shown(value)}")
        if not value.strip():
            raise ValueError(f"{where} must not be empty")
        if p.choices is not None and value not in p.choices:
            raise ValueError(f"{where} must be one of {', '.join(p.choices)}; got {value!r}")
        return value
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise TypeError(f"{where} must be {wanted}, got {_shown(value)}")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise TypeError(f"{where} must be {wanted} (none empty), got an item {_shown(item)}")
    return [str(item).strip() for item in value]


def _shown(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:40]}{'...' if len(text) > 40 else ''}"
