/** One subscriber of a topic, as `bridge.presence(topic)` and presence events show it. */
export interface PresenceMember<TUser = unknown> {
  /** The connection's id. */
  readonly id: string
  /** The connection's `user` (from the route's auth hook), `undefined` without auth. */
  readonly user: TUser
}

/** A member joined or left a topic (or room): what presence listeners receive. */
export interface PresenceEvent<TUser = unknown> {
  /** Whether the member joined or left the topic. */
  readonly type: 'join' | 'leave'
  /** The topic (a room is `room:<route>:<name>`). */
  readonly topic: string
  /** Who joined or left: the connection id and its user. */
  readonly member: PresenceMember<TUser>
}

/** A callback for presence changes, as `bridge.onPresence` takes it. */
export type PresenceListener = (event: PresenceEvent) => void

/**
 * Join/leave notifications for topic membership. Listeners run synchronously inside subscribe,
 * unsubscribe and close, so a listener that publishes reaches the topic's members as they are at
 * that instant; a throwing listener is reported and never breaks the subscribe that triggered it.
 */
export class PresenceEmitter {
  readonly #listeners: Set<PresenceListener> = new Set()
  readonly #onError: (error: unknown) => void

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError
  }

  /** Adds a listener; returns the function that removes it. */
  on(listener: PresenceListener): () => void {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  emit(type: PresenceEvent['type'], topic: string, member: PresenceMember): void {
    if (this.#listeners.size === 0) return
    const event: PresenceEvent = { type, topic, member: { id: member.id, user: member.user } }
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch (error) {
        this.#onError(error)
      }
    }
  }
}
