import { describe, expect, it } from 'vitest'
import { now, RECENT_MS, recentNow } from '../../src/security/clock.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Spins until the clock has moved on by `ms` (timers can't promise a minimum delay this exact). */
function spin(ms: number): void {
  const until = now() + ms
  while (now() < until);
}

describe('recentNow', () => {
  it('reuses one reading for RECENT_MS, never ahead of the clock', async () => {
    await sleep(RECENT_MS * 2) // any earlier reading has expired
    const first = recentNow()
    spin(2)
    expect(recentNow()).toBe(first)
    expect(now()).toBeGreaterThan(first)
  })

  it('reads the clock again once the reading has expired', async () => {
    await sleep(RECENT_MS * 2)
    const first = recentNow()
    await sleep(RECENT_MS * 2)
    const second = recentNow()
    expect(second).toBeGreaterThanOrEqual(first + RECENT_MS)
    expect(second).toBeLessThanOrEqual(now())
  })
})
