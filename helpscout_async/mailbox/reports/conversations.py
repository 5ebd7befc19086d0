"""Conversations reports: volume, channels, busiest times, new conversations, drilldowns."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ...models import BusyTime, ConversationsReport, ReportRaw
from ._base import Ids, ReportsBase, Types


class ConversationReports(ReportsBase):
    """``client.reports.conversations*``."""

    async def conversations(
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
    ) -> ConversationsReport:
        """Conversations Overall: volume, busiest day and time, top tags, customers, replies.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).

        Returns:
            The ``ConversationsReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.conversations", ConversationsReport, locals())

    async def conversations_volume_by_channel(
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
        """Volumes by Channel: conversations per channel (email, chat, phone) over time.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "email", "chat", "phone"}], ...}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.conversations_volume_by_channel", locals())

    async def conversations_busy_times(
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
    ) -> list[BusyTime]:
        """Busiest Time of Day: conversations per weekday and hour.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).

        Returns:
            A list of ``BusyTime`` (``day`` 1 = Monday, ``hour`` 0-23, ``count``).

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_list("reports.conversations_busy_times", BusyTime, locals())

    async def conversations_drilldown(
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
    ) -> ReportRaw:
        """Conversations Drilldown: one page of the conversations behind the report.

        Args:
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
        return await self._report_raw("reports.conversations_drilldown", locals())

    async def conversations_fields_drilldown(
        self,
        start: datetime,
        end: datetime,
        *,
        field: str | None = None,
        field_id: int | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        types: Types = None,
        folders: Ids = None,
        page: int | None = None,
        rows: int | None = None,
    ) -> ReportRaw:
        """Drilldown by Field: one page of the conversations with one field value.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            field: the field to drill into (as the doc page names it).
            field_id: the id of that field's value (a tag's, a custom field's, ...).
            page: the page (1-based).
            rows: conversations a page (1-50; the API's default is 25).

        Returns:
            ``ReportRaw`` of ``{"conversations": {"page", "pages", "count", "results"}}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.conversations_fields_drilldown", locals())

    async def conversations_new(
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
        """New Conversations: conversations created per day, week or month.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "count"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.conversations_new", locals())

    async def conversations_new_drilldown(
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
    ) -> ReportRaw:
        """New Conversations Drilldown: one page of the new conversations.

        Args:
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
        return await self._report_raw("reports.conversations_new_drilldown", locals())

    async def conversations_received_messages(
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
        """Received Messages: customers' messages received over time.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            types: only these conversation types (``email``, ``chat``, ``phone``).
            view_by: the series' resolution (``day``, ``week`` or ``month``).

        Returns:
            ``ReportRaw`` of ``{"current": [{"date", "messages"}], "previous": [...]}``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report_raw("reports.conversations_received_messages", locals())
