import { connectionInternals, type ConnectionImpl } from './connection.js'

/** Where the open connections already are: the members of each route's broadcast topic. */
export interface TopicMembers {
  members(topic: string): ReadonlySet<ConnectionImpl> | undefined
}

/**
 * The bridge's open connections. Every connection is a member of its route's broadcast topic from
 * open until it is released, so the hub's topic index holds them already: this reads them from
 * there instead of keeping a second Set of every connection (an entry costs ~70 bytes per
 * connection in JSC, see docs/benchmarks.md). Only the count is kept here.
 */
export class OpenConnections implements ReadonlySet<ConnectionImpl> {
  readonly #index: TopicMembers
  /** [route name, its broadcast topic] for every route. */
  readonly #routes: readonly (readonly [string, string])[]
  #count = 0

  constructor(index: TopicMembers, routes: readonly (readonly [string, string])[]) {
    this.#index = index
    this.#routes = routes
  }

  /** Call once the connection is in its route topic. */
  opened(): void {
    this.#count++
  }

  /** Call once the connection has left its route topic. */
  released(): void {
    this.#count--
  }

  get size(): number {
    return this.#count
  }

  has(value: ConnectionImpl): boolean {
    // Any value may be asked about (the set is public as bridge.connections): only connections have a route topic.
    if (!connectionInternals.is(value)) return false
    return this.#index.members(connectionInternals.site(value).topic)?.has(value) === true
  }

  *values(): SetIterator<ConnectionImpl> {
    for (const [route, topic] of this.#routes) {
      const members = this.#index.members(topic)
      // A connection of another route may have subscribed to this topic by name: it is listed under its own route.
      if (members) for (const member of members) if (member.route === route) yield member
    }
  }

  keys(): SetIterator<ConnectionImpl> {
    return this.values()
  }

  *entries(): SetIterator<[ConnectionImpl, ConnectionImpl]> {
    for (const value of this.values()) yield [value, value]
  }

  [Symbol.iterator](): SetIterator<ConnectionImpl> {
    return this.values()
  }

  forEach(callback: (value: ConnectionImpl, key: ConnectionImpl, set: ReadonlySet<ConnectionImpl>) => void, thisArg?: unknown): void {
    for (const value of this.values()) callback.call(thisArg, value, value, this)
  }
}
