"""The API's facts as data: every covered operation as a row, and one profile per family.

A pure data package (no I/O, no aiohttp, nothing of the client or of the fake):
the client's resources, the fake server's routing, ``hs.endpoints()`` and the
coverage test all read the same rows.
"""

from __future__ import annotations

from types import MappingProxyType

from . import chat, docs, mailbox
from ._row import (
    WRITE_METHODS,
    AuthKind,
    ErrorShape,
    IdType,
    NewId,
    Operation,
    PageShape,
    Profile,
    RetryClass,
    api_root,
    row,
)

PROFILES: MappingProxyType[str, Profile] = MappingProxyType(
    {p.name: p for p in (mailbox.MAILBOX, docs.DOCS, chat.CHAT)}
)
OPERATIONS: tuple[Operation, ...] = mailbox.OPERATIONS + docs.OPERATIONS + chat.OPERATIONS


def _index(rows: tuple[Operation, ...]) -> MappingProxyType[tuple[str, str], Operation]:
    found: dict[tuple[str, str], Operation] = {}
    for op in rows:
        if (op.family, op.name) in found:
            raise ValueError(f"two rows are named {op.family}:{op.name}")
        found[(op.family, op.name)] = op
    return MappingProxyType(found)


_BY_NAME = _index(OPERATIONS)


def operation(name: str, family: str = "mailbox") -> Operation:
    """The row of ``name`` (e.g. ``conversations.update_tags``) in ``family``."""
    try:
        return _BY_NAME[(family, name)]
    except KeyError:
        raise KeyError(f"no {family} operation is named {name!r}") from None


def family_rows(family: str) -> tuple[Operation, ...]:
    """Every row of one family, in table order."""
    return tuple(op for op in OPERATIONS if op.family == family)


__all__ = [
    "OPERATIONS",
    "PROFILES",
    "WRITE_METHODS",
    "AuthKind",
    "ErrorShape",
    "IdType",
    "NewId",
    "Operation",
    "PageShape",
    "Profile",
    "RetryClass",
    "api_root",
    "family_rows",
    "operation",
    "row",
]
