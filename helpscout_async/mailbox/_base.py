"""The resource base, for the Mailbox groups (it lives in ``_resource``, shared by every family)."""

from __future__ import annotations

from .._resource import AUTO_CONCURRENCY, Resource

__all__ = ["AUTO_CONCURRENCY", "Resource"]
