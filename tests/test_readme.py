"""The README's quickstart runs as written, against the fake it starts itself."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def quickstart() -> str:
    section = README.read_text(encoding="utf-8").split("## Quickstart", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README lost its quickstart code block"
    return match.group(1)


def test_quickstart_runs_as_written() -> None:
    done = subprocess.run(
        [sys.executable, "-c", quickstart()], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("signed in as ")
    assert "Where is my order? pending ['note', 'customer']" in done.stdout
    assert "RateLimitStatus(limit=200" in lines[-1]


def test_readme_test_command_is_what_ci_runs() -> None:
    command = "pip install -e '.[test]' && pytest"
    assert command in README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci
