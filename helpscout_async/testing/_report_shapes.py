"""Each report's body, in the shape its doc page shows, from ``_report_figures``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from . import _report_figures as f
from ._report_figures import Ask, Period
from ._store import Store

JSON = dict[str, Any]
Shape = Callable[[Ask, Store], Any]


def _company_period(convs: list[JSON], period: Period) -> JSON:
    n = f.figures(convs, period)
    days, users = n["totalDays"], n["totalUsers"]
    return {
        "startDate": n["startDate"],
        "endDate": n["endDate"],
        "customersHelped": n["customers"],
        "closed": n["closed"],
        "totalReplies": n["repliesSent"],
        "totalUsers": users,
        "totalDays": days,
        "repliesPerDayPerUser": n["repliesSent"] / days / users if users else 0.0,
        "repliesPerDay": n["repliesSent"] / days,
        "resolvedPerDay": n["resolved"] / days,
    }


def company(ask: Ask, store: Store) -> JSON:
    body = {"filterTags": f.filter_tags(store), **f.overall(ask, store, _company_period)}
    per_user: dict[int, list[JSON]] = {}
    for conv in f.select(store, ask, ask.period):
        uid = (conv.get("assignee") or {}).get("id")
        if uid is not None:
            per_user.setdefault(uid, []).append(conv)
    body["users"] = [
        {
            "user": str(uid),
            "name": _name(store, uid),
            "customersHelped": len({(c.get("primaryCustomer") or {}).get("id") for c in convs}),
            "replies": sum(f.replies(c) for c in convs),
        }
        for uid, convs in sorted(per_user.items())
    ]
    return body


def _name(store: Store, uid: int) -> str | None:
    user = store.users.get(uid) or {}
    return " ".join(p for p in (user.get("firstName"), user.get("lastName")) if p) or None


def _conversations_period(convs: list[JSON], period: Period) -> JSON:
    n = f.figures(convs, period)
    return {
        "startDate": n["startDate"],
        "endDate": n["endDate"],
        "totalConversations": n["totalConversations"],
        "conversationsCreated": n["conversationsCreated"],
        "newConversations": n["conversationsCreated"],
        "customers": n["customers"],
        "conversationsPerDay": n["totalConversations"] / n["totalDays"],
    }


def conversations(ask: Ask, store: Store) -> JSON:
    body = {"filterTags": f.filter_tags(store), **f.overall(ask, store, _conversations_period)}
    convs = f.select(store, ask, ask.period)
    busy = f.busy_times(ask, store)
    if busy:
        top = max(busy, key=lambda b: (b["count"], -b["day"], -b["hour"]))
        body["busiestDay"] = top
        body["busiestTimeStart"], body["busiestTimeEnd"] = top["hour"], (top["hour"] + 1) % 24
    tags: Counter[int] = Counter(t["id"] for c in convs for t in c.get("tags") or ())
    names = {t["id"]: t.get("tag") for c in convs for t in c.get("tags") or ()}
    body["tags"] = {
        "count": sum(tags.values()),
        "top": [{"id": i, "name": names[i], "count": n} for i, n in tags.most_common(5)],
    }
    customers: Counter[int] = Counter(
        int(c["primaryCustomer"]["id"]) for c in convs if c.get("primaryCustomer")
    )
    body["customers"] = {
        "count": len(customers),
        "top": [{"id": i, "count": n} for i, n in customers.most_common(5)],
    }
    return body


def _productivity_period(convs: list[JSON], period: Period) -> JSON:
    n = f.figures(convs, period)
    done = n["resolved"]
    return {
        "startDate": n["startDate"],
        "endDate": n["endDate"],
        "totalConversations": n["totalConversations"],
        "resolutionTime": n["resolutionTime"],
        "repliesToResolve": n["repliesToResolve"],
        "responseTime": n["responseTime"],
        "firstResponseTime": n["responseTime"],
        "resolved": done,
        "resolvedOnFirstReply": n["resolvedOnFirstReply"],
        "percentResolvedOnFirstReply": n["resolvedOnFirstReply"] / done * 100 if done else 0.0,
        "closed": n["closed"],
        "repliesSent": n["repliesSent"],
    }


def _happiness_period(convs: list[JSON], period: Period) -> JSON:
    # The seed gives no ratings; counts are zeros over the period's customers.
    n = f.figures(convs, period)
    return {
        "startDate": n["startDate"],
        "endDate": n["endDate"],
        "totalCustomers": n["customers"],
        "totalRatings": 0,
        "ratingsPercent": 0.0,
        "greatCount": 0,
        "okayCount": 0,
        "notGoodCount": 0,
    }


def _user_period(convs: list[JSON], period: Period) -> JSON:
    n = f.figures(convs, period)
    return {
        "startDate": n["startDate"],
        "endDate": n["endDate"],
        "totalDays": n["totalDays"],
        "resolved": n["resolved"],
        "conversationsCreated": n["conversationsCreated"],
        "closed": n["closed"],
        "totalReplies": n["repliesSent"],
        "resolvedOnFirstReply": n["resolvedOnFirstReply"],
        "repliesToResolve": n["repliesToResolve"],
        "responseTime": n["responseTime"],
        "resolutionTime": n["resolutionTime"],
        "repliesPerDay": n["repliesSent"] / n["totalDays"],
        "customersHelped": n["customers"],
        "totalConversations": n["totalConversations"],
        "conversationsPerDay": n["totalConversations"] / n["totalDays"],
    }


def user(ask: Ask, store: Store) -> JSON:
    uid = ask.user or 0
    stored = store.users.get(uid) or {}
    who = {"id": uid, "name": _name(store, uid), "photoUrl": stored.get("photoUrl")}
    return {"filterTags": f.filter_tags(store), "user": who, **f.overall(ask, store, _user_period)}


def _user_chat_period(convs: list[JSON], period: Period) -> JSON:
    n = f.figures([c for c in convs if c.get("type") == "chat"], period)
    return {
        "startDate": n["startDate"],
        "endDate": n["endDate"],
        "totalDays": n["totalDays"],
        "newConversations": n["totalConversations"],
        "messagesPerChat": _per(n["repliesSent"] * 2, n["totalConversations"]),
        "responseTime": n["responseTime"],
        "waitTime": n["responseTime"],
        "duration": n["resolutionTime"],
    }


def _per(total: float, count: int) -> float:
    return total / count if count else 0.0


def _email_period(convs: list[JSON], period: Period) -> JSON:
    mine = [c for c in convs if c.get("type") == "email"]
    n = f.figures(mine, period)
    done = n["resolved"]
    return {
        "startDate": n["startDate"],
        "endDate": n["endDate"],
        "volume": {
            "emailConversations": n["totalConversations"],
            "emailsCreated": n["conversationsCreated"],
            "repliesSent": n["repliesSent"],
            "messagesReceived": sum(int(c.get("threads") or 0) - f.replies(c) for c in mine),
        },
        "resolutions": {
            "resolved": done,
            "resolvedOnFirstReply": n["resolvedOnFirstReply"],
            "percentResolvedOnFirstReply": _per(n["resolvedOnFirstReply"], done),
            "resolutionTime": n["resolutionTime"],
            "repliesToResolve": n["repliesToResolve"],
            "closed": n["closed"],
        },
        "responses": {"responseTime": n["responseTime"], "firstResponseTime": n["responseTime"]},
    }


def _chat_period(convs: list[JSON], period: Period) -> JSON:
    mine = [c for c in convs if c.get("type") == "chat"]
    n = f.figures(mine, period)
    return {
        "startDate": n["startDate"],
        "endDate": n["endDate"],
        "volume": {
            "chatConversations": n["totalConversations"],
            "completedChats": n["closed"],
            "missedChats": n["totalConversations"] - n["closed"],
            "chatsPerDay": n["totalConversations"] / n["totalDays"],
        },
        "responses": {"waitTime": n["responseTime"], "responseTime": n["responseTime"]},
        "resolutions": {
            "messagesPerChat": _per(sum(int(c.get("threads") or 0) for c in mine), len(mine)),
            "duration": n["resolutionTime"],
        },
    }


def _phone_period(convs: list[JSON], period: Period) -> JSON:
    mine = [c for c in convs if c.get("type") == "phone"]
    n = f.figures(mine, period)
    return {
        "startDate": n["startDate"],
        "endDate": n["endDate"],
        "phoneConversations": n["totalConversations"],
        "phoneCallsCreated": n["conversationsCreated"],
        "customers": n["customers"],
    }


def _docs(ask: Ask, store: Store) -> JSON:
    def period(convs: list[JSON], when: Period) -> JSON:
        return {"startDate": f._iso(when[0]), "endDate": f._iso(when[1]), "visitors": 0}

    return {**f.overall(ask, store, period), "popularSearches": [], "topArticles": []}


def _with_tags(shape: Callable[[list[JSON], Period], JSON]) -> Shape:
    return lambda ask, store: {"filterTags": f.filter_tags(store), **f.overall(ask, store, shape)}


def _plain(shape: Callable[[list[JSON], Period], JSON]) -> Shape:
    return lambda ask, store: f.overall(ask, store, shape)


def _series(key: str, value: Callable[[JSON], float]) -> Shape:
    return lambda ask, store: f.series(ask, store, key, value)


def _ratings(ask: Ask, store: Store) -> JSON:
    return {"results": [], "page": ask.page, "pages": 1, "count": 0}


def _wrapped(ask: Ask, store: Store) -> JSON:
    return {"conversations": f.drilldown(ask, store)}


def _one(conv: JSON) -> float:
    return 1


def _customers_by_date(ask: Ask, store: Store) -> JSON:
    return f.series(ask, store, "customers", _one)


_TIME = _series("time", lambda c: f.response_time(c) or 0.0)

SHAPES: dict[str, Shape] = {
    "reports.company": company,
    "reports.company_customers_helped": _customers_by_date,
    "reports.company_drilldown": _wrapped,
    "reports.conversations": conversations,
    "reports.conversations_volume_by_channel": lambda ask, store: {
        "current": _by_channel(ask, store)
    },
    "reports.conversations_busy_times": f.busy_times,
    "reports.conversations_drilldown": _wrapped,
    "reports.conversations_fields_drilldown": _wrapped,
    "reports.conversations_new": _series("count", _one),
    "reports.conversations_new_drilldown": _wrapped,
    "reports.conversations_received_messages": _series(
        "messages", lambda c: int(c.get("threads") or 0) - f.replies(c)
    ),
    "reports.docs": _docs,
    "reports.happiness": _with_tags(_happiness_period),
    "reports.happiness_ratings": _ratings,
    "reports.productivity": _with_tags(_productivity_period),
    "reports.productivity_first_response_time": _TIME,
    "reports.productivity_replies_sent": _series("replies", f.replies),
    "reports.productivity_resolution_time": _series("time", lambda c: f.resolution_time(c) or 0.0),
    "reports.productivity_resolved": _series("resolved", lambda c: 1 if f.resolved(c) else 0),
    "reports.productivity_response_time": _TIME,
    "reports.user": user,
    "reports.user_conversation_history": lambda ask, store: f.drilldown(ask, store),
    "reports.user_customers_helped": _customers_by_date,
    "reports.user_drilldown": _wrapped,
    "reports.user_happiness": _with_tags(_happiness_period),
    "reports.user_ratings": _ratings,
    "reports.user_replies": _series("replies", f.replies),
    "reports.user_resolutions": _series("resolved", lambda c: 1 if f.resolved(c) else 0),
    "reports.user_chat": _plain(_user_chat_period),
    "reports.chat": _with_tags(_chat_period),
    "reports.email": _with_tags(_email_period),
    "reports.phone": _with_tags(_phone_period),
}
"""The body of each report, by row name."""


def _by_channel(ask: Ask, store: Store) -> list[JSON]:
    points: dict[str, JSON] = {}
    for kind in ("email", "chat", "phone"):
        for p in f.series(ask, store, kind, _of_type(kind))["current"]:
            points.setdefault(p["date"], {"date": p["date"], "email": 0, "chat": 0, "phone": 0})
            points[p["date"]][kind] = p[kind]
    return [points[d] for d in sorted(points)]


def _of_type(kind: str) -> Callable[[JSON], float]:
    return lambda conv: 1 if conv.get("type") == kind else 0
