/**
 * Calm deploys: a server that restarts tells its clients when to come back, so the clients of a
 * stopped instance do not all reconnect in the same second. The close code is 1012 (Service
 * Restart, IANA-registered for exactly this) and the reason carries the window in milliseconds:
 * `retry within 10000 ms`. The typed client waits a uniform random time inside the window before
 * its first attempt (full jitter); other clients still see a standard 1012 with a readable reason.
 * @see https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number
 */

/** Longest window a client honours (10 minutes): a hostile or mistaken reason cannot park it for days. */
export const MAX_RETRY_WINDOW_MS = 600_000

/** Window a client uses for a 1012 close whose reason carries none (another server's restart). */
export const DEFAULT_RETRY_WINDOW_MS = 5_000

const WINDOW_PATTERN = /^retry within (\d{1,9}) ms$/

/** The close reason announcing a restart window (ASCII, well inside the 123-byte limit). */
export function retryWindowReason(windowMs: number): string {
  return `retry within ${normalizeRetryWindow(windowMs)} ms`
}

/** A window as sent: a whole number of milliseconds in [0, MAX_RETRY_WINDOW_MS]; NaN and negatives become 0. */
export function normalizeRetryWindow(windowMs: number): number {
  if (!(windowMs > 0)) return 0
  return Math.min(MAX_RETRY_WINDOW_MS, Math.floor(windowMs))
}

/**
 * The window a close asks the client to spread its reconnect over, or undefined when the close is
 * not a restart (any code but 1012). A 1012 whose reason is not ours gets the default window.
 */
export function retryWindowOf(code: number, reason: string): number | undefined {
  if (code !== 1012) return undefined
  const match = WINDOW_PATTERN.exec(reason)
  return match ? normalizeRetryWindow(Number(match[1])) : DEFAULT_RETRY_WINDOW_MS
}
