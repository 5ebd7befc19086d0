"""Integration tests: the client against the fake Help Scout over real HTTP on loopback.

Most tests use the product's own pytest plugin (the ``helpscout_fake`` fixture) with
the fake's rate limit off (each module's ``pytestmark``) and a client whose own
limiter never waits, so they run at loopback speed. Tests of the rate limit set both
sides explicitly.
"""

from __future__ import annotations

import pytest

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout
from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture

from ._support import FAST

_ENV = (
    "HELPSCOUT_CLIENT_ID",
    "HELPSCOUT_CLIENT_SECRET",
    "HELPSCOUT_ACCESS_TOKEN",
    "HELPSCOUT_REFRESH_TOKEN",
    "HELPSCOUT_BASE_URL",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's real Help Scout credentials."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake(helpscout_fake: HelpScoutFakeFixture) -> FakeHelpScout:
    """The started fake server behind ``helpscout_fake``."""
    return helpscout_fake.fake


@pytest.fixture
def client(helpscout_fake: HelpScoutFakeFixture) -> hs.HelpScout:
    """A client of the fake with a never-waiting policy (closed by the plugin)."""
    return helpscout_fake.client(rate_limit=FAST)
