"""Developer sessions: tests, lint, typecheck, and the benchmarks (not part of the test run)."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.default_venv_backend = "venv"


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite: unit tests (aioresponses) and integration tests on the fake server."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, lint and format check."""
    session.install("ruff")
    paths = ("helpscout_async", "_helpscout_async_pytestplugin", "tests", "benchmarks")
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package and its pytest plugin."""
    session.install("-e", ".[dev]")
    session.run("mypy", "--strict", "helpscout_async", "_helpscout_async_pytestplugin")


@nox.session
def bench(session: nox.Session) -> None:
    """The benchmarks: print figures, rewrite benchmarks/RESULTS.md (`-- --quick`: a short run)."""
    session.install("-e", ".[bench,speedups]")
    # The peers of benchmark 2, only ever installed here (they pull in requests).
    session.install("python-helpscout-v2", "helpscout-mailbox")
    session.run("python", "-m", "benchmarks", *session.posargs)
