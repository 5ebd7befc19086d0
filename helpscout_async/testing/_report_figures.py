"""The figures of every report, computed from the stored conversations.

A conversation counts in a period when it was created in it (``createdAt`` within
``[start, end]``) and matches the filters (mailboxes, tags, folders, types, user as
assignee). From the records alone (threads are never built, so a report costs one pass
over the store): a conversation's replies are half its threads, it is resolved when it
is closed with a reply, its resolution time runs from ``createdAt`` to ``closedAt``, and
its response time is that spread over its replies. The same helpers give the overall
figures, the time series, the busiest times and the drilldown pages, so every report
agrees with the others and with List Conversations over the same period.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ._store import Store

JSON = dict[str, Any]
Period = tuple[datetime, datetime]


@dataclass(frozen=True)
class Ask:
    """One report request, parsed."""

    name: str
    period: Period
    previous: Period | None
    mailboxes: frozenset[int] | None
    tags: frozenset[int] | None
    folders: frozenset[int] | None
    types: frozenset[str] | None
    user: int | None
    view_by: str
    page: int
    rows: int
    status: str | None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _at(text: str | None) -> datetime | None:
    return None if not text else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _matches(conv: JSON, ask: Ask) -> bool:
    if ask.mailboxes is not None and conv.get("mailboxId") not in ask.mailboxes:
        return False
    if ask.folders is not None and conv.get("folderId") not in ask.folders:
        return False
    if ask.types is not None and conv.get("type") not in ask.types:
        return False
    if ask.tags is not None and not {t.get("id") for t in conv.get("tags") or ()} & ask.tags:
        return False
    if ask.user is not None and (conv.get("assignee") or {}).get("id") != ask.user:
        return False
    return ask.status is None or conv.get("status") == ask.status


def select(store: Store, ask: Ask, period: Period) -> list[JSON]:
    """The conversations a report counts in ``period``, by id."""
    start, end = period
    found = []
    for rid in sorted(store.conversations):
        conv = store.conversations[rid]
        created = _at(conv.get("createdAt"))
        if created is not None and start <= created <= end and _matches(conv, ask):
            found.append(conv)
    return found


def replies(conv: JSON) -> int:
    """A conversation's replies (the fake's rule: half its threads)."""
    return int(conv.get("threads") or 0) // 2


def resolved(conv: JSON) -> bool:
    """Closed with at least one reply."""
    return conv.get("status") == "closed" and replies(conv) > 0


def resolution_time(conv: JSON) -> float | None:
    """Seconds from creation to closing, for a closed conversation."""
    created, closed = _at(conv.get("createdAt")), _at(conv.get("closedAt"))
    if created is None or closed is None or conv.get("status") != "closed":
        return None
    return (closed - created).total_seconds()


def response_time(conv: JSON) -> float | None:
    """The resolution time spread over the replies (the fake's rule)."""
    spent = resolution_time(conv)
    return None if spent is None else spent / max(replies(conv), 1)


def _mean(values: Iterable[float | None]) -> float | None:
    found = [v for v in values if v is not None]
    return sum(found) / len(found) if found else None


def _days(period: Period) -> int:
    return max(1, math.ceil((period[1] - period[0]).total_seconds() / 86400))


def figures(convs: list[JSON], period: Period) -> JSON:
    """The figures every overall report draws on, for one period's conversations."""
    days = _days(period)
    total_replies = sum(replies(c) for c in convs)
    users = {(c.get("assignee") or {}).get("id") for c in convs} - {None}
    done = [c for c in convs if resolved(c)]
    return {
        "startDate": _iso(period[0]),
        "endDate": _iso(period[1]),
        "totalConversations": len(convs),
        "conversationsCreated": len(convs),
        "customers": len({(c.get("primaryCustomer") or {}).get("id") for c in convs} - {None}),
        "closed": sum(1 for c in convs if c.get("status") == "closed"),
        "resolved": len(done),
        "resolvedOnFirstReply": sum(1 for c in done if replies(c) == 1),
        "repliesSent": total_replies,
        "totalUsers": len(users),
        "totalDays": days,
        "resolutionTime": _mean(resolution_time(c) for c in done),
        "responseTime": _mean(response_time(c) for c in convs),
        "repliesToResolve": _mean(float(replies(c)) for c in done),
    }


def _delta(now: Any, before: Any) -> float | None:
    if not isinstance(now, int | float) or not isinstance(before, int | float) or not before:
        return None
    return (now - before) / before * 100.0


def overall(ask: Ask, store: Store, shape: Callable[[list[JSON], Period], JSON]) -> JSON:
    """``current`` (and ``previous`` and ``deltas``) of an overall report in ``shape``."""
    body: JSON = {"current": shape(select(store, ask, ask.period), ask.period)}
    if ask.previous is not None:
        before = shape(select(store, ask, ask.previous), ask.previous)
        body["previous"] = before
        body["deltas"] = _deltas(body["current"], before)
    return body


def _deltas(now: JSON, before: JSON) -> JSON:
    out: JSON = {}
    for key, value in now.items():
        if key in ("startDate", "endDate"):
            continue
        if isinstance(value, dict):
            out[key] = _deltas(value, before.get(key) or {})
        else:
            out[key] = _delta(value, before.get(key))
    return out


def _bucket(moment: datetime, view_by: str) -> datetime:
    day = moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if view_by == "week":
        return day - timedelta(days=day.weekday())
    if view_by == "month":
        return day.replace(day=1)
    return day


def series(ask: Ask, store: Store, key: str, value: Callable[[JSON], float]) -> JSON:
    """A time series ``{"current": [{"date", key}], "previous": [...]}`` by ``viewBy``."""

    def points(period: Period) -> list[JSON]:
        sums: dict[datetime, float] = {}
        for conv in select(store, ask, period):
            created = _at(conv.get("createdAt"))
            if created is not None:
                bucket = _bucket(created, ask.view_by)
                sums[bucket] = sums.get(bucket, 0) + value(conv)
        return [{"date": _iso(d), key: sums[d]} for d in sorted(sums)]

    body: JSON = {"current": points(ask.period)}
    if ask.previous is not None:
        body["previous"] = points(ask.previous)
    return body


def drilldown(ask: Ask, store: Store) -> JSON:
    """One page of the conversations behind a report (``rows`` a page)."""
    convs = select(store, ask, ask.period)
    pages = max(1, math.ceil(len(convs) / ask.rows))
    chunk = convs[(ask.page - 1) * ask.rows : ask.page * ask.rows]
    results = [
        {
            "id": c["id"],
            "number": c.get("number"),
            "subject": c.get("subject"),
            "mailboxId": c.get("mailboxId"),
            "type": c.get("type"),
            "status": c.get("status"),
            "createdAt": c.get("createdAt"),
            "closedAt": c.get("closedAt"),
            "repliesSent": replies(c),
            "responseTime": response_time(c),
            "resolveTime": resolution_time(c),
            "customers": [_person(c.get("primaryCustomer"))],
        }
        for c in chunk
    ]
    return {"page": ask.page, "pages": pages, "count": len(convs), "results": results}


def _person(ref: JSON | None) -> JSON:
    ref = ref or {}
    name = " ".join(p for p in (ref.get("first"), ref.get("last")) if p) or None
    return {"id": ref.get("id"), "name": name}


def busy_times(ask: Ask, store: Store) -> list[JSON]:
    """Conversations per weekday (1 = Monday) and hour, busiest-first order by day, hour."""
    counts: Counter[tuple[int, int]] = Counter()
    for conv in select(store, ask, ask.period):
        created = _at(conv.get("createdAt"))
        if created is not None:
            counts[(created.isoweekday(), created.hour)] += 1
    return [{"day": d, "hour": h, "count": counts[(d, h)]} for d, h in sorted(counts)]


def filter_tags(store: Store) -> list[JSON]:
    """The tags a report can filter on (``id`` 1 stands for untagged conversations)."""
    tags = [{"id": tid, "name": t.get("name")} for tid, t in sorted(store.tags.items())]
    return [{"id": 1, "name": "untagged"}, *tags]


def compute(store: Store, ask: Ask) -> Any:
    """The body of report ``ask.name``."""
    from ._report_shapes import SHAPES  # the shapes build on this module's helpers

    return SHAPES[ask.name](ask, store)
