"""The ``fake-server`` command: parse and check the options, then serve until signalled.

``helpscout-async fake-server`` (or ``python -m helpscout_async.testing``) prints
the environment a client needs (``HELPSCOUT_BASE_URL=...`` and the credentials)
and serves until SIGINT or SIGTERM. Like the export command, every mistake is one
line on stderr and exit status 2, before anything is seeded: an option out of
range (``--port 99999``, ``--window 0``, ``--per-minute 0``, ``--conversations -5``)
or an address that cannot be listened on (a port in use, an unknown host).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import math
import signal
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import NoReturn

from ._faults import FaultRule
from ._limits import FakeRateLimits
from ._webhooks import DeliveryPolicy
from .server import FakeHelpScout

PROG = "helpscout-async fake-server"


class _UsageError(Exception):
    """A bad option or an address that cannot be used: one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors become one line (see :func:`main`)."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _whole(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum or (maximum is not None and value > maximum):
            span = f"from {minimum} to {maximum}" if maximum is not None else f"{minimum} or more"
            raise argparse.ArgumentTypeError(f"must be {span}, got {value}")
        return value

    return parse


def _seconds(text: str, *, allow_zero: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        low = "0 or more" if allow_zero else "more than 0"
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds, {low}; got {text}")
    return value


def _positive_seconds(text: str) -> float:
    return _seconds(text)


def _latency(text: str) -> FaultRule:
    parts = [_seconds(part, allow_zero=True) for part in text.split(",")]
    if len(parts) == 1:
        return FaultRule("latency", rate=1.0, delay=parts[0])
    if len(parts) == 2 and parts[0] <= parts[1]:
        return FaultRule("latency", rate=1.0, delay=(parts[0], parts[1]))
    raise argparse.ArgumentTypeError(f"use A or A,B seconds with A <= B, got {text!r}")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Serve a fake Help Scout Mailbox API with seeded data.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=_whole(0, 65535), default=0, help="0 picks a free port")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--conversations", type=_whole(0), default=100)
    p.add_argument("--customers", type=_whole(0), default=None)
    p.add_argument("--mailboxes", type=_whole(1), default=3)
    p.add_argument("--users", type=_whole(1), default=8)
    p.add_argument("--no-limits", action="store_true", help="turn the rate limit off")
    p.add_argument("--per-minute", type=_whole(1), default=200)
    p.add_argument(
        "--window", type=_positive_seconds, default=60.0, help="seconds in a rate 'minute'"
    )
    p.add_argument("--mode", choices=("fixed", "sliding"), default="sliding")
    p.add_argument("--write-weight", type=_whole(1), default=2)
    p.add_argument(
        "--writes-per-5s", type=_whole(1), default=None, help="burst rule (off if unset)"
    )
    p.add_argument("--latency", type=_latency, default=None, help="seconds, A or A,B (range)")
    p.add_argument("--token-ttl", type=_positive_seconds, default=172800.0)
    p.add_argument(
        "--body-modified-at",
        action="store_true",
        help="put modifiedAt in conversation bodies (the live API leaves it out)",
    )
    p.add_argument("--docs-articles", type=_whole(0), default=30, help="Docs articles to seed")
    p.add_argument(
        "--webhook-attempts", type=_whole(1), default=10, help="tries per webhook delivery"
    )
    p.add_argument(
        "--webhook-time-scale",
        type=partial(_seconds, allow_zero=True),
        default=1.0,
        help="multiplies the webhook retry backoff (0.01: a 1 s wait takes 10 ms)",
    )
    return p


def _fake(args: argparse.Namespace) -> FakeHelpScout:
    limits = FakeRateLimits(
        per_minute=args.per_minute,
        window=args.window,
        write_weight=args.write_weight,
        mode=args.mode,
        writes_per_5s=args.writes_per_5s,
        enabled=not args.no_limits,
    )
    return FakeHelpScout(
        seed=args.seed,
        conversations=args.conversations,
        customers=args.customers,
        mailboxes=args.mailboxes,
        users=args.users,
        rate_limit=limits,
        faults=[args.latency] if args.latency else None,
        token_ttl=args.token_ttl,
        body_modified_at=args.body_modified_at,
        host=args.host,
        port=args.port,
        docs_articles=args.docs_articles,
        webhook_policy=DeliveryPolicy(
            attempts=args.webhook_attempts, time_scale=args.webhook_time_scale
        ),
    )


async def _serve(fake: FakeHelpScout) -> None:
    fake.warm()
    gc.freeze()  # the seeded store is long-lived: keep it out of every GC pass
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await fake.start()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise _UsageError(f"cannot listen on {fake.host}:{fake.port}: {reason}") from None
    try:
        print(f"HELPSCOUT_BASE_URL={fake.base_url}", flush=True)
        print(f"HELPSCOUT_CLIENT_ID={fake.client_id}", flush=True)
        print(f"HELPSCOUT_CLIENT_SECRET={fake.client_secret}", flush=True)
        print(f"HELPSCOUT_DOCS_BASE_URL={fake.docs_base_url}", flush=True)
        print(f"HELPSCOUT_DOCS_API_KEY={fake.docs_api_key}", flush=True)
        await stop.wait()
    finally:
        await fake.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``fake-server``: print the base URL and credentials, then serve until signalled.

    Args:
        argv: the command's arguments (default ``sys.argv[1:]``).

    Returns:
        0 after SIGINT/SIGTERM (or ``--help``), 2 after a usage error, which is one
        line on stderr: ``helpscout-async fake-server: error: ...``.
    """
    try:
        args = _parser().parse_args(list(argv) if argv is not None else sys.argv[1:])
        fake = _fake(args)  # the constructors' own checks: TypeError/ValueError
    except (_UsageError, TypeError, ValueError) as exc:
        return _fail(exc)
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    try:
        asyncio.run(_serve(fake))
    except _UsageError as exc:
        return _fail(exc)
    except KeyboardInterrupt:
        pass
    return 0


def _fail(exc: BaseException) -> int:
    print(f"{PROG}: error: {' '.join(str(exc).split())}", file=sys.stderr, flush=True)
    return 2
