import type { LogEntry } from './log-entry.js'

/**
 * The inspector's message log: a ring buffer of the last `capacity` entries, so an app left running
 * with the inspector on holds bounded memory however much traffic it sees.
 */
export class MessageLog {
  readonly #entries: (LogEntry | undefined)[]
  #next = 0
  #size = 0
  #seq = 0

  readonly capacity: number

  constructor(capacity: number) {
    this.capacity = capacity
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`[wsbridge/inspector] logSize must be a positive integer, got ${capacity}`)
    this.#entries = new Array<LogEntry | undefined>(capacity)
  }

  /** Appends an entry (numbered and stamped here), evicting the oldest when full. */
  add(entry: Omit<LogEntry, 'seq' | 'at'>, at = Date.now()): LogEntry {
    const stamped: LogEntry = { seq: ++this.#seq, at, ...entry }
    this.#entries[this.#next] = stamped
    this.#next = (this.#next + 1) % this.capacity
    if (this.#size < this.capacity) this.#size++
    return stamped
  }

  /** The entries held, oldest first. */
  entries(): LogEntry[] {
    const out: LogEntry[] = []
    const start = (this.#next - this.#size + this.capacity) % this.capacity
    for (let i = 0; i < this.#size; i++) out.push(this.#entries[(start + i) % this.capacity] as LogEntry)
    return out
  }

  get size(): number {
    return this.#size
  }
}
