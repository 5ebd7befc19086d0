"""Workflows: the account's automatic and manual workflows."""

from __future__ import annotations

from .. import _validate as check
from ..models import Workflow
from ..pagination import Stream
from ._base import Resource


class Workflows(Resource):
    """``client.workflows``: the account's workflows."""

    def list(
        self, *, mailbox: int | None = None, concurrency: int | None = None
    ) -> Stream[Workflow]:
        """Workflows, optionally of one mailbox (returned without await)."""
        params = {"mailboxId": check.optional_id("mailbox", mailbox)}
        return self._list("/workflows", "workflows", Workflow, params, concurrency=concurrency)
