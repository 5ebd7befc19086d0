"""The Lua of ``RedisLimiter``: one script takes or answers how long to wait, one settles.

Both read Redis's own clock (``TIME``), never the clients'. The ledger is a sorted set
per account of ``member:cost`` entries scored by the moment (ms) they stop counting.
"""

from __future__ import annotations

from typing import Any

from redis.exceptions import NoScriptError

__all__ = ["ACQUIRE", "SETTLE"]

# KEYS: log, burst log, epoch, pause, limit.
# ARGV: cost, write, default limit, window ms, hold ms, burst max (0: none),
#       burst window ms, member, guard ms, the epoch the caller knows ('' none yet).
# Returns {0, epoch} taken; {1, ms} wait for budget; {2, ms} paused;
#         {3, epoch} the ledger is not the one the caller wrote to: restore, then ask again.
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
local known = ARGV[10]
local epoch = redis.call('GET', KEYS[3])
if not epoch then
  epoch = string.format('%.3f', now)
  redis.call('SET', KEYS[3], epoch)
end
if known ~= '' and known ~= epoch then return {3, epoch} end
local started = tonumber(epoch)
local cap = limit
if now - started < window then cap = math.max(cost, math.floor(limit / 4)) end
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
return {0, epoch}
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


class Script:
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


ACQUIRE = Script(_ACQUIRE)
SETTLE = Script(_SETTLE)
