"""A fake Help Scout Mailbox API for tests, benchmarks and offline development.

``FakeHelpScout`` serves seeded, API-shaped data over HTTP on loopback with the
live API's rules: HAL pages, 201/204 answers, JSON Patch, OAuth tokens that
expire, and the account rate limit. Faults (latency, 5xx, dropped connections,
truncated bodies, expired tokens, churn) can be switched on while it runs.
It never imports the client: the two meet only over HTTP.
"""

from ._faults import Churn, ChurnResult, FaultRule, Faults
from ._limits import RateLimits
from ._metrics import Metrics
from ._store import Store
from .server import FakeHelpScout, main

__all__ = [
    "Churn",
    "ChurnResult",
    "FakeHelpScout",
    "FaultRule",
    "Faults",
    "Metrics",
    "RateLimits",
    "Store",
    "main",
]
