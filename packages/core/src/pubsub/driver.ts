/**
 * The pub/sub driver contract: how a bridge shares topics with other instances (other processes,
 * other machines). Core always fans out to its own subscribers itself, synchronously and without a
 * round trip; a driver only carries publishes to *other* instances and hands theirs back.
 *
 * Without a driver a bridge is a single instance (the in-memory default). `@wsbridge/pubsub-redis`
 * is the driver for many instances; `createMemoryPubSubBus` links bridges inside one process.
 *
 * Control channel: cluster-wide commands (`bridge.disconnectUser`, `bridge.sendToUser`) travel as
 * ordinary messages on the reserved topic `CONTROL_TOPIC` (`~wsbridge:control`), which every bridge
 * subscribes to once at start; the frame is the command's JSON text. A driver carries that topic
 * like any other — no extra method — with the same at-most-once, per-publisher-order semantics; it
 * may map it to a dedicated subject (a NATS driver: any subject it chooses, as for other topics).
 * The bridge never lets a connection publish on it or receive it (pubsub/control-channel.ts).
 */

import type { PresenceMember } from './presence.js'

/** One frame as the runtime sends it: JSON text, or bytes for a binary frame. */
export type Frame = string | Uint8Array

/** A publish as it travels between instances. The frame is encoded once, by the publisher. */
export interface PubSubMessage {
  /**
   * Every topic the publish targeted. Usually one; a broadcast to several rooms names them all so
   * a connection in two of them still receives the message once (see `PubSubSink.deliver`).
   */
  readonly topics: readonly string[]
  /** The message, encoded once by the publisher: a text frame's string or a binary frame's bytes. */
  readonly frame: Frame
  /** The connection that published without `includeSelf`; it never receives its own message. */
  readonly senderId?: string | undefined
  /**
   * The publish's trace context (a W3C `traceparent`) when the bridge has instrumentation that
   * traces (`@wsbridge/otel`). Drivers carry it unchanged so a delivery elsewhere joins the trace.
   */
  readonly trace?: string | undefined
}

/** What a bridge gives its driver: the way back into local fan-out, and the bridge's error hook. */
export interface PubSubSink {
  /**
   * Delivers a message that arrived from another instance on channel `via` (one of
   * `message.topics`) to this instance's subscribers of `via`, except the sender and except
   * subscribers of a topic listed before `via` (those receive it through that topic's channel).
   * Returns the number of local deliveries.
   */
  deliver(message: PubSubMessage, via: string): number
  /** Reports a backend failure to the bridge's error hook. Never throws. */
  error(error: unknown): void
  /** This instance's members of `topic` right now (drivers resync shared presence from it). */
  members(topic: string): PresenceMember[]
  /** The backend was lost (`'down'`) or is back (`'up'`): for instrumentation. Never throws. */
  state?(state: 'up' | 'down'): void
}

/**
 * Presence shared by every instance, for drivers that can store it (`bridge.clusterPresence`).
 * The bridge reports each local join and leave; `list` answers for the whole cluster.
 */
export interface ClusterPresence {
  /** A local connection joined `topic`: record it for the cluster. */
  joined(topic: string, member: PresenceMember): void
  /** A local connection left `topic` (or closed): remove it for the cluster. */
  left(topic: string, memberId: string): void
  /** Members of `topic` on every instance, as `bridge.clusterPresence(topic)` returns them. */
  list(topic: string): Promise<PresenceMember[]>
}

/**
 * Connects a bridge's pub/sub to other instances (`pubsub` in `createBridge` options): it carries
 * local publishes out and delivers other instances' publishes in, subscribing only to topics this
 * instance has subscribers for. `@wsbridge/pubsub-redis` is one; implement it for another broker.
 */
export interface PubSubDriver {
  /** Shown in errors, e.g. `redis`. */
  readonly name: string
  /** Called once by the bridge that owns the driver. A driver serves exactly one bridge. */
  start(sink: PubSubSink): void
  /** This instance has its first local subscriber of `topic`: start receiving it from others. */
  subscribe(topic: string): void
  /** This instance's last local subscriber of `topic` left: stop receiving it. */
  unsubscribe(topic: string): void
  /**
   * Carries a local publish to every other instance. Local subscribers were already served by the
   * bridge, so a driver must never hand its own messages back to `deliver` (no double echo).
   * Must not throw: failures go to `sink.error`.
   */
  publish(message: PubSubMessage): void
  /** Releases connections and subscriptions. Called by `bridge.close()`. */
  close(): Promise<void>
  /** Cluster-wide presence, when the driver offers it (the Redis driver with `presence: true`). */
  readonly presence?: ClusterPresence | undefined
}
