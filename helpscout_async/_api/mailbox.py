"""The Mailbox API (v2, with a few v3 endpoints): its profile and its operations.

One row per operation; paths and doc pages as Help Scout documents them
(``shared/spec/mailbox-endpoints.tsv``). What a row leaves out follows from its
method (see ``_row.row``). To cover a new operation: add its row here, a typed
method on the resource group that names it, and the fake's handler.
"""

from __future__ import annotations

from functools import partial

from . import mailbox_account, mailbox_conversations, mailbox_entries, mailbox_reports
from ._row import Operation, Profile, row

MAILBOX = Profile(
    name="mailbox",
    base_url="https://api.helpscout.net/v2",
    prefixes=("/v2", "/v3"),
    auth="bearer",
    token_path="/v2/oauth2/token",
    limit_header="X-RateLimit-Limit-Minute",
    remaining_header="X-RateLimit-Remaining-Minute",
    reset_header=None,
    retry_after_headers=("X-RateLimit-Retry-After", "Retry-After"),
    per_window=200,
    window=60.0,
    write_weight=2,
    error_shape="hal",
    id_type="int",
    doc_root="https://developer.helpscout.com/mailbox-api/endpoints/",
)

_m = partial(row, "mailbox")
_C = "/v2/conversations/{conversation_id}"

# fmt: off
OPERATIONS: tuple[Operation, ...] = (
    _m("conversations.list", "GET", "/v2/conversations", "conversations/list/",
       page="hal", key="conversations", page_size=25, model="Conversation"),
    _m("conversations.create", "POST", "/v2/conversations", "conversations/create/"),
    _m("conversations.get", "GET", _C, "conversations/get/", model="Conversation"),
    _m("conversations.update", "PATCH", _C, "conversations/update/"),
    _m("conversations.delete", "DELETE", _C, "conversations/delete/"),
    _m("conversations.update_custom_fields", "PUT", f"{_C}/fields",
       "conversations/custom_fields/update/"),
    _m("conversations.update_tags", "PUT", f"{_C}/tags", "conversations/tags/update/"),
    _m("conversations.snooze", "PUT", f"{_C}/snooze", "conversations/snooze/update/"),
    _m("conversations.unsnooze", "DELETE", f"{_C}/snooze", "conversations/snooze/delete/"),
    _m("conversations.threads", "GET", f"{_C}/threads", "conversations/threads/list/",
       page="hal", key="threads", page_size=50, model="Thread"),
    _m("conversations.add_chat_thread", "POST", f"{_C}/chats", "conversations/threads/chat/"),
    _m("conversations.add_customer_thread", "POST", f"{_C}/customer",
       "conversations/threads/customer/"),
    _m("conversations.add_note", "POST", f"{_C}/notes", "conversations/threads/note/"),
    _m("conversations.add_phone_thread", "POST", f"{_C}/phones", "conversations/threads/phone/"),
    _m("conversations.reply", "POST", f"{_C}/reply", "conversations/threads/reply/"),
    *mailbox_conversations.OPERATIONS,  # coverage A: v3 get, attachments, threads, customers
    _m("customers.list", "GET", "/v2/customers", "customers/list/",
       page="hal", key="customers", page_size=50, model="Customer"),
    _m("customers.create", "POST", "/v2/customers", "customers/create/"),
    _m("customers.get", "GET", "/v2/customers/{customer_id}", "customers/get/",
       model="Customer"),
    _m("customers.update", "PUT", "/v2/customers/{customer_id}", "customers/overwrite/"),
    _m("customers.delete", "DELETE", "/v2/customers/{customer_id}", "customers/delete/"),
    _m("mailboxes.list", "GET", "/v2/mailboxes", "inboxes/list/",
       page="hal", key="mailboxes", page_size=50, model="Mailbox"),
    _m("mailboxes.get", "GET", "/v2/mailboxes/{mailbox_id}", "inboxes/get/", model="Mailbox"),
    _m("mailboxes.fields", "GET", "/v2/mailboxes/{mailbox_id}/fields", "inboxes/inbox-fields/",
       page="hal", key="fields", page_size=50, model="MailboxField"),
    _m("mailboxes.folders", "GET", "/v2/mailboxes/{mailbox_id}/folders",
       "inboxes/inbox-folders/", page="hal", key="folders", page_size=50, model="Folder"),
    _m("ratings.get", "GET", "/v2/ratings/{rating_id}", "ratings/get/", model="Rating"),
    _m("tags.list", "GET", "/v2/tags", "tags/list/",
       page="hal", key="tags", page_size=50, model="Tag"),
    _m("tags.get", "GET", "/v2/tags/{tag_id}", "tags/get/", model="Tag"),
    _m("teams.list", "GET", "/v2/teams", "teams/list-teams/",
       page="hal", key="teams", page_size=50, model="Team"),
    _m("teams.members", "GET", "/v2/teams/{team_id}/members", "teams/list-team-members/",
       page="hal", key="users", page_size=50, model="User"),
    _m("users.list", "GET", "/v2/users", "users/list/",
       page="hal", key="users", page_size=50, model="User"),
    _m("users.me", "GET", "/v2/users/me", "users/me/", model="User"),
    _m("users.get", "GET", "/v2/users/{user_id}", "users/get/", model="User"),
    _m("webhooks.list", "GET", "/v2/webhooks", "webhooks/list/",
       page="hal", key="webhooks", page_size=50, model="Webhook"),
    _m("webhooks.create", "POST", "/v2/webhooks", "webhooks/create/"),
    _m("webhooks.get", "GET", "/v2/webhooks/{webhook_id}", "webhooks/get/", model="Webhook"),
    _m("webhooks.update", "PUT", "/v2/webhooks/{webhook_id}", "webhooks/update/"),
    _m("webhooks.delete", "DELETE", "/v2/webhooks/{webhook_id}", "webhooks/delete/"),
    _m("workflows.list", "GET", "/v2/workflows", "workflows/list/",
       page="hal", key="workflows", page_size=50, model="Workflow"),
    _m("workflows.run", "POST", "/v2/workflows/{workflow_id}/run", "workflows/run/",
       ok=frozenset({204})),
    *mailbox_account.OPERATIONS,  # organizations, routing, saved replies, user admin, ...
)
# fmt: on

OPERATIONS += mailbox_reports.OPERATIONS
OPERATIONS += mailbox_entries.OPERATIONS  # coverage B: customer entries and properties
