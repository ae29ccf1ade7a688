import { describe, expect, it } from 'vitest'
import { TokenBucket } from '../../src/security/rate-limit.js'

describe('TokenBucket', () => {
  it('allows a burst of `burst` then refills continuously at messages/interval', () => {
    const bucket = new TokenBucket({ messages: 10, interval: 1000, burst: 3 })
    const t0 = 1_000_000
    expect([bucket.take(t0), bucket.take(t0), bucket.take(t0), bucket.take(t0)]).toEqual([true, true, true, false])
    expect(bucket.take(t0 + 50)).toBe(false) // half a token
    expect(bucket.take(t0 + 100)).toBe(true) // one token per 100 ms
    expect(bucket.take(t0 + 100)).toBe(false)
    expect([bucket.take(t0 + 10_000), bucket.take(t0 + 10_000), bucket.take(t0 + 10_000), bucket.take(t0 + 10_000)]).toEqual([true, true, true, false]) // capped at burst
  })
})
