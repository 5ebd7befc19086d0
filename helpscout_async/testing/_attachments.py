"""Attachments: upload to a thread, delete, Get Attachment Data (base64), Download File.

An attachment is found through its conversation's threads (``_embedded.attachments``);
the bytes of uploaded files are kept in ``store.attachment_files``, and a seeded
attachment's bytes are made up from its id and size (deterministic, built on read).
Upload answers 201 with ``Resource-ID`` and ``Location``, delete 204, as documented.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from typing import Any

from aiohttp import web

from ._common import bad_request, created, hal, no_content, path_id, read_object, state_of
from ._hal import ApiError, FieldError
from ._state import State
from ._threads import attachment_records, load_conversation, touch_conversation

JSON = dict[str, Any]


def find_thread(state: State, request: web.Request, *, write: bool = False) -> tuple[JSON, JSON]:
    """The conversation and the thread of ``{conversation_id}``/``{thread_id}``; else 404."""
    cid = path_id(request, "conversation_id")
    conv = load_conversation(state, cid)
    tid = path_id(request, "thread_id")
    store = state.store
    threads = store.materialize_threads(cid) if write else store.get_threads(cid)
    for thread in threads:
        if thread.get("id") == tid:
            return conv, thread
    raise ApiError(404, "Resource not found")


def _find(state: State, request: web.Request) -> tuple[JSON, JSON, JSON]:
    """The conversation, thread and attachment of the path; 404 when any is missing."""
    cid = path_id(request, "conversation_id")
    conv = load_conversation(state, cid)
    aid = path_id(request, "attachment_id")
    for thread in state.store.get_threads(cid):
        for att in (thread.get("_embedded") or {}).get("attachments") or []:
            if att.get("id") == aid:
                return conv, thread, att
    raise ApiError(404, "Resource not found")


def _content(state: State, att: JSON) -> bytes:
    """An attachment's bytes: the uploaded ones, else made up from id and size."""
    aid = int(att["id"])
    found = state.store.attachment_files.get(aid)
    if found is not None:
        return found
    line = f"seeded attachment {aid} ({att.get('filename')})\n".encode()
    size = int(att.get("size") or 0)
    return (line * (size // len(line) + 1))[:size]


async def upload_attachment(request: web.Request) -> web.Response:
    """``POST /conversations/{id}/threads/{id}/attachments``: ``{fileName, mimeType, data}``."""
    state = state_of(request)
    conv, thread = find_thread(state, request, write=True)
    body = await read_object(request)
    errors: list[FieldError] = []
    records = attachment_records(state.store, [body], errors)
    if errors or not records:
        # The body is the attachment itself: name its fields without the list's index.
        raise bad_request(
            *(replace(e, path=e.path.removeprefix("attachments[0].")) for e in errors)
        )
    (record,) = records
    thread.setdefault("_embedded", {}).setdefault("attachments", []).append(record)
    touch_conversation(state, conv)
    return created(state, f"/conversations/{conv['id']}/attachments/{record['id']}", record["id"])


async def delete_attachment(request: web.Request) -> web.Response:
    """``DELETE /conversations/{id}/attachments/{id}``: 204."""
    state = state_of(request)
    conv, _, att = _find(state, request)
    aid = att["id"]
    for thread in state.store.materialize_threads(int(conv["id"])):
        embedded = thread.get("_embedded") or {}
        kept = [a for a in embedded.get("attachments") or [] if a.get("id") != aid]
        if len(kept) != len(embedded.get("attachments") or []):
            thread["_embedded"] = {**embedded, "attachments": kept}
    state.store.attachment_files.pop(aid, None)
    touch_conversation(state, conv)
    return no_content()


async def attachment_data(request: web.Request) -> web.Response:
    """``GET /conversations/{id}/attachments/{id}/data``: ``{"data": <base64>}``."""
    state = state_of(request)
    _, _, att = _find(state, request)
    return hal(state, {"data": base64.b64encode(_content(state, att)).decode()})


async def attachment_file(request: web.Request) -> web.Response:
    """``GET /conversations/{id}/attachments/{id}/file``: the file, with its type and name."""
    state = state_of(request)
    _, _, att = _find(state, request)
    name = str(att.get("filename") or f"attachment-{att['id']}").replace('"', "")
    headers = {
        "Content-Type": str(att.get("mimeType") or "application/octet-stream"),
        "Content-Disposition": f'attachment; filename="{name}"',
    }
    return web.Response(body=_content(state, att), headers=headers)
