"""``RedisLimiter``: one account budget shared by every process that shares a Redis.

The rule is ``_budget``'s: each request holds its units from when they are taken until
one window after its own answer. The shared ledger is a sorted set per account of
``id:cost`` members scored by the moment (on Redis's own clock, ``TIME``) at which
they stop counting; one Lua script prunes, sums, and takes or answers how long to
wait, atomically. A second script re-scores a request at its answer. A 429 sets a
shared pause key; the plan's limit learned from headers is stored in a key too.

A Redis restart empties the ledger: the script notices the account's *epoch* key is
gone, starts a new epoch, and allows a quarter of the limit for its first window
(``_budget``'s cold start). Each process remembers the epoch it last wrote to; a
process that meets a new one writes back what it still holds before it takes more.

When Redis is unreachable the limiter falls back to a local ``AccountLimiter`` at
``fallback_share`` of the budget, logs a warning once, and tries Redis again after
``retry_after`` seconds; no request is ever dropped. Give each of N processes a
``fallback_share`` of at most 1/N, so that their fallbacks together keep the budget.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import math
import uuid
from typing import Any

import attrs
import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ._budget import GUARD, STALE, Latencies, parallelism
from ._policy import RateLimit, RateLimitInfo
from ._redis_scripts import ACQUIRE, SETTLE
from .ratelimit import AccountLimiter, PauseTooLong, check_cost, check_max_pause

__all__ = ["RedisLimiter"]

_log = logging.getLogger(__name__)

_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, OSError)


@attrs.define
class _Held:
    """One request of ours in the shared ledger (or in the local fallback)."""

    member: str
    cost: int
    write: bool
    local: bool  # taken from the fallback limiter, not from Redis
    answered_at: float | None = None  # loop time of the answer, once known
    counted: bool = True
    synced: bool = True  # Redis knows its current score
    seeded: bool = False  # also held in the fallback's ledger (taken while Redis was up)


class RedisLimiter:
    """A ``Limiter`` whose budget every process sharing the Redis shares (module doc).

    Args:
        url_or_client: a ``redis://`` URL, or a ``redis.asyncio.Redis`` client.
        account: the key of the account's budget (all processes of one account must
            pass the same one).
        rate_limit: the account's policy.
        fallback_share: the share of the budget this process uses on its own while
            Redis is unreachable (0 < share <= 1).
        retry_after: seconds before Redis is tried again after it failed.
        pending_hold: seconds a request that never reports back keeps its units
            beyond its window.
        prefix: the prefix of the Redis keys.

    Raises:
        TypeError, ValueError: a bad argument.
    """

    def __init__(
        self,
        url_or_client: str | aioredis.Redis,
        *,
        account: str,
        rate_limit: RateLimit | None = None,
        fallback_share: float = 0.5,
        retry_after: float = 3.0,
        pending_hold: float = STALE,
        prefix: str = "helpscout-async:budget",
    ) -> None:
        if not isinstance(account, str) or not account:
            raise TypeError(f"account must be a non-empty str naming the budget, got {account!r}")
        policy = rate_limit if rate_limit is not None else RateLimit()
        if not isinstance(policy, RateLimit):
            raise TypeError(f"rate_limit must be a RateLimit, got {policy!r}")
        for name, value, low_ok in (
            ("fallback_share", fallback_share, False),
            ("retry_after", retry_after, False),
            ("pending_hold", pending_hold, True),
        ):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(f"{name} must be a number, got {value!r}")
            if not math.isfinite(value) or value < 0 or (value == 0 and not low_ok):
                raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
        if fallback_share > 1:
            raise ValueError(f"fallback_share must be <= 1, got {fallback_share!r}")
        if isinstance(url_or_client, str):
            self._redis: Any = aioredis.Redis.from_url(
                url_or_client,
                socket_connect_timeout=1.0,
                socket_timeout=1.0,
                retry=Retry(NoBackoff(), 0),
            )
            self._owns_client = True
        elif isinstance(url_or_client, aioredis.Redis):
            self._redis = url_or_client
            self._owns_client = False
        else:
            raise TypeError(
                f"url_or_client must be a redis:// URL or a redis.asyncio.Redis, "
                f"got {type(url_or_client).__name__}"
            )
        self.policy = policy
        self.account = account
        self.fallback_share = float(fallback_share)
        self.retry_after = float(retry_after)
        self.pending_hold = float(pending_hold)
        base = f"{prefix}:{{{account}}}"  # one hash slot per account (Redis Cluster)
        self._keys = {
            name: f"{base}:{name}" for name in ("log", "burst", "epoch", "pause", "limit")
        }
        share = max(policy.write_weight + 1, math.floor(policy.per_minute * self.fallback_share))
        # The fallback adopts the plan's limit only at its share (see ``observe``).
        self.fallback = AccountLimiter(
            attrs.evolve(policy, per_minute=share, adopt_server_limit=False)
        )
        self._held: collections.deque[_Held] = collections.deque()
        self._down_until = -math.inf
        self._warned = False  # the warning is logged once per limiter, not per flap
        self._epoch = ""  # the ledger's epoch we last wrote to ('' none yet)
        self._latencies = Latencies()
        self.limit = policy.per_minute  # the account's limit, as last learned
        self.fallbacks = 0  # requests served by the local fallback

    def __repr__(self) -> str:
        return (
            f"RedisLimiter(account={self.account!r}, limit={self.policy.per_minute}, "
            f"window={self.policy.window:g}, redis={'down' if self._is_down() else 'up'})"
        )

    @property
    def redis(self) -> Any:
        """The ``redis.asyncio.Redis`` client in use."""
        return self._redis

    async def aclose(self) -> None:
        """Close the Redis client if this limiter created it from a URL."""
        if self._owns_client:
            await self._redis.aclose()

    def parallelism(self) -> int:
        """Requests worth having in flight so that latency leaves no budget unspent.

        Returns:
            1 before any answer; else Little's law on the slowest recent round trip at
            the account's whole rate (other processes may be idle), at most a window's
            budget. The shared ledger still decides when each one goes.
        """
        if not self._latencies:
            return 1
        return parallelism(
            rate=self.limit / self.policy.window, slowest=self._latencies.slowest, most=self.limit
        )

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    def _is_down(self) -> bool:
        try:
            return self._now() < self._down_until
        except RuntimeError:
            return self._down_until > -math.inf

    def _went_down(self, error: BaseException) -> None:
        now = self._now()
        self._down_until = now + self.retry_after
        self._seed(now)
        if not self._warned:
            self._warned = True
            _log.warning(
                "Redis is unreachable (%s); the rate budget of %r falls back to a local "
                "limiter at %.0f%% of it until Redis answers again",
                type(error).__name__,
                self.account,
                self.fallback_share * 100,
            )

    def _seed(self, now: float) -> None:
        """Hand the fallback what we hold in Redis, so that it counts it too."""
        ledger = self.fallback._minute
        for held in list(self._held):
            if held.local or held.seeded or not held.counted:
                continue
            held.seeded = True
            if held.answered_at is None:
                ledger.take(now, held.cost)
            else:
                ledger.take(held.answered_at, held.cost)
                ledger.settle(held.answered_at, held.cost)

    def _came_back(self) -> None:
        if self._down_until > -math.inf:
            self._down_until = -math.inf
            _log.info("Redis answers again; the rate budget of %r is shared again", self.account)

    async def acquire(self, cost: int, *, write: bool, max_pause: float | None = None) -> float:
        """Wait until ``cost`` units (and a write slot, for writes) fit the shared budget.

        Args:
            cost: units the request spends.
            write: whether it is a write.
            max_pause: the most seconds to wait out a 429 pause (``None``: no bound).

        Returns:
            The seconds spent waiting out a 429 pause.

        Raises:
            PauseTooLong: the pause would outlast ``max_pause``; nothing was taken.
            TypeError, ValueError: a bad ``cost`` or ``max_pause``.
        """
        check_cost(cost)
        bound = check_max_pause(max_pause)
        paused = 0.0
        window = self.policy.window
        while True:
            if self._is_down():
                paused += await self.fallback.acquire(
                    cost, write=write, max_pause=None if math.isinf(bound) else bound - paused
                )
                self.fallbacks += 1
                self._held.append(_Held(uuid.uuid4().hex, cost, write, local=True))
                return paused
            member = uuid.uuid4().hex
            try:
                await self._restore()
                kind, value = await ACQUIRE(
                    self._redis,
                    [self._keys[k] for k in ("log", "burst", "epoch", "pause", "limit")],
                    self._acquire_args(cost, write, member),
                )
            except _UNREACHABLE as error:
                self._went_down(error)
                continue
            self._came_back()
            kind = int(kind)
            if kind in (0, 3):
                epoch = value.decode() if isinstance(value, bytes) else str(value)
                if kind == 3:  # Redis lost the ledger (a restart): write ours back first
                    try:
                        await self._restore(force=True)
                    except _UNREACHABLE as error:
                        self._went_down(error)
                        continue
                    self._epoch = epoch
                    continue
                self._epoch = epoch
                self._held.append(_Held(member, cost, write, local=False))
                return paused
            seconds = float(value) / 1000
            if kind == 2:
                if paused + seconds > bound:
                    raise PauseTooLong(seconds)
                start = self._now()
                await asyncio.sleep(seconds)
                paused += self._now() - start
            else:
                # Others' answers may free units sooner than the earliest expiry says.
                await asyncio.sleep(min(seconds, window / 8))

    def _acquire_args(self, cost: int, write: bool, member: str) -> list[Any]:
        p = self.policy
        return [
            cost,
            int(write),
            p.per_minute,
            p.window * 1000,
            (p.window + self.pending_hold) * 1000,
            p.writes_per_burst or 0,
            p.burst_window * 1000,
            member,
            GUARD * 1000,
            self._epoch,
        ]

    async def _restore(self, *, force: bool = False) -> None:
        """Send Redis the answers it missed (while down) and, after a restart, all ours."""
        now = self._now()
        self._forget(now)
        for held in list(self._held):
            if held.synced and not force:
                continue
            if held.answered_at is not None:
                await self._settle_in_redis(held, now - held.answered_at)
                held.synced = True
            elif force:  # pending: held a window from now at least, re-scored at its answer
                await self._settle_in_redis(held, 0.0)

    def _discard(self, held: _Held) -> None:
        with contextlib.suppress(ValueError):  # forgotten meanwhile
            self._held.remove(held)

    def _forget(self, now: float) -> None:
        """Drop answered entries that no longer count anywhere."""
        edge = now - self.policy.window - GUARD
        self._held = collections.deque(
            h for h in self._held if h.answered_at is None or h.answered_at > edge
        )

    async def _settle_in_redis(
        self, held: _Held, age: float, info: RateLimitInfo | None = None
    ) -> None:
        pause = 0.0
        limit = 0
        if info is not None:
            if info.status == 429:
                retry = info.retry_after
                pause = retry if retry is not None else self.policy.window / self.policy.per_minute
                pause = min(pause, self.policy.window)
            if (
                self.policy.adopt_server_limit
                and info.limit is not None
                and info.limit > self.policy.floor
            ):
                limit = info.limit
        p = self.policy
        await SETTLE(
            self._redis,
            [self._keys[k] for k in ("log", "burst", "pause", "limit")],
            [
                held.member,
                held.cost,
                max(age, 0.0) * 1000,
                p.window * 1000,
                p.burst_window * 1000,
                int(held.counted),
                int(held.write),
                pause * 1000,
                limit,
                GUARD * 1000,
            ],
        )

    def _pop(self, cost: int) -> _Held | None:
        for held in self._held:
            if held.answered_at is None and (held.cost == cost or cost <= 0):
                return held
        return None

    async def observe(self, info: RateLimitInfo) -> None:
        """Settle the request in the shared ledger; share a 429's pause and the plan's limit.

        Args:
            info: what the request's end said.
        """
        held = self._pop(info.cost if info.cost is not None else 0)
        if held is None:
            return
        held.answered_at = self._now()
        held.counted = info.status != 429
        if 0 < info.status < 500:
            self._latencies.add(info.latency)
        if self.policy.adopt_server_limit and info.limit and info.limit > self.policy.floor:
            self.limit = info.limit
        held.synced = False
        if held.local or held.seeded:
            self.fallback.observe(info)
            if self.policy.adopt_server_limit and info.limit and info.limit > self.policy.floor:
                share = math.floor(info.limit * self.fallback_share)
                self.fallback.limit = max(self.policy.write_weight + 1, share)
        if held.local:
            return  # sent to Redis by _restore once it answers
        if self._is_down():
            return  # settled in Redis by _restore once it answers again
        try:
            await self._settle_in_redis(held, 0.0, info)
        except _UNREACHABLE as error:
            self._went_down(error)
            return
        held.synced = True
        if not held.counted:
            self._discard(held)
