import type { DedupeClaim, DedupedRequest, RequestDedupeStore } from '@wsbridge/core'
import { Redis } from 'ioredis'
import type { HistoryClientOptions } from './redis-history.js'
import { CLAIM, RENEW } from './request-dedupe-scripts.js'

/** Options of `createRedisRequestDedupe`. */
export interface RedisRequestDedupeOptions {
  /** `redis://[:password@]host:port[/db]`. Default `redis://127.0.0.1:6379`. */
  readonly url?: string
  /** ioredis options (host, port, password, tls, retryStrategy …), merged over the URL. */
  readonly redis?: HistoryClientOptions
  /** Prefix of every key, so several apps can share one Redis. Default `wsbridge:requests:`. */
  readonly prefix?: string
  /** How long a reply is kept for resends after its handler ended, in ms. Default 120000. */
  readonly window?: number
  /**
   * How long a claim outlives the instance holding it, in ms: the instance renews it every third
   * of this while the handler runs, so only a dead (or cut-off) instance's claim lapses, and then
   * a resend runs the handler again. Default 10000.
   */
  readonly lease?: number
  /** Most requests remembered per client session; past it the oldest is forgotten. Default 1000. */
  readonly maxPerSession?: number
}

/** The store `createRedisRequestDedupe` returns, with readiness for startup checks. */
export interface RedisRequestDedupe extends RequestDedupeStore {
  /** Resolves once the Redis connection is ready. */
  ready(): Promise<void>
  close(): Promise<void>
}

type Commands = {
  wsbClaim(entry: string, index: string, ...args: string[]): Promise<string | null>
  wsbRenew(entry: string, ...args: string[]): Promise<number>
}

const CLAIMED: DedupeClaim = { state: 'claimed' }
const RUNNING: DedupeClaim = { state: 'running' }

/**
 * A cluster-wide dedupe window for requests resent after a reconnect (the bridge option
 * `requestDedupe`): the first instance to see a request claims it in Redis (a lease it renews
 * while the handler runs) and stores the reply frame when the handler ends; an instance that
 * receives the resend finds the reply and replays it, or finds the claim and waits for the reply.
 * The handler runs once per `(route, session, id)` unless the instance running it dies (its lease
 * lapses and a later resend runs it again) or Redis loses the key. docs/scaling.md has the guarantee.
 *
 * @example
 * const bridge = createBridge(routes, { pubsub, requestDedupe: createRedisRequestDedupe({ url }) })
 */
export function createRedisRequestDedupe(options: RedisRequestDedupeOptions = {}): RedisRequestDedupe {
  const prefix = options.prefix ?? 'wsbridge:requests:'
  const window = Math.max(1, Math.floor(options.window ?? 120_000))
  const lease = Math.max(30, Math.floor(options.lease ?? 10_000))
  const max = String(Math.max(1, Math.floor(options.maxPerSession ?? 1000)))
  const client = new Redis(options.url ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null, ...options.redis }) as Redis & Commands
  client.defineCommand('wsbClaim', { numberOfKeys: 2, lua: CLAIM })
  client.defineCommand('wsbRenew', { numberOfKeys: 1, lua: RENEW })
  // Errors surface on the commands that fail; the connection's own events would otherwise be unhandled.
  client.on('error', () => undefined)
  // One owner value per store: renewals and the claims they renew are told apart from other instances'.
  const owner = `c${crypto.randomUUID()}`
  /** Claims this instance holds, renewed together on one timer. */
  const held: Set<string> = new Set()
  let timer: ReturnType<typeof setInterval> | undefined
  const index = (request: DedupedRequest): string => `${prefix}{${request.session}}`
  const entry = (request: DedupedRequest): string => `${index(request)}:${request.id}:${request.route}`

  const renew = (): void => {
    for (const key of held) {
      void client.wsbRenew(key, owner, String(lease)).then(
        (renewed) => renewed === 0 && held.delete(key),
        () => undefined,
      )
    }
  }
  const hold = (key: string): void => {
    held.add(key)
    if (timer === undefined) {
      timer = setInterval(renew, Math.floor(lease / 3))
      // A renewal timer alone never keeps a process alive.
      ;(timer as { unref?: () => void }).unref?.()
    }
  }
  const release = (key: string): void => {
    held.delete(key)
    if (held.size === 0 && timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  }

  return {
    async claim(request) {
      const key = entry(request)
      const found = await client.wsbClaim(key, index(request), owner, String(lease), String(window), max, String(Date.now()))
      if (found === null) {
        hold(key)
        return CLAIMED
      }
      return found.startsWith('r') ? { state: 'replied', reply: found.slice(1) } : RUNNING
    },
    async settle(request, reply) {
      const key = entry(request)
      release(key)
      await client.set(key, `r${reply}`, 'PX', window)
    },
    ready: () => (client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', () => resolve()))),
    async close() {
      held.clear()
      if (timer !== undefined) clearInterval(timer)
      timer = undefined
      if (client.status === 'end') return
      await client.quit().catch(() => client.disconnect())
    },
  }
}
