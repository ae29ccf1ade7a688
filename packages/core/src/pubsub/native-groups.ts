import type { NativePubSub } from '../transport.js'

/** A topic's native members that share one runtime fan-out (the sockets of one server). */
export interface NativeGroup {
  readonly pubsub: NativePubSub
  /** Members of the topic in core's index with this fan-out, open or not. */
  count: number
  /** Another server's group for the same topic (a bridge served by several servers). */
  next: NativeGroup | undefined
}

/**
 * Each topic's native members, counted per runtime fan-out as they join and leave, so a publish
 * knows how many receive it without visiting them. A topic almost always has one group: a list
 * keeps that case to one object per topic.
 */
export class NativeGroups {
  readonly #topics = new Map<string, NativeGroup>()

  /** The first group of `topic`; undefined when it has no native member. */
  first(topic: string): NativeGroup | undefined {
    return this.#topics.get(topic)
  }

  add(topic: string, pubsub: NativePubSub): void {
    const first = this.#topics.get(topic)
    for (let group = first; group; group = group.next) if (group.pubsub === pubsub) return void group.count++
    this.#topics.set(topic, { pubsub, count: 1, next: first })
  }

  remove(topic: string, pubsub: NativePubSub): void {
    let previous: NativeGroup | undefined
    for (let group = this.#topics.get(topic); group; previous = group, group = group.next) {
      if (group.pubsub !== pubsub) continue
      if (--group.count > 0) return
      if (previous) previous.next = group.next
      else if (group.next) this.#topics.set(topic, group.next)
      else this.#topics.delete(topic)
      return
    }
  }
}
