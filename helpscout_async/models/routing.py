"""Inbox routing: how new conversations of a mailbox are assigned to its users."""

import attrs

from ._base import OpenEnum

__all__ = ["RoutingConfig", "RoutingRotationEntry", "RoutingState"]


class RoutingState(OpenEnum):
    """Whether routing is on for the mailbox."""

    ENABLED = "enabled"
    DISABLED = "disabled"


@attrs.frozen(kw_only=True)
class RoutingRotationEntry:
    """One user's place in the rotation; ``reason`` says why an ineligible user is skipped.

    ``reason`` is e.g. ``at_capacity``, ``away`` or ``not_in_rotation`` (absent when
    ``eligible`` is true).
    """

    user_id: int | None = None
    conversations_count: int | None = None
    eligible: bool | None = None
    reason: str | None = None


@attrs.frozen(kw_only=True)
class RoutingConfig:
    """A mailbox's routing configuration (Get and Update Routing configuration).

    ``assignment_method`` is e.g. ``round_robin``; ``assignment_limit`` caps the open
    conversations per user; ``rotation`` is only in responses.
    """

    state: RoutingState | None = None
    assignment_limit: int | None = None
    assignment_method: str | None = None
    user_ids: tuple[int, ...] = ()
    rotation: tuple[RoutingRotationEntry, ...] = ()
