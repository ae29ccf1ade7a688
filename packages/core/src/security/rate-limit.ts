import type { RateLimitOptions } from './options.js'

/**
 * A token bucket's shape, shared by every connection with the same limits. Each connection keeps
 * only its token count and the time it was last refilled (two numbers on the connection, see
 * guard.ts); refill is computed lazily from the clock on each message, so there is no timer.
 */
export interface BucketRate {
  /** Tokens when full: how many messages may arrive back to back. */
  readonly capacity: number
  /** Tokens refilled per millisecond. */
  readonly perMs: number
}

/** The bucket for these limits, or undefined when rate limiting is off. */
export function bucketRate(option: RateLimitOptions | false): BucketRate | undefined {
  if (option === false || !(option.messages > 0)) return undefined
  return { capacity: Math.max(1, option.burst ?? option.messages), perMs: option.messages / (option.interval ?? 1000) }
}

/** A bucket that has not been refilled yet: full. (-1, not infinity: V8 stores small integers in the field itself.) */
export const FULL_BUCKET = -1

/** Tokens in a bucket that held `tokens` at `updated`, at time `at` (never above capacity). */
export function refill(rate: BucketRate, tokens: number, updated: number, at: number): number {
  if (tokens === FULL_BUCKET) return rate.capacity
  const elapsed = at - updated
  return Math.min(rate.capacity, elapsed > 0 ? tokens + elapsed * rate.perMs : tokens)
}
