"""The channel reports: Email, Chat (company and user/team) and Phone.

Their shapes are not the productivity report's: Help Scout's doc pages show the Email and
Chat periods grouped in ``volume``, ``resolutions`` and ``responses`` sections, the Phone
period as three flat counts, and the user/team chat period flat. ``deltas`` (percentage
changes) come in the period's shape, so they use the same classes; a figure absent from a
body is ``None``. Times are seconds.
"""

from datetime import datetime

import attrs

from .reports import ReportFilterTag

__all__ = [
    "ChatReport",
    "ChatReportPeriod",
    "ChatReportResolutions",
    "ChatReportResponses",
    "ChatReportVolume",
    "EmailReport",
    "EmailReportPeriod",
    "EmailReportResolutions",
    "EmailReportResponses",
    "EmailReportVolume",
    "PhoneReport",
    "PhoneReportPeriod",
    "UserChatReport",
    "UserChatReportPeriod",
]


# --- email --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class EmailReportVolume:
    """How many email conversations, new emails, replies sent and messages received."""

    email_conversations: float | None = None
    emails_created: float | None = None
    replies_sent: float | None = None
    messages_received: float | None = None


@attrs.frozen(kw_only=True)
class EmailReportResolutions:
    """Resolved conversations, how fast and with how many replies; handle time in seconds."""

    resolved: float | None = None
    resolved_on_first_reply: float | None = None
    percent_resolved_on_first_reply: float | None = None
    resolution_time: float | None = None
    replies_to_resolve: float | None = None
    handle_time: float | None = None
    closed: float | None = None


@attrs.frozen(kw_only=True)
class EmailReportResponses:
    """Average response and first response times, in seconds."""

    response_time: float | None = None
    first_response_time: float | None = None


@attrs.frozen(kw_only=True)
class EmailReportPeriod:
    """The email figures of one period (or their deltas, as percentages)."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    volume: EmailReportVolume | None = None
    resolutions: EmailReportResolutions | None = None
    responses: EmailReportResponses | None = None


@attrs.frozen(kw_only=True)
class EmailReport:
    """Email Report (``GET /v2/reports/email``)."""

    filter_tags: tuple[ReportFilterTag, ...] = ()
    current: EmailReportPeriod | None = None
    previous: EmailReportPeriod | None = None
    deltas: EmailReportPeriod | None = None


# --- chat ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ChatReportVolume:
    """Beacon chats: all of them, completed, missed, and per day."""

    chat_conversations: float | None = None
    completed_chats: float | None = None
    missed_chats: float | None = None
    chats_per_day: float | None = None


@attrs.frozen(kw_only=True)
class ChatReportResponses:
    """How long customers waited for a chat to start, and for each response (seconds)."""

    wait_time: float | None = None
    response_time: float | None = None


@attrs.frozen(kw_only=True)
class ChatReportResolutions:
    """Messages per chat, and how long a chat lasted (seconds)."""

    messages_per_chat: float | None = None
    duration: float | None = None


@attrs.frozen(kw_only=True)
class ChatReportPeriod:
    """The chat figures of one period (or their deltas, as percentages)."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    volume: ChatReportVolume | None = None
    responses: ChatReportResponses | None = None
    resolutions: ChatReportResolutions | None = None


@attrs.frozen(kw_only=True)
class ChatReport:
    """Chat Report (``GET /v2/reports/chat``): Beacon live chat only."""

    filter_tags: tuple[ReportFilterTag, ...] = ()
    current: ChatReportPeriod | None = None
    previous: ChatReportPeriod | None = None
    deltas: ChatReportPeriod | None = None


@attrs.frozen(kw_only=True)
class UserChatReportPeriod:
    """One user's (or team's) chat figures for one period, flat (or their deltas)."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    total_days: float | None = None
    new_conversations: float | None = None
    messages_per_chat: float | None = None
    response_time: float | None = None
    wait_time: float | None = None
    duration: float | None = None


@attrs.frozen(kw_only=True)
class UserChatReport:
    """User/Team Chat Report (``GET /v2/reports/user/chat``)."""

    current: UserChatReportPeriod | None = None
    previous: UserChatReportPeriod | None = None
    deltas: UserChatReportPeriod | None = None


# --- phone --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PhoneReportPeriod:
    """Phone conversations, calls logged, and customers called, in one period."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    phone_conversations: float | None = None
    phone_calls_created: float | None = None
    customers: float | None = None


@attrs.frozen(kw_only=True)
class PhoneReport:
    """Phone Report (``GET /v2/reports/phone``): the volume of phone calls logged."""

    filter_tags: tuple[ReportFilterTag, ...] = ()
    current: PhoneReportPeriod | None = None
    previous: PhoneReportPeriod | None = None
    deltas: PhoneReportPeriod | None = None
