import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeIncoming } from '../../src/client/incoming.js'
import { ResumeTracker } from '../../src/client/resume-tracker.js'
import { refreshDelay } from '../../src/client/token-refresh.js'

describe('refreshDelay', () => {
  it('is 80% of a short life, and 5 s before the end of a long one', () => {
    expect(refreshDelay(300)).toBe(240)
    expect(refreshDelay(10_000)).toBe(8000)
    expect(refreshDelay(25_000)).toBe(20_000)
    expect(refreshDelay(3_600_000)).toBe(3_595_000)
    expect(refreshDelay(0)).toBe(0)
  })

  it('always falls inside the token life and leaves at most max(20%, 5 s) of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (expiresIn) => {
        const delay = refreshDelay(expiresIn)
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThanOrEqual(expiresIn)
        expect(expiresIn - delay).toBeLessThanOrEqual(Math.max(expiresIn * 0.2, 5000) + 1e-6)
      }),
    )
  })
})

describe('the expiry announcement frame', () => {
  it('is recognised on JSON and text routes, and never becomes a message', () => {
    for (const text of [false, true]) {
      expect(decodeIncoming('{"~":"auth","expiresIn":300}', new ResumeTracker(), text)).toEqual({ kind: 'expiry', expiresIn: 300 })
      expect(decodeIncoming('{"~":"auth","expiresIn":null}', new ResumeTracker(), text)).toEqual({ kind: 'expiry', expiresIn: null })
    }
  })

  it('a malformed one is left alone (a message, as any other JSON the server sent)', () => {
    expect(decodeIncoming('{"~":"auth","expiresIn":-1}', new ResumeTracker()).kind).toBe('message')
    expect(decodeIncoming('{"~":"auth","expiresIn":"soon"}', new ResumeTracker()).kind).toBe('message')
    expect(decodeIncoming('{"~":"auth","expiresIn":', new ResumeTracker(), true)).toEqual({
      kind: 'message',
      value: '{"~":"auth","expiresIn":',
    })
  })
})
