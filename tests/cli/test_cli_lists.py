"""The ``export`` command's table-driven lists: every exportable row round-trips the fake."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from helpscout_async import HelpScout, _api
from helpscout_async._cli_lists import LISTINGS, csv_columns, export_list, listings
from helpscout_async.cli import RESOURCES, build_parser
from helpscout_async.sync import SYNCABLE, CallbackSink
from helpscout_async.testing import FakeHelpScout

from .conftest import read_jsonl


def test_every_mailbox_list_row_without_an_unknown_parameter_is_exportable() -> None:
    for op in _api.OPERATIONS:
        simple = op.family == "mailbox" and op.page is not None and op.method == "GET"
        simple = simple and not op.params and op.group not in (*SYNCABLE, "reports")
        if simple and op.key not in SYNCABLE:
            assert any(item.op is op for item in LISTINGS.values()), op.name
    names = {item.op.name for item in LISTINGS.values()}
    assert {"webhooks.list", "mailboxes.folders", "teams.members"} <= names
    assert names.isdisjoint({"conversations.list", "customers.list", "conversations.threads"})
    assert all(name in RESOURCES for name in LISTINGS)


def test_a_row_in_the_table_is_what_makes_a_list_exportable() -> None:
    rows = tuple(op for op in _api.OPERATIONS if op.name != "webhooks.list")
    assert "webhooks" not in listings(rows)
    assert "webhooks" in listings()
    no_parent = tuple(op for op in _api.OPERATIONS if op.name != "teams.list")
    assert "team-members" not in listings(no_parent)  # its team_id cannot be enumerated


def test_help_lists_the_table_resources(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for name in LISTINGS:
        assert name in text


def _client(fake: FakeHelpScout) -> HelpScout:
    return HelpScout(
        client_id=fake.client_id, client_secret=fake.client_secret, base_url=fake.base_url
    )


async def _seed_webhooks(client: HelpScout, count: int = 3) -> list[int]:
    """The fake seeds no webhooks: subscribe ``count`` (never called, nothing happens)."""
    return [
        await client.webhooks.create(
            url=f"http://127.0.0.1:9/hook{n}", events=["convo.created"], secret="s3cr3t-value"
        )
        for n in range(count)
    ]


UNSEEDED = {"webhooks": _seed_webhooks}
"""Lists the fake starts empty, with what fills them first."""


@pytest.mark.parametrize("name", list(LISTINGS))
async def test_every_listing_round_trips_against_the_fake(fake: FakeHelpScout, name: str) -> None:
    listing = LISTINGS[name]
    written: list[dict[str, Any]] = []

    async def keep(record: Any) -> None:
        written.append(record)

    async with _client(fake) as client:
        if name in UNSEEDED:
            await UNSEEDED[name](client)
        stats = await export_list(client, name, CallbackSink(keep))
        group = getattr(client, listing.op.group)
        expected: list[dict[str, Any]] = []
        if listing.parents:
            ((param, parent),) = listing.parents
            for record in await getattr(client, parent.group).list().raw().collect():
                items = await getattr(group, listing.op.call)(record["id"]).raw().collect()
                key = param.split("_")[0] + "Id"
                expected.extend({**item, key: record["id"]} for item in items)
        else:
            expected = await getattr(group, listing.op.call)().raw().collect()
    assert stats.finished
    assert stats.written == len(written)
    assert written == expected
    assert written, f"the fake seeds no {name}: the round trip would prove nothing"
    columns = csv_columns(listing)
    assert columns  # every exportable list has a CSV view
    assert any(column in written[0] for column in columns)


async def test_cli_exports_webhooks_jsonl_and_team_members_csv(
    fake: FakeHelpScout, run: Any, use_fake: Any, tmp_path: Path
) -> None:
    use_fake(fake)
    async with _client(fake) as client:
        ids = await _seed_webhooks(client)
    out = tmp_path / "webhooks.jsonl"
    result = await run("export", "webhooks", "--out", str(out))
    assert result.code == 0, result.err
    assert sorted(r["id"] for r in read_jsonl(out)) == sorted(ids)
    assert "s3cr3t" not in result.out + result.err
    out_csv = tmp_path / "members.csv"
    result = await run("export", "team-members", "--out", str(out_csv))
    assert result.code == 0, result.err
    rows = list(csv.DictReader(out_csv.read_text(encoding="utf-8").splitlines()))
    assert rows
    assert {"id", "teamId", "email"} <= set(rows[0])
    assert "secret" not in csv_columns(LISTINGS["webhooks"])
    refused = await run("export", "webhooks", "--out", str(out), "--since", "2024-01-01")
    assert refused.code == 2
    assert "--since" in refused.err
