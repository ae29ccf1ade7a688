import type { ClusterPresence } from './driver.js'
import type { HubMember } from './hub-member.js'
import { PresenceEmitter, type PresenceListener, type PresenceMember } from './presence.js'
import type { TopicIndex } from './topic-index.js'

/**
 * Who is in a topic, for the hub: this instance's members (read from the topic index), join/leave
 * events to local listeners, and the driver's shared presence where it has one. It never runs on a
 * publish; a failure of the shared presence is reported, never thrown into a subscribe.
 */
export class HubPresence<M extends HubMember> {
  readonly #index: TopicIndex<M>
  readonly #shared: ClusterPresence | undefined
  readonly #emitter: PresenceEmitter
  readonly #report: (error: unknown) => void

  constructor(index: TopicIndex<M>, shared: ClusterPresence | undefined, report: (error: unknown) => void) {
    this.#index = index
    this.#shared = shared
    this.#report = report
    this.#emitter = new PresenceEmitter(report)
  }

  /** This instance's members of `topic`. */
  local(topic: string): PresenceMember[] {
    const members = this.#index.members(topic)
    return members ? [...members].map((m) => ({ id: m.id, user: m.user })) : []
  }

  /** Members of `topic` on every instance when the driver shares presence; this instance's otherwise. */
  async cluster(topic: string): Promise<PresenceMember[]> {
    if (!this.#shared) return this.local(topic)
    try {
      return await this.#shared.list(topic)
    } catch (error) {
      // The backend is unreachable: report it and answer with what this instance knows.
      this.#report(error)
      return this.local(topic)
    }
  }

  on(listener: PresenceListener): () => void {
    return this.#emitter.on(listener)
  }

  /** `member` has just joined `topic` (the index already holds it). */
  joined(topic: string, member: M): void {
    this.#emitter.emit('join', topic, member)
    if (!this.#shared) return
    try {
      this.#shared.joined(topic, { id: member.id, user: member.user })
    } catch (error) {
      this.#report(error)
    }
  }

  /** `member` has just left `topic` (the index no longer holds it). */
  left(topic: string, member: M): void {
    this.#emitter.emit('leave', topic, member)
    if (!this.#shared) return
    try {
      this.#shared.left(topic, member.id)
    } catch (error) {
      this.#report(error)
    }
  }
}
