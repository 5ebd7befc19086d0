"""``RedisLimiter``: one account budget shared by every process that shares a Redis.

The rule is ``_budget``'s: each request holds its units from when they are taken until
one window after its own answer. The shared ledger is a sorted set per account of
``id:cost`` members scored by the moment (on Redis's own clock, ``TIME``) at which
they stop counting; one Lua script prunes, sums, and takes or answers how long to
wait, atomically. A second script re-scores a request at its answer. A 429 sets a
shared pause key; the plan's limit learned from headers is stored in a key too.

A Redis restart empties the ledger: the script notices the account's *epoch* key is
gone and allows a quarter of the limit for the first window (``_budget``'s cold start),
and each process writes back what it still holds. When Redis is unreachable the
limiter falls back to a local ``AccountLimiter`` at ``fallback_share`` of the budget,
logs a warning once, and tries Redis again after ``retry_after`` seconds; no request
is ever dropped.
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
from redis.exceptions import NoScriptError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ._budget import GUARD, STALE
from ._policy import RateLimit, RateLimitInfo
from .ratelimit import AccountLimiter, PauseTooLong, check_cost, check_max_pause

__all__ = ["RedisLimiter"]

_log = logging.getLogger(__name__)

_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, OSError)

# KEYS: log, burst log, epoch, pause, limit.
# ARGV: cost, write, default limit, window ms, hold ms, burst max (0: none),
#       burst window ms, member, guard ms.
# Returns {0, fresh} taken; {1, ms} wait for budget; {2, ms} paused.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local cost = tonumber(ARGV[1])
local write = ARGV[2] == '1'
local window = tonumber(ARGV[4])
local hold = tonumber(ARGV[5])
local burst_max = tonumber(ARGV[6])
local burst_window = tonumber(ARGV[7])
local member = ARGV[8]
local pause = redis.call('PTTL', KEYS[4])
if pause > 0 then return {2, pause} end
local stored = redis.call('GET', KEYS[5])
local limit = tonumber(ARGV[3])
if stored then limit = tonumber(stored) end
local fresh = 0
local epoch = redis.call('GET', KEYS[3])
if epoch then
  epoch = tonumber(epoch)
else
  redis.call('SET', KEYS[3], tostring(now))
  epoch = now
  fresh = 1
end
local cap = limit
if now - epoch < window then cap = math.max(cost, math.floor(limit / 4)) end
local function check(key, want, most)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  local held = 0
  for i = 1, #entries, 2 do held = held + tonumber(string.match(entries[i], ':(%d+)$')) end
  local need = held + want - most
  if need <= 0 then return 0 end
  local freed = 0
  for i = 1, #entries, 2 do
    freed = freed + tonumber(string.match(entries[i], ':(%d+)$'))
    if freed >= need then return math.max(tonumber(entries[i + 1]) - now, 1) end
  end
  return window
end
local wait = check(KEYS[1], cost, cap)
if write and burst_max > 0 then
  wait = math.max(wait, check(KEYS[2], 1, burst_max))
end
if wait > 0 then return {1, math.ceil(wait)} end
redis.call('ZADD', KEYS[1], now + hold, member .. ':' .. cost)
redis.call('PEXPIRE', KEYS[1], math.ceil(hold + window))
if write and burst_max > 0 then
  redis.call('ZADD', KEYS[2], now + hold, member .. ':1')
  redis.call('PEXPIRE', KEYS[2], math.ceil(hold + burst_window))
end
return {0, fresh}
"""

# KEYS: log, burst log, pause, limit.
# ARGV: member, cost, age ms (answered that long ago), window ms, burst window ms,
#       counted, write, pause ms (0: none), limit (0: none), guard ms.
_SETTLE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local member = ARGV[1]
local cost = ARGV[2]
local at = now - tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local guard = tonumber(ARGV[10])
if ARGV[6] == '1' then
  local until_ = at + window + guard
  if until_ > now then
    redis.call('ZADD', KEYS[1], until_, member .. ':' .. cost)
    redis.call('PEXPIRE', KEYS[1], math.ceil(until_ - now + window))
  else
    redis.call('ZREM', KEYS[1], member .. ':' .. cost)
  end
  if ARGV[7] == '1' then
    local b = at + tonumber(ARGV[5]) + guard
    if b > now then
      redis.call('ZADD', KEYS[2], b, member .. ':1')
      redis.call('PEXPIRE', KEYS[2], math.ceil(b - now + window))
    else
      redis.call('ZREM', KEYS[2], member .. ':1')
    end
  end
else
  redis.call('ZREM', KEYS[1], member .. ':' .. cost)
  redis.call('ZREM', KEYS[2], member .. ':1')
end
local pause = tonumber(ARGV[8])
if pause > 0 and redis.call('PTTL', KEYS[3]) < pause then
  redis.call('SET', KEYS[3], '1', 'PX', math.ceil(pause))
end
local limit = tonumber(ARGV[9])
if limit > 0 then redis.call('SET', KEYS[4], tostring(limit)) end
return 0
"""


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


class _Script:
    """A Lua script run by EVALSHA, loaded again by EVAL when Redis answers NOSCRIPT."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.sha: str | None = None

    async def __call__(self, client: Any, keys: list[str], args: list[Any]) -> Any:
        if self.sha is not None:
            try:
                return await client.evalsha(self.sha, len(keys), *keys, *args)
            except NoScriptError:
                self.sha = None
        result = await client.eval(self.source, len(keys), *keys, *args)
        self.sha = await client.script_load(self.source)
        return result


_ACQUIRE_SCRIPT = _Script(_ACQUIRE)
_SETTLE_SCRIPT = _Script(_SETTLE)


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
                kind, ms = await _ACQUIRE_SCRIPT(
                    self._redis,
                    [self._keys[k] for k in ("log", "burst", "epoch", "pause", "limit")],
                    self._acquire_args(cost, write, member),
                )
            except _UNREACHABLE as error:
                self._went_down(error)
                continue
            self._came_back()
            kind, ms = int(kind), float(ms)
            if kind == 0:
                self._held.append(_Held(member, cost, write, local=False))
                if ms:  # a fresh epoch: Redis lost the ledger; write back what we hold
                    try:
                        await self._restore(force=True)
                    except _UNREACHABLE as error:
                        self._went_down(error)
                return paused
            seconds = ms / 1000
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
        await _SETTLE_SCRIPT(
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
