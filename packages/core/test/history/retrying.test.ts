import { describe, expect, it } from 'vitest'
import { retrying } from '../../src/history/retrying.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** An append that waits `queuedMs` in a driver's queue, reports `started`, then takes `workMs`. */
function queuedAppend(queuedMs: number, workMs: number) {
  const attempts: number[] = []
  const call = async (started: () => void): Promise<string> => {
    attempts.push(attempts.length + 1)
    await sleep(queuedMs)
    started()
    await sleep(workMs)
    return 'stored'
  }
  return { attempts, call }
}

describe('retrying an append', () => {
  it('times an attempt from the call when the driver has no queue of its own', async () => {
    const append = queuedAppend(150, 10)
    await expect(retrying(append.call, () => false, { budget: 120, attemptTimeout: 50 })).rejects.toThrow(
      /no answer from the history within 50 ms/,
    )
    expect(append.attempts.length).toBeGreaterThan(1)
  })

  it('does not count the wait in the driver queue against a queued attempt: one attempt, answered', async () => {
    const append = queuedAppend(150, 10)
    await expect(retrying(append.call, () => false, { budget: 5000, attemptTimeout: 50, queued: true })).resolves.toBe('stored')
    expect(append.attempts).toEqual([1])
  })

  it('still times out a queued attempt that started and then hangs', async () => {
    const append = queuedAppend(10, 10_000)
    const started = performance.now()
    await expect(retrying(append.call, () => false, { budget: 150, attemptTimeout: 50, queued: true })).rejects.toThrow(/within 50 ms/)
    // 10 ms in the queue + 50 ms per attempt, retried until the budget is spent: far less than the hang.
    expect(performance.now() - started).toBeLessThan(2000)
    expect(append.attempts.length).toBeGreaterThan(1)
  })

  it('bounds a queued attempt that never leaves the queue by the budget', async () => {
    const started = performance.now()
    const never = (): Promise<string> => new Promise(() => undefined)
    await expect(retrying(never, () => false, { budget: 200, attemptTimeout: 50, queued: true })).rejects.toThrow(/no answer/)
    const took = performance.now() - started
    expect(took).toBeGreaterThanOrEqual(190)
    expect(took).toBeLessThan(2000)
  })
})
