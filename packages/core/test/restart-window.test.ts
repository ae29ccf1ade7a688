import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ReconnectSchedule } from '../src/client/reconnect-schedule.js'
import { closeReasonBytes } from '../src/close-codes.js'
import {
  DEFAULT_RETRY_WINDOW_MS,
  MAX_RETRY_WINDOW_MS,
  normalizeRetryWindow,
  retryWindowOf,
  retryWindowReason,
} from '../src/restart-window.js'

describe('restart window (close 1012 "retry within <ms> ms")', () => {
  it('round-trips every window a server may send, clamped to [0, 600000]', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (window) => {
        const reason = retryWindowReason(window)
        expect(closeReasonBytes(reason)).toBeLessThanOrEqual(123)
        const read = retryWindowOf(1012, reason)!
        expect(read).toBe(normalizeRetryWindow(window))
        expect(read).toBeGreaterThanOrEqual(0)
        expect(read).toBeLessThanOrEqual(MAX_RETRY_WINDOW_MS)
      }),
    )
  })

  it('any reason a hostile server sends yields a bounded window on 1012 and none on any other code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 123 }), fc.integer({ min: 1000, max: 4999 }), (reason, code) => {
        const window = retryWindowOf(code, reason)
        if (code !== 1012) {
          expect(window).toBeUndefined()
          return
        }
        expect(Number.isInteger(window)).toBe(true)
        expect(window).toBeGreaterThanOrEqual(0)
        expect(window).toBeLessThanOrEqual(MAX_RETRY_WINDOW_MS)
      }),
    )
    expect(retryWindowOf(1012, 'retry within 99999999999 ms')).toBe(DEFAULT_RETRY_WINDOW_MS)
    expect(retryWindowOf(1012, 'retry within 999999999 ms')).toBe(MAX_RETRY_WINDOW_MS)
    expect(retryWindowOf(1012, 'Service restart')).toBe(DEFAULT_RETRY_WINDOW_MS)
    expect(retryWindowOf(1001, 'retry within 100 ms')).toBeUndefined()
  })
})

describe('ReconnectSchedule after a restart close', () => {
  function delays(random: number, closes: [number, string][]): number[] {
    const seen: number[] = []
    const original = globalThis.setTimeout
    globalThis.setTimeout = ((_: () => void, ms: number) => void seen.push(ms)) as never
    try {
      const schedule = new ReconnectSchedule({ reconnect: { initialDelay: 100, maxDelay: 100, random: () => random } })
      for (const [code, reason] of closes) {
        expect(schedule.allows(code, reason)).toBe(true)
        schedule.schedule(() => undefined)
      }
    } finally {
      globalThis.setTimeout = original
    }
    return seen
  }

  it('waits a jittered moment of the window for the next attempt only, then backs off as before', () => {
    expect(
      delays(0.5, [
        [1012, 'retry within 8000 ms'],
        [1006, ''],
        [1006, ''],
      ]),
    ).toEqual([4000, 50, 50])
    expect(delays(0.999, [[1012, 'retry within 8000 ms']])).toEqual([7992])
    expect(delays(0.5, [[1001, 'retry within 8000 ms']])).toEqual([50])
  })
})
