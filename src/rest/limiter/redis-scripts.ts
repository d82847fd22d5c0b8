/*
 * Lua scripts of the Redis limiter store. Each runs atomically inside Redis, which is what lets
 * several processes read, decide and decrement a bucket without racing. Time comes from Redis
 * (`TIME`), so processes on machines with skewed clocks still agree. They mirror
 * MemoryLimiterStore line for line; the same contract tests run against both.
 */

const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** ARGV: prefix, route, major, global, globalLimit (0: no tokens), globalWindowMs, invalidWindowMs, probeTimeoutMs, probePollMs, idleMs */
export const ACQUIRE = `
${NOW}
local prefix, route, major = ARGV[1], ARGV[2], ARGV[3]
local useGlobal = ARGV[4] == '1'
local globalLimit, globalWindow = tonumber(ARGV[5]), tonumber(ARGV[6])
local invalidWindow, probeTimeout, probePoll, idle = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local hash = redis.call('HGET', prefix .. 'hashes', route)
local bucket = (hash or route) .. '|' .. major
local ikey = prefix .. 'invalid'
redis.call('ZREMRANGEBYSCORE', ikey, '-inf', now - invalidWindow)
local invalid = redis.call('ZCARD', ikey)
if useGlobal then
  local blocked = tonumber(redis.call('GET', prefix .. 'global:blocked') or '0')
  if blocked > now then return {blocked - now, bucket, 'global', invalid, ''} end
end
local bkey = prefix .. 'bucket:' .. bucket
local st = redis.call('HMGET', bkey, 'limit', 'remaining', 'reset', 'window', 'probe')
local limit, remaining, reset = tonumber(st[1]), tonumber(st[2]), tonumber(st[3])
local window = tonumber(st[4]) or 0
local probe = st[5] == '1'
if limit ~= nil and probe and reset <= now then
  redis.call('DEL', bkey)
  limit = nil
end
if limit ~= nil and limit >= 0 and reset > now and remaining <= 0 then
  if probe then return {math.min(probePoll, reset - now), bucket, 'probe', invalid, ''} end
  return {reset - now, bucket, 'bucket', invalid, ''}
end
local token = ''
if useGlobal and globalLimit > 0 then
  local gkey = prefix .. 'global:tokens'
  redis.call('ZREMRANGEBYSCORE', gkey, '-inf', now - globalWindow)
  if redis.call('ZCARD', gkey) >= globalLimit then
    local oldest = redis.call('ZRANGE', gkey, 0, 0, 'WITHSCORES')
    return {tonumber(oldest[2]) + globalWindow - now, bucket, 'global', invalid, ''}
  end
  token = tostring(redis.call('INCR', prefix .. 'global:seq'))
  redis.call('ZADD', gkey, now, token)
  redis.call('PEXPIRE', gkey, globalWindow * 4)
end
if limit == nil then
  redis.call('HSET', bkey, 'limit', 1, 'remaining', 0, 'reset', now + probeTimeout, 'window', 0, 'probe', 1, 'estimated', 0)
  redis.call('PEXPIRE', bkey, probeTimeout + idle)
elseif limit >= 0 then
  if reset <= now then
    reset = now + window
    redis.call('HSET', bkey, 'remaining', limit - 1, 'reset', reset, 'estimated', 1)
  else
    redis.call('HINCRBY', bkey, 'remaining', -1)
  end
  redis.call('PEXPIRE', bkey, reset - now + idle)
end
return {0, bucket, 'none', invalid, token}
`;

/** ARGV: prefix, kind, route, major, hash, limit, remaining, resetAfterMs, idleMs, globalToken, pending */
export const UPDATE = `
${NOW}
local prefix, kind, route, major, hash = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local idle = tonumber(ARGV[9])
if kind == 'unused' then
  if ARGV[10] ~= '' then redis.call('ZREM', prefix .. 'global:tokens', ARGV[10]) end
  local known = redis.call('HGET', prefix .. 'hashes', route)
  local bkey = prefix .. 'bucket:' .. (known or route) .. '|' .. major
  local st = redis.call('HMGET', bkey, 'limit', 'remaining', 'reset', 'probe')
  local limit, remaining, reset = tonumber(st[1]), tonumber(st[2]), tonumber(st[3])
  if limit == nil then return 0 end
  if st[4] == '1' then
    redis.call('DEL', bkey)
  elseif limit >= 0 and reset > now and remaining < limit then
    redis.call('HINCRBY', bkey, 'remaining', 1)
  end
  return 0
end
if ARGV[10] ~= '' then redis.call('ZADD', prefix .. 'global:tokens', 'XX', 'GT', now, ARGV[10]) end
local routeBucket = route .. '|' .. major
if kind == 'failed' then
  local known = redis.call('HGET', prefix .. 'hashes', route)
  local bkey = prefix .. 'bucket:' .. (known or route) .. '|' .. major
  if redis.call('HGET', bkey, 'probe') == '1' then redis.call('DEL', bkey) end
  return 0
end
local bucket = routeBucket
if hash ~= '' then
  redis.call('HSET', prefix .. 'hashes', route, hash)
  redis.call('PEXPIRE', prefix .. 'hashes', 86400000)
  bucket = hash .. '|' .. major
  if bucket ~= routeBucket then redis.call('DEL', prefix .. 'bucket:' .. routeBucket) end
end
local bkey = prefix .. 'bucket:' .. bucket
if kind == 'unlimited' then
  redis.call('HSET', bkey, 'limit', -1, 'remaining', 0, 'reset', now + idle, 'window', 0, 'probe', 0)
  redis.call('PEXPIRE', bkey, idle * 2)
  return 0
end
local limit, remaining, resetAfter = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local reset = now + resetAfter
local firstOfWindow = remaining == limit - 1
-- Requests sent after this one and not answered yet (pipelining) are not in Discord's count yet.
remaining = remaining - (tonumber(ARGV[11]) or 0)
local st = redis.call('HMGET', bkey, 'limit', 'remaining', 'reset', 'window', 'probe', 'estimated')
local curLimit, curRemaining, curReset, curWindow = tonumber(st[1]), tonumber(st[2]), tonumber(st[3]), tonumber(st[4]) or 0
if curLimit == nil or st[5] == '1' or curLimit < 0 or curReset <= now then
  local window = resetAfter
  if not firstOfWindow and curLimit ~= nil then window = math.max(curWindow, resetAfter) end
  redis.call('HSET', bkey, 'limit', limit, 'remaining', remaining, 'reset', reset, 'window', window, 'probe', 0, 'estimated', 0)
else
  if reset > curReset + math.max(curWindow, resetAfter) / 2 then
    -- Discord's window rolled over before the one the store believed in: its count is the truth.
  else
    if curRemaining < remaining then remaining = curRemaining end
    if st[6] ~= '1' and curReset < reset then reset = curReset end
  end
  redis.call('HSET', bkey, 'limit', limit, 'remaining', remaining, 'reset', reset, 'estimated', 0)
  if firstOfWindow then redis.call('HSET', bkey, 'window', resetAfter) end
end
redis.call('PEXPIRE', bkey, reset - now + idle)
return 0
`;

/** ARGV: prefix, route, major, global, retryAfterMs, idleMs */
export const PENALIZE = `
${NOW}
local prefix, route, major = ARGV[1], ARGV[2], ARGV[3]
local retryAfter, idle = tonumber(ARGV[5]), tonumber(ARGV[6])
local untilMs = now + retryAfter
if ARGV[4] == '1' then
  local gkey = prefix .. 'global:blocked'
  local current = tonumber(redis.call('GET', gkey) or '0')
  if untilMs > current then redis.call('SET', gkey, untilMs, 'PX', retryAfter + 1000) end
end
local hash = redis.call('HGET', prefix .. 'hashes', route)
local bkey = prefix .. 'bucket:' .. (hash or route) .. '|' .. major
local st = redis.call('HMGET', bkey, 'limit', 'reset', 'window', 'probe')
local limit = tonumber(st[1])
if limit == nil or st[4] == '1' or limit < 0 then
  redis.call('HSET', bkey, 'limit', 1, 'remaining', 0, 'reset', untilMs, 'window', tonumber(st[3]) or 0, 'probe', 0, 'estimated', 0)
else
  redis.call('HSET', bkey, 'remaining', 0, 'reset', untilMs, 'estimated', 0)
end
redis.call('PEXPIRE', bkey, untilMs - now + idle)
return 0
`;

/** ARGV: prefix, windowMs. Returns the count after recording. */
export const RECORD_INVALID = `
${NOW}
local ikey = ARGV[1] .. 'invalid'
local window = tonumber(ARGV[2])
local id = redis.call('INCR', ARGV[1] .. 'invalid:seq')
redis.call('ZADD', ikey, now, now .. ':' .. id)
redis.call('ZREMRANGEBYSCORE', ikey, '-inf', now - window)
redis.call('PEXPIRE', ikey, window)
redis.call('PEXPIRE', ARGV[1] .. 'invalid:seq', window)
return redis.call('ZCARD', ikey)
`;

/** ARGV: prefix, windowMs. Returns {count, msUntilTheOldestLeaves}. */
export const INVALID_STATE = `
${NOW}
local ikey = ARGV[1] .. 'invalid'
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', ikey, '-inf', now - window)
local oldest = redis.call('ZRANGE', ikey, 0, 0, 'WITHSCORES')
local nextExpiry = 0
if oldest[2] then nextExpiry = tonumber(oldest[2]) + window - now end
return {redis.call('ZCARD', ikey), nextExpiry}
`;
