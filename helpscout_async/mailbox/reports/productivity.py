"""Productivity reports: the overall figures and their time series."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ...models import ProductivityReport, ReportRaw
from ._base import Ids, ReportsBase, Types


class ProductivityReports(ReportsBase):
    """``client.reports.productivity*``."""

    async def productivity(
        self,
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
    ) -> ProductivityReport:
        """Productivity Overall: response, resolution and handle times, replies, resolved.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            office_hours: count office hours only (they must be enabled).

        Returns:
            The ``ProductivityReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.productivity", ProductivityReport, locals())

    async def productivity_first_response_time(
        self,
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
        view_by: Literal["day", "week", "month"] | None = None,
    ) -> ReportRaw:
        """First Response Time: the average first response time over time.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            office_hours: count office hours only (they must be enabled).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "time"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.productivity_first_response_time", locals())

    async def productivity_replies_sent(
        self,
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
        view_by: Literal["day", "week", "month"] | None = None,
    ) -> ReportRaw:
        """Replies Sent: replies sent over time.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            office_hours: count office hours only (they must be enabled).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "replies"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.productivity_replies_sent", locals())

    async def productivity_resolution_time(
        self,
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
        view_by: Literal["day", "week", "month"] | None = None,
    ) -> ReportRaw:
        """Resolution Time: the average resolution time over time.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            office_hours: count office hours only (they must be enabled).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "time"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.productivity_resolution_time", locals())

    async def productivity_resolved(
        self,
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
        view_by: Literal["day", "week", "month"] | None = None,
    ) -> ReportRaw:
        """Resolved: conversations resolved over time.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            office_hours: count office hours only (they must be enabled).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "resolved"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.productivity_resolved", locals())

    async def productivity_response_time(
        self,
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
        view_by: Literal["day", "week", "month"] | None = None,
    ) -> ReportRaw:
        """Response Time: the average response time over time.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            office_hours: count office hours only (they must be enabled).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "time"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.productivity_response_time", locals())
