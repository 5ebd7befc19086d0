"""A real ``redis-server`` on loopback for the RedisLimiter tests (no mock stands in)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpscout_async.testing import RedisServer


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A fresh ``redis-server`` (no persistence), killed at teardown.

    A missing ``redis-server`` fails the test (it does not skip): ``.ci/run`` installs it.
    """
    try:
        server = RedisServer(tmp_path)
    except FileNotFoundError as error:
        pytest.fail(f"{error}; .ci/run does this")
    server.start()
    try:
        yield server
    finally:
        server.close()
