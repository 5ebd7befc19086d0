"""The installed plugin leaves pytest alone where only pytest is installed.

The package registers its pytest plugin for every pytest run in every environment
where it is installed. This builds the environment of a project that has pytest
and helpscout-async (``--no-deps``: no aiohttp, no pytest-asyncio) and runs pytest
there in a subprocess: plain tests pass, the plugin's options are registered, the
plugin pulled in neither the package nor its dependencies, and a test that asks
for ``helpscout_fake`` fails with a line saying what to install.

It costs a few seconds (a wheel build and two installs from pip's cache). If the
environment cannot be built the test fails: it is never skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIP_TIMEOUT = 300.0

USER_TESTS = """
import sys


def test_plain():
    assert 1 + 1 == 2


def test_plugin_loaded_alone():
    assert "_helpscout_async_pytestplugin" in sys.modules
    heavy = sorted(
        name for name in ("helpscout_async", "aiohttp", "pytest_asyncio", "cattrs")
        if name in sys.modules
    )
    assert heavy == []


def test_uses_the_fixture(helpscout_fake):
    raise AssertionError("the fixture should have failed first")
"""

FIND_MODULES = """
import importlib.util
names = ("_helpscout_async_pytestplugin", "aiohttp", "cattrs", "helpscout_async",
         "pytest", "pytest_asyncio")
print(" ".join(name for name in names if importlib.util.find_spec(name)))
"""


def _run(*args: str, cwd: Path | None = None, timeout: float = PIP_TIMEOUT) -> str:
    done = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(args)} failed ({done.returncode}):\n{output}"
    return output


def _source_copy(into: Path) -> Path:
    """What the wheel is built from, copied so that the build leaves the repository alone."""
    into.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, into / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for package in ("helpscout_async", "_helpscout_async_pytestplugin"):
        shutil.copytree(ROOT / package, into / package, ignore=skip)
    return into


def test_pytest_without_pytest_asyncio_or_dependencies(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = str(venv / "bin" / "python")
    wheels = tmp_path / "wheels"
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "-q")
    source = _source_copy(tmp_path / "source")
    _run(*pip, "wheel", "--no-deps", "-w", str(wheels), str(source))
    (wheel,) = wheels.glob("helpscout_async-*.whl")
    _run(*pip, "--python", python, "install", "pytest")
    _run(*pip, "--python", python, "install", "--no-deps", str(wheel))
    found = _run(python, "-c", FIND_MODULES)
    assert found.split() == ["_helpscout_async_pytestplugin", "helpscout_async", "pytest"]

    project = tmp_path / "project"
    project.mkdir()
    (project / "test_user.py").write_text(textwrap.dedent(USER_TESTS))
    done = subprocess.run(
        (python, "-m", "pytest", "-p", "no:cacheprovider", "-rE"),
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = done.stdout + done.stderr
    assert "2 passed, 1 error" in output, output
    assert "the helpscout_fake fixture needs pytest-asyncio" in output, output
    assert "Traceback" not in output, output

    helped = _run(python, "-m", "pytest", "-p", "no:cacheprovider", "--help", cwd=project)
    assert "--helpscout-fake-seed" in helped
