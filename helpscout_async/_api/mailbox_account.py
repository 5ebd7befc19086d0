"""Mailbox rows of the account's structure: organizations and their properties, inbox
routing and saved replies, users (create, delete, status, reassignment), team members,
system users (v3) and workflow status; with the closed value sets they take.

Paths and doc pages as ``shared/spec/mailbox-endpoints.tsv`` has them; page sizes and
list keys as the doc pages' example answers show them.
"""

from __future__ import annotations

from functools import partial

from ._row import Operation, row

ORGANIZATION_SORT_FIELDS = ("name", "customerCount", "conversationCount", "lastInteractionAt")
"""``sort`` of List Organizations (``lastInteractionAt`` is the default, descending)."""
PROPERTY_TYPES = ("text", "number", "url", "date", "dropdown")
"""An organization property definition's ``type``."""
PROPERTY_MAX_DEFINITIONS = 50
PROPERTY_MAX_OPTIONS = 100
PROPERTY_SLUG_MAX = 120
PROPERTY_NAME_MAX = 100
USER_CREATE_ROLES = ("admin", "user", "light user")
"""Roles Create User may assign (``owner`` may not be)."""
USER_NAME_MAX = 40
USER_STATUSES = ("active", "away")
"""A user's email status, as Set User Status takes it."""
ROUTING_STATES = ("enabled", "disabled")
WORKFLOW_STATUSES = ("active", "inactive")
"""What Update Workflow Status may set (``invalid`` is the API's own)."""

_m = partial(row, "mailbox")
_O = "/v2/organizations/{organization_id}"
_P = "/v2/organizations/properties"
_S = "/v2/mailboxes/{mailbox_id}/saved-replies"
_SR = "inboxes/saved_Replies/saved-replies"
_U = "/v2/users/{user_id}"
_R = "users/conversation%20reassignment"

# fmt: off
OPERATIONS: tuple[Operation, ...] = (
    _m("organizations.list", "GET", "/v2/organizations", "organizations/list/",
       page="hal", key="organizations", page_size=50, model="Organization"),
    _m("organizations.create", "POST", "/v2/organizations", "organizations/create/"),
    _m("organizations.get", "GET", _O, "organizations/get/", model="Organization"),
    _m("organizations.update", "PUT", _O, "organizations/update/"),
    _m("organizations.delete", "DELETE", _O, "organizations/delete/"),
    _m("organizations.conversations", "GET", f"{_O}/conversations",
       "organizations/get-conversations/",
       page="hal", key="conversations", page_size=25, model="Conversation"),
    _m("organizations.customers", "GET", f"{_O}/customers", "organizations/get-customers/",
       page="hal", key="customers", page_size=50, model="Customer"),
    _m("organization_properties.list", "GET", _P, "organizations/properties/list/",
       page="embedded", key="organization-properties", model="OrganizationPropertyDefinition"),
    _m("organization_properties.create", "POST", _P, "organizations/properties/create/",
       new_id=None),  # known by its slug: 201 with no id
    _m("organization_properties.get", "GET", f"{_P}/{{property_slug}}",
       "organizations/properties/get/", model="OrganizationPropertyDefinition"),
    _m("organization_properties.update", "PUT", f"{_P}/{{property_slug}}",
       "organizations/properties/update/"),
    _m("organization_properties.delete", "DELETE", f"{_P}/{{property_slug}}",
       "organizations/properties/delete/"),
    _m("organization_properties.set_value", "PUT", f"{_O}/properties/{{property_slug}}",
       "organizations/properties/set-value/"),
    _m("organization_properties.remove_value", "DELETE", f"{_O}/properties/{{property_slug}}",
       "organizations/properties/remove-value/"),
    _m("mailboxes.routing", "GET", "/v2/mailboxes/{mailbox_id}/routing",
       "inboxes/routing/routing-configuration-get/", model="RoutingConfig"),
    _m("mailboxes.update_routing", "PUT", "/v2/mailboxes/{mailbox_id}/routing",
       "inboxes/routing/routing-configuration-update/"),
    _m("saved_replies.list", "GET", _S, f"{_SR}-list/",
       page="array", key="saved_replies", model="SavedReply"),
    _m("saved_replies.create", "POST", _S, f"{_SR}-create/"),
    _m("saved_replies.get", "GET", f"{_S}/{{saved_reply_id}}", f"{_SR}-get/",
       model="SavedReply"),
    _m("saved_replies.update", "PUT", f"{_S}/{{saved_reply_id}}", f"{_SR}-update/"),
    _m("saved_replies.delete", "DELETE", f"{_S}/{{saved_reply_id}}", f"{_SR}-delete/"),
    _m("users.create", "POST", "/v2/users", "users/create/"),
    _m("users.delete", "DELETE", _U, "users/delete/"),
    _m("users.statuses", "GET", "/v2/users/status", "users/status/list/",
       page="hal", key="userStatuses", page_size=50, model="UserStatus"),
    _m("users.status", "GET", f"{_U}/status", "users/status/get/", model="UserStatus"),
    _m("users.set_status", "PUT", f"{_U}/status", "users/status/set/"),
    _m("users.reassignment", "GET", f"{_U}/conversation-reassignment", f"{_R}/get/",
       model="ReassignmentConfig"),
    _m("users.update_reassignment", "PUT", f"{_U}/conversation-reassignment", f"{_R}/update/"),
    _m("teams.update_members", "PUT", "/v2/teams/{team_id}/members",
       "teams/update-team-members/"),
    _m("system_users.list", "GET", "/v3/system-users", "system-users/list-system-users/",
       page="hal", key="system_users", page_size=50, model="User"),
    _m("system_users.get", "GET", "/v3/system-users/{system_user_id}",
       "system-users/get-system-user/", model="User"),
    _m("workflows.update_status", "PATCH", "/v2/workflows/{workflow_id}", "workflows/update/"),
)
# fmt: on
