import type { HistoryAppendOptions, HistoryDriver, HistoryEntry, HistoryPosition, HistoryRead, HistoryRetention } from '@wsbridge/core'
import { Redis, type RedisOptions } from 'ioredis'
import { APPEND, READ, TRIM } from './scripts.js'

/** ioredis options; the driver reads replies in ioredis's default form, so `replyMapping` is not offered. */
export type HistoryClientOptions = Omit<RedisOptions, 'replyMapping'>

/** Options of `createRedisHistory`. */
export interface RedisHistoryOptions {
  /** `redis://[:password@]host:port[/db]`. Default `redis://127.0.0.1:6379`. */
  readonly url?: string
  /** ioredis options (host, port, password, tls, retryStrategy …), merged over the URL. */
  readonly redis?: HistoryClientOptions
  /** Prefix of every key, so several apps can share one Redis. Default `wsbridge:history:`. */
  readonly prefix?: string
  /** Seconds an append id is remembered, so a retried append is stored once. Default 120. */
  readonly idTtl?: number
  /** Milliseconds between age trims of one topic (they scan the stream's oldest end). Default 1000. */
  readonly ageTrimEvery?: number
}

/** The driver `createRedisHistory` returns, with readiness for startup checks. */
export interface RedisHistory extends HistoryDriver {
  /** Resolves once the Redis connection is ready. */
  ready(): Promise<void>
}

type RawEntry = [id: string, fields: string[]]
type Commands = {
  wsbAppend(stream: string, epochKey: string, idKey: string, ...args: string[]): Promise<[string, number]>
  wsbRead(stream: string, epochKey: string, ...args: string[]): Promise<[string, number, number, RawEntry[]]>
  wsbTrim(stream: string, ...args: string[]): Promise<number>
}

const seqOf = (id: string): number => Number(id.slice(id.indexOf('-') + 1))

function toEntry([id, fields]: RawEntry): HistoryEntry {
  let frame = ''
  let at = 0
  for (let i = 0; i < fields.length; i += 2) {
    if (fields[i] === 'f') frame = fields[i + 1] ?? ''
    else if (fields[i] === 'a') at = Number(fields[i + 1])
  }
  return { seq: seqOf(id), frame, at }
}

/**
 * A history driver on Redis Streams: one stream per durable topic, ids `0-<seq>` (XADD `0-*`),
 * trimmed by XTRIM MAXLEN on append and MINID by age, all in Lua scripts so each call is atomic.
 * Commands wait through a Redis outage (ioredis's offline queue, no per-request retry limit)
 * and a command the outage interrupted is sent again; append ids make that resend harmless.
 * Positions survive a Redis restart only with Redis persistence on (appendonly yes); without it
 * the topic's epoch changes and clients are told of the gap. See docs/scaling.md.
 *
 * @example
 * const bridge = createBridge(routes, {
 *   pubsub: createRedisPubSub({ url }),
 *   durable: { topics: ['orders', 'chat:*'], history: createRedisHistory({ url }) },
 * })
 */
export function createRedisHistory(options: RedisHistoryOptions = {}): RedisHistory {
  const prefix = options.prefix ?? 'wsbridge:history:'
  const idTtl = String(options.idTtl ?? 120)
  const ageTrimEvery = options.ageTrimEvery ?? 1000
  const client = new Redis(options.url ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null, ...options.redis }) as Redis & Commands
  client.defineCommand('wsbAppend', { numberOfKeys: 3, lua: APPEND })
  client.defineCommand('wsbRead', { numberOfKeys: 2, lua: READ })
  client.defineCommand('wsbTrim', { numberOfKeys: 1, lua: TRIM })
  // Errors surface on the commands that fail; the connection's own events would otherwise be unhandled.
  client.on('error', () => undefined)
  const lastAgeTrim = new Map<string, number>()
  const stream = (topic: string): string => `${prefix}${topic}`
  const newEpoch = (): string => crypto.randomUUID().slice(0, 8)

  const trim = async (topic: string, retention: HistoryRetention): Promise<void> => {
    const maxLength = retention.maxLength === undefined ? '' : String(Math.max(0, Math.floor(retention.maxLength)))
    const cutoff = retention.maxAge === undefined ? '' : String(Date.now() - retention.maxAge)
    await client.wsbTrim(stream(topic), maxLength, cutoff)
  }

  return {
    name: 'redis',
    ready: () => (client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', () => resolve()))),
    async append(topic: string, frame: string, append: HistoryAppendOptions = {}): Promise<HistoryPosition> {
      const key = stream(topic)
      const id = append.id ?? ''
      const maxLength = append.maxLength === undefined ? '' : String(Math.max(0, Math.floor(append.maxLength)))
      const [epoch, seq] = await client.wsbAppend(
        key,
        `${key}:epoch`,
        `${key}:id:${id}`,
        newEpoch(),
        frame,
        String(Date.now()),
        maxLength,
        id,
        idTtl,
      )
      if (append.maxAge !== undefined) {
        const now = Date.now()
        if (now - (lastAgeTrim.get(topic) ?? 0) >= ageTrimEvery) {
          lastAgeTrim.set(topic, now)
          // Best effort: the next trim catches up if this one fails.
          trim(topic, { maxAge: append.maxAge }).catch(() => undefined)
        }
      }
      return { epoch, seq: Number(seq) }
    },
    async read(topic: string, position: HistoryPosition | undefined, limit: number): Promise<HistoryRead> {
      const key = stream(topic)
      const after = position && Number.isSafeInteger(position.seq) && position.seq > 0 ? position.seq : 0
      const count = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0
      const [epoch, floor, last, raw] = await client.wsbRead(
        key,
        `${key}:epoch`,
        newEpoch(),
        position?.epoch ?? '',
        String(after),
        String(count),
      )
      return { epoch, floor: Number(floor), last: Number(last), entries: raw.map(toEntry) }
    },
    trim,
    async close(): Promise<void> {
      lastAgeTrim.clear()
      if (client.status === 'end') return
      await client.quit().catch(() => client.disconnect())
    },
  }
}
