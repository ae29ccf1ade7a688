/**
 * The topic → subscribers index every adapter shares. Core owns it even where a runtime has native
 * pub/sub, so `topics`, `subscriberCount` and close-time cleanup behave the same everywhere.
 */
export class TopicIndex<T> {
  readonly #topics: Map<string, Set<T>> = new Map()

  add(topic: string, member: T): boolean {
    let members = this.#topics.get(topic)
    if (!members) this.#topics.set(topic, (members = new Set()))
    if (members.has(member)) return false
    members.add(member)
    return true
  }

  remove(topic: string, member: T): boolean {
    const members = this.#topics.get(topic)
    if (!members?.delete(member)) return false
    if (members.size === 0) this.#topics.delete(topic)
    return true
  }

  members(topic: string): ReadonlySet<T> | undefined {
    return this.#topics.get(topic)
  }

  count(topic: string): number {
    return this.#topics.get(topic)?.size ?? 0
  }

  /** Number of topics with at least one member; 0 after every member left (leak checks use it). */
  get size(): number {
    return this.#topics.size
  }
}
