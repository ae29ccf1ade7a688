import type { PubSubDriver, PubSubMessage, PubSubSink } from '@wsbridge/core'
import { Redis, type RedisOptions } from 'ioredis'
import { BackplaneHealth, decodeEnvelope, encodeEnvelope } from '@wsbridge/core/adapter'
import { RedisPresence } from './presence.js'

/** ioredis options; the driver reads replies in ioredis's default form, so `replyMapping` is not offered. */
export type ClientOptions = Omit<RedisOptions, 'replyMapping'>

/**
 * Options of `createRedisPubSub`: where Redis is, how channels are named, and whether presence is shared.
 */
export interface RedisPubSubOptions {
  /** `redis://[:password@]host:port[/db]`. Default `redis://127.0.0.1:6379`. */
  readonly url?: string
  /** ioredis options (host, port, password, tls, retryStrategy …), merged over the URL. */
  readonly redis?: ClientOptions
  /** Prefix of every Redis channel, so several apps can share one Redis. Default `wsbridge:`. */
  readonly prefix?: string
  /** This instance's id on the wire. Default: a random UUID. */
  readonly instanceId?: string
  /**
   * Shares presence through Redis so `bridge.clusterPresence(topic)` lists members on every
   * instance. `ttl` (ms, default 15000) bounds how long a crashed instance's members linger.
   * Off by default: it costs a Redis write per subscribe and unsubscribe.
   */
  readonly presence?:
    | boolean
    | {
        /** Milliseconds a member's entry lives without a refresh (default 15000). */
        readonly ttl?: number
      }
}

/**
 * The Redis pub/sub driver `createRedisPubSub` returns: pass it as `pubsub` to `createBridge` (or an
 * adapter) on every instance; it also exposes this instance's id, readiness and counters.
 */
export interface RedisPubSub extends PubSubDriver {
  /** This instance's id on the wire: envelopes carrying it are its own and are skipped. */
  readonly instanceId: string
  /** Resolves once both Redis connections are ready (publishes before that are dropped). */
  ready(): Promise<void>
  /** Counters for monitoring: publishes sent and dropped, envelopes received from other instances. */
  readonly stats: {
    /** Publishes sent to Redis, one per topic. */
    readonly published: number
    /** Publishes not delivered to other instances: Redis was not ready, closed, or failed the publish. */
    readonly dropped: number
    /** Envelopes received from other instances and delivered locally. */
    readonly received: number
  }
}

/**
 * A pub/sub driver that shares topics between any number of wsbridge instances through Redis
 * PUBLISH/SUBSCRIBE. One connection publishes, one subscribes; a channel is subscribed while this
 * instance has at least one local subscriber of its topic. Delivery is at-most-once with
 * per-publisher ordering, like Redis pub/sub itself; see docs/scaling.md.
 *
 * @example
 * const pubsub = createRedisPubSub({ url: process.env.REDIS_URL })
 * const bridge = createBridge(routes, { pubsub })
 * await pubsub.ready()
 */
export function createRedisPubSub(options: RedisPubSubOptions = {}): RedisPubSub {
  const instanceId = options.instanceId ?? crypto.randomUUID()
  const prefix = options.prefix ?? 'wsbridge:'
  // The driver owns the subscription set: on every (re)connect it subscribes to exactly this set,
  // so a Redis restart cannot leave it with stale or missing channels (autoResubscribe is off).
  const wanted: Set<string> = new Set()
  const stats = { published: 0, dropped: 0, received: 0 }
  let publisher: Redis | undefined
  let subscriber: Redis | undefined
  let sink: PubSubSink | undefined
  let closed = false
  let markReady: () => void = () => undefined
  const readyOnce = new Promise<void>((resolve) => (markReady = resolve))
  const health = new BackplaneHealth({
    tag: '[wsbridge/pubsub-redis]',
    backend: 'Redis',
    report: (error) => sink?.error(error),
    state: (state) => sink?.state?.(state),
  })
  const presence = options.presence
    ? new RedisPresence({
        client: () => publisher,
        sink: () => sink,
        prefix,
        instanceId,
        ttl: (typeof options.presence === 'object' ? options.presence.ttl : undefined) ?? 15_000,
        failed: (error) => health.failed(error, 'publisher'),
      })
    : undefined

  const connect = (role: 'publisher' | 'subscriber'): Redis => {
    const settings: ClientOptions = { ...options.redis, enableOfflineQueue: false, autoResubscribe: false, lazyConnect: false }
    const client = options.url ? new Redis(options.url, settings) : new Redis({ host: '127.0.0.1', port: 6379, ...settings })
    client.on('error', (error: Error) => health.failed(error, role))
    client.on('ready', () => {
      health.recovered(role)
      if (role === 'subscriber') resubscribe(client)
      if (role === 'publisher') presence?.resync()
      if (publisher?.status === 'ready' && subscriber?.status === 'ready') markReady()
    })
    return client
  }

  const resubscribe = (client: Redis): void => {
    if (wanted.size === 0) return
    client.subscribe(...[...wanted].map((topic) => prefix + topic)).catch((error: unknown) => health.failed(error, 'subscriber'))
  }

  const onMessage = (channel: Buffer, payload: Buffer): void => {
    const envelope = decodeEnvelope(payload)
    // Our own publishes come back from Redis too; local subscribers were served at publish time.
    if (!envelope || envelope.instanceId === instanceId) return
    stats.received++
    sink?.deliver(envelope.message, channel.toString('utf8').slice(prefix.length))
  }

  return {
    name: 'redis',
    instanceId,
    presence,
    stats,
    ready: () => readyOnce,
    start(bridgeSink) {
      if (sink) throw new Error('[wsbridge/pubsub-redis] a driver serves one bridge; create one per bridge')
      sink = bridgeSink
      publisher = connect('publisher')
      subscriber = connect('subscriber')
      subscriber.on('messageBuffer', onMessage)
    },
    subscribe(topic) {
      wanted.add(topic)
      if (subscriber?.status === 'ready') subscriber.subscribe(prefix + topic).catch((error: unknown) => health.failed(error, 'subscriber'))
    },
    unsubscribe(topic) {
      wanted.delete(topic)
      if (subscriber?.status === 'ready')
        subscriber.unsubscribe(prefix + topic).catch((error: unknown) => health.failed(error, 'subscriber'))
    },
    publish(message: PubSubMessage) {
      if (closed || publisher?.status !== 'ready') {
        // No offline queue: a publish during an outage is dropped now rather than delivered late.
        stats.dropped++
        health.dropping()
        return
      }
      const encoded = encodeEnvelope(instanceId, message)
      // ioredis sends a Buffer as bytes; a plain Uint8Array would be stringified.
      const payload = typeof encoded === 'string' ? encoded : Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength)
      for (const topic of message.topics) {
        stats.published++
        publisher.publish(prefix + topic, payload).catch((error: unknown) => {
          stats.dropped++
          health.failed(error, 'publisher')
        })
      }
    },
    async close() {
      closed = true
      wanted.clear()
      await presence?.clear()
      await Promise.all([publisher, subscriber].map((client) => (client ? quit(client) : undefined)))
    },
  }
}

async function quit(client: Redis): Promise<void> {
  if (client.status === 'end') return
  if (client.status !== 'ready') return client.disconnect()
  try {
    await client.quit()
  } catch {
    client.disconnect()
  }
}
