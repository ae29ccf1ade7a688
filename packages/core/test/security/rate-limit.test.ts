import { describe, expect, it } from 'vitest'
import { bucketRate, FULL_BUCKET, refill } from '../../src/security/rate-limit.js'

describe('token bucket', () => {
  it('derives capacity (burst, default messages) and refill rate from the options; off when disabled', () => {
    expect(bucketRate({ messages: 10, interval: 1000, burst: 3 })).toEqual({ capacity: 3, perMs: 0.01 })
    expect(bucketRate({ messages: 5 })).toEqual({ capacity: 5, perMs: 0.005 })
    expect(bucketRate(false)).toBeUndefined()
    expect(bucketRate({ messages: 0 })).toBeUndefined()
  })

  it('refills continuously at messages/interval, capped at capacity (a new bucket starts full)', () => {
    const rate = bucketRate({ messages: 10, interval: 1000, burst: 3 })!
    const t0 = 1_000_000
    expect(refill(rate, FULL_BUCKET, t0, t0)).toBe(3) // the guard's initial state
    expect(refill(rate, 0, t0, t0 + 50)).toBeCloseTo(0.5) // half a token
    expect(refill(rate, 0, t0, t0 + 100)).toBeCloseTo(1) // one token per 100 ms
    expect(refill(rate, 0.5, t0, t0 - 10)).toBe(0.5) // a clock that went back refills nothing
    expect(refill(rate, 1, t0, t0 + 10_000)).toBe(3) // capped at burst
  })
})
