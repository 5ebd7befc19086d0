"""The budget's arithmetic, free of I/O and clocks: what the limiters decide, as data.

The server counts a request when it *arrives*, and we never see that moment. We see
two bounds of it: it is not before the request was sent plus the trip there, and it
is not after its answer came back. So each request holds its units in a ledger:

- from the moment its units are taken until its answer (or its failure) is seen, it
  is *pending* and counts in full: it may arrive at any moment;
- once answered at ``t``, it counts until ``t + window - early``: a request sent
  after that arrives at least ``early`` later, so no window of arrivals holds both.

A new request may go when the units held plus its cost fit the usable budget. That is
the whole guarantee: no window of arrivals ever holds more than the budget, whatever
the latency, its spread, a cold connection's handshake or a slow answer, because each
request's own answer bounds its own arrival (the margin follows each request's own
round trip, and that bound is physical: nothing arrives after its answer). ``early``
is half the fastest recent round trip (the trip there of a symmetric round trip),
clamped to a quarter of the window.

An idle budget therefore serves a request at once (burst credit: up to the whole
usable budget), and a full one paces itself by the server's clock: each send waits
for an earlier answer to leave the window, one out, one in. Two guards keep a burst
from being blind: while no answer arrived in the last window (at the start, after
idling), at most a quarter of the budget is taken before the first answer says what
the server counts; and what other clients of the account spend is estimated from
``X-RateLimit-Remaining-Minute`` as what the server counted beyond anything of ours
that *may* have arrived in its window (our upper bound), so latency alone never
invents other clients.

Both limiters use this: ``AccountLimiter`` on the event loop's clock, and the
``RedisLimiter`` in its local fallback (its shared ledger is the same rule, written
in Lua on Redis's clock).
"""

from __future__ import annotations

import bisect
import collections
import math

GUARD = 0.005
"""Seconds of slack on every window edge: clocks are read a little before bytes leave."""

STALE = 120.0
"""Seconds after which a request never reported back is taken as answered then."""

LATENCY_SAMPLES = 64


class Ledger:
    """The units of one budget that the server may still count (see the module doc)."""

    __slots__ = ("_answered", "_pending", "pending_units", "window")

    def __init__(self, window: float) -> None:
        self.window = window
        self._pending: collections.deque[tuple[float, int]] = collections.deque()
        self.pending_units = 0
        self._answered: list[tuple[float, int]] = []  # (answered at, units), ascending

    def take(self, now: float, units: int) -> None:
        """A request of ``units`` is about to be sent."""
        self._pending.append((now, units))
        self.pending_units += units

    def settle(self, now: float, units: int, *, counted: bool = True) -> None:
        """A request of ``units`` was answered (or failed) at ``now``.

        Which pending request it was does not matter: the count at every moment is
        the same whichever pending entry of that size is closed. ``counted=False``
        drops it (the server said it did not count it). ``units`` of 0 (not known)
        closes the oldest pending request.
        """
        for i, (_, size) in enumerate(self._pending):
            if size == units or units <= 0:
                del self._pending[i]
                self.pending_units -= size
                break
        else:
            return  # nothing pending of that size (an answer we did not take for)
        if counted:
            bisect.insort(self._answered, (now, size))

    def held(self, now: float, early: float) -> int:
        """Units that a request sent ``now`` might share a window of arrivals with."""
        edge = now + early - self.window - GUARD
        total = self.pending_units
        for at, units in reversed(self._answered):
            if at <= edge:
                break
            total += units
        return total

    def wait(self, now: float, early: float, need: int) -> float:
        """Seconds until ``need`` held units have left (a lower bound while some pend)."""
        edge = now + early - self.window - GUARD
        freed = 0
        for at, units in self._answered:
            if at <= edge:
                continue
            freed += units
            if freed >= need:
                return at - edge + 1e-6  # strictly past the edge, whatever the rounding
        return max(self.window - early + GUARD, GUARD)  # pending ones must answer first

    def held_since(self, start: float) -> int:
        """Units pending or answered after ``start``: ours that may have arrived since."""
        total = self.pending_units
        for at, units in reversed(self._answered):
            if at <= start:
                break
            total += units
        return total

    def entries(self, now: float) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
        """``(pending, answered)`` as (age in seconds, units), for handing to another ledger."""
        pending = [(now - at, units) for at, units in self._pending]
        answered = [(now - at, units) for at, units in self._answered]
        return pending, answered

    def tidy(self, now: float, keep: float) -> None:
        """Close requests pending for longer than ``STALE``; forget answers older than ``keep``."""
        while self._pending and self._pending[0][0] < now - STALE:
            at, units = self._pending.popleft()
            self.pending_units -= units
            bisect.insort(self._answered, (at + STALE, units))
        cut = bisect.bisect_left(self._answered, (now - keep, -1))
        if cut:
            del self._answered[:cut]


class Latencies:
    """Recent round trips: the fastest gives ``early``, the slowest the pipeline depth."""

    __slots__ = ("_samples",)

    def __init__(self) -> None:
        self._samples: collections.deque[float] = collections.deque(maxlen=LATENCY_SAMPLES)

    def add(self, seconds: float) -> None:
        if math.isfinite(seconds) and seconds >= 0:
            self._samples.append(seconds)

    def __bool__(self) -> bool:
        return bool(self._samples)

    @property
    def fastest(self) -> float:
        return min(self._samples, default=0.0)

    @property
    def slowest(self) -> float:
        return max(self._samples, default=0.0)

    def early(self, window: float) -> float:
        """The least trip there of a new request: half the fastest round trip."""
        return min(self.fastest / 2, window / 4)


OTHERS_MEMORY = 3
"""Windows over which the most estimated of others' use is kept.

The estimate reads low, even 0, whenever others' use hides in what of ours was in flight,
or they pause between bursts; one such window must not let a burst of ours out into them.
"""


class Others:
    """What other clients of the account spend: the most estimated over the last windows."""

    __slots__ = ("_seen", "window")

    def __init__(self, window: float) -> None:
        self.window = window
        self._seen: collections.deque[tuple[float, int]] = collections.deque()

    def learn(self, now: float, counted: int, ours_at_most: int) -> int:
        """Record one answer's estimate; return the current one.

        ``counted`` is what the server says its window held (``limit - remaining``),
        ``ours_at_most`` every unit of ours that may have been in it: the difference is
        a lower bound of what others spent, so jitter alone gives 0.
        """
        self._seen.append((now, max(0, counted - ours_at_most)))
        return self.current(now)

    def current(self, now: float) -> int:
        while self._seen and self._seen[0][0] <= now - self.window:
            self._seen.popleft()
        return max((seen for _, seen in self._seen), default=0)


def parallelism(*, rate: float, slowest: float, most: int) -> int:
    """Requests worth having in flight to keep a paced budget busy: Little's law.

    ``rate x slowest x 1.25 + 1`` on the slowest recent round trip, at least 1 and at
    most ``most`` (a window's budget): no fixed cap, so any latency is covered.
    """
    little = math.ceil(rate * slowest * 1.25) + 1 if slowest > 0 else 1
    return max(1, min(most, little))
