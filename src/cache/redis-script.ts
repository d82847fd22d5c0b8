import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA), sent in full only when the server does not know it yet
 * (after a restart or SCRIPT FLUSH): each call then costs one short command, not the script text.
 */
export class RedisScript {
  private readonly sha: string;

  public constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  public async run(client: Redis, keys: readonly string[], args: ReadonlyArray<string | Buffer | number>): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Lifetime rule shared by tag sets and dependents sets: a set lives as long as its longest-lived
 * member, and forever once it holds a member without expiry. A brand-new set has no TTL yet, so
 * GT alone (which treats "no TTL" as infinite) would never give it one.
 */
const EXTEND = `
local function extend(setKey, ttl)
  if ttl == 0 then
    redis.call('PERSIST', setKey)
    return
  end
  local current = redis.call('PTTL', setKey)
  if current == -1 and redis.call('SCARD', setKey) == 1 then
    redis.call('PEXPIRE', setKey, ttl)
  elseif current >= 0 and current < ttl then
    redis.call('PEXPIRE', setKey, ttl)
  end
end
`;

/**
 * Value keys expire on their own (PX) and Redis tells nobody, so their names stay in tag and
 * dependents sets. A set that also holds a member without expiry never expires itself and would
 * collect the name of every short-lived entry ever tagged: each add samples a few members and drops
 * those whose value is gone, which keeps dead names to a fraction of the set (like Redis' own
 * expiry sampling).
 */
const PRUNE = `
local function prune(prefix, setKey)
  for _, member in ipairs(redis.call('SRANDMEMBER', setKey, 3)) do
    if redis.call('EXISTS', prefix .. 'v:' .. member) == 0 then redis.call('SREM', setKey, member) end
  end
end
`;

const UNLINK_INDEXES = `
local function unindex(prefix, key, metaJson)
  -- A damaged entry must still be deletable: without readable metadata there is nothing to unlink.
  local ok, meta = pcall(cjson.decode, metaJson)
  if not ok or type(meta) ~= 'table' then return end
  for _, tag in ipairs(type(meta.t) == 'table' and meta.t or {}) do redis.call('SREM', prefix .. 't:' .. tag, key) end
  for _, parent in ipairs(type(meta.d) == 'table' and meta.d or {}) do redis.call('SREM', prefix .. 'd:' .. parent, key) end
end
`;

/**
 * KEYS[1] value hash; ARGV prefix, key, payload, meta JSON ({t: tags, d: dependsOn, e: expiresAt}),
 * TTL in ms (0: none), and 1 to write only if the key holds nothing (a fill from a lower tier).
 * Atomic, so a reader never sees the value without its tags indexed.
 */
export const SET_SCRIPT = new RedisScript(`${EXTEND}${PRUNE}${UNLINK_INDEXES}
local valueKey, prefix, key, meta, ttl = KEYS[1], ARGV[1], ARGV[2], ARGV[4], tonumber(ARGV[5])
if ARGV[6] == '1' and redis.call('EXISTS', valueKey) == 1 then return 0 end
local old = redis.call('HGET', valueKey, 'm')
if old then unindex(prefix, key, old) end
redis.call('DEL', valueKey)
redis.call('HSET', valueKey, 'v', ARGV[3], 'm', meta)
if ttl > 0 then redis.call('PEXPIRE', valueKey, ttl) end
local decoded = cjson.decode(meta)
for _, tag in ipairs(decoded.t) do
  local setKey = prefix .. 't:' .. tag
  redis.call('SADD', setKey, key)
  extend(setKey, ttl)
  prune(prefix, setKey)
end
for _, parent in ipairs(decoded.d) do
  local setKey = prefix .. 'd:' .. parent
  redis.call('SADD', setKey, key)
  extend(setKey, ttl)
  prune(prefix, setKey)
end
return 1
`);

/** ARGV prefix, then keys: deletes each value and its memberships in tag and dependents sets. */
export const DELETE_SCRIPT = new RedisScript(`${UNLINK_INDEXES}
local prefix = ARGV[1]
local deleted = 0
for i = 2, #ARGV do
  local key = ARGV[i]
  local valueKey = prefix .. 'v:' .. key
  local old = redis.call('HGET', valueKey, 'm')
  if old then unindex(prefix, key, old) end
  deleted = deleted + redis.call('DEL', valueKey)
end
return deleted
`);

/**
 * ARGV prefix, then set keys (tag or dependents sets): the members of all of them whose value still
 * exists, removing from the sets those whose value expired.
 */
export const LIVE_MEMBERS_SCRIPT = new RedisScript(`
local prefix = ARGV[1]
local live = {}
for i = 2, #ARGV do
  local setKey = ARGV[i]
  for _, member in ipairs(redis.call('SMEMBERS', setKey)) do
    if redis.call('EXISTS', prefix .. 'v:' .. member) == 1 then
      live[#live + 1] = member
    else
      redis.call('SREM', setKey, member)
    end
  end
end
return live
`);
