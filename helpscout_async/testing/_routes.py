"""The fake's API routes, registered from the operation table's rows.

Each row of a family the fake serves is routed to the handler of the same name
(``HANDLERS``); a row without a handler, or a handler without a row, is a bug the
parity test reports. Rows that share a method and route (``DELETE .../{id}`` and
``DELETE .../{id}?async=true``) share one route and one handler, which tells the
variants apart by query or ``Accept``. The route's name is the row's name, so a handler can read
its row's facts (page size, item key) with ``_common.row_of(request)``. Path templates
are the table's, with ``{x_id}`` narrowed to the family's id shape, so a
malformed id is a 404 as on the real API.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web

from .. import _api
from . import _attachments as att
from . import _conversations as conv
from . import _create as create
from . import _customer_edits as cedit
from . import _customer_entries as entries
from . import _customer_properties as cprops
from . import _customers as cust
from . import _directory as dire
from . import _org_properties as props
from . import _organizations as orgs
from . import _reports as reports
from . import _saved_replies as saved
from . import _thread_edits as tedit
from . import _threads as thr
from . import _updates as upd
from . import _user_admin as admin
from . import _webhook_api as hooks
from . import _workflows as wf

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_ID_PATTERNS = {"int": r"\d+", "hex24": r"[0-9a-fA-F]{24}", "uuid": r"[0-9a-fA-F-]{36}"}
_PARAM = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

MAILBOX_HANDLERS: Mapping[str, Handler] = {
    "conversations.list": conv.list_conversations,
    "conversations.create": create.create_conversation,
    "conversations.get": conv.get_conversation,
    "conversations.update": upd.patch_conversation,
    "conversations.delete": conv.delete_conversation,
    "conversations.update_custom_fields": upd.put_fields,
    "conversations.update_tags": upd.put_tags,
    "conversations.snooze": upd.put_snooze,
    "conversations.unsnooze": upd.delete_snooze,
    "conversations.threads": thr.list_threads,
    "conversations.add_chat_thread": thr.create_chat,
    "conversations.add_customer_thread": thr.create_customer_thread,
    "conversations.add_note": thr.create_note,
    "conversations.add_phone_thread": thr.create_phone,
    "conversations.reply": thr.create_reply,
    **{
        "conversations.get_v3": conv.get_conversation,
        "attachments.upload": att.upload_attachment,
        "attachments.delete": att.delete_attachment,
        "attachments.data": att.attachment_data,
        "attachments.download": att.attachment_file,
        "conversations.threads_v3": tedit.list_threads_v3,
        "conversations.update_thread": tedit.patch_thread,
        "conversations.thread_source": tedit.original_source,
        "conversations.thread_source_rfc822": tedit.original_source,
        "conversations.schedule_thread": tedit.put_schedule,
        "conversations.publish_thread": tedit.patch_schedule,
        "conversations.unschedule_thread": tedit.delete_schedule,
        "customers.list_v3": cedit.list_customers_v3,
        "customers.patch": cedit.patch_customer,
        "customers.delete_async": cedit.delete_either,
    },  # mailbox_conversations rows (coverage A)
    "customers.list": cust.list_customers,
    "customers.create": cust.create_customer,
    "customers.get": cust.get_customer,
    "customers.update": cust.put_customer,
    "customers.delete": cedit.delete_either,
    **entries.HANDLERS,  # coverage B: customer entries
    **cprops.HANDLERS,  # coverage B: customer properties
    "mailboxes.list": dire.list_mailboxes,
    "mailboxes.get": dire.get_mailbox,
    "mailboxes.fields": dire.list_fields,
    "mailboxes.folders": dire.list_folders,
    "ratings.get": dire.get_rating,
    "tags.list": dire.list_tags,
    "tags.get": dire.get_tag,
    "teams.list": dire.list_teams,
    "teams.members": dire.list_team_members,
    "users.list": dire.list_users,
    "users.me": dire.get_me,
    "users.get": dire.get_user,
    "webhooks.list": hooks.list_webhooks,
    "webhooks.create": hooks.create_webhook,
    "webhooks.get": hooks.get_webhook,
    "webhooks.update": hooks.put_webhook,
    "webhooks.delete": hooks.delete_webhook,
    "workflows.list": dire.list_workflows,
    "workflows.run": wf.run_workflow,
    **{
        "organizations.list": orgs.list_organizations,
        "organizations.create": orgs.create_organization,
        "organizations.get": orgs.get_organization,
        "organizations.update": orgs.put_organization,
        "organizations.delete": orgs.delete_organization,
        "organizations.conversations": orgs.list_organization_conversations,
        "organizations.customers": orgs.list_organization_customers,
        "organization_properties.list": props.list_definitions,
        "organization_properties.create": props.create_definition,
        "organization_properties.get": props.get_definition,
        "organization_properties.update": props.put_definition,
        "organization_properties.delete": props.delete_definition,
        "organization_properties.set_value": props.put_value,
        "organization_properties.remove_value": props.delete_value,
        "mailboxes.routing": admin.get_routing,
        "mailboxes.update_routing": admin.put_routing,
        "saved_replies.list": saved.list_saved_replies,
        "saved_replies.create": saved.create_saved_reply,
        "saved_replies.get": saved.get_saved_reply,
        "saved_replies.update": saved.put_saved_reply,
        "saved_replies.delete": saved.delete_saved_reply,
        "users.create": admin.create_user,
        "users.delete": admin.delete_user,
        "users.statuses": admin.list_statuses,
        "users.status": admin.get_status,
        "users.set_status": admin.put_status,
        "users.reassignment": admin.get_reassignment,
        "users.update_reassignment": admin.put_reassignment,
        "teams.update_members": admin.put_team_members,
        "system_users.list": admin.list_system_users,
        "system_users.get": admin.get_system_user,
        "workflows.update_status": admin.patch_workflow,
    },  # mailbox_account rows
    **reports.REPORT_HANDLERS,
}
"""The handler of each Mailbox row, by the row's name."""


def route_path(op: _api.Operation, profile: _api.Profile) -> str:
    """The aiohttp template of a row: ``{conversation_id}`` -> ``{conversation_id:\\d+}``."""
    shape = _ID_PATTERNS[profile.id_type]

    def narrow(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"{{{name}:{shape}}}" if name.endswith("_id") else f"{{{name}}}"

    return _PARAM.sub(narrow, op.route)


def route_rows(rows: tuple[_api.Operation, ...]) -> dict[tuple[str, str], _api.Operation]:
    """The row that names each ``(method, route)`` the rows use.

    Rows sharing a method and route are variants of one endpoint (a fixed query such
    as ``?async=true``, or another ``Accept``): one route, named after the plain row
    (no fixed query, no ``Accept`` of its own), else the first.
    """

    def plain(op: _api.Operation) -> bool:
        return op.path == op.route and op.accept is None

    found: dict[tuple[str, str], _api.Operation] = {}
    for op in rows:
        known = found.get((op.method, op.route))
        if known is None or (plain(op) and not plain(known)):
            found[(op.method, op.route)] = op
    return found


def add_routes(
    router: web.UrlDispatcher, profile: _api.Profile, handlers: Mapping[str, Handler]
) -> None:
    """Route every row of ``profile``'s family to its handler; fail on a missing one."""
    rows = _api.family_rows(profile.name)
    names = {op.name for op in rows}
    missing = sorted(names - set(handlers))
    unknown = sorted(set(handlers) - names)
    if missing or unknown:
        raise LookupError(f"rows without a handler: {missing}; handlers without a row: {unknown}")
    served = route_rows(rows)
    for op in rows:
        shared = served[(op.method, op.route)]
        if handlers[shared.name] is not handlers[op.name]:
            raise LookupError(f"{op.name} shares {op.method} {op.route} with {shared.name}, "
                              "so it must share its handler")  # fmt: skip
    # Fixed paths before templated ones (/users/me before /users/{user_id}).
    for op in sorted(served.values(), key=lambda op: "{" in op.route):
        name = f"{op.family}:{op.name}"
        router.add_route(op.method, route_path(op, profile), handlers[op.name], name=name)
