import type { NativePubSub, Transport } from '@wsbridge/core/adapter'

/**
 * Topic fan-out within one Durable Object, handed to core as its `NativePubSub`. workerd has no
 * pub/sub of its own: this is a per-object index, and the point of taking core's native-pub/sub
 * path is that core tells it every join and leave, so each socket's topics can be written to its
 * attachment and survive hibernation (see `DurableObjectSocket.persist`).
 */
export class ObjectPubSub implements NativePubSub {
  readonly #topics = new Map<string, Set<Transport>>()
  readonly #changed: (socket: Transport, topic: string, joined: boolean) => void

  /** `changed` hears every join and leave, after the index is updated. */
  constructor(changed: (socket: Transport, topic: string, joined: boolean) => void) {
    this.#changed = changed
  }

  subscribe(socket: Transport, topic: string): void {
    let members = this.#topics.get(topic)
    if (!members) this.#topics.set(topic, (members = new Set()))
    members.add(socket)
    this.#changed(socket, topic, true)
  }

  unsubscribe(socket: Transport, topic: string): void {
    const members = this.#topics.get(topic)
    if (!members?.delete(socket)) return
    if (members.size === 0) this.#topics.delete(topic)
    this.#changed(socket, topic, false)
  }

  publish(topic: string, frame: string | Uint8Array, except: Transport | undefined): void {
    const members = this.#topics.get(topic)
    if (!members) return
    for (const member of members) if (member !== except) member.send(frame, false, true)
  }

  /** A closed socket leaves every topic at once (core does not unsubscribe closed sockets natively). */
  left(socket: Transport): void {
    for (const [topic, members] of this.#topics) if (members.delete(socket) && members.size === 0) this.#topics.delete(topic)
  }
}
