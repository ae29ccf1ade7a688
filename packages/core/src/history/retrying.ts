/** How long `retrying` keeps at it, and when an attempt's clock starts. */
export interface RetryOptions {
  /** Milliseconds for all attempts and the waits between them. @default 30000 */
  readonly budget?: number
  /** Milliseconds one attempt may take. @default 3000 */
  readonly attemptTimeout?: number
  /** The attempt's clock starts at `started()`, not at the call (see below). @default false */
  readonly queued?: boolean
}

/**
 * Runs `call` until it succeeds, waiting 50 ms, 100 ms … up to 2 s between attempts, for at most
 * `budget` ms in all; stops early once `stopped()` holds. An attempt that has not settled after
 * `attemptTimeout` ms counts as failed (a command lost with its connection must not stall a topic);
 * retried appends carry the same id, so a late first attempt is still stored once. The last failure is thrown.
 *
 * With `queued`, `call` is handed a `started` callback, and an attempt's timeout runs from when it
 * is called (the driver's own queue let the attempt go) rather than from the call: time spent
 * waiting behind other appends is not the attempt's. Until then the attempt waits at most what is
 * left of the budget.
 */
export async function retrying<T>(
  call: (started: () => void) => Promise<T>,
  stopped: () => boolean,
  options: RetryOptions = {},
): Promise<T> {
  const { budget = 30_000, attemptTimeout = 3000, queued = false } = options
  const deadline = Date.now() + budget
  for (let wait = 50; ; wait = Math.min(wait * 2, 2000)) {
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      let fail: (error: Error) => void = () => undefined
      const timeout = new Promise<never>((_, reject) => (fail = reject))
      const arm = (ms: number): void => {
        clearTimeout(timer)
        timer = setTimeout(() => fail(new Error(`no answer from the history within ${attemptTimeout} ms`)), ms)
      }
      let armed = false
      const started = (): void => {
        if (armed) return
        armed = true
        arm(attemptTimeout)
      }
      if (queued) arm(Math.max(attemptTimeout, deadline - Date.now()))
      else started()
      return await Promise.race([call(started), timeout])
    } catch (error) {
      if (stopped() || Date.now() + wait > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, wait))
    } finally {
      clearTimeout(timer)
    }
  }
}
