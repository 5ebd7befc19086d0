"""Reports: the request each of the 32 sends, its checks before sending, its models."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from _unit_support import API, api, fixture, make_client
from aioresponses import aioresponses

import helpscout_async as hs
from helpscout_async import _api
from helpscout_async._api import mailbox_reports as facts
from helpscout_async.mailbox.reports import _base

START = datetime(2024, 1, 1, tzinfo=UTC)
END = datetime(2024, 2, 1, 12, tzinfo=timezone(timedelta(hours=2)))
REPORTS = [op for op in _api.family_rows("mailbox") if op.group == "reports"]


def test_there_are_32_reports() -> None:
    assert len(REPORTS) == 32


@pytest.mark.parametrize("op", REPORTS, ids=lambda op: op.call)
def test_each_method_takes_exactly_its_documented_filters(op: _api.Operation) -> None:
    method = getattr(hs.HelpScout(access_token="t").reports, op.call)
    names = set(inspect.signature(method).parameters)
    assert {_base.API_NAMES[n] for n in names} == set(facts.FILTERS[op.name])
    assert "Args:" in (method.__doc__ or "")
    assert "Raises:" in (method.__doc__ or "")


@pytest.mark.parametrize("op", REPORTS, ids=lambda op: op.call)
async def test_each_report_sends_its_path_and_period(
    mocked: aioresponses, op: _api.Operation
) -> None:
    body: Any = [] if op.model == "BusyTime" else {}
    mocked.get(api(op.path.removeprefix("/v2")), payload=body)
    args: dict[str, Any] = {"start": START, "end": END}
    if "user" in facts.FILTERS[op.name]:
        args["user"] = 7
    async with make_client() as client:
        await getattr(client.reports, op.call)(**args)
    ((method, url), _), *_ = mocked.requests.items()
    assert (method, str(url.with_query(None))) == ("GET", API + op.path.removeprefix("/v2"))
    expected = {"start": "2024-01-01T00:00:00Z", "end": "2024-02-01T10:00:00Z"}
    if "user" in args:
        expected["user"] = "7"
    assert dict(url.query) == expected


async def test_filters_are_written_as_the_api_spells_them(mocked: aioresponses) -> None:
    mocked.get(api("/reports/productivity/replies-sent"), payload={"current": []})
    async with make_client() as client:
        raw = await client.reports.productivity_replies_sent(
            START,
            END,
            previous_start=START - timedelta(days=31),
            previous_end=START,
            mailboxes=[1, 2],
            tags=5,
            types=["email", "chat"],
            folders=(9,),
            office_hours=True,
            view_by="week",
        )
    assert raw == hs.models.ReportRaw(data={"current": []})
    ((_, url), _), *_ = mocked.requests.items()
    assert dict(url.query) == {
        "start": "2024-01-01T00:00:00Z",
        "end": "2024-02-01T10:00:00Z",
        "previousStart": "2023-12-01T00:00:00Z",
        "previousEnd": "2024-01-01T00:00:00Z",
        "mailboxes": "1,2",
        "tags": "5",
        "types": "email,chat",
        "folders": "9",
        "officeHours": "true",
        "viewBy": "week",
    }


async def test_paged_reports_send_page_sort_and_rating(mocked: aioresponses) -> None:
    mocked.get(api("/reports/user/ratings"), payload={"results": []})
    mocked.get(api("/reports/company/drilldown"), payload={"conversations": {}})
    async with make_client() as client:
        await client.reports.user_ratings(
            3, START, END, page=2, sort_field="rating", sort_order="DESC", rating="not-good"
        )
        await client.reports.company_drilldown(START, END, rows=50, range_="replies", range_id=2)
    (_, first), (_, second) = [key for key in mocked.requests]
    assert dict(first.query) == {
        "user": "3",
        "start": "2024-01-01T00:00:00Z",
        "end": "2024-02-01T10:00:00Z",
        "page": "2",
        "sortField": "rating",
        "sortOrder": "DESC",
        "rating": "not-good",
    }
    assert dict(second.query)["range"] == "replies"
    assert dict(second.query)["rows"] == "50"


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"start": datetime(2024, 1, 1), "end": END}, ValueError, "start must be timezone-aware"),
        ({"start": "2024-01-01", "end": END}, TypeError, "start must be a datetime"),
        ({"start": END, "end": START}, ValueError, "start must be before end"),
        ({"previous_start": START}, ValueError, "give both"),
        ({"previous_start": END, "previous_end": START}, ValueError, "previous_start must be"),
        ({"mailboxes": "1"}, TypeError, "mailboxes must be a positive int id"),
        ({"tags": 0}, ValueError, "tags must be a positive int id"),
        ({"types": ["fax"]}, ValueError, "types must be one of"),
        ({"types": []}, ValueError, "types must name at least one"),
        ({"office_hours": 1}, TypeError, "office_hours must be a bool"),
        ({"view_by": "year"}, ValueError, "view_by must be one of"),
    ],
)
async def test_bad_arguments_fail_before_any_request(
    mocked: aioresponses, kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    args: dict[str, Any] = {"start": START, "end": END, **kwargs}
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await client.reports.productivity_resolved(**args)
    assert not mocked.requests


@pytest.mark.parametrize(
    ("call", "kwargs", "error", "match"),
    [
        ("company_drilldown", {"rows": 51}, ValueError, "rows must be from 1 to 50"),
        ("company_drilldown", {"range_id": 2}, ValueError, "range_id: only valid with range_"),
        ("company_drilldown", {"page": 0}, ValueError, "page must be"),
        ("happiness_ratings", {"sort_field": "score"}, ValueError, "sort_field must be one of"),
        ("docs", {"sites": ["nope"]}, ValueError, "site_id must be an id"),
    ],
)
async def test_paged_and_docs_arguments_are_checked(
    mocked: aioresponses, call: str, kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    async with make_client() as client:
        with pytest.raises(error, match=match):
            await getattr(client.reports, call)(START, END, **kwargs)
    assert not mocked.requests


async def test_user_reports_need_a_user_id(mocked: aioresponses) -> None:
    async with make_client() as client:
        with pytest.raises(TypeError, match="user must be a positive int id"):
            await client.reports.user("7", START, END)  # type: ignore[arg-type]
    assert not mocked.requests


async def test_a_403_says_reports_need_plus_or_pro(mocked: aioresponses) -> None:
    mocked.get(api("/reports/company"), status=403, payload={"message": "Forbidden"})
    async with make_client() as client:
        with pytest.raises(hs.Forbidden, match="Plus or Pro plan") as caught:
            await client.reports.company(START, END)
    assert caught.value.status == 403


async def test_fixture_bodies_structure(mocked: aioresponses) -> None:
    mocked.get(api("/reports/company"), payload=fixture("report_company_overall"))
    mocked.get(
        api("/reports/conversations/busy-times"),
        payload=fixture("report_conversations_busy_times"),
    )
    async with make_client() as client:
        company = await client.reports.company(START, END)
        busy = await client.reports.conversations_busy_times(START, END)
    assert company.current is not None
    assert company.deltas is not None
    assert (company.current.customers_helped, company.current.total_replies) == (28, 62)
    assert company.users[0].handle_time == 78.96
    assert company.filter_tags == (hs.models.ReportFilterTag(id=123, name="sample-tag"),)
    assert [(b.day, b.hour, b.count) for b in busy][-1] == (7, 23, 4)


async def test_busy_times_refuses_an_object(mocked: aioresponses) -> None:
    mocked.get(api("/reports/conversations/busy-times"), payload={"oops": 1})
    async with make_client() as client:
        with pytest.raises(hs.StructureError):
            await client.reports.conversations_busy_times(START, END)


async def test_channel_reports_keep_their_sections(mocked: aioresponses) -> None:
    email = {
        "current": {
            "startDate": "2015-01-01T00:00:00Z",
            "volume": {"emailConversations": 8, "repliesSent": 24},
            "resolutions": {"resolved": 10, "handleTime": 129},
            "responses": {"responseTime": 1023, "firstResponseTime": 500},
        }
    }
    chat = {
        "current": {
            "volume": {"chatConversations": 255, "missedChats": 12},
            "responses": {"waitTime": 37},
            "resolutions": {"messagesPerChat": 16.84, "duration": 927},
        }
    }
    phone = {"current": {"phoneConversations": 11, "phoneCallsCreated": 11, "customers": 10}}
    user_chat = {"current": {"newConversations": 2, "waitTime": 7, "duration": 162}}
    mocked.get(api("/reports/email"), payload=email)
    mocked.get(api("/reports/chat"), payload=chat)
    mocked.get(api("/reports/phone"), payload=phone)
    mocked.get(api("/reports/user/chat"), payload=user_chat)
    async with make_client() as client:
        e = await client.reports.email(START, END)
        c = await client.reports.chat(START, END)
        p = await client.reports.phone(START, END)
        u = await client.reports.user_chat(4, START, END)
    assert e.current is not None
    assert e.current.volume
    assert e.current.responses
    assert (e.current.volume.email_conversations, e.current.responses.first_response_time) == (
        8,
        500,
    )
    assert c.current is not None
    assert c.current.volume
    assert c.current.resolutions
    assert (c.current.volume.missed_chats, c.current.resolutions.duration) == (12, 927)
    assert p.current is not None
    assert p.current.phone_calls_created == 11
    assert u.current is not None
    assert (u.current.wait_time, u.current.duration) == (7, 162)
