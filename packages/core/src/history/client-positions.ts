import { parseResumePositions, RESUME_QUERY_PARAM } from '../control-frames.js'
import type { HistoryPosition } from './driver.js'

/**
 * The positions a reconnecting client named in its upgrade URL (`~resume`, untrusted: malformed
 * entries are ignored by parseResumePositions), each handed out once per connection and topic,
 * so a connection that leaves and rejoins a topic is not replayed twice.
 */
export class ClientPositions<M extends { readonly url: URL }> {
  readonly #left = new WeakMap<M, Map<string, HistoryPosition>>()

  take(member: M, topic: string): HistoryPosition | undefined {
    let positions = this.#left.get(member)
    if (!positions) {
      positions = parseResumePositions(member.url.searchParams.get(RESUME_QUERY_PARAM))
      this.#left.set(member, positions)
    }
    const position = positions.get(topic)
    positions.delete(topic)
    return position
  }
}
