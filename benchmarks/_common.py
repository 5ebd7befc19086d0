"""What the benchmarks share: the fake server in its own process, child runs, the machine.

The fake server is started as ``python -m helpscout_async.testing`` (the
``fake-server`` command) so that the client under test never shares a CPU-bound
event loop with it; its first three lines give the base URL and credentials.
Measurements that need a clean process (CPU time, RSS) run in a child
``python -m benchmarks.<module> --child ...`` that prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

PAGE_SIZE = 25
"""List Conversations pages hold 25 conversations."""

USE_TERMS = (
    "*Use* = the ideal span ÷ the span: the span is the first to the last accepted arrival "
    "on the server's clock, the ideal the shortest span in which any client could have "
    "those units accepted by a sliding window, (⌈units ÷ limit⌉ - 1) x window (a window's "
    "budget at once, then one more each window). Units ÷ (limit x span ÷ window) would "
    "flatter a client with burst credit by up to a window's budget"
)
"""What the benchmarks' *use* means, for their method texts."""


class Recorder:
    """A Limiter around another that records each wait and each answer, and hides nothing.

    ``waits`` are the seconds each ``acquire`` took; ``answers`` are (sent_at, status) of
    every answered request. ``parallelism`` and ``lookahead`` are the inner limiter's, so
    the client under test sizes its streams exactly as it would without the recorder.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.waits: list[float] = []
        self.answers: list[tuple[float, int]] = []

    async def acquire(self, cost: int, *, write: bool, max_pause: float | None = None) -> float:
        started = time.perf_counter()
        paused: float = await self.inner.acquire(cost, write=write, max_pause=max_pause)
        self.waits.append(time.perf_counter() - started)
        return paused

    def observe(self, info: Any) -> Any:
        if info.status:
            self.answers.append((info.sent_at, info.status))
        return self.inner.observe(info)

    def parallelism(self) -> int:
        wanted = getattr(self.inner, "parallelism", None)
        return int(wanted()) if callable(wanted) else 1

    def lookahead(self) -> int:
        wanted = getattr(self.inner, "lookahead", None)
        return int(wanted()) if callable(wanted) else self.parallelism()

    def accepted(self) -> list[float]:
        """Send times of the requests the server did not turn away with a 429."""
        return sorted(t for t, status in self.answers if status != 429)


class FakeServer:
    """``python -m helpscout_async.testing`` in a child process, on loopback.

    Args:
        conversations: how many conversations to seed.
        seed: the data seed (same seed, same data).
        limits: ``False`` passes ``--no-limits``.
        per_minute, window, mode: the rate budget (``window`` in real seconds).
        latency: added latency in seconds, or a ``(low, high)`` uniform range.
    """

    def __init__(
        self,
        *,
        conversations: int,
        seed: int = 7,
        limits: bool = True,
        per_minute: int = 200,
        window: float = 60.0,
        mode: str = "sliding",
        latency: float | tuple[float, float] | None = None,
    ) -> None:
        self.args = [
            *("--seed", str(seed)),
            *("--conversations", str(conversations)),
            *("--per-minute", str(per_minute)),
            *("--window", repr(window)),
            *("--mode", mode),
            *("--write-weight", "2"),
        ]
        if not limits:
            self.args.append("--no-limits")
        if latency is not None:
            spec = f"{latency[0]!r},{latency[1]!r}" if isinstance(latency, tuple) else repr(latency)
            self.args += ["--latency", spec]
        self.per_minute = per_minute
        self.window = window
        self._proc: asyncio.subprocess.Process | None = None
        self.base_url = ""
        self.client_id = ""
        self.client_secret = ""
        self.startup = 0.0

    @property
    def command(self) -> str:
        """The server's command line, as it can be typed."""
        return " ".join(["python -m helpscout_async.testing", *self.args])

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``: where ``/_fake/metrics`` lives."""
        return self.base_url.removesuffix("/v2")

    @property
    def pid(self) -> int:
        """The server process id."""
        assert self._proc is not None
        return self._proc.pid

    async def start(self) -> None:
        """Start the server and read its address and credentials (within 120 s)."""
        started = time.perf_counter()
        self._proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "helpscout_async.testing",
            *("--host", "127.0.0.1", "--port", "0"),
            *self.args,
            stdout=asyncio.subprocess.PIPE,
            cwd=ROOT,
        )
        assert self._proc.stdout is not None
        env: dict[str, str] = {}
        async with asyncio.timeout(120):
            while len(env) < 3:
                line = await self._proc.stdout.readline()
                if not line:
                    raise RuntimeError(f"the fake server exited early: {self.command}")
                key, _, value = line.decode().strip().partition("=")
                env[key] = value
        self.base_url = env["HELPSCOUT_BASE_URL"]
        self.client_id = env["HELPSCOUT_CLIENT_ID"]
        self.client_secret = env["HELPSCOUT_CLIENT_SECRET"]
        self.startup = time.perf_counter() - started

    async def stop(self) -> None:
        """Terminate the server and wait for it (killed after 10 s)."""
        proc, self._proc = self._proc, None
        if proc is None or proc.returncode is not None:
            return
        proc.terminate()
        try:
            async with asyncio.timeout(10):
                await proc.wait()
        except TimeoutError:
            proc.kill()
            await proc.wait()

    async def metrics(self) -> dict[str, Any]:
        """``GET /_fake/metrics``."""
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{self.origin}/_fake/metrics") as resp,
        ):
            resp.raise_for_status()
            data: dict[str, Any] = await resp.json()
            return data

    async def reset_metrics(self) -> None:
        """``DELETE /_fake/metrics``: count afresh from now."""
        async with (
            aiohttp.ClientSession() as session,
            session.delete(f"{self.origin}/_fake/metrics") as resp,
        ):
            resp.raise_for_status()

    async def __aenter__(self) -> FakeServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()


async def run_child(module: str, args: Sequence[str], *, seconds: float) -> dict[str, Any]:
    """Run ``python -m benchmarks.<module> --child ARGS``; its last stdout line as JSON."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        f"benchmarks.{module}",
        "--child",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        async with asyncio.timeout(seconds):
            out, err = await proc.communicate()
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise RuntimeError(
            f"benchmarks.{module} {' '.join(args)}: timed out after {seconds}s"
        ) from None
    if proc.returncode != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-15:]
        raise RuntimeError(
            f"benchmarks.{module} {' '.join(args)} exited {proc.returncode}:\n" + "\n".join(tail)
        )
    lines = [line for line in out.decode().splitlines() if line.strip()]
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def emit(result: dict[str, Any]) -> None:
    """A child's answer: one JSON line on stdout."""
    print(json.dumps(result), flush=True)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    return {
        "platform": platform.platform(),
        "cpu": platform.processor() or platform.machine(),
        "cpus": str(os.cpu_count()),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "commit": _git_commit(),
    }


def _git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "helpscout_async"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head} (package has uncommitted changes)" if dirty else head


def fmt_pct(value: float) -> str:
    """``0.9812`` as ``98.1 %``."""
    return f"{value * 100:.1f} %"


def ideal_use(units: int, span: float, limit: int, window: float) -> float:
    """The ideal span of ``units`` under ``limit`` per sliding ``window`` ÷ ``span``.

    The fastest any client can have ``units`` accepted is a window's budget at once, then
    another each window: the last arrives ``(ceil(units / limit) - 1) x window`` after the
    first. 1.0 is that; a client with burst credit can reach it, a paced one cannot.
    """
    if span <= 0:
        return 0.0
    return (math.ceil(units / limit) - 1) * window / span
