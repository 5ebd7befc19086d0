"""``python -m benchmarks [--quick] [--only NAME ...] [--no-write]``: run, print, record.

Runs the benchmarks in order (budget, peers, overhead, memory, sync, limiter), prints each one's
figures as it finishes, and rewrites ``benchmarks/RESULTS.md`` (``budget.png`` too)
with the sections that ran; the sections of benchmarks not run are kept as they were.
``--quick`` is the short mode (under two minutes in all).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable

from . import budget, limiter, memory, overhead, peers, sync
from ._results import Section, write

Runner = Callable[[bool, str], Awaitable[Section]]
BENCHMARKS: dict[str, Runner] = {
    "budget": budget.run,
    "peers": peers.run,
    "overhead": overhead.run,
    "memory": memory.run,
    "sync": sync.run,
    "limiter": limiter.run,
}


def _command(quick: bool, names: list[str]) -> str:
    """The command that reproduces ``names``."""
    parts = ["python -m benchmarks"]
    if quick:
        parts.append("--quick")
    parts += [f"--only {name}" for name in names]
    return " ".join(parts)


def _invocation(argv: list[str]) -> str:
    """The command this run was started with."""
    if os.environ.get("NOX_CURRENT_SESSION") == "bench":
        return " ".join(["nox -s bench", *(["--", *argv] if argv else [])])
    return " ".join(["python -m benchmarks", *argv])


async def _run(quick: bool, names: list[str], record: bool, invocation: str) -> int:
    started = time.perf_counter()
    sections = []
    for name in names:
        print(f"-- {name}{' (quick)' if quick else ''}", flush=True)
        section = await BENCHMARKS[name](quick, _command(quick, [name]))
        section.invocation = invocation
        print(section.text(), "\n", flush=True)
        sections.append(section)
        if record:
            write(sections)  # after each benchmark: a late failure loses nothing
    if record:
        print(f"wrote {write(sections)}")
    missed = [v for s in sections for v in s.verdicts if v.met is False]
    print(
        f"{len(sections)} benchmarks in {time.perf_counter() - started:.0f} s; "
        f"{len(missed)} figures missed their targets"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="the short run (< 2 minutes)")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(BENCHMARKS),
        help="run only this benchmark (repeatable)",
    )
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    parser.add_argument(
        "--render",
        action="store_true",
        help="run nothing: rebuild RESULTS.md from its sections and FINDINGS.md",
    )
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    if args.render:
        print(f"wrote {write([])}")
        return 0
    names = [n for n in BENCHMARKS if n in (args.only or BENCHMARKS)]
    return asyncio.run(_run(args.quick, names, not args.no_write, _invocation(argv)))


if __name__ == "__main__":
    sys.exit(main())
