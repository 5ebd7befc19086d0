"""``helpscout-async``: export Help Scout data to JSONL or CSV, or run the fake server.

``helpscout-async export RESOURCE --out FILE [options]`` and
``helpscout-async fake-server [options]``. Credentials come from the environment;
with none set, ``export`` runs against an embedded, time-scaled fake Help Scout so
that a newcomer sees it work at once. Errors are one line on stderr: exit 2 for
usage errors, 1 for failures during the run, 130 when interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

from . import __version__, _options
from ._api.mailbox_values import CONVERSATION_LIST_STATUSES
from ._cli_export import DEMO_CONVERSATIONS, DEMO_WINDOW, Job, UsageError, run
from ._cli_lists import LISTINGS
from .docs.export import DOCS_RESOURCES
from .errors import HelpScoutError, TransportError, Unauthorized
from .sync import SYNCABLE, Checkpoint

PROG = "helpscout-async"
REFERENCE = tuple(name for name in LISTINGS if name not in SYNCABLE)
"""Whole lists, derived from the operation table (see ``_cli_lists``)."""
RESOURCES = (*SYNCABLE, *REFERENCE, *DOCS_RESOURCES)
STATUSES = CONVERSATION_LIST_STATUSES
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
CREDENTIAL_VARS = ("HELPSCOUT_CLIENT_ID", "HELPSCOUT_CLIENT_SECRET", "HELPSCOUT_ACCESS_TOKEN")


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors become one line (see ``main``)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _since(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date or time: {text!r} (e.g. 2024-01-31 or 2024-01-31T12:00:00Z)"
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The ``helpscout-async`` argument parser."""
    parser = _Parser(prog=PROG, description="Export Help Scout data; run a fake Help Scout.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = commands.add_parser(
        "export",
        help="export one resource to a .jsonl or .csv file",
        description="Export one resource to a .jsonl (records as the API sent them) or .csv "
        "(flattened common fields) file. Credentials: HELPSCOUT_CLIENT_ID and "
        "HELPSCOUT_CLIENT_SECRET, or HELPSCOUT_ACCESS_TOKEN; with none set, an embedded "
        "fake Help Scout is used.",
    )
    p.add_argument("resource", choices=RESOURCES, metavar="RESOURCE", help=", ".join(RESOURCES))
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="a .jsonl or .csv file")
    p.add_argument("--since", type=_since, metavar="ISO", help="only records modified since")
    p.add_argument("--status", choices=STATUSES, help="conversations only (default: all)")
    p.add_argument("--mailbox", type=_positive, metavar="ID", help="only this mailbox's records")
    p.add_argument(
        "--threads",
        action=argparse.BooleanOptionalAction,
        help="conversations: include every thread (default: on for .jsonl, off for .csv)",
    )
    p.add_argument("--state", type=Path, metavar="FILE", help="checkpoint file: resumable runs")
    p.add_argument("--resume", action="store_true", help="append to --out (requires --state)")
    p.add_argument("--base-url", metavar="URL", help="API root (env HELPSCOUT_BASE_URL)")
    p.add_argument(
        "--max-retries",
        type=int,
        default=5,
        metavar="N",
        help="retries of one request (429, 5xx, network) before giving up (default 5)",
    )
    p.add_argument(
        "--demo-conversations",
        type=_positive,
        metavar="N",
        help=f"embedded demo only: conversations to seed (default {DEMO_CONVERSATIONS:,})",
    )
    p.add_argument(
        "--demo-window",
        type=_seconds,
        metavar="SECONDS",
        help=f"embedded demo only: length of the rate-limit minute (default {DEMO_WINDOW:g})",
    )
    p.add_argument("--traceback", action="store_true", help="show a traceback on errors")
    commands.add_parser(
        "fake-server", help="serve a fake Help Scout API (see: fake-server --help)", add_help=False
    )
    commands.add_parser(
        "mcp", help="serve Help Scout to agents over MCP, stdio (see: mcp --help)", add_help=False
    )
    return parser


def _check_out(path: Path) -> str:
    """The format of ``path``; raise ``UsageError`` unless it is a writable .jsonl/.csv."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"--out {path}: the file name must end in .jsonl or .csv")
    existed = path.exists()
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise UsageError(f"cannot write --out {path}: {exc.strerror or exc}") from None
    if not existed:
        path.unlink(missing_ok=True)
    return fmt


def _check_options(args: argparse.Namespace) -> None:
    resource = args.resource
    if resource in DOCS_RESOURCES:
        _check_docs_options(args)
    elif resource in REFERENCE:
        given = [
            name
            for name, value in (
                ("--since", args.since),
                ("--status", args.status),
                ("--mailbox", args.mailbox),
                ("--threads/--no-threads", args.threads),
                ("--state", args.state),
                ("--resume", args.resume or None),
            )
            if value is not None
        ]
        if given:
            raise UsageError(f"{given[0]} applies only to conversations and customers")
    if resource == "customers" and args.status is not None:
        raise UsageError("--status applies only to conversations")
    if resource == "customers" and args.threads is not None:
        raise UsageError("--threads/--no-threads applies only to conversations")
    if args.max_retries < 0:
        raise UsageError(f"--max-retries must be 0 or more, got {args.max_retries}")
    if args.resume and args.state is None:
        raise UsageError("--resume requires --state FILE (the checkpoint to resume from)")
    if args.state is not None and args.state.resolve() == args.out.resolve():
        raise UsageError("--state and --out must be different files")


def _check_docs_options(args: argparse.Namespace) -> None:
    """Docs exports take --state (articles only) and --resume, none of the Mailbox filters."""
    for name, value in (
        ("--since", args.since),
        ("--status", args.status),
        ("--mailbox", args.mailbox),
        ("--threads/--no-threads", args.threads),
        ("--demo-conversations", args.demo_conversations),
    ):
        if value is not None:
            raise UsageError(f"{name} applies only to Mailbox exports, not {args.resource}")
    if args.state is not None and args.resource != "articles":
        raise UsageError("--state applies only to conversations, customers and articles")


def _load_state(args: argparse.Namespace) -> None:
    """Fail early on a state file that cannot be used for this resource."""
    if args.state is None or args.resource in DOCS_RESOURCES:
        return
    try:
        state = Checkpoint(args.state).load()
    except (OSError, ValueError) as exc:
        raise UsageError(f"--state {args.state}: {exc}") from None
    if state is not None and state.resource != args.resource:
        raise UsageError(
            f"--state {args.state} is a {state.resource} checkpoint, not {args.resource}"
        )


def _base_url(option: str | None, variable: str | None) -> str | None:
    """The checked API root from ``--base-url`` or HELPSCOUT_BASE_URL, if either is set."""
    name, value = ("--base-url", option) if option else ("HELPSCOUT_BASE_URL", variable)
    if not value:
        return None
    try:
        return _options.api_url(name, value)
    except ValueError as exc:  # the message never repeats a password
        raise UsageError(str(exc)) from None


def _job(args: argparse.Namespace, argv: Sequence[str]) -> Job:
    _check_options(args)
    fmt = _check_out(args.out)
    _load_state(args)
    env = os.environ
    has_credentials = any(env.get(name) for name in CREDENTIAL_VARS)
    base_url = _base_url(args.base_url, env.get("HELPSCOUT_BASE_URL"))
    if args.resource in DOCS_RESOURCES:
        has_credentials = bool(env.get("HELPSCOUT_DOCS_API_KEY"))
        base_url = _base_url(args.base_url, env.get("HELPSCOUT_DOCS_BASE_URL"))
        if not has_credentials and base_url:
            raise UsageError(
                f"no Docs API key for {base_url}: set HELPSCOUT_DOCS_API_KEY, or unset "
                "HELPSCOUT_DOCS_BASE_URL to run the embedded demo"
            )
    demo = not has_credentials
    if demo and base_url:
        raise UsageError(
            f"no credentials for {base_url}: set HELPSCOUT_CLIENT_ID and HELPSCOUT_CLIENT_SECRET "
            "(or HELPSCOUT_ACCESS_TOKEN), or unset HELPSCOUT_BASE_URL to run the embedded demo"
        )
    if not demo and (args.demo_conversations or args.demo_window):
        raise UsageError("--demo-* options apply only to the embedded demo (no credentials set)")
    threads = args.threads if args.threads is not None else fmt == "jsonl"
    return Job(
        resource=args.resource,
        out=args.out,
        fmt=fmt,
        since=args.since,
        status=args.status or "all",
        mailbox=args.mailbox,
        threads=threads and args.resource == "conversations",
        state=args.state,
        resume=args.resume,
        base_url=base_url,
        max_retries=args.max_retries,
        demo=demo,
        demo_conversations=args.demo_conversations or DEMO_CONVERSATIONS,
        demo_window=args.demo_window or DEMO_WINDOW,
        command=[PROG, *argv],
    )


def _continuation(job: Job) -> str | None:
    """The command that continues this run from its checkpoint, if one is unfinished."""
    if job.resource in REFERENCE or job.resource in DOCS_RESOURCES or job.state is None:
        return None
    try:
        state = Checkpoint(job.state).load()
    except (OSError, ValueError):
        return None
    if state is None or state.complete:
        return None
    command = list(job.command)
    if "--resume" not in command:
        command.append("--resume")
    return shlex.join(command)


def _resume_hint(job: Job) -> str:
    command = _continuation(job)
    if command is not None:
        return f"Interrupted; the checkpoint is in {job.state}. To continue:\n  {command}"
    if job.resource in REFERENCE:
        return f"Interrupted. Run the command again to export {job.resource} from the start."
    if job.state is None:
        return "Interrupted. Without --state the next run starts over; pass --state FILE next time."
    return "Interrupted before anything was written; run the command again."


def _fail(message: str) -> None:
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr, flush=True)


def _explain(exc: BaseException, job: Job) -> str:
    message = _describe(exc, job)
    command = _continuation(job)
    if command is not None:
        message += f"; the checkpoint in {job.state} is kept, to continue: {command}"
    return message


def _describe(exc: BaseException, job: Job) -> str:
    if isinstance(exc, Unauthorized):
        return (
            f"{exc} (check HELPSCOUT_CLIENT_ID and HELPSCOUT_CLIENT_SECRET, "
            "or HELPSCOUT_ACCESS_TOKEN)"
        )
    if isinstance(exc, TransportError):
        return f"{exc} (is {job.base_url or 'the API'} reachable?)"
    if isinstance(exc, HelpScoutError | OSError):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc} (run with --traceback for details)"


def _mcp(argv: list[str]) -> int:
    """``helpscout-async mcp``: needs the optional ``mcp`` package."""
    try:
        from .integration.mcp_server import main as serve_mcp
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("mcp"):
            raise
        _fail("the mcp command needs the mcp package: pip install 'helpscout-async[mcp]'")
        return 2
    return serve_mcp(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``helpscout-async`` with ``argv`` (default ``sys.argv[1:]``); the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["fake-server"]:
        from .testing.server import main as serve

        return serve(args_list[1:])
    if args_list[:1] == ["mcp"]:
        return _mcp(args_list[1:])
    try:
        args = build_parser().parse_args(args_list)
        job = _job(args, args_list)
    except UsageError as exc:
        _fail(str(exc))
        return 2
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        return 130
    try:
        asyncio.run(run(job))
    except UsageError as exc:
        _fail(str(exc))
        return 2
    except (KeyboardInterrupt, asyncio.CancelledError):
        print(_resume_hint(job), file=sys.stderr, flush=True)
        return 130
    except Exception as exc:
        if args.traceback:
            raise
        _fail(_explain(exc, job))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
