/**
 * The Lua scripts behind the driver. Each runs atomically in Redis, so every instance shares one
 * position space per topic: the stream's own ids `0-<seq>` are the seqs (XADD `0-*` gives the next
 * one, contiguous), and an epoch key names the stream's incarnation. A stream found without its
 * epoch key (a Redis that lost data, a hand-deleted key) is dropped and started anew with a new
 * epoch, so old positions are never trusted against new entries.
 *
 * KEYS[1] the stream, KEYS[2] its epoch key, KEYS[3] (append) the append id's key.
 */

const EPOCH = `
local epoch = redis.call('GET', KEYS[2])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[2], epoch)
  redis.call('DEL', KEYS[1])
end
`

/** ARGV: new epoch, frame, now, maxLength ('' for none), id ('' for none), id ttl (s). Answers { epoch, seq }. */
export const APPEND = `${EPOCH}
if ARGV[5] ~= '' then
  local seen = redis.call('GET', KEYS[3])
  if seen then return { epoch, tonumber(seen) } end
end
local id = redis.call('XADD', KEYS[1], '0-*', 'f', ARGV[2], 'a', ARGV[3])
local seq = tonumber(string.match(id, '%-(%d+)$'))
if ARGV[5] ~= '' then redis.call('SET', KEYS[3], seq, 'EX', ARGV[6]) end
if ARGV[4] ~= '' then redis.call('XTRIM', KEYS[1], 'MAXLEN', '~', ARGV[4]) end
return { epoch, seq }
`

/** The stream's newest seq (0 when it never had one) and its floor. */
const BOUNDS = `
local last = 0
local floor = 0
if redis.call('EXISTS', KEYS[1]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[1])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then last = tonumber(string.match(info[i + 1], '%-(%d+)$')) end
  end
  local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
  if #first == 0 then floor = last else floor = tonumber(string.match(first[1][1], '%-(%d+)$')) - 1 end
end
`

/** ARGV: new epoch, reader's epoch, after, limit. Answers { epoch, floor, last, entries }. */
export const READ = `${EPOCH}${BOUNDS}
local after = 0
if ARGV[2] == epoch then after = tonumber(ARGV[3]) end
local entries = {}
if tonumber(ARGV[4]) > 0 then
  entries = redis.call('XRANGE', KEYS[1], '(0-' .. after, '+', 'COUNT', ARGV[4])
end
return { epoch, floor, last, entries }
`

/** ARGV: maxLength ('' for none), age cutoff in ms since 1970 ('' for none). Trims from the oldest end. */
export const TRIM = `
if ARGV[1] ~= '' then redis.call('XTRIM', KEYS[1], 'MAXLEN', ARGV[1]) end
if ARGV[2] ~= '' then
  local cutoff = tonumber(ARGV[2])
  local from = '-'
  for page = 1, 20 do
    local entries = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', 200)
    if #entries == 0 then return 0 end
    for _, entry in ipairs(entries) do
      local fields = entry[2]
      for i = 1, #fields, 2 do
        if fields[i] == 'a' and tonumber(fields[i + 1]) >= cutoff then
          redis.call('XTRIM', KEYS[1], 'MINID', entry[1])
          return 0
        end
      end
    end
    local newest = entries[#entries][1]
    redis.call('XTRIM', KEYS[1], 'MINID', '0-' .. (tonumber(string.match(newest, '%-(%d+)$')) + 1))
    from = '(' .. newest
  end
end
return 0
`
