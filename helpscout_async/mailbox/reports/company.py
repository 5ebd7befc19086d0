"""Company reports: the whole account's figures, customers helped, and the drilldown."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ...models import CompanyReport, ReportRaw
from ._base import Ids, ReportsBase, Types

Range = Literal[
    "replies", "firstReplyResolved", "resolved", "responseTime", "firstResponseTime", "handleTime"
]


class CompanyReports(ReportsBase):
    """``client.reports.company*``."""

    async def company(
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
    ) -> CompanyReport:
        """Company Overall: customers helped, closed, replies and users in a period.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither); with it
                the report has ``previous`` and ``deltas``.
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).

        Returns:
            The ``CompanyReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.company", CompanyReport, locals())

    async def company_customers_helped(
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
        view_by: Literal["day", "week", "month"] | None = None,
    ) -> ReportRaw:
        """Company Customers Helped: customers helped per day, week or month.

        Args:
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
        return await self._report_raw("reports.company_customers_helped", locals())

    async def company_drilldown(
        self,
        start: datetime,
        end: datetime,
        *,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
        page: int | None = None,
        rows: int | None = None,
        range_: Range | None = None,
        range_id: int | None = None,
    ) -> ReportRaw:
        """Company Drilldown: one page of the conversations behind the company report.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            page: the page (1-based).
            rows: conversations a page (1-50; the API's default is 25).
            range_: the figure to drill into (``replies``, ``resolved``, ...).
            range_id: which bucket of ``range_`` (only with ``range_``).

        Returns:
            ``ReportRaw`` of ``{"conversations": {"page", "pages", "count", "results"}}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.company_drilldown", locals())
