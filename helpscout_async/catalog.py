"""What the library covers: ``endpoints()`` lists each operation with the call performing it.

Read from the operation table that drives the resources and the fake server, so it
cannot drift from what the client does.
"""

from __future__ import annotations

import attrs

from . import _api

__all__ = ["Endpoint", "endpoints"]


@attrs.frozen(kw_only=True)
class Endpoint:
    """One covered operation.

    Attributes:
        family: the API family: ``mailbox``, ``docs`` or ``chat``.
        method: the HTTP method.
        path: the path template as Help Scout documents it, version included.
        call: the client call that performs it, e.g. ``conversations.update_tags``
            for ``client.conversations.update_tags(...)``.
        doc: the URL of Help Scout's documentation page.
    """

    family: str
    method: str
    path: str
    call: str
    doc: str


def endpoints(family: str | None = None) -> tuple[Endpoint, ...]:
    """The operations the library covers, in table order.

    Args:
        family: only this API family's (``"mailbox"``, ``"docs"``, ``"chat"``); all by default.

    Returns:
        One ``Endpoint`` per operation.

    Raises:
        ValueError: ``family`` is not a known API family.
    """
    if family is not None and family not in _api.PROFILES:
        known = ", ".join(repr(f) for f in _api.PROFILES)
        raise ValueError(f"family must be one of {known}, got {family!r}")
    return tuple(
        Endpoint(
            family=op.family,
            method=op.method,
            path=op.path,
            call=op.name,
            doc=_api.PROFILES[op.family].doc_root + op.doc,
        )
        for op in _api.OPERATIONS
        if family is None or op.family == family
    )
