import type { Limits, RouteLimits } from '../limits.js'

/**
 * The one value a runtime takes per server for a limit routes may set differently (ws's
 * `maxFragments`, the Node upgrade guard's deadline): the largest of the bridge's and every route's,
 * so no route gets less than it asked for. 0 means "no limit", so any 0 wins.
 */
export function serverWideLimit(
  base: Limits,
  routeLimits: readonly (RouteLimits | undefined)[],
  key: 'maxFragments' | 'handshakeTimeout',
): number {
  let largest = base[key]
  for (const limits of routeLimits) {
    const value = limits?.[key]
    if (value === undefined) continue
    if (!(value > 0) || !(largest > 0)) return 0
    largest = Math.max(largest, value)
  }
  // biome-ignore lint/complexity/useMathMinMax: a NaN limit must come out as 0 (no limit); Math.max would keep the NaN.
  return largest > 0 ? largest : 0
}

/**
 * `work`, or what `expired()` returns if `work` has not settled within `ms` (0: no deadline). An
 * upgrade's auth and context hooks run under it: a `verify` whose backend hangs must not hold the
 * request (and on Node the socket) forever. `work` never rejects (authorize catches everything);
 * what it resolves with after the deadline is dropped.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, expired: () => T): Promise<T> {
  if (!(ms > 0)) return work
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(expired()), ms)
    void work.then((value) => {
      clearTimeout(timer)
      resolve(value)
    })
  })
}
