import type { RateLimitOptions } from './options.js'

/** Milliseconds on a monotonic clock where there is one (every target runtime has `performance`). */
export const now: () => number = typeof performance === 'object' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now()

/**
 * A token bucket per connection. Refill is computed lazily from the clock on each message, so a
 * bucket costs two numbers and no timer, whatever the number of connections.
 */
export class TokenBucket {
  readonly #capacity: number
  readonly #perMs: number
  #tokens: number
  #updated: number

  constructor(options: RateLimitOptions) {
    this.#capacity = Math.max(1, options.burst ?? options.messages)
    this.#perMs = options.messages / (options.interval ?? 1000)
    this.#tokens = this.#capacity
    this.#updated = now()
  }

  /** Takes one token; false when the bucket is empty (the message is over the limit). */
  take(at: number = now()): boolean {
    const elapsed = at - this.#updated
    if (elapsed > 0) {
      this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#perMs)
      this.#updated = at
    }
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }
}

/** A bucket for these limits, or undefined when rate limiting is off. */
export function createBucket(option: RateLimitOptions | false): TokenBucket | undefined {
  return option === false || !(option.messages > 0) ? undefined : new TokenBucket(option)
}
