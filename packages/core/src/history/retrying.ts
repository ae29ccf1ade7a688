/**
 * Runs `call` until it succeeds, waiting 50 ms, 100 ms … up to 2 s between attempts, for at most
 * `budget` ms in all; stops early once `stopped()` holds. An attempt that has not settled after
 * `attemptTimeout` ms counts as failed (a command lost with its connection must not stall a topic);
 * retried appends carry the same id, so a late first attempt is still stored once. The last failure is thrown.
 */
export async function retrying<T>(call: () => Promise<T>, stopped: () => boolean, budget = 30_000, attemptTimeout = 3000): Promise<T> {
  const deadline = Date.now() + budget
  for (let wait = 50; ; wait = Math.min(wait * 2, 2000)) {
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from the history within ${attemptTimeout} ms`)), attemptTimeout)
      })
      return await Promise.race([call(), timeout])
    } catch (error) {
      if (stopped() || Date.now() + wait > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, wait))
    } finally {
      clearTimeout(timer)
    }
  }
}
