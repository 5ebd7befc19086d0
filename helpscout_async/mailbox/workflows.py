"""Workflows: the account's automatic and manual workflows, and running a manual one."""

from __future__ import annotations

from collections.abc import Iterable

from .. import _validate as check
from .._api.mailbox_values import WORKFLOW_RUN_MAX
from ..models import Workflow
from ..pagination import Stream
from ._base import Resource


class Workflows(Resource):
    """``client.workflows``: the account's workflows."""

    def list(
        self, *, mailbox: int | None = None, concurrency: int | None = None
    ) -> Stream[Workflow]:
        """Workflows, optionally of one mailbox (returned without await).

        Args:
            mailbox: only the workflows of this mailbox.
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Workflow``; nothing is fetched until it is iterated.

        Raises:
            TypeError, ValueError: a bad argument (at once).
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        params = {"mailboxId": check.optional_id("mailbox", mailbox)}
        return self._stream("workflows.list", Workflow, params, concurrency=concurrency)

    async def run(self, workflow_id: int, conversation_ids: Iterable[int]) -> None:
        """Run a manual workflow on conversations of the workflow's mailbox.

        A POST: it is not re-sent when its request may have reached the server (the
        workflow's actions, e.g. a reply, could otherwise happen twice).

        Args:
            workflow_id: a manual workflow's id.
            conversation_ids: 1 to 50 conversation ids, of the workflow's mailbox.

        Raises:
            TypeError, ValueError: a bad id, or no or more than 50 conversations.
            NotFound: no such workflow or conversation.
            APIError: the API refused it (e.g. an automatic workflow).
            TransportError: no usable answer (not re-sent if it may have arrived).
        """
        found = check.ids("conversation_ids", conversation_ids) or []
        if len(found) > WORKFLOW_RUN_MAX:
            raise ValueError(
                f"conversation_ids may name at most {WORKFLOW_RUN_MAX} conversations per run, "
                f"got {len(found)}: split them into several runs"
            )
        body = {"conversationIds": found}
        await self._send("workflows.run", body, workflow_id=workflow_id)
