// The Lua scripts every replica runs in Redis (EVALSHA, loaded once per connection by ioredis).
// A script runs atomically: reading a budget, refilling it and taking a token is one step, so no
// two replicas can both spend the last token. Each replica passes its own clock (`now`): replicas
// are expected to keep NTP time, as the vendors' X-RateLimit-Reset already assumes.

/**
 * One vendor key's token bucket, the same rules as the in-process VendorBudget
 * (src/transport/budget.ts): a window opens with its first call, refills at its end (minus the
 * caller's calls still in flight), is lowered by the vendor's own X-RateLimit-Remaining (never
 * raised) and closed until a 429's Retry-After.
 *
 * KEYS[1] the bucket hash (fields t tokens, r window end, b blocked until).
 * ARGV: op ('take' | 'peek' | 'block'), now, limit, windowMs, marginMs, inFlight (the caller's),
 * observed remaining (-1: none), observed reset epoch ms (-1: none), in flight when observed,
 * queue position, block until epoch ms (op 'block').
 * Returns { granted 0|1, wait ms, rate limited 0|1, tokens left, window end epoch ms or -1 }: the
 * caller keeps the last two, to tell which of the vendor's later corrections Redis lacks.
 */
export const BUDGET_SCRIPT = `
local key = KEYS[1]
local op = ARGV[1]
local now = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local margin = tonumber(ARGV[5])
local inflight = tonumber(ARGV[6])
local obsRemaining = tonumber(ARGV[7])
local obsReset = tonumber(ARGV[8])
local obsInFlight = tonumber(ARGV[9])
local position = tonumber(ARGV[10])
local blockUntil = tonumber(ARGV[11])
local state = redis.call('HMGET', key, 't', 'r', 'b')
local tokens = tonumber(state[1])
local reset = tonumber(state[2])
local blocked = tonumber(state[3]) or 0
if tokens == nil then tokens = limit end
if reset ~= nil and now >= reset then
  reset = nil
  tokens = math.max(0, limit - inflight)
  if tokens == 0 then reset = now + window + margin end
end
if obsRemaining >= 0 and (obsReset < 0 or obsReset > now) then
  if obsReset >= 0 then reset = obsReset elseif reset == nil then reset = now + window end
  tokens = math.min(tokens, math.max(0, obsRemaining - obsInFlight))
end
if op == 'block' then
  if blockUntil > blocked then blocked = blockUntil end
  tokens = 0
  if reset == nil or reset < blocked then reset = blocked end
end
local granted = 0
local wait = 0
if op == 'take' then
  if now >= blocked and tokens >= 1 then
    if reset == nil then reset = now + window + margin end
    tokens = tokens - 1
    granted = 1
  else
    local untilReset = math.max(math.max(0, blocked - now), (reset or now) - now)
    local beyond = math.max(0, position - math.max(0, math.floor(tokens)))
    wait = untilReset + math.floor(beyond / limit) * (window + margin)
    if wait < 1 then wait = 1 end
  end
end
redis.call('HSET', key, 't', tokens, 'b', blocked)
if reset == nil then redis.call('HDEL', key, 'r') else redis.call('HSET', key, 'r', reset) end
redis.call('PEXPIRE', key, math.max(2 * (window + margin), blocked - now + window))
local limited = 0
if blocked > now then limited = 1 end
return { granted, wait, limited, tokens, reset or -1 }
`;

/**
 * A shared cache entry, read under the namespace's generation (a write bumps it, so copies read
 * before the write are never served again, even if a refresh that started earlier stores one
 * afterwards). When the copy is missing or past `freshMs`, the caller also tries to become the one
 * replica that reads the vendor (a lock that expires by itself if that replica dies).
 *
 * A claim is announced on the fill channel (inside the script: no round trip of its own), so a
 * replica whose copy goes stale too waits for the store's announcement instead of asking.
 *
 * KEYS[1] the namespace's generation counter. ARGV: prefix of entry keys (generation appended),
 * key, now, freshMs, lock token, lock ms, fill channel, the key's announcement header.
 * Returns { generation, loadedAt or -1, payload or false, lock taken 0|1 }.
 * Announcements (read by parseFill, fills.ts) are `kind\ngeneration\nloadedAt\nheader\npayload`:
 * kind `c` a claim, `v` a store carrying its copy, `f` a store without it, `u` a claim freed
 * unstored.
 */
export const CACHE_GET_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
local entry = ARGV[1] .. generation .. ':' .. ARGV[2]
local now = tonumber(ARGV[3])
local fresh = tonumber(ARGV[4])
local found = redis.call('HMGET', entry, 'at', 'v')
local at = tonumber(found[1])
local locked = 0
if at == nil or now - at >= fresh then
  if redis.call('SET', entry .. ':lock', ARGV[5], 'NX', 'PX', tonumber(ARGV[6])) then
    locked = 1
    redis.call('PUBLISH', ARGV[7], 'c\\n' .. generation .. '\\n' .. ARGV[3] .. '\\n' .. ARGV[8] .. '\\n')
  end
end
if at == nil then return { generation, -1, false, locked } end
return { generation, at, found[2], locked }
`;

/**
 * Looks for a shared cache entry without ever becoming the replica that reads it: the copy if one
 * is stored within `freshMs`, else whether a replica holds its lock (is reading it now).
 *
 * KEYS[1] the namespace's generation counter. ARGV: prefix of entry keys, key, now, freshMs.
 * Returns { loadedAt or -1, payload or false, locked 0|1 }.
 */
export const CACHE_PEEK_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
local entry = ARGV[1] .. generation .. ':' .. ARGV[2]
local found = redis.call('HMGET', entry, 'at', 'v')
local at = tonumber(found[1])
if at ~= nil and tonumber(ARGV[3]) - at < tonumber(ARGV[4]) then return { at, found[2], 0 } end
return { -1, false, redis.call('EXISTS', entry .. ':lock') }
`;

/**
 * Stores what the lock holder read, unless a write bumped the generation meanwhile; keeps at most
 * `max` entries per namespace (the oldest dropped), releases the lock and wakes the waiters.
 *
 * KEYS[1] generation counter, KEYS[2] the namespace's index (sorted by store time).
 * ARGV: prefix, key, generation read, loadedAt, payload, ttl ms, max entries, lock token, channel,
 * the key's announcement header, 1 to announce the copy itself (small enough) else 0.
 */
export const CACHE_SET_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
local entry = ARGV[1] .. ARGV[3] .. ':' .. ARGV[2]
if redis.call('GET', entry .. ':lock') == ARGV[8] then redis.call('DEL', entry .. ':lock') end
if generation ~= ARGV[3] then
  redis.call('PUBLISH', ARGV[9], 'u\\n' .. ARGV[3] .. '\\n0\\n' .. ARGV[10] .. '\\n')
  return 0
end
redis.call('HSET', entry, 'at', ARGV[4], 'v', ARGV[5])
redis.call('PEXPIRE', entry, tonumber(ARGV[6]))
redis.call('ZADD', KEYS[2], tonumber(ARGV[4]), entry)
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[6]))
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[7])
if excess > 0 then
  local old = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  for _, name in ipairs(old) do redis.call('DEL', name) end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
local told = 'f\\n' .. ARGV[3] .. '\\n' .. ARGV[4] .. '\\n' .. ARGV[10] .. '\\n'
if ARGV[11] == '1' then told = 'v' .. string.sub(told, 2) .. ARGV[5] end
redis.call('PUBLISH', ARGV[9], told)
return 1
`;

/**
 * Releases a lock whose holder failed to read, so a waiter takes over at once.
 * ARGV: prefix, generation read, key, lock token, channel, the key's announcement header.
 */
export const CACHE_UNLOCK_SCRIPT = `
local entry = ARGV[1] .. ARGV[2] .. ':' .. ARGV[3]
if redis.call('GET', entry .. ':lock') == ARGV[4] then redis.call('DEL', entry .. ':lock') end
redis.call('PUBLISH', ARGV[5], 'u\\n' .. ARGV[2] .. '\\n0\\n' .. ARGV[6] .. '\\n')
return 1
`;

/**
 * The half-open probe of a vendor account, one for every replica: taken by the first replica to
 * ask (a lock that expires by itself if that replica dies), held until its outcome is told.
 * KEYS[1] the probe lock. ARGV: token, hold ms. Returns -1 when taken, else the holder's ms left.
 */
export const PROBE_CLAIM_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', tonumber(ARGV[2])) then return -1 end
local left = redis.call('PTTL', KEYS[1])
if left < 1 then left = 1 end
return left
`;

/** Frees the probe lock if this replica still holds it (KEYS[1] the lock, ARGV[1] its token). */
export const PROBE_RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

/**
 * A document registered through automatic persisted queries, looked up by its hash: each use
 * keeps it another TTL and moves it to the back of the line to be dropped.
 * KEYS[1] the document, KEYS[2] the index (sorted by last use). ARGV: now, ttl ms.
 */
export const DOCUMENT_GET_SCRIPT = `
local document = redis.call('GET', KEYS[1])
if not document then return false end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
redis.call('ZADD', KEYS[2], tonumber(ARGV[1]), KEYS[1])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]))
return document
`;

/**
 * Registers a document; at most `max` are kept, the least recently used dropped.
 * KEYS[1] the document, KEYS[2] the index. ARGV: document, now, ttl ms, max.
 */
export const DOCUMENT_SET_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[3]))
redis.call('ZADD', KEYS[2], tonumber(ARGV[2]), KEYS[1])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]))
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  local old = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  for _, name in ipairs(old) do redis.call('DEL', name) end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
return 1
`;
