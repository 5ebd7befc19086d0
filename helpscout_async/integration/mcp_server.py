"""``helpscout-async mcp``: the integration functions as MCP tools for agents (stdio).

One tool per function of ``_spec`` (its JSON schema built from the same table the
facade checks calls against), plus an ``account`` argument when several accounts
are configured. Safety first, because an agent may loop:

- writes are off unless ``--allow-writes`` (write tools are then not even listed,
  and a call to one is refused with a message saying how to enable it);
- replies are saved as drafts unless ``--send-replies``: Help Scout emails a real
  reply to the customer at once;
- every account spends its own rate budget through its client's limiter, which
  waits for budget instead of meeting a 429;
- errors come back as tool errors carrying the API's message and field errors.

With no credentials configured it serves an embedded fake Help Scout (generated
data) and says so in its instructions, so that an agent can be tried at once.
Needs the ``mcp`` package: ``pip install 'helpscout-async[mcp]'``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from mcp import types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from .. import __version__
from ..client import HelpScout
from ..errors import APIError, HelpScoutError
from ..ratelimit import RateLimit
from ._spec import BY_NAME, FUNCTIONS, Function
from .accounts import Accounts, configs_from_env, configs_from_toml

__all__ = ["ServerOptions", "build_server", "call", "instructions", "main", "serve", "tools"]

_TITLES = {
    "list_conversations": "List Conversations",
    "get_conversation": "Get Conversation",
    "create_conversation": "Create Conversation",
    "update_conversation": "Update Conversation",
    "list_customers": "List Customers",
    "get_customer": "Get Customer",
    "create_customer": "Create Customer",
    "list_mailboxes": "List Mailboxes",
    "get_mailbox": "Get Mailbox",
    "get_current_user": "Get Current User",
    "list_users": "List Users",
    "add_note": "Add Note",
    "update_tags": "Update Tags",
    "reply_to_conversation": "Reply to Conversation",
}
_REPLACES = frozenset({"update_conversation", "update_tags"})
_DRAFTS_ONLY = (
    " This server saves replies as drafts (it runs without --send-replies): a person "
    "reviews and sends them from Help Scout."
)


class ServerOptions:
    """What the server allows and says about itself.

    Args:
        allow_writes: list and run the write tools.
        send_replies: let replies be sent (else they are always drafts).
        demo: a note for the instructions when serving the embedded fake (``None``
            when serving real accounts).
    """

    def __init__(
        self, *, allow_writes: bool = False, send_replies: bool = False, demo: str | None = None
    ) -> None:
        if send_replies and not allow_writes:
            raise ValueError("--send-replies needs --allow-writes (a reply is a write)")
        self.allow_writes = allow_writes
        self.send_replies = send_replies
        self.demo = demo


def _schema(function: Function, accounts: Accounts, options: ServerOptions) -> dict[str, Any]:
    schema = function.schema()
    if function.name == "reply_to_conversation" and not options.send_replies:
        del schema["properties"]["draft"]
    if len(accounts) > 1:
        schema["properties"]["account"] = {
            "type": "string",
            "enum": accounts.names,
            "description": f"Which Help Scout account (default: {accounts.names[0]})",
        }
    return schema


def tools(accounts: Accounts, options: ServerOptions) -> list[types.Tool]:
    """The tools this server lists: the read tools, and the write tools if allowed.

    Args:
        accounts: the accounts served (an ``account`` argument appears when several).
        options: what is allowed.

    Returns:
        One ``Tool`` per function, with its JSON schema and hints.
    """
    out = []
    for function in FUNCTIONS:
        if function.write and not options.allow_writes:
            continue
        summary = function.summary
        if function.name == "reply_to_conversation" and not options.send_replies:
            summary += _DRAFTS_ONLY
        out.append(
            types.Tool(
                name=function.name,
                title=_TITLES[function.name],
                description=summary,
                input_schema=_schema(function, accounts, options),
                annotations=types.ToolAnnotations(
                    title=_TITLES[function.name],
                    read_only_hint=not function.write,
                    destructive_hint=function.name in _REPLACES,
                    idempotent_hint=not function.write or function.name in _REPLACES,
                    open_world_hint=True,
                ),
            )
        )
    return out


def instructions(accounts: Accounts, options: ServerOptions) -> str:
    """The server's instructions to the agent: what it serves and what it allows."""
    parts = []
    if options.demo is not None:
        parts.append(options.demo)
    names = accounts.names
    if len(names) > 1:
        parts.append(
            f"Help Scout accounts: {', '.join(names)} (pass account=<name>; default {names[0]})."
        )
    parts.append(
        "Start with list_mailboxes to find mailbox IDs and list_users for user IDs. "
        'In these tools status "open" means Help Scout\'s active conversations.'
    )
    if not options.allow_writes:
        parts.append("Read-only: this server was started without --allow-writes.")
    elif not options.send_replies:
        parts.append("Replies are saved as drafts, never emailed (no --send-replies).")
    else:
        parts.append("Replies are emailed to customers at once unless draft is true.")
    parts.append(
        "Each account has its own rate budget (writes count double); calls wait for "
        "budget rather than fail, so keep loops short."
    )
    return " ".join(parts)


def _text(data: Any) -> list[types.ContentBlock]:
    return [types.TextContent(type="text", text=json.dumps(data, ensure_ascii=False))]


def _refusal(message: str) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=message)],
        structured_content={"error": {"message": message}},
        is_error=True,
    )


def _api_failure(exc: APIError) -> types.CallToolResult:
    error: dict[str, Any] = {"status": exc.status, "message": exc.message}
    if exc.log_ref:
        error["logRef"] = exc.log_ref
    if exc.errors:
        error["errors"] = [
            {"path": e.path, "message": e.message, "rejectedValue": e.rejected_value}
            for e in exc.errors
        ]
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=str(exc))],
        structured_content={"error": error},
        is_error=True,
    )


async def call(
    accounts: Accounts, options: ServerOptions, name: str, arguments: dict[str, Any] | None
) -> types.CallToolResult:
    """Run one tool call; every failure becomes a tool error, never a crash.

    Args:
        accounts: the accounts served.
        options: what is allowed.
        name: the tool.
        arguments: its arguments (``account`` picks the account).

    Returns:
        The function's JSON as text and as structured content, or a tool error.
    """
    function = BY_NAME.get(name)
    if function is None:
        return _refusal(f"no tool {name!r}; tools: {', '.join(BY_NAME)}")
    if function.write and not options.allow_writes:
        return _refusal(
            f"{name} changes Help Scout, and this server was started without --allow-writes "
            "(read-only). Ask the person running it to restart it with --allow-writes."
        )
    args = dict(arguments or {})
    account_name = args.pop("account", None)
    if name == "reply_to_conversation" and not options.send_replies:
        if args.get("draft") is False:
            return _refusal(
                "replies are saved as drafts: this server was started without --send-replies"
            )
        args["draft"] = True
    try:
        if account_name is not None and not isinstance(account_name, str):
            raise TypeError(f"account must be a string, one of {', '.join(accounts.names)}")
        account = accounts.get(account_name)
        result = await account.call(name, args)
    except APIError as exc:
        return _api_failure(exc)
    except (HelpScoutError, TypeError, ValueError, LookupError) as exc:
        return _refusal(str(exc))
    return types.CallToolResult(content=_text(result), structured_content=result)


def build_server(accounts: Accounts, options: ServerOptions) -> Server[Any]:
    """The MCP server of ``accounts`` (not started).

    Args:
        accounts: the accounts to serve.
        options: what is allowed and the demo note.

    Returns:
        A low-level ``mcp`` server whose ``run(read, write, init)`` serves one session.
    """
    listed = tools(accounts, options)

    async def on_list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(tools=listed)

    async def on_call_tool(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        return await call(accounts, options, params.name, params.arguments)

    return Server(
        "helpscout-async",
        version=__version__,
        title="Help Scout",
        instructions=instructions(accounts, options),
        on_list_tools=on_list_tools,
        on_call_tool=on_call_tool,
    )


async def serve(accounts: Accounts, options: ServerOptions) -> None:
    """Serve ``accounts`` over this process's stdin and stdout until the client leaves."""
    server = build_server(accounts, options)
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="helpscout-async mcp",
        description="Serve Help Scout to an MCP client (an agent) over stdio. Accounts come "
        "from HELPSCOUT_CLIENT_ID/_SECRET (or HELPSCOUT_ACCESS_TOKEN), "
        "HELPSCOUT_<NAME>_CLIENT_ID/_SECRET for named accounts, or --accounts FILE; "
        "with none, an embedded fake Help Scout is served.",
    )
    p.add_argument("--accounts", type=Path, metavar="FILE", help="a TOML file of accounts")
    p.add_argument("--allow-writes", action="store_true", help="enable the write tools")
    p.add_argument(
        "--send-replies",
        action="store_true",
        help="let replies be emailed (default: replies are drafts); needs --allow-writes",
    )
    p.add_argument(
        "--demo-conversations",
        type=int,
        default=200,
        metavar="N",
        help="embedded fake only: conversations to generate (default 200)",
    )
    p.add_argument(
        "--demo-window",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="embedded fake only: the length of its rate-limit minute (default 60)",
    )
    return p


async def _run(args: argparse.Namespace, options: ServerOptions) -> None:
    async with contextlib.AsyncExitStack() as stack:
        if args.accounts is not None:
            configs, default = configs_from_toml(args.accounts)
        else:
            configs, default = configs_from_env()
        if configs:
            accounts = Accounts.from_configs(configs, default=default)
        else:
            from ..testing import FakeHelpScout, FakeRateLimits

            window = args.demo_window
            fake = FakeHelpScout(
                seed=0,
                conversations=args.demo_conversations,
                rate_limit=FakeRateLimits(window=window),
            )
            await stack.enter_async_context(fake)
            client = HelpScout(
                client_id=fake.client_id,
                client_secret=fake.client_secret,
                base_url=fake.base_url,
                rate_limit=RateLimit().scaled(window / 60),
            )
            accounts = Accounts({"default": client}, owned=True)
            options.demo = (
                "No Help Scout credentials are configured, so this server serves an EMBEDDED "
                "FAKE Help Scout with generated data: nothing read here is real and nothing "
                "written reaches Help Scout."
            )
        await stack.enter_async_context(accounts)
        await serve(accounts, options)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``helpscout-async mcp`` with ``argv``; the exit status (2: usage error).

    Args:
        argv: the arguments after ``mcp`` (default ``sys.argv[1:]``).

    Returns:
        0 when the client hung up, 2 for bad arguments or accounts, 1 for a failure.
    """
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        if args.demo_conversations < 1:
            raise _UsageError("--demo-conversations must be 1 or more")
        if not args.demo_window > 0:
            raise _UsageError("--demo-window must be a positive number of seconds")
        options = ServerOptions(allow_writes=args.allow_writes, send_replies=args.send_replies)
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    except (_UsageError, ValueError) as exc:
        print(f"helpscout-async mcp: error: {exc}", file=sys.stderr, flush=True)
        return 2
    try:
        asyncio.run(_run(args, options))
    except KeyboardInterrupt:
        return 130
    except (ValueError, OSError) as exc:
        print(f"helpscout-async mcp: error: {exc}", file=sys.stderr, flush=True)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
