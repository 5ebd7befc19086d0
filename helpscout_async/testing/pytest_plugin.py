"""pytest plugin: the ``helpscout_fake`` fixture, a started fake Help Scout per test.

Installed with the package (entry point ``pytest11`` named ``helpscout_async``), so
any project that depends on helpscout-async can write::

    @pytest.mark.helpscout_fake(seed=3, conversations=120)
    async def test_export(helpscout_fake):
        async with helpscout_fake.client() as hs:
            ...

The marker takes any keyword of :class:`~helpscout_async.testing.FakeHelpScout`
(``seed``, ``conversations``, ``customers``, ``mailboxes``, ``users``,
``rate_limit``, ``faults``, ``token_ttl``); ``--helpscout-fake-seed`` and
``--helpscout-fake-conversations`` set the defaults (0 and 50). The server and
the client package are imported only when the fixture is used.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio

if TYPE_CHECKING:
    from helpscout_async.client import HelpScout
    from helpscout_async.testing._faults import Faults
    from helpscout_async.testing._metrics import Metrics
    from helpscout_async.testing._store import Store
    from helpscout_async.testing.server import FakeHelpScout

__all__ = ["MARKER", "HelpScoutFakeFixture", "helpscout_fake"]

MARKER = "helpscout_fake"
DEFAULT_SEED = 0
DEFAULT_CONVERSATIONS = 50


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--helpscout-fake-seed`` and ``--helpscout-fake-conversations``."""
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
    """Register the ``helpscout_fake`` marker."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): configure the helpscout_fake fixture with keywords of "
        "FakeHelpScout: seed, conversations, customers, mailboxes, users, rate_limit, "
        "faults, token_ttl",
    )


class HelpScoutFakeFixture:
    """What ``helpscout_fake`` yields: a started fake and a factory of clients for it."""

    def __init__(self, fake: FakeHelpScout) -> None:
        """Wrap a started fake."""
        self.fake = fake
        self._clients: list[HelpScout] = []

    @property
    def base_url(self) -> str:
        """The fake's API root, e.g. ``http://127.0.0.1:PORT/v2``."""
        return self.fake.base_url

    @property
    def store(self) -> Store:
        """The fake's records (read or change them directly)."""
        return self.fake.store

    @property
    def faults(self) -> Faults:
        """The live fault settings."""
        return self.fake.faults

    @property
    def metrics(self) -> Metrics:
        """What the fake has counted (requests, 429s, ...)."""
        return self.fake.metrics

    def client(self, **overrides: Any) -> HelpScout:
        """A ``HelpScout`` client for the fake, closed when the test ends.

        Args:
            **overrides: any other keyword of ``HelpScout`` (``max_retries``,
                ``raise_on_rate_limit``, ...); they win over the fake's credentials.
        """
        import helpscout_async as hs

        options: dict[str, Any] = {
            "client_id": self.fake.client_id,
            "client_secret": self.fake.client_secret,
            "base_url": self.fake.base_url,
        }
        options.update(overrides)
        made = hs.HelpScout(**options)
        self._clients.append(made)
        return made

    async def aclose(self) -> None:
        """Close every client made by :meth:`client`, newest first."""
        clients, self._clients = self._clients, []
        errors: list[BaseException] = []
        for made in reversed(clients):
            try:
                await made.aclose()
            except Exception as exc:  # close the others before reporting
                errors.append(exc)
        if errors:
            raise errors[0]


def _options(request: pytest.FixtureRequest) -> dict[str, Any]:
    """FakeHelpScout keywords: command-line defaults, then markers, closest last."""
    from helpscout_async.testing.server import FakeHelpScout

    config = request.config
    options: dict[str, Any] = {
        "seed": config.getoption("--helpscout-fake-seed"),
        "conversations": config.getoption("--helpscout-fake-conversations"),
    }
    allowed = set(inspect.signature(FakeHelpScout).parameters)
    for marker in reversed(list(request.node.iter_markers(MARKER))):
        if marker.args:
            raise pytest.UsageError(f"@pytest.mark.{MARKER} takes keywords only")
        unknown = sorted(set(marker.kwargs) - allowed)
        if unknown:
            raise pytest.UsageError(
                f"@pytest.mark.{MARKER}: unknown option(s) {', '.join(unknown)}; "
                f"expected some of {', '.join(sorted(allowed))}"
            )
        options.update(marker.kwargs)
    if options.get("faults") is not None:
        # Rules count what they see: each test gets its own copy of the marker's rules.
        options["faults"] = copy.deepcopy(options["faults"])
    return options


@pytest_asyncio.fixture
async def helpscout_fake(request: pytest.FixtureRequest) -> AsyncIterator[HelpScoutFakeFixture]:
    """A started fake Help Scout for this test, configured by ``@pytest.mark.helpscout_fake``.

    Yields an object with ``.fake`` (the :class:`FakeHelpScout`), ``.base_url`` and
    ``.client(**overrides)``. Clients it made are closed, then the server is stopped.
    """
    from helpscout_async.testing.server import FakeHelpScout

    fake = FakeHelpScout(**_options(request))
    await fake.start()
    handle = HelpScoutFakeFixture(fake)
    try:
        yield handle
    finally:
        try:
            await handle.aclose()
        finally:
            await fake.close()
