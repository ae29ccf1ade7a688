/**
 * Runs `call` until it succeeds, waiting 50 ms, 100 ms … up to 2 s between attempts, for at most
 * `budget` ms in all; stops early once `stopped()` holds. The last failure is thrown.
 */
export async function retrying<T>(call: () => Promise<T>, stopped: () => boolean, budget = 30_000): Promise<T> {
  const deadline = Date.now() + budget
  for (let wait = 50; ; wait = Math.min(wait * 2, 2000)) {
    try {
      return await call()
    } catch (error) {
      if (stopped() || Date.now() + wait > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
}
