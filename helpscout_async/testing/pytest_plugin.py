"""What the ``helpscout_fake`` fixture yields, and how its marker is read.

The plugin itself (hooks, fixture) is the top-level module
``_helpscout_async_pytestplugin``, registered for pytest by the package (entry
point ``pytest11`` named ``helpscout_async``) and importing only pytest, so that it
costs pytest runs that never use the fixture nothing. This module is what the
fixture imports once a test asks for it. Any project that depends on
helpscout-async can write::

    @pytest.mark.helpscout_fake(seed=3, conversations=120)
    async def test_export(helpscout_fake):
        async with helpscout_fake.client() as hs:
            ...

The marker takes any keyword of :class:`~helpscout_async.testing.FakeHelpScout`
(``seed``, ``conversations``, ``customers``, ``mailboxes``, ``users``,
``rate_limit``, ``faults``, ``token_ttl``, ``docs_articles``, ``docs_rate_limit``...);
``helpscout_fake.docs_client()`` gives a ``Docs`` client of the fake Docs API.
``--helpscout-fake-seed`` and
``--helpscout-fake-conversations`` set the defaults (0 and 50). The fake server, the
client package and pytest-asyncio are imported only when the fixture is used.
"""

from __future__ import annotations

import copy
import inspect
from typing import TYPE_CHECKING, Any

import pytest

from _helpscout_async_pytestplugin import MARKER

if TYPE_CHECKING:
    from helpscout_async.client import HelpScout
    from helpscout_async.docs import Docs
    from helpscout_async.testing._faults import Faults
    from helpscout_async.testing._metrics import Metrics
    from helpscout_async.testing._store import Store
    from helpscout_async.testing.docs import DocsStore
    from helpscout_async.testing.server import FakeHelpScout

__all__ = ["MARKER", "HelpScoutFakeFixture", "fake_options"]


class HelpScoutFakeFixture:
    """What ``helpscout_fake`` yields: a started fake and a factory of clients for it.

    Args:
        fake: a started fake.

    Attributes:
        fake: the running :class:`~helpscout_async.testing.FakeHelpScout`.
    """

    def __init__(self, fake: FakeHelpScout) -> None:
        """Wrap a started fake."""
        self.fake = fake
        self._clients: list[HelpScout | Docs] = []

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

    @property
    def docs_base_url(self) -> str:
        """The fake Docs API's root, e.g. ``http://127.0.0.1:PORT/v1``."""
        return self.fake.docs_base_url

    @property
    def docs_store(self) -> DocsStore:
        """The fake Docs API's records (sites, collections, categories, articles...)."""
        return self.fake.docs.store

    def docs_client(self, **overrides: Any) -> Docs:
        """A ``Docs`` client for the fake Docs API, closed when the test ends.

        Args:
            **overrides: any other keyword of ``Docs`` (``rate_limit``, ``max_retries``...);
                they win over the fake's key and URL.

        Returns:
            The client (also usable as ``async with``).
        """
        import helpscout_async as hs

        options: dict[str, Any] = {
            "api_key": self.fake.docs_api_key,
            "base_url": self.docs_base_url,
        }
        options.update(overrides)
        made = hs.Docs(**options)
        self._clients.append(made)
        return made

    def client(self, **overrides: Any) -> HelpScout:
        """A ``HelpScout`` client for the fake, closed when the test ends.

        Args:
            **overrides: any other keyword of ``HelpScout`` (``max_retries``,
                ``raise_on_rate_limit``, ...); they win over the fake's credentials.

        Returns:
            A client with the fake's credentials and ``base_url``.

        Raises:
            TypeError: an override ``HelpScout`` does not take.
            ValueError: an override ``HelpScout`` refuses.
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
        """Close every client made by :meth:`client`, newest first.

        Raises:
            Exception: the first error a client's ``aclose()`` raised, after every
                client has been closed.
        """
        clients, self._clients = self._clients, []
        errors: list[BaseException] = []
        for made in reversed(clients):
            try:
                await made.aclose()
            except Exception as exc:  # close the others before reporting
                errors.append(exc)
        if errors:
            raise errors[0]


def fake_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The :class:`FakeHelpScout` keywords for one test.

    The command-line defaults (``--helpscout-fake-seed``,
    ``--helpscout-fake-conversations``) first, then every ``helpscout_fake``
    marker from the module down to the test, the closest winning.

    Args:
        request: the requesting test's fixture request.

    Returns:
        Keyword arguments for :class:`FakeHelpScout`; fault rules are deep copies,
        so each test counts its own.

    Raises:
        pytest.UsageError: a marker has positional arguments or an unknown keyword.
    """
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
