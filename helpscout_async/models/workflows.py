"""Workflows: manual and automatic rules of a mailbox."""

from datetime import datetime

import attrs

from ._base import OpenEnum

__all__ = [
    "Workflow",
    "WorkflowStatus",
    "WorkflowType",
]


class WorkflowType(OpenEnum):
    """Whether a workflow runs by hand or on conditions."""

    MANUAL = "manual"
    AUTOMATIC = "automatic"


class WorkflowStatus(OpenEnum):
    """Whether a workflow is enabled."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    INVALID = "invalid"


@attrs.frozen(kw_only=True)
class Workflow:
    """A workflow (note: it has ``modified_at`` where most resources have ``updated_at``)."""

    id: int
    mailbox_id: int | None = None
    type: WorkflowType | None = None
    status: WorkflowStatus | None = None
    order: int | None = None
    name: str | None = None
    created_at: datetime | None = None
    modified_at: datetime | None = None
