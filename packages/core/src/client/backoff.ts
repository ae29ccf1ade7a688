/** Reconnect timing. Defaults suit a browser app talking to its own server. */
export interface BackoffOptions {
  /** Cap of the first delay in ms. @default 500 */
  readonly initialDelay?: number
  /** Largest delay cap in ms. @default 30000 */
  readonly maxDelay?: number
  /** Growth per attempt. @default 2 */
  readonly factor?: number
  /** Give up (state `closed`) after this many failed attempts in a row. @default Infinity */
  readonly maxAttempts?: number
  /** Random source in [0, 1), for tests. @default Math.random */
  readonly random?: () => number
}

/**
 * Exponential backoff with full jitter: attempt n waits a uniform random time in
 * [0, min(maxDelay, initialDelay * factor^n)]. Full jitter spreads a crowd of clients that lost the
 * same server, so a restarted server is not hit by all of them in the same millisecond.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelay ?? 500
  const max = options.maxDelay ?? 30_000
  const factor = options.factor ?? 2
  // With no initial delay the cap stays 0: factor^n overflows to Infinity after enough attempts, and 0 * Infinity is NaN.
  const cap = initial > 0 ? Math.min(max, initial * factor ** Math.max(0, attempt)) : 0
  return Math.floor((options.random ?? Math.random)() * cap)
}
