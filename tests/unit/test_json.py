"""The JSON parser: orjson when installed, the standard library otherwise, alike for callers."""

import json
from pathlib import Path
from typing import Any

import pytest

from helpscout_async import _json

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(params=["orjson", "json"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with each parser (orjson only when it is installed)."""
    if request.param == "orjson":
        orjson = pytest.importorskip("orjson")
        monkeypatch.setattr(_json, "_orjson", orjson)
    else:
        monkeypatch.setattr(_json, "_orjson", None)
    name: str = request.param
    return name


def test_orjson_is_used_when_installed() -> None:
    try:
        import orjson  # noqa: F401
    except ImportError:
        assert _json.BACKEND == "json"
    else:
        assert _json.BACKEND == "orjson"


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*/*.json")), ids=lambda p: p.name)
def test_every_fixture_parses_like_the_stdlib(path: Path) -> None:
    raw = path.read_bytes()
    assert _json.loads(raw) == json.loads(raw)
    assert _json.loads(raw.decode()) == json.loads(raw)
    assert _json.loads(memoryview(raw)) == json.loads(raw)


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(
    "bad",
    [b"", b"{", b"<html>502</html>", b'{"a": NaN}', b"[Infinity]", b"-Infinity", b"\xff\xfe"],
)
def test_bad_json_is_a_value_error(bad: bytes) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the contract is the base class
        _json.loads(bad)


@pytest.mark.usefixtures("backend")
def test_deep_nesting_is_a_value_error_not_a_recursion_error() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(ValueError):  # noqa: PT011
        _json.loads(deep)


def test_both_backends_agree_on_unicode_and_numbers(backend: str) -> None:
    text = '{"emoji": "\\u2615 ☕", "n": 12345678901234, "f": 0.1, "neg": -5, "t": true, "z": null}'
    expected: Any = json.loads(text)
    assert _json.loads(text.encode()) == expected
