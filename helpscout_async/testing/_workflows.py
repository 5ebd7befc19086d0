"""Running a manual workflow: ``POST /v2/workflows/{workflow_id}/run``.

As documented: only a manual workflow runs this way; ``conversationIds`` holds 1 to
50 ids of existing conversations of the workflow's mailbox; the answer is 204. The
fake applies no actions: it records each run in ``store.workflow_runs``.
"""

from __future__ import annotations

from aiohttp import web

from .._api.mailbox_values import WORKFLOW_RUN_MAX
from ._common import bad_request, no_content, not_found, path_id, read_object, state_of
from ._hal import rejected


async def run_workflow(request: web.Request) -> web.Response:
    """``POST /workflows/{workflow_id}/run``."""
    state = state_of(request)
    store = state.store
    workflow = store.workflows.get(path_id(request))
    if workflow is None:
        raise not_found()
    body = await read_object(request)
    ids = body.get("conversationIds")
    if (
        not isinstance(ids, list)
        or not 1 <= len(ids) <= WORKFLOW_RUN_MAX
        or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
    ):
        raise bad_request(
            rejected(
                "conversationIds",
                f"must be a list of 1 to {WORKFLOW_RUN_MAX} conversation ids",
                ids,
            )
        )
    if workflow.get("type") != "manual":
        raise bad_request(rejected("id", "only a manual workflow can be run", workflow["id"]))
    for cid in ids:
        conv = store.conversations.get(cid)
        if conv is None or conv.get("mailboxId") != workflow.get("mailboxId"):
            message = "must be an existing conversation of the workflow's inbox"
            raise bad_request(rejected("conversationIds", message, cid))
    store.workflow_runs.append((int(workflow["id"]), list(ids)))
    return no_content()
