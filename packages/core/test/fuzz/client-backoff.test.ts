import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { backoffDelay, type BackoffOptions } from '../../src/client/backoff.js'
import { FuzzSurface } from './settings.js'

// The browser client's reconnect delays: for any attempt number and any options, a delay within the
// documented full-jitter bounds.

const surface = new FuzzSurface('client-backoff')
afterAll(() => void surface.report())

describe('fuzz: reconnect delays', () => {
  const options = fc.record({
    initialDelay: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 100_000, noNaN: true })),
    maxDelay: fc.integer({ min: 0, max: 1_000_000 }),
    factor: fc.double({ min: 1, max: 10, noNaN: true }),
  })
  it(
    'backoffDelay(n) is an integer in [0, min(maxDelay, initialDelay * factor^n)] for any attempt',
    () => {
      fc.assert(
        fc.property(
          fc.nat(5000),
          options,
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          surface.counted((attempt: number, opts: Required<Omit<BackoffOptions, 'maxAttempts' | 'random'>>, random: number) => {
            const delay = backoffDelay(attempt, { ...opts, random: () => random })
            const cap = opts.initialDelay === 0 ? 0 : Math.min(opts.maxDelay, opts.initialDelay * opts.factor ** attempt)
            expect(Number.isInteger(delay), `delay ${delay}`).toBe(true)
            expect(delay).toBeGreaterThanOrEqual(0)
            expect(delay).toBeLessThanOrEqual(cap)
          }),
        ),
        surface.params(2000),
      )
    },
    surface.timeout(2000, 1),
  )
})
