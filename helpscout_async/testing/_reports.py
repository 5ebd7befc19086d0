"""The fake's 32 reports: one mechanism, parameterised by the rows' documented filters.

A report request is read the same way for every row (``_api.mailbox_reports.FILTERS``
says which query parameters it takes): the period is required, the rest narrows the
conversations counted. The numbers are computed from the seeded conversations
(``_report_figures``), so a report agrees with what listing the conversations of the
same period gives. A Standard plan's account (``FakeHelpScout(plan="standard")``) gets
403 on every report, as on the live API.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from aiohttp import web

from .._api import mailbox_reports as facts
from . import _report_figures as fig
from ._common import bad_request, hal, query_choice, query_datetime, query_int_list, state_of
from ._hal import ApiError, rejected

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
JSON = dict[str, Any]

STANDARD_MESSAGE = "Reports are only available on Plus and Pro plans"


def _when(query: Mapping[str, str], name: str, required: bool) -> datetime | None:
    text = query_datetime(query, name)
    if text is None:
        if required:
            raise bad_request(rejected(name, "may not be null", None, "QUERY"))
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _ints(query: Mapping[str, str], name: str) -> frozenset[int] | None:
    found = query_int_list(query, name)
    return None if found is None else frozenset(found)


def _number(query: Mapping[str, str], name: str, low: int, high: int | None) -> int | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(rejected(name, "must be an integer", raw, "QUERY")) from None
    if value < low or (high is not None and value > high):
        limit = f"from {low} to {high}" if high is not None else f">= {low}"
        raise bad_request(rejected(name, f"must be {limit}", value, "QUERY"))
    return value


def parse(name: str, query: Mapping[str, str]) -> fig.Ask:
    """The report request ``name`` asks for; 400 naming the field when it is malformed."""
    allowed = facts.FILTERS[name]
    start = _when(query, "start", True) or datetime.min
    end = _when(query, "end", True) or datetime.max
    if start >= end:
        raise bad_request(rejected("end", "must be after start", query.get("end"), "QUERY"))
    previous = None
    if "previousStart" in allowed:
        p_start = _when(query, "previousStart", False)
        p_end = _when(query, "previousEnd", False)
        if (p_start is None) != (p_end is None):
            missing = "previousEnd" if p_end is None else "previousStart"
            raise bad_request(rejected(missing, "may not be null with the other", None, "QUERY"))
        if p_start is not None and p_end is not None:
            if p_start >= p_end:
                raise bad_request(
                    rejected(
                        "previousEnd",
                        "must be after previousStart",
                        query.get("previousEnd"),
                        "QUERY",
                    )
                )
            previous = (p_start, p_end)
    types = None
    if "types" in allowed and query.get("types"):
        types = frozenset(t for t in query["types"].split(",") if t)
        for kind in types:
            if kind not in facts.TYPES:
                raise bad_request(rejected("types", "must be email, chat or phone", kind, "QUERY"))
    user = None
    if "user" in allowed:
        user = _number(query, "user", 1, None)
        if user is None:
            raise bad_request(rejected("user", "may not be null", None, "QUERY"))
    view_by = "day"
    if "viewBy" in allowed:
        view_by = query_choice(query, "viewBy", facts.VIEW_BY, "day")
    page = _number(query, "page", 1, None) if "page" in allowed else None
    rows = _number(query, "rows", 1, facts.DRILLDOWN_ROWS) if "rows" in allowed else None
    status = None
    if "status" in allowed and query.get("status"):
        status = query_choice(query, "status", facts.HISTORY_STATUSES, "closed")
    return fig.Ask(
        name=name,
        period=(start, end),
        previous=previous,
        mailboxes=_ints(query, "mailboxes") if "mailboxes" in allowed else None,
        tags=_ints(query, "tags") if "tags" in allowed else None,
        folders=_ints(query, "folders") if "folders" in allowed else None,
        types=types,
        user=user,
        view_by=view_by,
        page=page or 1,
        rows=rows or 25,
        status=status,
    )


def _handler(name: str) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        state = state_of(request)
        if state.plan == "standard":
            raise ApiError(403, STANDARD_MESSAGE)
        ask = parse(name, request.query)
        return hal(state, fig.compute(state.store, ask))

    handle.__name__ = name.replace(".", "_")
    handle.__doc__ = f"``GET`` of report ``{name}``, computed from the stored conversations."
    return handle


REPORT_HANDLERS: Mapping[str, Handler] = {name: _handler(name) for name in facts.FILTERS}
"""The handler of each report row, by the row's name."""
