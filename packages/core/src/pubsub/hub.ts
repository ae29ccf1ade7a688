import { TopicIndex } from './topic-index.js'
import type { DurableRoute } from './durable-route.js'
import type { Frame, PubSubDriver, PubSubMessage, PubSubSink } from './driver.js'
import type { Excluded, HubMember, HubMemberAccess } from './hub-member.js'
import { sendToEach, sendToTopics } from './local-fanout.js'
import { HubPresence } from './hub-presence.js'
import { NativeFanOut } from './native-fanout.js'
import type { PubSubObserver } from './pubsub-observer.js'
import type { PresenceListener, PresenceMember } from './presence.js'

export type { HubMember, HubMemberAccess } from './hub-member.js'

/**
 * A bridge's pub/sub: the topic index (the single source of truth for `topics`, `subscriberCount`,
 * presence and close-time cleanup on every runtime), local fan-out, native fan-out where the
 * runtime has it, and the driver that links other instances.
 */
export class PubSubHub<M extends HubMember> {
  readonly #index = new TopicIndex<M>()
  readonly #driver: PubSubDriver | undefined
  readonly #presence: HubPresence<M>
  readonly #onError: (error: unknown) => void
  /** Fan-out through the runtime for members with native pub/sub (Bun). */
  readonly #native: NativeFanOut<M>
  /**
   * Rewrites a frame before local fan-out, for local publishes and ones from other instances alike
   * (resume stamping, see resume.ts). Drivers always carry the original frame.
   */
  stamp: ((topics: readonly string[], frame: Frame) => Frame) | undefined

  readonly #access: HubMemberAccess<M>
  /** Durable topics take over their single-topic text publishes (history/durable-topics.ts). */
  durable: DurableRoute<M> | undefined

  /** The bridge's instrumentation for publishes and deliveries from other instances (instrumentation.ts). */
  observer: PubSubObserver<M> | undefined

  constructor(driver: PubSubDriver | undefined, onError: (error: unknown) => void, access: HubMemberAccess<M>) {
    this.#driver = driver
    this.#onError = onError
    this.#access = access
    this.#presence = new HubPresence(this.#index, driver?.presence, (error) => this.#safeReport(error))
    this.#native = new NativeFanOut(access, (error) => this.#safeReport(error))
    const sink: PubSubSink = {
      deliver: (message, via) => this.#deliverRemote(message, via),
      error: (error) => this.#safeReport(error),
      members: (topic) => this.presence(topic),
      state: (state) => {
        if (driver) this.observer?.driverState?.(driver.name, state)
      },
    }
    driver?.start(sink)
  }

  get topicCount(): number {
    return this.#index.size
  }

  subscriberCount(topic: string): number {
    return this.#index.count(topic)
  }

  /** The members of `topic`, live (the bridge's open connections are read from route topics). */
  members(topic: string): ReadonlySet<M> | undefined {
    return this.#index.members(topic)
  }

  presence(topic: string): PresenceMember[] {
    return this.#presence.local(topic)
  }

  /** Members of `topic` on every instance when the driver shares presence; this instance's otherwise. */
  clusterPresence(topic: string): Promise<PresenceMember[]> {
    return this.#presence.cluster(topic)
  }

  onPresence(listener: PresenceListener): () => void {
    return this.#presence.on(listener)
  }

  /**
   * Adds `member` to `topic`. With `deferNative`, a native socket is subscribed natively only once
   * the topic is first published to (see NativeFanOut.joined); the topic index, and so every count
   * and presence, is updated at once either way.
   */
  subscribe(member: M, topic: string, deferNative = false): void {
    if (!this.#index.add(topic, member)) return
    this.#native.joined(member, topic, this.#index.members(topic)!, deferNative)
    if (this.#index.count(topic) === 1) this.#guard(() => this.#driver?.subscribe(topic))
    this.#presence.joined(topic, member)
  }

  unsubscribe(member: M, topic: string): void {
    if (!this.#index.remove(topic, member)) return
    const empty = this.#index.count(topic) === 0
    this.#native.left(member, topic, empty)
    if (empty) this.#guard(() => this.#driver?.unsubscribe(topic))
    this.#presence.left(topic, member)
  }

  /** `member` is no longer open (closing, or closed and about to leave its topics). */
  closing(member: M): void {
    this.#native.closing(member)
  }

  /** `member` has left every topic for good. */
  released(member: M): void {
    this.#native.released(member)
  }

  /**
   * Publishes one encoded frame to `topics` (deduplicated: a member of several receives it once),
   * locally and through the driver. `sender` is excluded when given. Returns local deliveries.
   */
  publish(topics: readonly string[], frame: Frame, sender: M | undefined): number {
    if (topics.length === 0) return 0
    if (this.durable?.claims(topics, frame)) {
      this.durable.publish(topics[0]!, frame as string, sender)
      return 0
    }
    const local = this.stamp ? this.stamp(topics, frame) : frame
    const delivered =
      topics.length === 1 ? this.#fanOut(topics[0]!, local, sender) : this.#fanOutMany(topics, local, sender, 0, topics.length)
    const driver = this.#driver
    const trace = this.observer?.published?.(topics, frame, sender, delivered)
    if (driver) this.#guard(() => driver.publish({ topics, frame, senderId: sender?.id, trace }))
    return delivered
  }

  /** Carries an already-stamped durable frame to the other instances. */
  forward(topic: string, frame: string, senderId: string | undefined): void {
    const driver = this.#driver
    if (driver) this.#guard(() => driver.publish({ topics: [topic], frame, senderId }))
  }

  /** A native socket was handed `bytes` outside a publish (a direct send, an error frame, a ping). */
  nativeQueued(bytes: number): void {
    this.#native.queued(bytes)
  }

  /** Called by the bridge's sweep: see NativeClearance.forgetAll. */
  sweep(): void {
    this.#native.sweep()
  }

  async close(): Promise<void> {
    await this.#driver?.close()
  }

  #deliverRemote(message: PubSubMessage, via: string): number {
    const position = message.topics.indexOf(via)
    if (position === -1) return 0
    if (this.durable?.claims(message.topics, message.frame)) {
      const delivered = this.durable.remote(via, message.frame as string, message.senderId)
      if (delivered !== undefined) return delivered
    }
    const frame = this.stamp ? this.stamp([via], message.frame) : message.frame
    // Members of an earlier topic get the message through that topic's channel instead.
    const delivered =
      message.topics.length === 1
        ? this.#fanOut(via, frame, message.senderId)
        : this.#fanOutMany(message.topics, frame, message.senderId, position, position + 1)
    this.observer?.delivered?.(message, via, delivered)
    return delivered
  }

  /** One topic: the runtime's fan-out where members have one (NativeFanOut), a send to each otherwise. */
  #fanOut(topic: string, frame: Frame, excluded: Excluded<M>): number {
    const members = this.#index.members(topic)
    if (!members) return 0
    // No runtime fan-out anywhere (Node): one pass, each member's own send (and its policies).
    if (!this.#native.active) return sendToEach(members, frame, excluded, this.#access)
    return this.#native.publish(topic, members, frame, excluded)
  }

  /** Several topics, deduplicated from `from` (see sendToTopics). */
  #fanOutMany(topics: readonly string[], frame: Frame, excluded: Excluded<M>, from: number, to: number): number {
    return sendToTopics(this.#index, topics, [from, to], frame, excluded, this.#access)
  }

  /** Runtime and driver calls must never break a subscribe or publish: failures are reported. */
  #guard(call: () => void): void {
    try {
      call()
    } catch (error) {
      this.#safeReport(error)
    }
  }

  #safeReport(error: unknown): void {
    try {
      this.#onError(error)
    } catch {
      // The error hook itself failed; nothing sensible is left to do with it.
    }
  }
}
