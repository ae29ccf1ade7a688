/**
 * Whole milliseconds on a monotonic clock where there is one (every target runtime has
 * `performance`). Whole, because V8 keeps a fractional number in an object field as a separate
 * 16-byte heap number: two timestamps per connection would cost 32 bytes each (an integer is
 * stored in the field itself). Every deadline here is 10 ms or coarser.
 */
export const now: () => number = clock()

function clock(): () => number {
  // The object is kept, not looked up per call: Node defines the global `performance` as an
  // accessor, which V8 cannot inline.
  const perf = typeof performance === 'object' ? performance : undefined
  return perf && typeof perf.now === 'function' ? () => Math.floor(perf.now()) : () => Date.now()
}

/** How long one reading of the clock is reused by `recentNow`. */
export const RECENT_MS = 10

// The reading `recentNow` hands out, or -1 once it is too old to reuse.
let recent = -1

function expire(): void {
  recent = -1
}

/**
 * `now()`, read at most once per RECENT_MS: what every incoming message and pong records. A clock
 * read costs ~40 ns on both runtimes (docs/benchmarks.md, finding 12), most of what core's
 * per-message checks cost; a module variable costs next to nothing. A reading is never ahead of
 * the clock and at most RECENT_MS (plus however late the timer fires) behind it, so a token
 * bucket refilled from it never admits more than an exact one (its refill arrives up to RECENT_MS
 * late and is never lost: each refill counts from the previous reading), and an idle deadline
 * measured from it fires at most RECENT_MS early.
 *
 * The reading expires on a one-shot timer started by the first read after the previous one
 * expired: while messages flow that is one timer per RECENT_MS for the whole process; when none
 * arrive, no timer runs. It is unref'd, so it never keeps a process alive.
 */
export function recentNow(): number {
  if (recent >= 0) return recent
  recent = now()
  const timer = setTimeout(expire, RECENT_MS)
  ;(timer as { unref?: () => void }).unref?.()
  return recent
}
