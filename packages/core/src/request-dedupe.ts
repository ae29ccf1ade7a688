/**
 * At-most-once for requests resent after a reconnect. A client with a session id (`s` on its
 * request frames, see request-frames.ts) resends a request whose reply it never got, with the same
 * id. The bridge remembers each `(route, session, id)` for `window` ms: a resend while the handler
 * still runs waits for it; a resend after it finished gets the stored reply frame. Bounded: at most
 * `max` entries per bridge, oldest dropped first. Per bridge instance only (a reconnect that lands
 * on another instance runs the handler again); documented in docs/requests.md.
 */

/** Where a finished reply goes: the connection that asked last (a resend moves it there). */
export type ReplyTarget = (frame: string) => void

interface Entry {
  readonly at: number
  reply: string | undefined
  target: ReplyTarget | undefined
}

export const DEDUPE_WINDOW_MS = 120_000
export const DEDUPE_MAX_ENTRIES = 10_000

export class ReplyMemory {
  readonly #entries: Map<string, Entry> = new Map()
  readonly #window: number
  readonly #max: number

  constructor(window = DEDUPE_WINDOW_MS, max = DEDUPE_MAX_ENTRIES) {
    this.#window = window
    this.#max = max
  }

  get size(): number {
    return this.#entries.size
  }

  /**
   * A request arrived. True: run the handler (first time). False: a resend, answered from memory
   * now (`target` gets the stored reply) or when the running handler finishes.
   */
  begin(key: string, target: ReplyTarget, now = Date.now()): boolean {
    this.#expire(now)
    const entry = this.#entries.get(key)
    if (entry === undefined) {
      if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!)
      this.#entries.set(key, { at: now, reply: undefined, target })
      return true
    }
    if (entry.reply === undefined) entry.target = target
    else target(entry.reply)
    return false
  }

  /** The handler finished: keep its reply for resends and hand it to whoever asked last. */
  end(key: string, reply: string): void {
    const entry = this.#entries.get(key)
    const target = entry?.target
    if (entry) {
      entry.reply = reply
      entry.target = undefined
    }
    target?.(reply)
  }

  /** The asker cancelled: its reply goes nowhere (a later resend still gets it from memory). */
  detach(key: string): void {
    const entry = this.#entries.get(key)
    if (entry) entry.target = undefined
  }

  #expire(now: number): void {
    // Insertion order is age order: stop at the first entry still inside the window.
    for (const [key, entry] of this.#entries) {
      if (now - entry.at < this.#window) return
      this.#entries.delete(key)
    }
  }
}

/** `(route, session, id)` as one map key; NUL cannot appear in a route name taken from the routes object by accident. */
export function dedupeKey(route: string, session: string, id: number): string {
  return `${route}\u0000${session}\u0000${id}`
}
