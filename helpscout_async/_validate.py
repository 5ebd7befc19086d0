"""Argument checks that run before any request is sent.

Each raises ``TypeError`` for a value of the wrong kind and ``ValueError`` for a
value out of range, naming the argument and what is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import Any

_HEX24 = re.compile(r"[0-9a-fA-F]{24}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def positive_id(name: str, value: Any) -> int:
    """An id: a positive int (not a bool, not a numeric string)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a positive int id, got {type(value).__name__} {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive int id, got {value!r}")
    return value


def path_arg(name: str, value: Any, id_type: str) -> int | str:
    """A path parameter: an id of the family's ``id_type`` (``int``, ``hex24``, ``uuid``).

    Parameters not named ``*_id`` are non-blank strings (or ints).
    """
    if not name.endswith("_id"):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return text(name, value)
    if id_type == "int":
        return positive_id(name, value)
    pattern, example = (
        (_HEX24, "'5214c77c45667acd25394b51'")
        if id_type == "hex24"
        else (_UUID, "'0f8fad5b-d9cb-469f-a165-70867728950e'")
    )
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str id like {example}, got {type(value).__name__}")
    if not pattern.fullmatch(value):
        raise ValueError(f"{name} must be an id like {example}, got {value!r}")
    return value


def optional_id(name: str, value: Any) -> int | None:
    """``None`` or a positive id."""
    return None if value is None else positive_id(name, value)


def ids(name: str, value: int | Iterable[int] | None) -> list[int] | None:
    """One id or several, as a list; ``None`` stays ``None``."""
    if value is None:
        return None
    if isinstance(value, int):
        return [positive_id(name, value)]
    found = [positive_id(name, item) for item in value]
    if not found:
        raise ValueError(f"{name} must name at least one id, or be None")
    return found


def one_of(name: str, value: Any, allowed: Collection[str]) -> str:
    """A string from a closed set (enum members are accepted by their value)."""
    raw: object = getattr(value, "value", value)
    if not isinstance(raw, str) or raw not in allowed:
        choices = ", ".join(repr(a) for a in sorted(allowed))
        raise ValueError(f"{name} must be one of {choices}; got {value!r}")
    return raw


def optional_one_of(name: str, value: Any, allowed: Collection[str]) -> str | None:
    """``None`` or a string from a closed set."""
    return None if value is None else one_of(name, value, allowed)


def text(name: str, value: Any) -> str:
    """A non-blank string."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


def optional_text(name: str, value: Any) -> str | None:
    """``None`` or a non-blank string."""
    return None if value is None else text(name, value)


def email(name: str, value: Any) -> str:
    """Something shaped like an email address."""
    address = text(name, value)
    local, _, domain = address.partition("@")
    if not local or "." not in domain or " " in address:
        raise ValueError(
            f"{name} must be an email address like 'name@example.com', got {address!r}"
        )
    return address


def aware(name: str, value: Any) -> datetime:
    """A timezone-aware datetime."""
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware, e.g. datetime(..., tzinfo=UTC)")
    return value


def tag_names(name: str, value: Any, *, in_query: bool = False) -> list[str]:
    """Tag names: non-blank strings; in a query, without commas (they separate tags)."""
    found = strings(name, value)
    for item in found:
        text(f"{name} item", item)
        if in_query and "," in item:
            raise ValueError(
                f"{name} item {item!r} has a comma, which the API reads as two tags; "
                "pass the tags as separate items"
            )
    return found


def field_value(name: str, value: Any, *, in_query: bool = False) -> str:
    """A custom field's value as the API's string: a str or an int, not ``None``/bool."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(
            f"{name} must be a str or int, got {type(value).__name__} {value!r} "
            "(leave the field out instead of passing None)"
        )
    shown = str(value)
    if in_query and ("," in shown or ":" in shown):
        raise ValueError(f"{name} {shown!r} may not hold ',' or ':' (they separate fields)")
    return shown


def strings(name: str, value: Any) -> list[str]:
    """A list of strings (a lone string is a mistake: it would be split into letters)."""
    if isinstance(value, str | Mapping) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a list of str, e.g. [{value!r}]")
    found = list(value)
    for item in found:
        if not isinstance(item, str):
            raise TypeError(f"{name} must hold only str, got {type(item).__name__} {item!r}")
    return found


def positive_count(name: str, value: Any) -> int:
    """A whole number >= 1 (pages in flight, a limit)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be 1 or more, got {value!r}")
    return value


def page_number(value: Any) -> int:
    """A 1-based page number."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"page must be an int >= 1, got {value!r}")
    return value


def flag(name: str, value: Any) -> bool:
    """A bool (not 0/1, not ``"true"``)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return value


def optional_flag(name: str, value: Any) -> bool | None:
    """``None`` or a bool."""
    return None if value is None else flag(name, value)


def bounded_int(name: str, value: Any, low: int, high: int | None = None) -> int:
    """An int (not a bool) in ``[low, high]`` (no upper bound when ``high`` is ``None``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < low or (high is not None and value > high):
        span = f">= {low}" if high is None else f"from {low} to {high}"
        raise ValueError(f"{name} must be an int {span}, got {value!r}")
    return value


def short_text(name: str, value: Any, limit: int) -> str:
    """A non-blank string of at most ``limit`` characters."""
    found = text(name, value)
    if len(found) > limit:
        raise ValueError(f"{name} must be at most {limit} characters, got {len(found)}")
    return found


def mapping(name: str, value: Any, example: str) -> Mapping[Any, Any]:
    """A mapping (a dict), else a ``TypeError`` showing ``example``."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping like {example}, got {type(value).__name__}")
    return value


def customer_object(name: str, value: Any) -> dict[str, Any]:
    """An API-shaped customer object naming the customer by a positive ``id`` or an ``email``."""
    who = dict(mapping(name, value, "{'email': 'name@example.com'}"))
    if who.get("id") is None and who.get("email") is None:
        raise ValueError(f"{name} must carry an 'id' or an 'email'")
    if who.get("id") is not None:
        positive_id(f"{name}['id']", who["id"])
    if who.get("email") is not None:
        email(f"{name}['email']", who["email"])
    return who
