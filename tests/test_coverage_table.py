"""The README's coverage table is the one ``docs/coverage.py`` generates from ``hs.endpoints()``."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import helpscout_async as hs

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("coverage_script", ROOT / "docs" / "coverage.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_coverage_table_is_current() -> None:
    script = _script()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert script.START in text, "README.md has no coverage table: run python docs/coverage.py"
    assert script.render(text, script.table()) == text, "stale: run python docs/coverage.py"
    assert script.main(["--check"]) == 0


def test_the_table_lists_every_endpoint() -> None:
    script = _script()
    section = script.table()
    for endpoint in hs.endpoints():
        owner = "docs" if endpoint.family == "docs" else "client"
        assert script.call_of(endpoint) == f"{owner}.{endpoint.call}()"
        assert f"[`{endpoint.path}`]({endpoint.doc}) | `{owner}.{endpoint.call}()`" in section


def test_markers_are_inserted_after_the_client_section_once() -> None:
    script = _script()
    text = "# T\n\n## Using the client\n\nuse it\n\n## Next\n\nmore\n"
    once = script.render(text, "TABLE")
    assert once == (
        "# T\n\n## Using the client\n\nuse it\n\n"
        f"{script.START}\nTABLE\n{script.END}\n\n## Next\n\nmore\n"
    )
    assert script.render(once, "NEW") == once.replace("TABLE", "NEW")
