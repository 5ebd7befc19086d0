"""The ``export`` command for the Docs API: articles, collections, categories, sites, redirects.

With ``HELPSCOUT_DOCS_API_KEY`` set the client talks to the Docs API (or
``--base-url``). Without, an embedded fake Help Scout serves a seeded knowledge base
with a time-scaled Docs rate limit (the 10-minute window lasts ``--demo-window``
seconds), and says so. Records are written as JSONL, exactly as the API sent them;
an articles export is resumable with ``--state``.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from ._cli_export import Job, UsageError, _say
from ._progress import Budget, ProgressBar, Summary
from .docs import Docs, DocsCheckpoint, docs_rate_limit, export_docs
from .ratelimit import AccountLimiter, RateLimit
from .sync import JsonlSink

DEMO_ARTICLES = 400
DEMO_WINDOW = 6.0
"""Seconds the embedded fake's 10-minute Docs window lasts (100x faster)."""


def _budget(docs: Docs, policy: RateLimit) -> Budget:
    limiter = docs.limiter
    limit = limiter.limit if isinstance(limiter, AccountLimiter) else policy.per_minute
    return Budget(limit=limit, window=policy.window)


def check(job: Job) -> None:
    """Fail early on options a Docs export cannot honour."""
    if job.fmt != "jsonl":
        raise UsageError(f"{job.resource} export to .jsonl only (records as the API sent them)")
    if job.state is not None:
        if job.resource != "articles":
            raise UsageError("--state applies only to conversations, customers and articles")
        if job.state.exists():
            try:
                DocsCheckpoint.load(job.state)
            except ValueError as exc:
                raise UsageError(f"--state {job.state}: {exc}") from None


async def run_docs(job: Job) -> None:
    """Run one Docs export, printing the header, the progress bar and the summary."""
    check(job)
    async with contextlib.AsyncExitStack() as stack:
        if job.demo:
            from .testing import FakeHelpScout
            from .testing.docs import DocsRateLimits

            fake = FakeHelpScout(
                seed=0,
                conversations=1,
                docs_articles=DEMO_ARTICLES,
                docs_rate_limit=DocsRateLimits(window=job.demo_window),
            )
            _say(
                "No HELPSCOUT_DOCS_API_KEY set: exporting from an embedded fake Help Scout Docs "
                f"API ({len(fake.docs.store.articles):,} seeded articles in "
                f"{len(fake.docs.store.collections)} collections, time-scaled "
                f"{600 / job.demo_window:g}x: a 10-minute rate window lasts {job.demo_window:g} s)."
            )
            await stack.enter_async_context(fake)
            policy = docs_rate_limit(window=job.demo_window)
            key: str | None = fake.docs_api_key
            base_url: str | None = fake.docs_base_url
        else:
            policy, key, base_url = docs_rate_limit(), None, job.base_url
        try:
            docs = Docs(
                api_key=key, base_url=base_url, rate_limit=policy, max_retries=job.max_retries
            )
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        await stack.enter_async_context(docs)
        if not job.demo:
            _say(f"Exporting {job.resource} from {docs.base_url} to {job.out}.")
        if job.state is not None:
            _say(f"Checkpoints go to {job.state}.")
        await _export(job, docs, policy)


async def _export(job: Job, docs: Docs, policy: RateLimit) -> None:
    started = time.monotonic()
    await docs.sites.list().raw().first_page()  # proves the key and the server
    sink = JsonlSink(job.out, append=job.resume)
    bar = ProgressBar(job.resource, lambda: _budget(docs, policy))
    outcome = "failed"
    try:
        await export_docs(docs, job.resource, sink, state=job.state, on_progress=bar)
        outcome = "done"
    except asyncio.CancelledError:
        outcome = "interrupted"
        raise
    finally:
        bar.close()
        await sink.close()
        if outcome != "failed":
            stats = bar.last
            _say(
                Summary(
                    resource=job.resource,
                    out=str(job.out),
                    items=stats.written if stats else 0,
                    pages=stats.pages if stats else 0,
                    requests=docs.requests_sent,
                    rate_limited=docs.rate_limited,
                    elapsed=time.monotonic() - started,
                    budget=_budget(docs, policy),
                    interrupted=outcome == "interrupted",
                ).render()
            )
