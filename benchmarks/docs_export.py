"""Docs export against the Docs budget: articles per minute, budget use and 429s.

    python -m benchmarks.docs_export                    # 4800 articles, 10 minutes in 12 s
    python -m benchmarks.docs_export --articles 2000 --window 6 --mode fixed

The fake serves a seeded knowledge base with Help Scout's budget for one site (2000
requests per 10 minutes), time-scaled so that the window lasts ``--window`` seconds;
the client gets the same scaled policy and exports every article with its text
(``export_docs``: one request per article plus a list page per 100). Figures are
converted back to real time. Prints a table; writes nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import helpscout_async as hs
from helpscout_async.docs import export_docs
from helpscout_async.sync import JsonlSink
from helpscout_async.testing import FakeHelpScout
from helpscout_async.testing.docs import DocsRateLimits

REAL_WINDOW = 600.0


async def run(articles: int, window: float, mode: str) -> dict[str, str]:
    """One export; its figures as printable strings."""
    limits = DocsRateLimits(window=window, mode="fixed" if mode == "fixed" else "sliding")
    async with (
        FakeHelpScout(conversations=1, docs_articles=articles, docs_rate_limit=limits) as fake,
        hs.Docs(
            api_key=fake.docs_api_key,
            base_url=fake.docs_base_url,
            rate_limit=hs.docs_rate_limit(window=window),
        ) as docs,
    ):
        with tempfile.TemporaryDirectory() as tmp:
            sink = JsonlSink(Path(tmp) / "articles.jsonl")
            started = time.monotonic()
            stats = await export_docs(docs, "articles", sink)
            elapsed = time.monotonic() - started
            await sink.close()
        metrics = fake.docs.metrics
        limit = fake.docs.limiter.limit if fake.docs.limiter else 0
        windows = elapsed / window
        per_real_minute = stats.written / (elapsed * REAL_WINDOW / window / 60)
        return {
            "mode": mode,
            "articles": f"{stats.written:,}",
            "requests": f"{docs.requests_sent:,}",
            "windows": f"{windows:.2f}",
            "budget use": f"{docs.requests_sent / windows / limit:.1%} of {limit}/window",
            "peak window": f"{metrics.max_units_in_window:,}",
            "429s": str(metrics.rate_limited),
            "articles per real minute": f"{per_real_minute:.0f}",
        }


def main() -> None:
    """Parse the options, run the export, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4800)
    parser.add_argument("--window", type=float, default=12.0, help="seconds the 10 min last")
    parser.add_argument("--mode", choices=("sliding", "fixed"), default="sliding")
    args = parser.parse_args()
    figures = asyncio.run(run(args.articles, args.window, args.mode))
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
