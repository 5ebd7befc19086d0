"""User and team reports: one user's (or team's) figures, history, series and ratings."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ...models import HappinessReport, ReportRaw, UserChatReport, UserReport
from ._base import Ids, ReportsBase, Types


class UserReports(ReportsBase):
    """``client.reports.user*``."""

    async def user(
        self,
        user: int,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
        office_hours: bool | None = None,
    ) -> UserReport:
        """User/Team Overall: one user's (or team's) figures in a period.

        Args:
            user: the user's (or a team's) id.
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            office_hours: count office hours only (they must be enabled).

        Returns:
            The ``UserReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.user", UserReport, locals())

    async def user_conversation_history(
        self,
        user: int,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
        status: Literal["active", "pending", "closed"] | None = None,
        office_hours: bool | None = None,
        page: int | None = None,
        sort_field: str | None = None,
        sort_order: Literal["ASC", "DESC"] | None = None,
    ) -> ReportRaw:
        """User Conversation History: one page of a user's conversations.

        Args:
            user: the user's (or a team's) id.
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            status: only conversations of this status.
            office_hours: count office hours only (they must be enabled).
            page: the page (1-based).
            sort_field: one of number, repliesSent, responseTime, resolveTime.
            sort_order: ``ASC`` or ``DESC``.

        Returns:
            ``ReportRaw`` of one page: ``{"results": [...], "page", "pages", "count"}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.user_conversation_history", locals())

    async def user_customers_helped(
        self,
        user: int,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
        view_by: Literal["day", "week", "month"] | None = None,
    ) -> ReportRaw:
        """User Customers Helped: customers a user helped over time.

        Args:
            user: the user's (or a team's) id.
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "customers"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.user_customers_helped", locals())

    async def user_drilldown(
        self,
        user: int,
        start: datetime,
        end: datetime,
        *,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
        page: int | None = None,
        rows: int | None = None,
    ) -> ReportRaw:
        """User Drilldown: one page of the conversations behind a user's report.

        Args:
            user: the user's (or a team's) id.
            start, end: the period (timezone-aware; ``start`` before ``end``).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            page: the page (1-based).
            rows: conversations a page (1-50; the API's default is 25).

        Returns:
            ``ReportRaw`` of ``{"conversations": {"page", "pages", "count", "results"}}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.user_drilldown", locals())

    async def user_happiness(
        self,
        user: int,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
    ) -> HappinessReport:
        """User Happiness: a user's great, okay and not good ratings.

        Args:
            user: the user's (or a team's) id.
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).

        Returns:
            The ``HappinessReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.user_happiness", HappinessReport, locals())

    async def user_ratings(
        self,
        user: int,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
        page: int | None = None,
        sort_field: str | None = None,
        sort_order: Literal["ASC", "DESC"] | None = None,
        rating: Literal["great", "ok", "not-good", "all"] | None = None,
    ) -> ReportRaw:
        """User Happiness Drilldown: one page of a user's ratings.

        Args:
            user: the user's (or a team's) id.
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            page: the page (1-based).
            sort_field: one of number, modifiedAt, rating.
            sort_order: ``ASC`` or ``DESC``.
            rating: only ``great``, ``ok`` or ``not-good`` ratings (or ``all``).

        Returns:
            ``ReportRaw`` of one page: ``{"results": [...], "page", "pages", "count"}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.user_ratings", locals())

    async def user_replies(
        self,
        user: int,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
        view_by: Literal["day", "week", "month"] | None = None,
    ) -> ReportRaw:
        """User Replies: replies a user sent over time.

        Args:
            user: the user's (or a team's) id.
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "replies"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.user_replies", locals())

    async def user_resolutions(
        self,
        user: int,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
        view_by: Literal["day", "week", "month"] | None = None,
    ) -> ReportRaw:
        """User Resolutions: conversations a user resolved over time.

        Args:
            user: the user's (or a team's) id.
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "resolved"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.user_resolutions", locals())

    async def user_chat(
        self,
        user: int,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        office_hours: bool | None = None,
    ) -> UserChatReport:
        """User/Team Chat Report: a user's (or team's) Beacon chats in a period.

        Args:
            user: the user's (or a team's) id.
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags: only conversations in these (one id or several).
            office_hours: count office hours only (they must be enabled).

        Returns:
            The ``UserChatReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.user_chat", UserChatReport, locals())
