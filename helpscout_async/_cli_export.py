"""The ``export`` command's run: pick the server, open the sink, sync or export, summarize.

With credentials in the environment the client talks to ``base_url`` (the real API
by default). Without, an embedded ``FakeHelpScout`` is served in-process with a
time-scaled rate limit, and the client gets the same scaled policy. The sink is
opened only after one cheap request has proved the credentials and the server, so
a typo never truncates yesterday's export; it is flushed and closed however the run
ends, and the engine's checkpoint after the last complete page stays.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import attrs

from ._cli_lists import LISTINGS, ListCsvSink, csv_columns, export_list
from ._progress import Budget, ProgressBar, Summary
from .client import HelpScout
from .docs.export import DOCS_RESOURCES
from .ratelimit import AccountLimiter, RateLimit
from .sync import SYNCABLE, Checkpoint, CsvSink, JsonlSink, Sink, SyncStats, sync

DEMO_CONVERSATIONS = 5000
DEMO_WINDOW = 6.0


class UsageError(Exception):
    """A mistake in the command line: reported in one line, exit status 2."""


@attrs.frozen(kw_only=True)
class Job:
    """One ``export`` invocation, validated."""

    resource: str
    out: Path
    fmt: str
    since: datetime | None
    status: str
    mailbox: int | None
    threads: bool
    state: Path | None
    resume: bool
    base_url: str | None
    max_retries: int
    demo: bool
    demo_conversations: int
    demo_window: float
    command: Sequence[str]


def _say(text: str) -> None:
    """Print to stdout; a reader that went away (``| head``) does not fail the export."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second error at exit


def _describe_state(job: Job) -> None:
    """Say where a run with ``--state`` starts (and warn when output would be lost)."""
    if job.state is None:
        return
    state = Checkpoint(job.state).load()
    if state is None:
        _say(f"Checkpoints go to {job.state}.")
        return
    if state.complete:
        _say(
            f"Incremental run: {job.state} says the last run started at "
            f"{state.previous_start} (server clock); reading what changed since."
        )
    else:
        _say(f"Resuming an unfinished run from {job.state} ({state.written:,} records written).")
        if not job.resume:
            print(
                f"note: {job.out} is truncated: it gets only the rest of that run; "
                "pass --resume to append to it instead",
                file=sys.stderr,
                flush=True,
            )
    if job.since is not None:
        _say("(--since is ignored: the checkpoint's cursor wins)")


def _open_sink(job: Job) -> Sink:
    try:
        if job.fmt == "csv" and job.resource in LISTINGS:
            columns = csv_columns(LISTINGS[job.resource])
            if not columns:
                raise ValueError(f"{job.resource} exports to .jsonl only (no flat fields)")
            return ListCsvSink(job.out, columns)
        if job.fmt == "csv":
            return CsvSink(job.out, job.resource, append=job.resume)
        return JsonlSink(job.out, append=job.resume)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _budget(client: HelpScout, policy: RateLimit) -> Budget:
    limiter = client.limiter
    limit = limiter.limit if isinstance(limiter, AccountLimiter) else policy.per_minute
    return Budget(limit=limit, window=policy.window)


async def _work(job: Job, client: HelpScout, sink: Sink, bar: ProgressBar) -> SyncStats:
    if job.resource in SYNCABLE:
        return await sync(
            client,
            job.resource,
            sink,
            checkpoint=Checkpoint(job.state) if job.state is not None else None,
            since=job.since,
            status=job.status,
            mailbox=job.mailbox,
            threads=job.threads,
            on_progress=bar,
        )
    return await export_list(client, job.resource, sink, on_progress=bar)


async def _export(job: Job, client: HelpScout, policy: RateLimit) -> None:
    started = time.monotonic()
    await client.mailboxes.list().raw().first_page()  # proves credentials and server
    sink = _open_sink(job)
    bar = ProgressBar(job.resource, lambda: _budget(client, policy))
    outcome = "failed"
    try:
        await _work(job, client, sink, bar)
        outcome = "done"
    except asyncio.CancelledError:
        outcome = "interrupted"
        raise
    finally:
        bar.close()
        await sink.close()
        if outcome != "failed":
            stats = bar.last
            summary = Summary(
                resource=job.resource,
                out=str(job.out),
                items=stats.written if stats else 0,
                pages=stats.pages if stats else 0,
                requests=client.requests_sent,
                rate_limited=client.rate_limited,
                elapsed=time.monotonic() - started,
                budget=_budget(client, policy),
                interrupted=outcome == "interrupted",
                rejected=stats.rejected if stats else 0,
                rejected_ids=tuple(stats.rejected_ids) if stats else (),
            )
            _say(summary.render())


async def run(job: Job) -> None:
    """Run one export, printing the header, the progress bar and the summary."""
    if job.resource in DOCS_RESOURCES:
        from ._cli_docs import run_docs

        await run_docs(job)
        return
    async with contextlib.AsyncExitStack() as stack:
        if job.demo:
            from .testing import FakeHelpScout, FakeRateLimits

            scale = 60 / job.demo_window
            fake = FakeHelpScout(
                seed=0,
                conversations=job.demo_conversations,
                rate_limit=FakeRateLimits(window=job.demo_window),
            )
            seeded = len(fake.store.conversations)  # a few seeded ones end up merged
            _say(
                "No HELPSCOUT_* credentials set: exporting from an embedded fake Help Scout "
                f"({seeded:,} seeded conversations, time-scaled {scale:g}x: "
                f"a rate-limit minute lasts {job.demo_window:g} s)."
            )
            await stack.enter_async_context(fake)
            policy = RateLimit().scaled(job.demo_window / 60)
            client_id: str | None = fake.client_id
            client_secret: str | None = fake.client_secret
            base_url: str | None = fake.base_url
        else:
            policy = RateLimit()
            client_id = client_secret = None  # the environment's
            base_url = job.base_url
        try:
            client = HelpScout(
                client_id=client_id,
                client_secret=client_secret,
                base_url=base_url,
                rate_limit=policy,
                max_retries=job.max_retries,
            )
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        await stack.enter_async_context(client)
        if not job.demo:
            _say(f"Exporting {job.resource} from {client.base_url} to {job.out}.")
        _describe_state(job)
        await _export(job, client, policy)
