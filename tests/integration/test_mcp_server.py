"""``helpscout-async mcp`` driven over stdio by the ``mcp`` client library.

The server runs as a subprocess with no credentials, so it serves its embedded
fake (and must say so); the client lists tools, calls read tools, is refused a
write without ``--allow-writes``, and gets a reply created as a draft with it.
Named accounts and tool errors are checked in-process against the fixture's fake.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp import types as mcp_types

from helpscout_async.integration import FUNCTIONS, Accounts
from helpscout_async.integration.mcp_server import ServerOptions, call, instructions, tools
from helpscout_async.testing import FakeHelpScout
from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture

from ._support import FAST

DEMO = ("--demo-window", "1")  # the fake's and the client's minute last 1 s
READS = {f.name for f in FUNCTIONS if not f.write}
WRITES = {f.name for f in FUNCTIONS if f.write}


@asynccontextmanager
async def mcp_session(*options: str) -> AsyncIterator[tuple[ClientSession, str]]:
    """A session with ``helpscout-async mcp OPTIONS`` (no credentials: the embedded fake)."""
    server = StdioServerParameters(
        command=sys.executable,
        args=["-m", "helpscout_async", "mcp", "--demo-conversations", "40", *DEMO, *options],
        env={"PYTHONUNBUFFERED": "1"},
    )
    async with stdio_client(server) as (read, write), ClientSession(read, write) as session:
        init = await session.initialize()
        yield session, init.instructions or ""


def result_json(result: mcp_types.CallToolResult) -> Any:
    assert not result.is_error, result.content
    block = result.content[0]
    assert isinstance(block, mcp_types.TextContent)
    data = json.loads(block.text)
    assert data == result.structured_content
    return data


def error_text(result: mcp_types.CallToolResult) -> str:
    assert result.is_error
    block = result.content[0]
    assert isinstance(block, mcp_types.TextContent)
    return block.text


async def test_read_only_server_over_stdio() -> None:
    async with mcp_session() as (session, text):
        assert "EMBEDDED FAKE" in text
        assert "without --allow-writes" in text
        listed = (await session.list_tools()).tools
        assert {t.name for t in listed} == READS
        by_name = {t.name: t for t in listed}
        schema = by_name["list_conversations"].input_schema
        assert schema["additionalProperties"] is False
        assert schema["properties"]["per_page"]["maximum"] == 50
        assert "account" not in schema["properties"]  # one account only
        assert by_name["get_conversation"].annotations is not None
        assert by_name["get_conversation"].annotations.read_only_hint is True

        mailboxes = result_json(await session.call_tool("list_mailboxes", {}))
        assert mailboxes["_embedded"]["mailboxes"]
        page = result_json(
            await session.call_tool("list_conversations", {"status": "open", "per_page": 5})
        )
        assert page["page"]["size"] == 5
        assert {c["status"] for c in page["_embedded"]["conversations"]} <= {"active"}
        first = page["_embedded"]["conversations"][0]
        conv = result_json(await session.call_tool("get_conversation", {"id": first["id"]}))
        assert conv["_embedded"]["customer"]["id"] == first["primaryCustomer"]["id"]

        refused = await session.call_tool(
            "create_conversation",
            {"subject": "x", "mailbox_id": 1, "customer_email": "a@b.co", "body": "b"},
        )
        assert "--allow-writes" in error_text(refused)
        missing = await session.call_tool("get_conversation", {"id": 999_999_999})
        assert "404" in error_text(missing)
        assert missing.structured_content is not None
        assert missing.structured_content["error"]["status"] == 404
        bad = await session.call_tool("list_conversations", {"foo": 1})
        assert "unknown parameter 'foo'; allowed: mailbox" in error_text(bad)


async def test_writes_and_draft_replies_over_stdio() -> None:
    async with mcp_session("--allow-writes") as (session, text):
        assert "drafts" in text
        listed = {t.name: t for t in (await session.list_tools()).tools}
        assert set(listed) == READS | WRITES
        assert "draft" not in listed["reply_to_conversation"].input_schema["properties"]
        page = result_json(await session.call_tool("list_conversations", {"per_page": 1}))
        cid = page["_embedded"]["conversations"][0]["id"]

        reply = result_json(
            await session.call_tool("reply_to_conversation", {"id": cid, "text": "Looking now."})
        )
        assert reply["draft"] is True
        conv = result_json(await session.call_tool("get_conversation", {"id": cid}))
        thread = next(t for t in conv["_embedded"]["threads"] if t["id"] == reply["id"])
        assert thread["state"] == "draft"
        sent = await session.call_tool(
            "reply_to_conversation", {"id": cid, "text": "x", "draft": False}
        )
        assert "--send-replies" in error_text(sent)

        note = result_json(await session.call_tool("add_note", {"id": cid, "text": "triage"}))
        assert note["conversationId"] == cid


async def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    from helpscout_async.cli import main

    assert main(["mcp", "--send-replies"]) == 2
    assert "--send-replies needs --allow-writes" in capsys.readouterr().err
    assert main(["mcp", "--bogus"]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


async def test_named_accounts_and_tool_errors_in_process(
    helpscout_fake: HelpScoutFakeFixture, fake: FakeHelpScout
) -> None:
    accounts = Accounts(
        {
            "default": helpscout_fake.client(rate_limit=FAST),
            "work": helpscout_fake.client(rate_limit=FAST),
        }
    )
    options = ServerOptions(allow_writes=True, send_replies=True)
    listed = {t.name: t for t in tools(accounts, options)}
    account = listed["list_mailboxes"].input_schema["properties"]["account"]
    assert account["enum"] == ["default", "work"]
    assert "draft" in listed["reply_to_conversation"].input_schema["properties"]
    assert "accounts: default, work" in instructions(accounts, options)

    ok = await call(accounts, options, "list_mailboxes", {"account": "work"})
    assert not ok.is_error
    assert ok.structured_content is not None
    assert len(ok.structured_content["_embedded"]["mailboxes"]) == len(fake.store.mailboxes)
    assert helpscout_fake.fake.metrics.snapshot()  # the fake saw the requests

    unknown = await call(accounts, options, "list_mailboxes", {"account": "support"})
    assert unknown.is_error
    assert "no account 'support'; configured: default, work" in error_text(unknown)
    field = await call(
        accounts,
        options,
        "update_conversation",
        {"id": min(fake.store.conversations), "mailbox_id": 999_999_999},
    )
    assert field.structured_content is not None
    error = field.structured_content["error"]
    assert error["status"] == 400
    assert error["errors"][0]["path"] == "/mailboxId"
    assert "Mailbox not found" in error["errors"][0]["message"]
