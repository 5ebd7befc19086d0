"""The pytest plugin of helpscout-async: the ``helpscout_fake`` fixture and its marker.

Why a top-level module and not ``helpscout_async.testing.pytest_plugin``: the
package registers its plugin (entry point ``pytest11`` named ``helpscout_async``)
for every pytest run in every environment where it is installed, including
projects that never use the fixture and have no pytest-asyncio. Importing a
submodule runs ``helpscout_async/__init__.py`` first (aiohttp, cattrs, the
client), so a plugin inside the package would cost every pytest run that import
and break pytest outright where one of them is missing. Hypothesis ships its
plugin as ``_hypothesis_pytestplugin`` for the same reason.

So this module imports only pytest and the standard library. pytest-asyncio is
imported in ``pytest_configure`` and only when pytest has it loaded; the fake
server and the client are imported when a test asks for ``helpscout_fake``.
Without pytest-asyncio the fixture still exists, and using it fails the test
with a line that says what to install.

Usage (README, "Testing with the fake")::

    @pytest.mark.helpscout_fake(seed=3, conversations=120)
    async def test_export(helpscout_fake):
        async with helpscout_fake.client() as hs:
            ...
"""

from __future__ import annotations

import types
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture

__all__ = ["MARKER", "pytest_addoption", "pytest_configure"]

MARKER = "helpscout_fake"
DEFAULT_SEED = 0
DEFAULT_CONVERSATIONS = 50
_FIXTURES = "helpscout_async.fixtures"
# The names pytest-asyncio is registered under: its entry point, or ``-p pytest_asyncio``.
_ASYNCIO_PLUGINS = ("asyncio", "pytest_asyncio", "pytest_asyncio.plugin")
MISSING_ASYNCIO = (
    "the helpscout_fake fixture needs pytest-asyncio: install it "
    "(pip install pytest-asyncio, or helpscout-async[test]) and mark the test "
    "@pytest.mark.asyncio or set asyncio_mode = auto"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--helpscout-fake-seed`` and ``--helpscout-fake-conversations``.

    Args:
        parser: pytest's command-line parser.
    """
    group = parser.getgroup("helpscout_async", "fake Help Scout server (helpscout_fake fixture)")
    group.addoption(
        "--helpscout-fake-seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"seed of the fake's data unless a marker sets one (default {DEFAULT_SEED})",
    )
    group.addoption(
        "--helpscout-fake-conversations",
        type=int,
        default=DEFAULT_CONVERSATIONS,
        help="conversations seeded unless a marker says otherwise "
        f"(default {DEFAULT_CONVERSATIONS})",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``helpscout_fake`` marker and the fixture that fits this run.

    With pytest-asyncio loaded the fixture is an asyncio fixture; without it, a
    fixture that fails the test using it with :data:`MISSING_ASYNCIO`.

    Args:
        config: the run's pytest configuration.
    """
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): configure the helpscout_fake fixture with keywords of "
        "FakeHelpScout: seed, conversations, customers, mailboxes, users, rate_limit, "
        "faults, token_ttl, webhook_policy (any keyword of FakeHelpScout)",
    )
    manager = config.pluginmanager
    if manager.get_plugin(_FIXTURES) is not None:
        return
    holder = types.ModuleType(_FIXTURES)
    if any(manager.hasplugin(name) for name in _ASYNCIO_PLUGINS):
        import pytest_asyncio

        holder.helpscout_fake = pytest_asyncio.fixture(_helpscout_fake, name="helpscout_fake")  # type: ignore[attr-defined]
    else:
        holder.helpscout_fake = pytest.fixture(_helpscout_fake_unavailable, name="helpscout_fake")  # type: ignore[attr-defined]
    manager.register(holder, _FIXTURES)


async def _helpscout_fake(request: pytest.FixtureRequest) -> AsyncIterator[HelpScoutFakeFixture]:
    """A started fake Help Scout for this test, configured by ``@pytest.mark.helpscout_fake``.

    The marker takes keywords of :class:`~helpscout_async.testing.FakeHelpScout`;
    ``--helpscout-fake-seed`` and ``--helpscout-fake-conversations`` set defaults.

    Args:
        request: the test's fixture request (its markers and options).

    Yields:
        A :class:`~helpscout_async.testing.pytest_plugin.HelpScoutFakeFixture`:
        ``.fake``, ``.base_url``, ``.store``, ``.faults``, ``.metrics`` and
        ``.client(**overrides)``. Clients it made are closed, then the server stops.

    Raises:
        pytest.UsageError: a marker with positional arguments or unknown keywords.
        OSError: the fake could not listen on loopback.
    """
    from helpscout_async.testing.pytest_plugin import HelpScoutFakeFixture, fake_options
    from helpscout_async.testing.server import FakeHelpScout

    fake = FakeHelpScout(**fake_options(request))
    await fake.start()
    handle = HelpScoutFakeFixture(fake)
    try:
        yield handle
    finally:
        try:
            await handle.aclose()
        finally:
            await fake.close()


def _helpscout_fake_unavailable() -> None:
    """Stands in for ``helpscout_fake`` when pytest-asyncio is not loaded."""
    pytest.fail(MISSING_ASYNCIO, pytrace=False)
