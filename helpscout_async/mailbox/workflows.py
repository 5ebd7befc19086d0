"""Workflows: the account's automatic and manual workflows, and running a manual one."""

from __future__ import annotations

from collections.abc import Iterable

from .. import _validate as check
from .._api.mailbox_account import WORKFLOW_STATUSES
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

    async def run(self, workflow_id: int, conversation_ids: Iterable[int]) -> int:
        """Run a manual workflow on conversations of the workflow's mailbox.

        The API takes at most 50 conversations a request: more are sent in batches
        of 50, one after the other, each only once the previous one was accepted.
        Each is a POST, not re-sent when it may have reached the server (the
        workflow's actions, e.g. a reply, could otherwise happen twice). When a batch
        fails, the error's notes say how many conversations the earlier batches ran.

        Args:
            workflow_id: a manual workflow's id.
            conversation_ids: conversation ids of the workflow's mailbox (duplicates
                are sent once).

        Returns:
            The number of requests sent (batches of at most 50).

        Raises:
            TypeError, ValueError: a bad id, or no conversation (before any request).
            NotFound: no such workflow or conversation.
            APIError: the API refused it (e.g. an automatic workflow).
            TransportError: no usable answer (not re-sent if it may have arrived).
        """
        found = list(dict.fromkeys(check.ids("conversation_ids", conversation_ids) or []))
        batches = [
            found[start : start + WORKFLOW_RUN_MAX]
            for start in range(0, len(found), WORKFLOW_RUN_MAX)
        ]
        for number, batch in enumerate(batches):
            try:
                await self._send(
                    "workflows.run", {"conversationIds": batch}, workflow_id=workflow_id
                )
            except Exception as exc:
                if number:
                    done = number * WORKFLOW_RUN_MAX
                    exc.add_note(
                        f"workflow {workflow_id} already ran on the first {done} of "
                        f"{len(found)} conversations (batches of {WORKFLOW_RUN_MAX}); "
                        f"batch {number + 1} of {len(batches)} failed"
                    )
                raise
        return len(batches)

    async def update_status(self, workflow_id: int, status: str) -> None:
        """Activate or deactivate a workflow (a JSON Patch ``replace`` of ``/status``).

        Args:
            workflow_id: the workflow's id.
            status: active or inactive.

        Raises:
            TypeError, ValueError: a bad id or status (before any request).
            NotFound: no such workflow.
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        value = check.one_of("status", status, WORKFLOW_STATUSES)
        body = {"op": "replace", "path": "/status", "value": value}
        await self._send("workflows.update_status", body, workflow_id=workflow_id)
