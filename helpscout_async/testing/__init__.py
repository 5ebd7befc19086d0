"""A fake Help Scout Mailbox API for tests, benchmarks and offline development.

``FakeHelpScout`` serves seeded, API-shaped data over HTTP on loopback with the
live API's rules: HAL pages, 201/204 answers, JSON Patch, OAuth tokens that
expire, and the account rate limit. Faults (latency, 5xx, dropped connections,
truncated bodies, expired tokens, churn, races
between sorting and rendering, lying page figures) can be switched on while it runs.
It never imports the client: the two meet only over HTTP.
"""

import warnings
from typing import Any

from ._faults import Churn, ChurnResult, FaultRule, Faults, PageLies, Race
from ._limits import FakeRateLimits
from ._metrics import Metrics
from ._redis_server import RedisServer
from ._store import Store
from ._webhooks import Delivery, DeliveryPolicy, Subscription, Webhooks
from .server import FakeHelpScout, main

__all__ = [
    "Churn",
    "ChurnResult",
    "Delivery",
    "DeliveryPolicy",
    "FakeHelpScout",
    "FakeRateLimits",
    "FaultRule",
    "Faults",
    "Metrics",
    "PageLies",
    "Race",
    "RedisServer",
    "Store",
    "Subscription",
    "Webhooks",
    "main",
]

# The classes live in private modules by job; their public home is this package,
# and that is the name reprs, docs and pickles should show.
for _public in (
    Churn,
    ChurnResult,
    Delivery,
    DeliveryPolicy,
    FakeRateLimits,
    FaultRule,
    Faults,
    Metrics,
    PageLies,
    Race,
    RedisServer,
    Store,
    Subscription,
    Webhooks,
):
    _public.__module__ = __name__
del _public

_DEPRECATED = {"RateLimits": ("FakeRateLimits", FakeRateLimits)}


def __getattr__(name: str) -> Any:
    """Old names kept for one release, each with a ``DeprecationWarning``."""
    if name in _DEPRECATED:
        new_name, value = _DEPRECATED[name]
        warnings.warn(
            f"helpscout_async.testing.{name} is deprecated; use {new_name} "
            "(the fake server's limits, not the client's RateLimit)",
            DeprecationWarning,
            stacklevel=2,
        )
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
