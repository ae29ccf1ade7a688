import type { HistoryDriver } from './driver.js'

/**
 * Durable topics (`durable` in `createBridge` options): their messages are appended to a shared
 * log before anyone receives them, stamped with the log's position, and a reconnecting client is
 * replayed exactly what it missed from that log, on whichever instance it reaches. Every instance
 * of a cluster must be given the same `topics`, so a publish from an instance without subscribers
 * is logged too.
 */
export interface DurableOptions {
  /**
   * Which topics are durable: exact names, names ending in `*` (a prefix), or a predicate.
   * Use `roomTopic(route, room)` / `routeTopic(route)` for rooms and routes.
   */
  readonly topics: readonly string[] | ((topic: string) => boolean)
  /** The shared log. Default: `createMemoryHistory()` (this process only). */
  readonly history?: HistoryDriver
  /** Entries kept per topic. @default 1000 */
  readonly maxLength?: number
  /** Milliseconds an entry stays replayable. @default 300000 (5 minutes) */
  readonly maxAge?: number
  /**
   * Milliseconds between checks of each durable topic with local subscribers for entries that the
   * pub/sub backplane (at-most-once) did not bring. 0 turns it off. @default 1000
   */
  readonly poll?: number
  /** Local publishes waiting for the log (during an outage) past which new ones are dropped and reported. @default 10000 */
  readonly maxPending?: number
}

/** `topics` as a predicate. */
export function durableMatcher(topics: DurableOptions['topics']): (topic: string) => boolean {
  if (typeof topics === 'function') return topics
  const exact = new Set(topics.filter((t) => !t.endsWith('*')))
  const prefixes = topics.filter((t) => t.endsWith('*')).map((t) => t.slice(0, -1))
  return (topic) => exact.has(topic) || prefixes.some((prefix) => topic.startsWith(prefix))
}
