"""``DocsAccount``: the fake Docs API of one account, mounted by ``FakeHelpScout`` at ``/v1``.

It owns the Docs store (seeded unless one is given), the API key, the Docs rate budget
(separate from the Mailbox one), and metrics of its own; faults are shared with the
Mailbox fake, so one rule can hit both families (narrow it with ``path="/v1/*"``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from aiohttp import web

from .._faults import Faults
from .._metrics import Metrics
from . import _seed
from ._app import PREFIX, create_docs_app
from ._limits import DocsLimiter, DocsRateLimits
from ._state import DocsState
from ._store import DocsStore

DEFAULT_DOCS_LIMITS = DocsRateLimits()


class DocsAccount:
    """The Docs half of a fake account.

    Args:
        seed: makes the data and the API key reproducible.
        sites, collections, categories, articles: how much to seed (categories per
            collection; articles in all).
        rate_limit: the Docs budget; ``None`` or ``enabled=False`` turns it off. Its
            ``limit`` defaults to Help Scout's figure for the number of sites.
        faults: the fault rules to consult (shared with the Mailbox fake).
        store: serve this store instead of seeding one.
        clock: monotonic clock of the rate window.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        sites: int = 1,
        collections: int = 3,
        categories: int = 3,
        articles: int = 30,
        rate_limit: DocsRateLimits | None = DEFAULT_DOCS_LIMITS,
        faults: Faults | None = None,
        store: DocsStore | None = None,
        clock: Callable[[], float],
    ) -> None:
        if store is None:
            store = _seed.generate(
                DocsStore(),
                seed=seed,
                sites=sites,
                collections=collections,
                categories=categories,
                articles=articles,
            )
        self.store = store
        self.api_key = hashlib.sha256(f"helpscout-fake/{seed}/docs_api_key".encode()).hexdigest()[
            :32
        ]
        limits = rate_limit if rate_limit is not None and rate_limit.enabled else None
        self.rate_limit = limits
        limiter = DocsLimiter(limits, len(store.sites), clock) if limits is not None else None
        self.state = DocsState(
            store=store,
            api_key=self.api_key,
            limiter=limiter,
            faults=faults if faults is not None else Faults(seed=seed),
            metrics=Metrics(limits.window if limits is not None else 600.0, clock),
            clock=clock,
        )
        self.metrics = self.state.metrics

    @property
    def limiter(self) -> DocsLimiter | None:
        """The live Docs budget (``None`` when limits are off)."""
        return self.state.limiter

    @property
    def base_url(self) -> str:
        """Where the Docs API is served (``.../v1``), once the server runs."""
        return self.state.base_url

    def mount(self, app: web.Application) -> None:
        """Serve the Docs API from ``app`` under ``/v1`` (before the app starts)."""
        app.add_subapp(PREFIX, create_docs_app(self.state))

    def started(self, origin: str) -> None:
        """Tell the account where the server listens (``http://host:port``)."""
        self.state.base_url = f"{origin}{PREFIX}"
