/**
 * The Lua scripts behind `createRedisRequestDedupe`, each atomic in Redis. An entry's value is
 * `c<owner>` while an instance holds the claim (a lease: it expires unless renewed) and `r<reply
 * frame>` once settled. Every key of one session shares the hash tag `{<session>}`, so the
 * session's index (a sorted set of its entry keys by claim time) lives in the same slot as its
 * entries: the count bound evicts within one slot.
 */

/** KEYS[1] entry, KEYS[2] the session's index. ARGV: claim value, lease ms, window ms, max entries, now. Answers the value found, or nil when it claimed. */
export const CLAIM = `
local value = redis.call('GET', KEYS[1])
if value then return value end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[5], KEYS[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[5]) - tonumber(ARGV[3]))
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if over > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[2], over)
  for i = 1, #popped, 2 do redis.call('DEL', popped[i]) end
end
return false
`

/** KEYS[1] entry. ARGV: this instance's claim value, lease ms. Renews the lease if the claim is still this instance's. */
export const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`
