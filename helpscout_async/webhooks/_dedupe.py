"""A bounded memory of recently seen delivery keys, expiring by an injectable clock."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable


class RecentKeys:
    """Keys seen within ``ttl`` seconds, at most ``size`` of them (oldest forgotten first)."""

    def __init__(self, *, ttl: float, size: int, clock: Callable[[], float]) -> None:
        self._ttl = ttl
        self._size = size
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def add(self, key: str) -> bool:
        """Remember ``key``; ``False`` if it was already remembered (a duplicate)."""
        now = self._clock()
        seen = self._seen
        while seen:
            oldest, expiry = next(iter(seen.items()))
            if expiry > now and len(seen) < self._size:
                break
            del seen[oldest]
        known = seen.get(key)
        if known is not None and known > now:
            return False
        seen[key] = now + self._ttl
        seen.move_to_end(key)
        return True

    def discard(self, key: str) -> None:
        """Forget ``key`` (a delivery that was not accepted after all)."""
        self._seen.pop(key, None)
