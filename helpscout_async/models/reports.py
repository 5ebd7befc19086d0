"""Reports: typed models of the overall reports, and a raw wrapper for the rest.

Every overall report answers ``current`` (and, when a comparison period was asked for,
``previous`` and ``deltas``) statistics of one period, plus lists such as the tags that can
filter it. Field names follow Help Scout's published examples; a statistic the API adds later
is ignored here but kept by ``ReportRaw`` and by the streams' ``raw()``. Counts are ``int``,
rates, percentages and durations (seconds) ``float``; ``deltas`` are percentage changes.

Drilldowns (pages of conversations behind a figure) and the time-series reports come back
as ``ReportRaw`` (the JSON as sent), except Busiest Time of Day, whose array of ``BusyTime``
counts is typed. The channel reports (email, chat, phone) live in ``report_channels``.
"""

from datetime import datetime

import attrs

from .common import JSONValue

__all__ = [
    "BusyTime",
    "CompanyReport",
    "CompanyReportDeltas",
    "CompanyReportPeriod",
    "CompanyReportUser",
    "ConversationsReport",
    "ConversationsReportPeriod",
    "DocsReport",
    "DocsReportPeriod",
    "DocsReportTopItem",
    "HappinessReport",
    "HappinessReportPeriod",
    "ProductivityReport",
    "ProductivityReportPeriod",
    "ReportFilterTag",
    "ReportRaw",
    "ReportTopEntry",
    "ReportTopList",
    "UserReport",
    "UserReportPeriod",
    "UserReportUser",
]


@attrs.frozen(kw_only=True)
class ReportFilterTag:
    """A tag that can filter the report (``id`` 1 stands for untagged conversations)."""

    id: int | None = None
    name: str | None = None


@attrs.frozen(kw_only=True)
class BusyTime:
    """How many conversations arrived in one hour of one weekday (``day`` 1 = Monday)."""

    day: int | None = None
    hour: int | None = None
    count: int | None = None


@attrs.frozen(kw_only=True)
class ReportRaw:
    """A report whose shape is not modelled (drilldowns, bare arrays): the JSON as sent."""

    data: JSONValue = attrs.field(hash=False)


# --- company ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CompanyReportPeriod:
    """The company's figures for one period."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    customers_helped: int | None = None
    closed: int | None = None
    total_replies: int | None = None
    total_users: int | None = None
    total_days: int | None = None
    replies_per_day_per_user: float | None = None
    replies_per_day: float | None = None
    resolved_per_day: float | None = None


@attrs.frozen(kw_only=True)
class CompanyReportDeltas:
    """Percentage change of each figure from the previous period to the current one."""

    customers_helped: float | None = None
    total_replies: float | None = None
    replies_per_day: float | None = None
    closed: float | None = None
    total_users: float | None = None
    replies_per_day_per_user: float | None = None
    resolved_per_day: float | None = None


@attrs.frozen(kw_only=True)
class CompanyReportUser:
    """One user's line of the company report; ``user`` is the user's id (a string here)."""

    user: str | None = None
    name: str | None = None
    customers_helped: int | None = None
    previous_customers_helped: int | None = None
    replies: int | None = None
    previous_replies: int | None = None
    happiness_score: float | None = None
    previous_happiness_score: float | None = None
    handle_time: float | None = None
    previous_handle_time: float | None = None


@attrs.frozen(kw_only=True)
class CompanyReport:
    """Company Overall (``GET /v2/reports/company``)."""

    filter_tags: tuple[ReportFilterTag, ...] = ()
    current: CompanyReportPeriod | None = None
    previous: CompanyReportPeriod | None = None
    deltas: CompanyReportDeltas | None = None
    users: tuple[CompanyReportUser, ...] = ()


# --- conversations ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReportTopEntry:
    """One entry of a "top" list (a tag, customer, saved reply or workflow) with its share."""

    id: int | None = None
    name: str | None = None
    mailbox_id: int | None = None
    count: int | None = None
    previous_count: int | None = None
    percent: float | None = None
    previous_percent: float | None = None
    delta_percent: float | None = None


@attrs.frozen(kw_only=True)
class ReportTopList:
    """A "top" list: the total ``count`` and its leading entries."""

    count: int | None = None
    top: tuple[ReportTopEntry, ...] = ()


@attrs.frozen(kw_only=True)
class ConversationsReportPeriod:
    """Conversation volume of one period (also used for its deltas, as percentages)."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    total_conversations: float | None = None
    conversations_created: float | None = None
    new_conversations: float | None = None
    customers: float | None = None
    conversations_per_day: float | None = None


@attrs.frozen(kw_only=True)
class ConversationsReport:
    """Conversations Overall (``GET /v2/reports/conversations``)."""

    filter_tags: tuple[ReportFilterTag, ...] = ()
    busiest_day: BusyTime | None = None
    busiest_time_start: int | None = None
    busiest_time_end: int | None = None
    current: ConversationsReportPeriod | None = None
    previous: ConversationsReportPeriod | None = None
    deltas: ConversationsReportPeriod | None = None
    tags: ReportTopList | None = None
    customers: ReportTopList | None = None
    replies: ReportTopList | None = None
    workflows: ReportTopList | None = None


# --- docs ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DocsReportPeriod:
    """Docs usage of one period: visitors and what they did (percentages of visits)."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    visitors: float | None = None
    browse_action: float | None = None
    sent_an_email_result: float | None = None
    found_an_answer_result: float | None = None
    search_action: float | None = None
    failed_result: float | None = None
    docs_viewed_per_visit: float | None = None


@attrs.frozen(kw_only=True)
class DocsReportTopItem:
    """A search term (``id`` is the term) or an article/category with its count."""

    id: str | None = None
    name: str | None = None
    count: int | None = None
    results: int | None = None
    site_id: str | None = None


@attrs.frozen(kw_only=True)
class DocsReport:
    """Docs Overall (``GET /v2/reports/docs``)."""

    current: DocsReportPeriod | None = None
    previous: DocsReportPeriod | None = None
    deltas: DocsReportPeriod | None = None
    popular_searches: tuple[DocsReportTopItem, ...] = ()
    failed_searches: tuple[DocsReportTopItem, ...] = ()
    top_articles: tuple[DocsReportTopItem, ...] = ()
    top_categories: tuple[DocsReportTopItem, ...] = ()


# --- happiness (ratings) ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class HappinessReportPeriod:
    """Ratings of one period: shares (percent) and counts of great, okay and not good."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    ratings_percent: float | None = None
    happiness_score: float | None = None
    great: float | None = None
    okay: float | None = None
    not_good: float | None = None
    great_count: int | None = None
    okay_count: int | None = None
    not_good_count: int | None = None
    total_customers: int | None = None
    total_ratings: int | None = None


@attrs.frozen(kw_only=True)
class HappinessReport:
    """Happiness Overall (``GET /v2/reports/happiness``) and User Happiness."""

    filter_tags: tuple[ReportFilterTag, ...] = ()
    current: HappinessReportPeriod | None = None
    previous: HappinessReportPeriod | None = None
    deltas: HappinessReportPeriod | None = None


# --- productivity ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ProductivityReportPeriod:
    """Productivity of one period; times are in seconds."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    total_conversations: float | None = None
    volume: float | None = None
    resolution_time: float | None = None
    replies_to_resolve: float | None = None
    response_time: float | None = None
    first_response_time: float | None = None
    resolved: float | None = None
    resolved_on_first_reply: float | None = None
    percent_resolved_on_first_reply: float | None = None
    closed: float | None = None
    replies_sent: float | None = None
    handle_time: float | None = None
    customers_helped: float | None = None
    happiness_score: float | None = None


@attrs.frozen(kw_only=True)
class ProductivityReport:
    """Productivity Overall (``GET /v2/reports/productivity``)."""

    filter_tags: tuple[ReportFilterTag, ...] = ()
    current: ProductivityReportPeriod | None = None
    previous: ProductivityReportPeriod | None = None
    deltas: ProductivityReportPeriod | None = None


# --- user / team --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class UserReportUser:
    """The user (or team) the report is about."""

    id: int | None = None
    name: str | None = None
    has_photo: bool | None = None
    photo_url: str | None = None
    created_at: datetime | None = None
    total_customers_helped: int | None = None


@attrs.frozen(kw_only=True)
class UserReportPeriod:
    """One user's figures for one period (also used for its deltas, as percentages)."""

    start_date: datetime | None = None
    end_date: datetime | None = None
    total_days: float | None = None
    resolved: float | None = None
    conversations_created: float | None = None
    closed: float | None = None
    total_replies: float | None = None
    resolved_on_first_reply: float | None = None
    percent_resolved_on_first_reply: float | None = None
    replies_to_resolve: float | None = None
    handle_time: float | None = None
    happiness_score: float | None = None
    response_time: float | None = None
    resolution_time: float | None = None
    replies_per_day: float | None = None
    customers_helped: float | None = None
    total_conversations: float | None = None
    conversations_per_day: float | None = None
    active_conversations: float | None = None
    busiest_day: int | None = None


@attrs.frozen(kw_only=True)
class UserReport:
    """User/Team Overall (``GET /v2/reports/user``)."""

    filter_tags: tuple[ReportFilterTag, ...] = ()
    user: UserReportUser | None = None
    current: UserReportPeriod | None = None
    previous: UserReportPeriod | None = None
    deltas: UserReportPeriod | None = None
