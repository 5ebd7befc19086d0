"""The Reports group of the Mailbox API: 32 rows, and the query filters each one takes.

Every report is a ``GET`` under ``/v2/reports`` whose query narrows the conversations
it counts. ``FILTERS`` says, per row, which query parameters the doc page documents
(checked against the official PHP SDK's ``QUERY_FIELDS``); the client's methods and the
fake's handlers both read it, so a parameter is written once. Reports answer only on
Plus and Pro plans (a Standard plan's account gets 403).
"""

from __future__ import annotations

from functools import partial
from types import MappingProxyType

from ._row import Operation, row

_m = partial(row, "mailbox")
_R = "/v2/reports"
_D = "reports/"

_PERIOD = ("start", "end")
_PREVIOUS = ("previousStart", "previousEnd")
_SCOPE = ("mailboxes", "tags", "types", "folders")
_CHANNEL = ("mailboxes", "tags", "folders", "officeHours")
_OVERALL = (*_PERIOD, *_PREVIOUS, *_SCOPE)
_SERIES = (*_OVERALL, "viewBy")
_TIMED = (*_OVERALL, "officeHours", "viewBy")
_DRILL = (*_PERIOD, *_SCOPE, "page", "rows")
_RATINGS = (*_OVERALL, "page", "sortField", "sortOrder", "rating")

# (name, path under /v2/reports, doc page under reports/, model, query filters)
# fmt: off
_TABLE: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("company", "/company", "company/reports-company-overall/", "CompanyReport", _OVERALL),
    ("company_customers_helped", "/company/customers-helped",
     "company/reports-company-customers-helped/", "ReportRaw", _SERIES),
    ("company_drilldown", "/company/drilldown", "company/reports-company-drilldown/",
     "ReportRaw", (*_DRILL, "range", "rangeId")),
    ("conversations", "/conversations", "conversations/reports-conversations-overall/",
     "ConversationsReport", _OVERALL),
    ("conversations_volume_by_channel", "/conversations/volume-by-channel",
     "conversations/reports-conversations-volume-by-channel/", "ReportRaw", _SERIES),
    ("conversations_busy_times", "/conversations/busy-times",
     "conversations/reports-conversations-busy-times/", "BusyTime", _OVERALL),
    ("conversations_drilldown", "/conversations/drilldown",
     "conversations/reports-conversations-drilldown/", "ReportRaw", _DRILL),
    ("conversations_fields_drilldown", "/conversations/fields-drilldown",
     "conversations/reports-conversations-field-drilldown/", "ReportRaw",
     (*_PERIOD, "field", "fieldid", *_SCOPE, "page", "rows")),
    ("conversations_new", "/conversations/new", "conversations/reports-conversations-new/",
     "ReportRaw", _SERIES),
    ("conversations_new_drilldown", "/conversations/new-drilldown",
     "conversations/reports-conversations-new-drilldown/", "ReportRaw", _DRILL),
    ("conversations_received_messages", "/conversations/received-messages",
     "conversations/reports-conversations-received-messages/", "ReportRaw", _SERIES),
    ("docs", "/docs", "docs/reports-docs-overall/", "DocsReport",
     (*_PERIOD, *_PREVIOUS, "sites")),
    ("happiness", "/happiness", "happiness/reports-happiness-overall/", "HappinessReport",
     _OVERALL),
    ("happiness_ratings", "/happiness/ratings", "happiness/reports-happiness-ratings/",
     "ReportRaw", _RATINGS),
    ("productivity", "/productivity", "productivity/reports-productivity-overall/",
     "ProductivityReport", (*_OVERALL, "officeHours")),
    ("productivity_first_response_time", "/productivity/first-response-time",
     "productivity/reports-productivity-first-response-time/", "ReportRaw", _TIMED),
    ("productivity_replies_sent", "/productivity/replies-sent",
     "productivity/reports-productivity-replies-sent/", "ReportRaw", _TIMED),
    ("productivity_resolution_time", "/productivity/resolution-time",
     "productivity/reports-productivity-resolution-time/", "ReportRaw", _TIMED),
    ("productivity_resolved", "/productivity/resolved",
     "productivity/reports-productivity-resolved/", "ReportRaw", _TIMED),
    ("productivity_response_time", "/productivity/response-time",
     "productivity/reports-productivity-respose-time/", "ReportRaw", _TIMED),
    ("user", "/user", "user/reports-user/", "UserReport", ("user", *_OVERALL, "officeHours")),
    ("user_conversation_history", "/user/conversation-history",
     "user/reports-user-conversation-history/", "ReportRaw",
     ("user", *_OVERALL, "status", "officeHours", "page", "sortField", "sortOrder")),
    ("user_customers_helped", "/user/customers-helped", "user/reports-user-customer-helped/",
     "ReportRaw", ("user", *_SERIES)),
    ("user_drilldown", "/user/drilldown", "user/reports-user-drilldown/", "ReportRaw",
     ("user", *_DRILL)),
    ("user_happiness", "/user/happiness", "user/reports-user-happiness/", "HappinessReport",
     ("user", *_OVERALL)),
    ("user_ratings", "/user/ratings", "user/reports-user-happiness-drilldown/", "ReportRaw",
     ("user", *_RATINGS)),
    ("user_replies", "/user/replies", "user/reports-user-replies/", "ReportRaw",
     ("user", *_SERIES)),
    ("user_resolutions", "/user/resolutions", "user/reports-user-resolutions/", "ReportRaw",
     ("user", *_SERIES)),
    ("user_chat", "/user/chat", "user/reports-user-chat/", "UserChatReport",
     ("user", *_PERIOD, *_PREVIOUS, "mailboxes", "tags", "officeHours")),
    ("chat", "/chat", "chat/", "ChatReport", (*_PERIOD, *_PREVIOUS, *_CHANNEL)),
    ("email", "/email", "email/", "EmailReport", (*_PERIOD, *_PREVIOUS, *_CHANNEL)),
    ("phone", "/phone", "phone/", "PhoneReport", (*_PERIOD, *_PREVIOUS, *_CHANNEL)),
)
# fmt: on

OPERATIONS: tuple[Operation, ...] = tuple(
    _m(f"reports.{name}", "GET", f"{_R}{path}", f"{_D}{doc}", model=model)
    for name, path, doc, model, _ in _TABLE
)

FILTERS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {f"reports.{name}": filters for name, _, _, _, filters in _TABLE}
)
"""The query parameters each report documents, by row name (API spelling)."""

TYPES = ("email", "chat", "phone")
"""Conversation types a report's ``types`` filter takes."""
VIEW_BY = ("day", "week", "month")
"""Resolutions of a report's time series (``viewBy``)."""
DRILLDOWN_ROWS = 50
"""The most rows a drilldown page holds (the default is 25)."""
RANGES = (
    "replies",
    "firstReplyResolved",
    "resolved",
    "responseTime",
    "firstResponseTime",
    "handleTime",
)
"""The ``range`` values of the company drilldown."""
RATINGS = ("great", "ok", "not-good", "all")
"""The ``rating`` filter of the ratings reports."""
RATING_SORT_FIELDS = ("number", "modifiedAt", "rating")
"""``sortField`` of the ratings reports."""
HISTORY_SORT_FIELDS = ("number", "repliesSent", "responseTime", "resolveTime")
"""``sortField`` of the user conversation history."""
HISTORY_STATUSES = ("active", "pending", "closed")
"""``status`` of the user conversation history."""
SORT_ORDERS = ("ASC", "DESC")
"""``sortOrder`` of the paged reports."""
