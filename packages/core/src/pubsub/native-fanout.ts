import type { NativePubSub, Transport } from '../transport.js'
import type { Frame } from './driver.js'
import { isExcluded, OPEN, type Excluded, type HubMember, type HubMemberAccess } from './hub-member.js'
import { sendToEach } from './local-fanout.js'
import { maxWireBytes, NativeClearance } from './native-clearance.js'
import { NativeGroups, type NativeGroup } from './native-groups.js'

/**
 * Fan-out through the runtime (Bun's `server.publish`) for members whose transport has `pubsub`,
 * with the result a send per member would have: the same receivers, the same count, and each
 * receiver's backpressure policy. What that needs is kept up to date as members join, leave and
 * stop being open, so a publish does not visit the topic's members: it reads each group's count,
 * takes out the members that are closing and the publishing connection (the runtime leaves the
 * latter out itself), and makes one runtime call per group. Members are visited only where a
 * documented behaviour needs them: the first publish to a deferred topic subscribes them natively,
 * a backpressure check that no longer holds reads every buffer (native-clearance.ts), and members
 * without native pub/sub in the same topic get a send each.
 */
export class NativeFanOut<M extends HubMember> {
  readonly #access: HubMemberAccess<M>
  readonly #report: (error: unknown) => void
  readonly #groups = new NativeGroups()
  /** Memberships of native sockets in every topic. While 0, the hub's fan-out is a plain send loop. */
  #memberships = 0
  /** Native members no longer open that are still in topics: a publish does not count them. */
  readonly #closing = new Set<M>()
  /** Topics whose native members are not natively subscribed yet (`joined`'s `deferNative`). */
  readonly #deferred = new Set<string>()
  readonly #clearance = new NativeClearance()

  constructor(access: HubMemberAccess<M>, report: (error: unknown) => void) {
    this.#access = access
    this.#report = report
  }

  /** Whether any member has native pub/sub. */
  get active(): boolean {
    return this.#memberships > 0
  }

  /**
   * `member` was added to `topic` (`members`, itself included). With `deferNative`, a native socket
   * is subscribed natively only once the topic is first published to (see #activate): every
   * connection joins its route's broadcast topic, and a native subscription costs ~200 bytes per
   * socket in Bun even if nothing is ever broadcast. The counts are updated at once either way.
   */
  joined(member: M, topic: string, members: ReadonlySet<M>, deferNative: boolean): void {
    const transport = this.#access.transport(member)
    const pubsub = transport.pubsub
    if (!pubsub) return
    this.#memberships++
    this.#groups.add(topic, pubsub)
    if (this.#clearance.recorded(topic)) this.#clearance.joined(topic, this.#headroom(member))
    if (deferNative && (members.size === 1 || this.#deferred.has(topic))) this.#deferred.add(topic)
    // A socket that wants its native subscription now brings the deferred ones (and itself) along.
    else if (this.#deferred.has(topic)) this.#activate(topic, members)
    else this.#nativeCall(pubsub, 'subscribe', transport, topic)
  }

  /** `member` was removed from `topic`; `empty`: it was the last member. */
  left(member: M, topic: string, empty: boolean): void {
    const transport = this.#access.transport(member)
    const pubsub = transport.pubsub
    if (pubsub) {
      this.#memberships--
      this.#groups.remove(topic, pubsub)
      // A closed socket has already left its native topics (Bun drops them on close).
      if (member.readyState === OPEN && !this.#deferred.has(topic)) this.#nativeCall(pubsub, 'unsubscribe', transport, topic)
    }
    if (!empty) return
    this.#deferred.delete(topic)
    this.#clearance.forget(topic)
  }

  /** `member` is no longer open: it receives nothing more, so a publish stops counting it. */
  closing(member: M): void {
    if (this.#access.transport(member).pubsub) this.#closing.add(member)
  }

  /** `member` has left every topic. */
  released(member: M): void {
    this.#closing.delete(member)
  }

  /** One topic: the runtime's fan-out for native members, a send for each other one. Returns deliveries. */
  publish(topic: string, members: ReadonlySet<M>, frame: Frame, excluded: Excluded<M>): number {
    const first = this.#groups.first(topic)
    const access = this.#access
    if (first === undefined) return sendToEach(members, frame, excluded, access)
    if (this.#deferred.has(topic)) this.#activate(topic, members)
    // A native publish reaches every native subscriber, so it is only used while none of them is
    // over its backpressure limit; otherwise a send per member lets each one's policy apply.
    if (!this.#clearance.holds(topic) && !this.#membersFit(topic, members, excluded)) return sendToEach(members, frame, excluded, access)
    // A remote sender (an id) is never a member here: drivers never hand an instance its own messages.
    const sender = typeof excluded === 'object' && excluded.readyState === OPEN && members.has(excluded) ? excluded : undefined
    const except: Transport | undefined = sender && access.transport(sender)
    let delivered = 0
    let natives = 0
    for (let group: NativeGroup | undefined = first; group; group = group.next) {
      natives += group.count
      const own = except?.pubsub === group.pubsub
      const receivers = group.count - this.#closingIn(members, group.pubsub) - (own ? 1 : 0)
      if (receivers <= 0) continue
      delivered += receivers
      try {
        group.pubsub.publish(topic, frame, own ? except : undefined)
      } catch (error) {
        this.#report(error)
      }
    }
    // Each receiver gets the frame once: counted once for every native buffer (native-clearance.ts).
    if (delivered > 0) this.#clearance.queued(maxWireBytes(frame))
    // Members without native pub/sub in a topic with native ones (a bridge shared by two adapters).
    return natives < members.size ? delivered + this.#sendToOthers(members, frame, excluded) : delivered
  }

  /** A native socket was handed `bytes` outside a publish (a direct send, an error frame, a ping). */
  queued(bytes: number): void {
    this.#clearance.queued(bytes)
  }

  /** Called by the bridge's sweep: see NativeClearance.forgetAll. */
  sweep(): void {
    if (this.#memberships > 0) this.#clearance.forgetAll()
  }

  /**
   * Reads every open native member's buffered amount (closed ones have left their native topics):
   * false when a receiver is at its limit. Records the smallest headroom, the sender's included, so
   * later publishes from any member can rely on this check (see NativeClearance).
   */
  #membersFit(topic: string, members: ReadonlySet<M>, excluded: Excluded<M>): boolean {
    let smallest = Number.POSITIVE_INFINITY
    for (const member of members) {
      if (!this.#access.transport(member).pubsub || member.readyState !== OPEN) continue
      const room = this.#headroom(member)
      if (room <= 0 && !isExcluded(member, excluded)) return false
      if (room < smallest) smallest = room
    }
    this.#clearance.checked(topic, smallest)
    return true
  }

  /** Bytes `member` can still take before its backpressure limit (Infinity without a limit). */
  #headroom(member: M): number {
    const limit = this.#access.backpressureLimit(member)
    return limit > 0 ? limit - member.bufferedAmount : Number.POSITIVE_INFINITY
  }

  /** Closing members of `members` with fan-out `pubsub`: usually none, so usually no visit at all. */
  #closingIn(members: ReadonlySet<M>, pubsub: NativePubSub): number {
    if (this.#closing.size === 0) return 0
    let count = 0
    for (const member of this.#closing) if (members.has(member) && this.#access.transport(member).pubsub === pubsub) count++
    return count
  }

  #sendToOthers(members: ReadonlySet<M>, frame: Frame, excluded: Excluded<M>): number {
    let delivered = 0
    const access = this.#access
    for (const member of members) {
      if (access.transport(member).pubsub || isExcluded(member, excluded)) continue
      if (access.sendFrame(member, frame, true) === 'sent') delivered++
    }
    return delivered
  }

  /** The first publish to a deferred topic: its open native members subscribe natively now. */
  #activate(topic: string, members: ReadonlySet<M>): void {
    this.#deferred.delete(topic)
    for (const member of members) {
      const transport = this.#access.transport(member)
      if (transport.pubsub && member.readyState === OPEN) this.#nativeCall(transport.pubsub, 'subscribe', transport, topic)
    }
  }

  /** A native subscribe or unsubscribe: a runtime failure is reported, never thrown into a subscribe. */
  #nativeCall(pubsub: NativePubSub, method: 'subscribe' | 'unsubscribe', transport: Transport, topic: string): void {
    try {
      pubsub[method](transport, topic)
    } catch (error) {
      this.#report(error)
    }
  }
}
