"""The README's "Receiving webhooks" example runs as written and stays under 20 lines."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from ._support import b64_sha1, fixture_bytes

ROOT = Path(__file__).resolve().parents[2]
TITLE = "## Receiving webhooks"


def snippet() -> str:
    """The section's code, from the README."""
    for path in (ROOT / "README.md",):
        if path.exists() and TITLE in (text := path.read_text(encoding="utf-8")):
            section = text.split(TITLE, 1)[1]
            match = re.search(r"```python\n(.*?)```", section, re.S)
            assert match, f"{path.name}: the webhooks section lost its code block"
            return match.group(1)
    raise AssertionError("no 'Receiving webhooks' section in README.md")


def test_snippet_is_short() -> None:
    assert len(snippet().strip().splitlines()) < 20


async def test_snippet_receives_a_signed_event(
    serve: Callable[[web.Application], Awaitable[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    namespace: dict[str, Any] = {"__name__": "readme_snippet"}
    exec(compile(snippet(), "README.md", "exec"), namespace)
    base = await serve(namespace["app"])
    body = fixture_bytes("conversation_get", "mailbox")
    headers = {
        "X-HelpScout-Event": "convo.status",
        "X-HelpScout-Signature": b64_sha1("your-webhook-secret", body),
    }
    async with aiohttp.ClientSession() as http:
        async with http.post(base + "/helpscout/webhooks", data=body, headers=headers) as resp:
            assert resp.status == 200
        headers["X-HelpScout-Signature"] = b64_sha1("wrong", body)
        async with http.post(base + "/helpscout/webhooks", data=body, headers=headers) as resp:
            assert resp.status == 401
    out = ""
    for _ in range(1000):  # the handler runs off the request path: wait for its line
        out += capsys.readouterr().out
        if out:
            break
        await asyncio.sleep(0.005)
    assert out.startswith("convo.status ")


TESTING_TITLE = "## Testing a webhook receiver"


def _testing_snippet() -> str:
    """The code of the "Testing a webhook receiver" section."""
    for path in (ROOT / "README.md",):
        if path.exists() and TESTING_TITLE in (text := path.read_text(encoding="utf-8")):
            section = text.split(TESTING_TITLE, 1)[1]
            match = re.search(r"```python\n(.*?)```", section, re.S)
            assert match, f"{path.name}: the section lost its code block"
            return match.group(1)
    raise AssertionError("no 'Testing a webhook receiver' section in README.md")


def test_testing_snippet_runs_as_written() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _testing_snippet()], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['convo.tags'] 1"
