"""Channel reports: Beacon chat, email and phone."""

from __future__ import annotations

from datetime import datetime

from ...models import ChatReport, EmailReport, PhoneReport
from ._base import Ids, ReportsBase


class ChannelReports(ReportsBase):
    """``client.reports.chat``, ``email`` and ``phone``."""

    async def chat(
        self,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        folders: Ids = None,
        office_hours: bool | None = None,
    ) -> ChatReport:
        """Chat Report: volume, wait and response times, and duration of Beacon chats.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            office_hours: count office hours only (they must be enabled).

        Returns:
            The ``ChatReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.chat", ChatReport, locals())

    async def email(
        self,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        folders: Ids = None,
        office_hours: bool | None = None,
    ) -> EmailReport:
        """Email Report: volume, resolutions and response times of email conversations.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            office_hours: count office hours only (they must be enabled).

        Returns:
            The ``EmailReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.email", EmailReport, locals())

    async def phone(
        self,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        mailboxes: Ids = None,
        tags: Ids = None,
        folders: Ids = None,
        office_hours: bool | None = None,
    ) -> PhoneReport:
        """Phone Report: the phone conversations and calls logged.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            mailboxes, tags, folders: only conversations in these (one id or several).
            office_hours: count office hours only (they must be enabled).

        Returns:
            The ``PhoneReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.phone", PhoneReport, locals())
