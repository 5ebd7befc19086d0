"""Helpers of the sync tests."""

from __future__ import annotations

import helpscout_async as hs
from helpscout_async.testing import FakeHelpScout

FAST = hs.RateLimit(per_minute=100_000, window=1.0, writes_per_burst=None)


def client_for(fake: FakeHelpScout, **overrides: object) -> hs.HelpScout:
    """A client of ``fake`` with a budget that never slows a test down."""
    options: dict[str, object] = {"rate_limit": FAST, **overrides}
    return hs.HelpScout(
        client_id=fake.client_id,
        client_secret=fake.client_secret,
        base_url=fake.base_url,
        **options,  # type: ignore[arg-type]
    )
