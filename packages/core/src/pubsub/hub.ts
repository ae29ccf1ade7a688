import { TopicIndex } from './topic-index.js'
import type { NativePubSub } from '../transport.js'
import type { Frame, PubSubDriver, PubSubMessage, PubSubSink } from './driver.js'
import { PresenceEmitter, type PresenceListener, type PresenceMember } from './presence.js'
import { maxWireBytes, NativeClearance } from './native-clearance.js'

const OPEN = 1

/**
 * Who a fan-out leaves out: the publishing connection itself for a local publish, its id for a
 * message from another instance, or nobody. Comparing objects, not ids, keeps a local fan-out from
 * comparing two 36-character strings per member and from creating ids that were never read (ids
 * are made on first read, see connection.ts).
 */
type Excluded<M> = M | string | undefined

function isExcluded<M extends { readonly id: string }>(member: M, excluded: Excluded<M>): boolean {
  return excluded !== undefined && (typeof excluded === 'string' ? member.id === excluded : member === excluded)
}

/** What the hub reads on a connection's public API. */
export interface HubMember extends PresenceMember {
  readonly readyState: number
  readonly bufferedAmount: number
}

/** What the hub does with a member beyond its public API: the bridge supplies it (connection internals). */
export interface HubMemberAccess<M> {
  /**
   * Sends an already-encoded frame; returns `'sent'` when it was handed to the runtime. The hub
   * passes `shared` for fan-out, where the same frame goes to every member.
   */
  sendFrame(member: M, frame: Frame, shared: boolean): string
  /** The runtime's native fan-out for this socket (Bun), if the adapter provides one. */
  nativePubSub(member: M): NativePubSub | undefined
  backpressureLimit(member: M): number
}

/**
 * A bridge's pub/sub: the topic index (the single source of truth for `topics`, `subscriberCount`,
 * presence and close-time cleanup on every runtime), local fan-out, native fan-out where the
 * runtime has it, and the driver that links other instances.
 */
export class PubSubHub<M extends HubMember> {
  readonly #index = new TopicIndex<M>()
  readonly #driver: PubSubDriver | undefined
  readonly #presence: PresenceEmitter
  readonly #onError: (error: unknown) => void
  /** Memberships of sockets with native pub/sub (Bun). While 0, fan-out is a plain send loop. */
  #nativeMemberships = 0
  readonly #clearance = new NativeClearance()
  /** Topics whose native members are not natively subscribed yet (subscribe's `deferNative`). */
  readonly #deferred = new Set<string>()
  /**
   * Rewrites a frame before local fan-out, for local publishes and ones from other instances alike
   * (resume stamping, see resume.ts). Drivers always carry the original frame.
   */
  stamp: ((topics: readonly string[], frame: Frame) => Frame) | undefined

  readonly #access: HubMemberAccess<M>

  constructor(driver: PubSubDriver | undefined, onError: (error: unknown) => void, access: HubMemberAccess<M>) {
    this.#driver = driver
    this.#onError = onError
    this.#access = access
    this.#presence = new PresenceEmitter(onError)
    const sink: PubSubSink = {
      deliver: (message, via) => this.#deliverRemote(message, via),
      error: (error) => this.#safeReport(error),
      members: (topic) => this.presence(topic),
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
    const members = this.#index.members(topic)
    return members ? [...members].map((m) => ({ id: m.id, user: m.user })) : []
  }

  /** Members of `topic` on every instance when the driver shares presence; this instance's otherwise. */
  async clusterPresence(topic: string): Promise<PresenceMember[]> {
    const shared = this.#driver?.presence
    if (!shared) return this.presence(topic)
    try {
      return await shared.list(topic)
    } catch (error) {
      // The backend is unreachable: report it and answer with what this instance knows.
      this.#safeReport(error)
      return this.presence(topic)
    }
  }

  onPresence(listener: PresenceListener): () => void {
    return this.#presence.on(listener)
  }

  /**
   * Adds `member` to `topic`. With `deferNative`, a native socket is subscribed natively only once
   * the topic is first published to (see #activate): every connection joins its route's broadcast
   * topic, and a native subscription costs ~200 bytes per socket in Bun even if nothing is ever
   * broadcast. The topic index, and so every count and presence, is updated at once either way.
   */
  subscribe(member: M, topic: string, deferNative = false): void {
    if (!this.#index.add(topic, member)) return
    const native = this.#access.nativePubSub(member)
    if (native) {
      this.#nativeMemberships++
      this.#clearance.forget(topic)
      const first = this.#index.count(topic) === 1
      if (deferNative && (first || this.#deferred.has(topic))) this.#deferred.add(topic)
      else {
        // A socket that wants its native subscription now brings the deferred ones along.
        if (this.#deferred.has(topic)) this.#activate(topic)
        this.#nativeCall(native, 'subscribe', topic)
      }
    }
    if (this.#index.count(topic) === 1) this.#guard(() => this.#driver?.subscribe(topic))
    this.#presence.emit('join', topic, member)
    const shared = this.#driver?.presence
    if (shared) this.#guard(() => shared.joined(topic, { id: member.id, user: member.user }))
  }

  unsubscribe(member: M, topic: string): void {
    if (!this.#index.remove(topic, member)) return
    const native = this.#access.nativePubSub(member)
    if (native) this.#nativeMemberships--
    // A closed socket has already left its native topics (Bun drops them on close).
    if (native && member.readyState === OPEN && !this.#deferred.has(topic)) this.#nativeCall(native, 'unsubscribe', topic)
    if (this.#index.count(topic) === 0) {
      this.#deferred.delete(topic)
      this.#guard(() => this.#driver?.unsubscribe(topic))
    }
    this.#presence.emit('leave', topic, member)
    const shared = this.#driver?.presence
    if (shared) this.#guard(() => shared.left(topic, member.id))
  }

  /**
   * Publishes one encoded frame to `topics` (deduplicated: a member of several receives it once),
   * locally and through the driver. `sender` is excluded when given. Returns local deliveries.
   */
  publish(topics: readonly string[], frame: Frame, sender: M | undefined): number {
    if (topics.length === 0) return 0
    const local = this.stamp ? this.stamp(topics, frame) : frame
    const delivered =
      topics.length === 1 ? this.#fanOut(topics[0]!, local, sender) : this.#fanOutMany(topics, local, sender, 0, topics.length)
    const driver = this.#driver
    if (driver) this.#guard(() => driver.publish({ topics, frame, senderId: sender?.id }))
    return delivered
  }

  /** A native socket was handed `bytes` outside a publish (a direct send, an error frame, a ping). */
  nativeQueued(bytes: number): void {
    this.#clearance.queued(bytes)
  }

  /** Called by the bridge's sweep: see NativeClearance.forgetAll. */
  sweep(): void {
    if (this.#nativeMemberships > 0) this.#clearance.forgetAll()
  }

  async close(): Promise<void> {
    await this.#driver?.close()
  }

  #deliverRemote(message: PubSubMessage, via: string): number {
    const position = message.topics.indexOf(via)
    if (position === -1) return 0
    const frame = this.stamp ? this.stamp([via], message.frame) : message.frame
    if (message.topics.length === 1) return this.#fanOut(via, frame, message.senderId)
    // Members of an earlier topic get the message through that topic's channel instead.
    return this.#fanOutMany(message.topics, frame, message.senderId, position, position + 1)
  }

  /** One topic: native fan-out for native members (one runtime call), sendFrame for the rest. */
  #fanOut(topic: string, frame: Frame, excluded: Excluded<M>): number {
    const members = this.#index.members(topic)
    if (!members) return 0
    if (this.#nativeMemberships === 0) {
      // No runtime fan-out anywhere (Node): one pass, each member's own send (and its policies).
      let delivered = 0
      const access = this.#access
      for (const member of members) if (!isExcluded(member, excluded) && access.sendFrame(member, frame, true) === 'sent') delivered++
      return delivered
    }
    if (this.#deferred.has(topic)) this.#activate(topic)
    // A native publish reaches every native subscriber, so it is only used while none of them is
    // over its backpressure limit; otherwise per-member sends let each one's policy apply.
    if (!this.#clearance.holds(topic) && !this.#nativeMembersFit(topic, members, excluded))
      return this.#fanOutMany([topic], frame, excluded, 0, 1)
    let delivered = 0
    let carrier: M | undefined
    let sender: M | undefined
    // Read once, not per member: this loop runs for every delivery, and on Bun it is most of the
    // JavaScript a delivery costs (docs/benchmarks.md, finding 17).
    const access = this.#access
    for (const member of members) {
      if (isExcluded(member, excluded)) {
        if (access.nativePubSub(member) !== undefined && member.readyState === OPEN) sender = member
        continue
      }
      if (access.nativePubSub(member) && member.readyState === OPEN) {
        carrier ??= member
        delivered++
      } else if (access.sendFrame(member, frame, true) === 'sent') delivered++
    }
    if (carrier === undefined) return delivered
    this.#clearance.queued(maxWireBytes(frame))
    if (sender) {
      // Bun's ws.publish reaches every native subscriber except the publishing socket: exactly "exclude sender".
      this.#guard(() => this.#access.nativePubSub(sender)!.publish(topic, frame))
    } else {
      // No native sender to exclude: publish from one member (excluded by the runtime) and send to it directly.
      this.#guard(() => this.#access.nativePubSub(carrier)!.publish(topic, frame))
      this.#access.sendFrame(carrier, frame, true)
    }
    return delivered
  }

  /**
   * Reads every open native member's buffered amount (closed ones have left their native topics):
   * false when a receiver is at its limit. Records the smallest headroom, the sender's included, so
   * later publishes from any member can rely on this check (see NativeClearance).
   */
  #nativeMembersFit(topic: string, members: ReadonlySet<M>, excluded: Excluded<M>): boolean {
    let headroom = Number.POSITIVE_INFINITY
    const access = this.#access
    for (const member of members) {
      if (!access.nativePubSub(member) || member.readyState !== OPEN) continue
      const limit = access.backpressureLimit(member)
      if (!(limit > 0)) continue
      const room = limit - member.bufferedAmount
      if (room <= 0 && !isExcluded(member, excluded)) return false
      if (room < headroom) headroom = room
    }
    this.#clearance.checked(topic, headroom)
    return true
  }

  /**
   * Several topics: deliver to members of `topics[from..to)` that are not members of any topic
   * before `from` (the remote-dedup rule; a local publish covers every topic from 0).
   * Native fan-out is skipped here because it cannot deduplicate across topics.
   */
  #fanOutMany(topics: readonly string[], frame: Frame, excluded: Excluded<M>, from: number, to: number): number {
    const seen = new Set<M>()
    for (let i = 0; i < from; i++) for (const m of this.#index.members(topics[i]!) ?? []) seen.add(m)
    let delivered = 0
    for (let i = from; i < to; i++) {
      for (const member of this.#index.members(topics[i]!) ?? []) {
        if (seen.has(member) || isExcluded(member, excluded)) continue
        seen.add(member)
        if (this.#access.sendFrame(member, frame, true) === 'sent') delivered++
      }
    }
    return delivered
  }

  /** The first publish to a deferred topic: its open native members subscribe natively now. */
  #activate(topic: string): void {
    this.#deferred.delete(topic)
    for (const member of this.#index.members(topic) ?? []) {
      const native = this.#access.nativePubSub(member)
      if (native && member.readyState === OPEN) this.#nativeCall(native, 'subscribe', topic)
    }
  }

  /** A native subscribe or unsubscribe; like #guard, without a closure per call (one per connection at open). */
  #nativeCall(native: NativePubSub, method: 'subscribe' | 'unsubscribe', topic: string): void {
    try {
      native[method](topic)
    } catch (error) {
      this.#safeReport(error)
    }
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
