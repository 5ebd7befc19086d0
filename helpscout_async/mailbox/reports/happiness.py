"""Happiness (ratings) reports, and the Docs report."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from ...models import DocsReport, HappinessReport, ReportRaw
from ._base import Ids, ReportsBase, Types


class HappinessReports(ReportsBase):
    """``client.reports.happiness*`` and ``client.reports.docs``."""

    async def docs(
        self,
        start: datetime,
        end: datetime,
        *,
        previous_start: datetime | None = None,
        previous_end: datetime | None = None,
        sites: str | Iterable[str] | None = None,
    ) -> DocsReport:
        """Docs Overall: visitors, searches, top articles and categories of Docs sites.

        Args:
            start, end: the period (timezone-aware; ``start`` before ``end``).
            previous_start, previous_end: a comparison period (both or neither).
            sites: only these Docs sites (24-hex ids).

        Returns:
            The ``DocsReport``.

        Raises:
            TypeError, ValueError: a bad argument (before any request).
            Forbidden: the account's plan has no reports (Standard).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        return await self._report("reports.docs", DocsReport, locals())

    async def happiness(
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
    ) -> HappinessReport:
        """Happiness Overall: shares and counts of great, okay and not good ratings.

        Args:
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
        return await self._report("reports.happiness", HappinessReport, locals())

    async def happiness_ratings(
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
        page: int | None = None,
        sort_field: str | None = None,
        sort_order: Literal["ASC", "DESC"] | None = None,
        rating: Literal["great", "ok", "not-good", "all"] | None = None,
    ) -> ReportRaw:
        """Happiness Ratings: one page of the ratings themselves.

        Args:
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
        return await self._report_raw("reports.happiness_ratings", locals())
