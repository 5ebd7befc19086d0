"""Mailbox rows of coverage A: conversations (v3 get), attachments, threads, customers.

The rest of these groups' rows are in ``mailbox``; these are added to its
``OPERATIONS`` in one line. Paths and doc pages as ``shared/spec/mailbox-endpoints.tsv``.
Two rows share ``GET .../original-source`` (JSON, and RFC 822 bytes by ``Accept``),
and two share ``DELETE /v2/customers/{customer_id}`` (the asynchronous one by its
documented ``?async=true``): each pair is one endpoint, served by one handler.
"""

from __future__ import annotations

from functools import partial

from ._row import Operation, row

_m = partial(row, "mailbox")
_C = "/v2/conversations/{conversation_id}"
_T = f"{_C}/threads/{{thread_id}}"
_A = f"{_C}/attachments/{{attachment_id}}"
RFC822 = "message/rfc822"
"""The ``Accept`` (and content type) of a thread's original source as an email."""

# fmt: off
OPERATIONS: tuple[Operation, ...] = (
    _m("conversations.get_v3", "GET", "/v3/conversations/{conversation_id}",
       "conversations/get-v3/", model="Conversation"),
    _m("attachments.upload", "POST", f"{_T}/attachments", "conversations/attachments/create/"),
    _m("attachments.delete", "DELETE", _A, "conversations/attachments/delete/"),
    _m("attachments.data", "GET", f"{_A}/data", "conversations/attachments/get-data/",
       model="AttachmentData"),
    _m("attachments.download", "GET", f"{_A}/file",
       "conversations/attachments/get-attachment-file/", accept="*/*"),
    _m("conversations.threads_v3", "GET", "/v3/conversations/{conversation_id}/threads",
       "conversations/threads/list-v3/", page="cursor", key="threads", page_size=50,
       model="Thread"),
    _m("conversations.update_thread", "PATCH", _T, "conversations/threads/update/"),
    _m("conversations.thread_source", "GET", f"{_T}/original-source",
       "conversations/threads/thread-source-json/", model="ThreadOriginalSource"),
    _m("conversations.thread_source_rfc822", "GET", f"{_T}/original-source",
       "conversations/threads/thread-source-json/", accept=RFC822),
    _m("conversations.schedule_thread", "PUT", f"{_T}/schedule",
       "conversations/threads/schedule/update/"),
    _m("conversations.publish_thread", "PATCH", f"{_T}/schedule",
       "conversations/threads/schedule/publish/"),
    _m("conversations.unschedule_thread", "DELETE", f"{_T}/schedule",
       "conversations/threads/schedule/delete/"),
    _m("customers.list_v3", "GET", "/v3/customers", "customers/list-v3/",
       page="cursor", key="customers", page_size=50, model="Customer"),
    _m("customers.patch", "PATCH", "/v2/customers/{customer_id}", "customers/update/"),
    _m("customers.delete_async", "DELETE", "/v2/customers/{customer_id}?async=true",
       "customers/delete-async/", ok=frozenset({202})),
)
# fmt: on
