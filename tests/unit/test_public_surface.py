"""The public surface: every public name lives in a public module and is in ``__all__``."""

from __future__ import annotations

import importlib
import warnings

import pytest

import helpscout_async as hs
from helpscout_async import testing

PUBLIC_MODULES = [
    "helpscout_async",
    "helpscout_async.auth",
    "helpscout_async.client",
    "helpscout_async.errors",
    "helpscout_async.ratelimit",
    "helpscout_async.testing",
    "helpscout_async.testing.pytest_plugin",
    "helpscout_async.webhooks",
    "helpscout_async.beacon",
    "helpscout_async.apps",
]


def _private(module: str) -> bool:
    return any(part.startswith("_") for part in module.split("."))


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_no_public_name_is_defined_in_a_private_module(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__all__, module_name
    misplaced = []
    for name in module.__all__:
        obj = getattr(module, name)
        home = getattr(obj, "__module__", None)
        if isinstance(obj, type) or callable(obj):
            assert home is not None, name
            if _private(home):
                misplaced.append(f"{name} ({home})")
    assert misplaced == []


def test_the_core_is_at_the_top_level() -> None:
    for name in (
        "HelpScout",
        "ClientCredentials",
        "RefreshToken",
        "StaticToken",
        "TokenProvider",
        "AccountLimiter",
        "Limiter",
        "RateLimit",
        "RateLimitStatus",
        "HelpScoutError",
        "APIError",
        "TransportError",
        "StructureError",
        "Stream",
        "Page",
    ):
        assert name in hs.__all__, name
        assert hasattr(hs, name), name


def test_moved_names_keep_their_old_imports() -> None:
    from helpscout_async._convert import StructureError
    from helpscout_async._transport import RateLimitStatus

    assert StructureError is hs.StructureError is hs.errors.StructureError
    assert hs.StructureError.__module__ == "helpscout_async.errors"
    assert RateLimitStatus is hs.RateLimitStatus is hs.ratelimit.RateLimitStatus
    assert hs.RateLimitStatus.__module__ == "helpscout_async.ratelimit"
    assert issubclass(hs.StructureError, hs.HelpScoutError)
    assert issubclass(hs.StructureError, ValueError)


def test_the_fakes_rate_limits_have_a_name_of_their_own() -> None:
    assert "FakeRateLimits" in testing.__all__
    assert "RateLimits" not in testing.__all__
    with pytest.warns(DeprecationWarning, match="use FakeRateLimits"):
        old = testing.RateLimits
    assert old is testing.FakeRateLimits
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert testing.FakeRateLimits(per_minute=3).per_minute == 3
    with pytest.raises(AttributeError, match="NoSuchName"):
        _ = testing.NoSuchName  # type: ignore[attr-defined]


def test_from_import_of_the_old_name_warns_too() -> None:
    with pytest.warns(DeprecationWarning, match="RateLimits is deprecated"):
        from helpscout_async.testing import RateLimits  # type: ignore[attr-defined]
    assert RateLimits(per_minute=5).per_minute == 5


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"window": float("nan")}, ValueError, "window"),
        ({"window": float("inf")}, ValueError, "window"),
        ({"window": 0}, ValueError, "window"),
        ({"per_minute": 0}, ValueError, "per_minute"),
        ({"per_minute": 2.5}, TypeError, "per_minute"),
        ({"per_minute": True}, TypeError, "per_minute"),
        ({"write_weight": 0}, ValueError, "write_weight"),
        ({"writes_per_5s": 0}, ValueError, "writes_per_5s"),
        ({"window": "60"}, TypeError, "window"),
    ],
)
def test_fake_rate_limits_refuse_nonsense(
    options: dict[str, object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        testing.FakeRateLimits(**options)  # type: ignore[arg-type]
