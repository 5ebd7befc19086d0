"""Reports against the fake: all 32 over loopback, numbers consistent with the conversations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

import helpscout_async as hs
from helpscout_async import _api
from helpscout_async.testing import FakeHelpScout

from ._support import count

pytestmark = pytest.mark.helpscout_fake(rate_limit=None, conversations=60, seed=3)

START = datetime(2020, 1, 1, tzinfo=UTC)
END = datetime(2030, 1, 1, tzinfo=UTC)
REPORTS = [op for op in _api.family_rows("mailbox") if op.group == "reports"]


def _args(op: _api.Operation, fake: FakeHelpScout) -> dict[str, Any]:
    args: dict[str, Any] = {"start": START, "end": END}
    if op.call.startswith("user"):
        args["user"] = next(iter(fake.store.users))
    return args


def _created_in(fake: FakeHelpScout, start: datetime, end: datetime) -> list[dict[str, Any]]:
    found = []
    for conv in fake.store.conversations.values():
        created = datetime.fromisoformat(conv["createdAt"].replace("Z", "+00:00"))
        if start <= created <= end:
            found.append(conv)
    return found


@pytest.mark.parametrize("op", REPORTS, ids=lambda op: op.call)
async def test_every_report_answers_its_model(
    client: hs.HelpScout, fake: FakeHelpScout, op: _api.Operation
) -> None:
    result = await getattr(client.reports, op.call)(**_args(op, fake))
    if op.model == "BusyTime":
        assert isinstance(result, list)
        assert all(isinstance(b, hs.models.BusyTime) for b in result)
    else:
        assert type(result).__name__ == op.model
    assert count(fake, f"GET {op.path}") == 1


async def test_company_counts_are_the_listed_conversations(
    client: hs.HelpScout, fake: FakeHelpScout
) -> None:
    start, end = datetime(2023, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)
    report = await client.reports.company(start, end)
    query = f"(createdAt:[{start:%Y-%m-%dT%H:%M:%SZ} TO {end:%Y-%m-%dT%H:%M:%SZ}])"
    listed = await client.conversations.list(status="all", query=query).collect()
    closed = await client.conversations.list(status="closed", query=query).collect()
    assert listed, "the seed has conversations in the period"
    assert report.current is not None
    assert report.current.closed == len(closed)
    helped = {c.primary_customer.id for c in listed if c.primary_customer is not None}
    assert report.current.customers_helped == len(helped)
    overall = await client.reports.conversations(start, end)
    assert overall.current is not None
    assert overall.current.total_conversations == len(listed)
    busy = await client.reports.conversations_busy_times(start, end)
    assert sum(b.count or 0 for b in busy) == len(listed)


async def test_filters_and_comparison_period(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    mailbox = next(iter(fake.store.mailboxes))
    mine = [c for c in _created_in(fake, START, END) if c["mailboxId"] == mailbox]
    report = await client.reports.conversations(
        START,
        END,
        mailboxes=mailbox,
        previous_start=datetime(2010, 1, 1, tzinfo=UTC),
        previous_end=datetime(2011, 1, 1, tzinfo=UTC),
    )
    assert report.current is not None
    assert report.previous is not None
    assert report.current.total_conversations == len(mine)
    assert report.previous.total_conversations == 0
    email = await client.reports.email(START, END)
    assert email.current is not None
    assert email.current.volume is not None
    emails = [c for c in _created_in(fake, START, END) if c["type"] == "email"]
    assert email.current.volume.email_conversations == len(emails)
    phone = await client.reports.phone(START, END)
    assert phone.current is not None
    phones = [c for c in _created_in(fake, START, END) if c["type"] == "phone"]
    assert phone.current.phone_conversations == len(phones)


async def test_drilldown_pages(client: hs.HelpScout, fake: FakeHelpScout) -> None:
    total = len(_created_in(fake, START, END))
    first = await client.reports.conversations_drilldown(START, END, rows=7)
    page = first.data["conversations"]
    assert (page["count"], page["pages"], len(page["results"])) == (total, -(-total // 7), 7)
    second = await client.reports.conversations_drilldown(START, END, rows=7, page=2)
    ids = {r["id"] for r in page["results"]}
    assert not ids & {r["id"] for r in second.data["conversations"]["results"]}


async def test_the_fake_names_a_bad_field(client: hs.HelpScout) -> None:
    with pytest.raises(hs.BadRequest) as caught:
        await client.request("GET", "/v2/reports/company", params={"start": "2020-01-01T00:00:00Z"})
    assert [e.path for e in caught.value.errors] == ["end"]


@pytest.mark.helpscout_fake(plan="standard", rate_limit=None, conversations=5)
async def test_a_standard_plan_gets_a_clear_forbidden(client: hs.HelpScout) -> None:
    with pytest.raises(hs.Forbidden, match="Plus or Pro plan") as caught:
        await client.reports.company(START, END)
    assert caught.value.status == 403
