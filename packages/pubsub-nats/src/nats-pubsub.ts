import type { Subscription } from '@nats-io/nats-core'
import type { PubSubDriver, PubSubMessage, PubSubSink } from '@wsbridge/core'
import { BackplaneHealth, decodeEnvelope, encodeEnvelope } from '@wsbridge/core/adapter'
import { type NatsClientOptions, NatsLink } from './nats-link.js'
import { NatsPresence } from './presence.js'
import { subjectsFor } from './subjects.js'

/** Options of `createNatsPubSub`: where NATS is, how subjects are named, and whether presence is shared. */
export interface NatsPubSubOptions {
  /** `host:port` or `nats://host:port`, or several for a cluster. Default `127.0.0.1:4222`. */
  readonly servers?: string | readonly string[]
  /** NATS client options (user, pass, token, tls, reconnectTimeWait …). */
  readonly nats?: NatsClientOptions
  /** First token(s) of every subject, so several apps can share one NATS. Default `wsbridge`. */
  readonly prefix?: string
  /** This instance's id on the wire. Default: a random UUID. */
  readonly instanceId?: string
  /** Shares presence: `bridge.clusterPresence(topic)` lists every instance's members. Off by default (a subscription per topic with members). */
  readonly presence?:
    | boolean
    | {
        /** Milliseconds `list` waits after the last answer for more. @default 50 */
        readonly wait?: number
      }
}

/**
 * The NATS pub/sub driver `createNatsPubSub` returns: pass it as `pubsub` to `createBridge` (or an
 * adapter) on every instance; it also exposes this instance's id, readiness and counters.
 */
export interface NatsPubSub extends PubSubDriver {
  /** This instance's id on the wire: envelopes carrying it are its own and are skipped. */
  readonly instanceId: string
  /** Resolves once connected to NATS (publishes before that are dropped). */
  ready(): Promise<void>
  /** Resolves once the server has processed every subscribe and publish sent so far (one round trip). */
  flush(): Promise<void>
  /** Counters for monitoring: publishes sent and dropped, envelopes received from other instances. */
  readonly stats: {
    /** Publishes sent to NATS, one per topic. */
    readonly published: number
    /** Publishes not delivered to other instances: NATS was not connected, closed, or failed the publish. */
    readonly dropped: number
    /** Envelopes received from other instances and delivered locally. */
    readonly received: number
  }
}

/**
 * A pub/sub driver that shares topics between any number of wsbridge instances through NATS core
 * subjects. One connection per instance; a subject is subscribed while this instance has at least
 * one local subscriber of its topic. Delivery is at-most-once with per-publisher ordering, like NATS
 * core itself; see docs/scaling.md.
 *
 * @example
 * const pubsub = createNatsPubSub({ servers: process.env.NATS_URL })
 * const bridge = createBridge(routes, { pubsub })
 * await pubsub.ready()
 */
export function createNatsPubSub(options: NatsPubSubOptions = {}): NatsPubSub {
  const instanceId = options.instanceId ?? crypto.randomUUID()
  const subjects = subjectsFor(options.prefix ?? 'wsbridge')
  const subscriptions: Map<string, Subscription | undefined> = new Map()
  const stats = { published: 0, dropped: 0, received: 0 }
  let sink: PubSubSink | undefined
  let closed = false
  let markReady: () => void = () => undefined
  const readyOnce = new Promise<void>((resolve) => (markReady = resolve))
  const health = new BackplaneHealth({
    tag: '[wsbridge/pubsub-nats]',
    backend: 'NATS',
    report: (error) => sink?.error(error),
    state: (state) => sink?.state?.(state),
  })
  const link = new NatsLink({
    servers: options.servers,
    nats: options.nats,
    health,
    opened: () => {
      for (const topic of subscriptions.keys()) listen(topic)
      presence?.attach()
      markReady()
    },
  })
  const presence = options.presence
    ? new NatsPresence({
        connection: () => link.connection,
        connected: () => link.connected,
        sink: () => sink,
        subjects,
        wait: (typeof options.presence === 'object' ? options.presence.wait : undefined) ?? 50,
      })
    : undefined

  const listen = (topic: string): void => {
    const subscription = link.connection?.subscribe(subjects.topic(topic), {
      callback: (error, msg) => {
        if (error) return health.operation('subscription', error)
        const envelope = decodeEnvelope(msg.data)
        // noEcho keeps our own publishes away; the id check also covers a second connection with our id.
        if (!envelope || envelope.instanceId === instanceId) return
        stats.received++
        sink?.deliver(envelope.message, topic)
      },
    })
    if (subscription) subscriptions.set(topic, subscription)
  }

  return {
    name: 'nats',
    instanceId,
    presence,
    stats,
    ready: () => readyOnce,
    async flush() {
      if (!link.connection || !link.connected) throw new Error('[wsbridge/pubsub-nats] NATS is not connected')
      await link.connection.flush()
    },
    start(bridgeSink) {
      if (sink) throw new Error('[wsbridge/pubsub-nats] a driver serves one bridge; create one per bridge')
      sink = bridgeSink
      void link.open()
    },
    subscribe(topic) {
      if (closed || subscriptions.has(topic)) return
      subscriptions.set(topic, undefined)
      listen(topic)
    },
    unsubscribe(topic) {
      subscriptions.get(topic)?.unsubscribe()
      subscriptions.delete(topic)
    },
    publish(message: PubSubMessage) {
      const nc = link.connected ? link.connection : undefined
      if (closed || !nc) {
        // The client would buffer and send late after a reconnect; dropping now keeps at-most-once timely.
        stats.dropped++
        health.dropping()
        return
      }
      const payload = encodeEnvelope(instanceId, message)
      for (const topic of message.topics) {
        try {
          nc.publish(subjects.topic(topic), payload)
          stats.published++
        } catch (error) {
          stats.dropped++
          health.operation('publish', error)
        }
      }
    },
    async close() {
      closed = true
      presence?.clear()
      subscriptions.clear()
      await link.close()
    },
  }
}
