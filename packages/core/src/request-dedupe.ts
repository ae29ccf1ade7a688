import { CLAIMED, type DedupeClaim, type DedupedRequest, RUNNING, type RequestDedupeStore } from './request-dedupe-store.js'

/** Options of `createMemoryRequestDedupe`. */
export interface MemoryRequestDedupeOptions {
  /** How long a request is remembered after it arrived, in ms. Default 120000 (2 minutes). */
  readonly window?: number
  /** Most requests remembered; past it the oldest is forgotten first. Default 10000. */
  readonly max?: number
}

export const DEDUPE_WINDOW_MS = 120_000
export const DEDUPE_MAX_ENTRIES = 10_000

interface Entry {
  readonly at: number
  claim: DedupeClaim
}

/**
 * The default dedupe window: this instance's memory, bounded by count (oldest dropped first) and
 * by age. Per instance only: a client that reconnects to another instance runs the handler there
 * unless the bridge has a shared store (`requestDedupe`, docs/scaling.md).
 *
 * @example
 * createBridge(routes, { requestDedupe: createMemoryRequestDedupe({ window: 30_000, max: 1000 }) })
 */
export function createMemoryRequestDedupe(options: MemoryRequestDedupeOptions = {}): RequestDedupeStore & {
  /** Requests the window remembers now, running or replied. */
  readonly size: number
} {
  return new MemoryRequestDedupe(options.window ?? DEDUPE_WINDOW_MS, options.max ?? DEDUPE_MAX_ENTRIES)
}

/** The memory window (`createMemoryRequestDedupe`); the clock is injectable for tests. */
export class MemoryRequestDedupe implements RequestDedupeStore {
  readonly #entries: Map<string, Entry> = new Map()
  readonly #window: number
  readonly #max: number
  readonly #now: () => number

  constructor(window: number, max: number, now: () => number = Date.now) {
    this.#window = window
    this.#max = Math.max(1, max)
    this.#now = now
  }

  get size(): number {
    return this.#entries.size
  }

  claim(request: DedupedRequest): DedupeClaim {
    const now = this.#now()
    this.#expire(now)
    const entry = this.#entries.get(request.key)
    if (entry !== undefined) return entry.claim
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!)
    this.#entries.set(request.key, { at: now, claim: RUNNING })
    return CLAIMED
  }

  settle(request: DedupedRequest, reply: string): void {
    const entry = this.#entries.get(request.key)
    // Forgotten while running (the count bound): a later resend runs it again, as documented.
    if (entry !== undefined) entry.claim = { state: 'replied', reply }
  }

  #expire(now: number): void {
    // Insertion order is age order: stop at the first entry still inside the window.
    for (const [key, entry] of this.#entries) {
      if (now - entry.at < this.#window) return
      this.#entries.delete(key)
    }
  }
}

/** A memory window with its own clock, for property tests of the window's semantics. */
export function memoryDedupeWithClock(window: number, max: number, now: () => number): MemoryRequestDedupe {
  return new MemoryRequestDedupe(window, max, now)
}

/** `(route, session, id)` as one map key; NUL cannot appear in a route name taken from the routes object by accident. */
export function dedupeKey(route: string, session: string, id: number): string {
  return `${route}\u0000${session}\u0000${id}`
}
