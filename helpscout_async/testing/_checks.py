"""Argument checks of the fake's public constructors (the fake never imports the client).

Each raises ``TypeError`` for a value of the wrong kind and ``ValueError`` for one
out of range, naming the argument, before anything is seeded or bound.
"""

from __future__ import annotations

import math
from typing import Any


def whole(name: str, value: Any, *, minimum: int, maximum: int | None = None) -> int:
    """An ``int`` (not a ``bool``) from ``minimum`` to ``maximum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < minimum or (maximum is not None and value > maximum):
        span = f"from {minimum} to {maximum}" if maximum is not None else f"{minimum} or more"
        raise ValueError(f"{name} must be {span}, got {value!r}")
    return value


def seconds(name: str, value: Any) -> float:
    """A finite number of seconds, more than 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number of seconds, more than 0; got {value!r}")
    return float(value)
