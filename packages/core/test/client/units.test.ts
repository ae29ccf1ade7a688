import { afterEach, describe, expect, it } from 'vitest'
import { backoffDelay } from '../../src/client/backoff.js'
import { ResumeTracker } from '../../src/client/resume-tracker.js'
import { buildRouteUrl, resolveBaseUrl } from '../../src/client/url.js'
import { asControlFrame, parseResumePositions } from '../../src/control-frames.js'

describe('backoffDelay (full jitter)', () => {
  it('draws uniformly below an exponentially growing cap', () => {
    const options = { initialDelay: 100, maxDelay: 1000, factor: 2 }
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, { ...options, random: () => 0.999999 }))).toEqual([99, 199, 399, 799, 999, 999])
    expect(backoffDelay(5, { ...options, random: () => 0 })).toBe(0)
    const samples = Array.from({ length: 200 }, () => backoffDelay(3, options))
    expect(Math.max(...samples)).toBeLessThan(800)
    expect(new Set(samples).size).toBeGreaterThan(50)
  })
})

describe('URLs', () => {
  const original = (globalThis as { location?: unknown }).location
  afterEach(() => void ((globalThis as { location?: unknown }).location = original))

  it('resolves a relative base against location, http → ws and https → wss', () => {
    ;(globalThis as { location?: unknown }).location = { href: 'https://app.example.com/page' }
    expect(resolveBaseUrl('/api').href).toBe('wss://app.example.com/api')
    ;(globalThis as { location?: unknown }).location = { href: 'http://localhost:3000/' }
    expect(resolveBaseUrl('/api').href).toBe('ws://localhost:3000/api')
    expect(resolveBaseUrl('ws://other:1/x').href).toBe('ws://other:1/x')
  })

  it('refuses a relative base without location, and non-web protocols', () => {
    expect(() => resolveBaseUrl('/api')).toThrow(/no location/)
    expect(() => resolveBaseUrl('ftp://x/api')).toThrow(/ws\(s\) or http\(s\)/)
  })

  it('fills params (encoded), drops missing optional ones, puts the rest in the query', () => {
    const base = new URL('ws://h/api/')
    expect(buildRouteUrl(base, '/rooms/:id/:tab?', { id: 'a/b c', tab: undefined, q: 1, off: null }, { token: 't' })).toBe(
      'ws://h/api/rooms/a%2Fb%20c?token=t&q=1',
    )
    expect(buildRouteUrl(base, '/rooms/:id/:tab?', { id: 'x', tab: 'info' }, {})).toBe('ws://h/api/rooms/x/info')
    expect(() => buildRouteUrl(base, '/rooms/:id', {}, {})).toThrow(/missing path parameter "id"/)
  })
})

describe('resume bookkeeping', () => {
  it('drops replayed duplicates, follows gaps, and encodes positions', () => {
    const tracker = new ResumeTracker()
    expect(tracker.encode()).toBeUndefined()
    const msg = (s: number, e = 'e1') => ({ '~': 'msg', t: 'room', e, s, d: s }) as const
    expect([1, 2, 2, 1, 3].map((s) => tracker.accept(msg(s)))).toEqual([true, true, false, false, true])
    expect(JSON.parse(tracker.encode()!)).toEqual({ room: ['e1', 3] })
    tracker.gap({ '~': 'gap', t: 'room', e: 'e2', after: 0, next: 7 })
    expect(tracker.accept(msg(6, 'e2'))).toBe(false)
    expect(tracker.accept(msg(7, 'e2'))).toBe(true)
  })

  it('parses only well-formed positions and recognises only complete control frames', () => {
    expect([...parseResumePositions('{"a":["e",3],"b":["e",-1],"c":"x","d":["e",1.5]}')]).toEqual([['a', { epoch: 'e', seq: 3 }]])
    expect(parseResumePositions('not json').size).toBe(0)
    expect(asControlFrame({ '~': 'msg', t: 'a', e: 'e', s: 1, d: null })).toBeDefined()
    expect(asControlFrame({ '~': 'msg', t: 'a', e: 'e', s: 1 })).toBeUndefined()
    expect(asControlFrame({ '~': 'other' })).toBeUndefined()
    expect(asControlFrame({ type: 'said' })).toBeUndefined()
  })
})

describe('setupBridge without a socket environment', () => {
  it('can be set up where no WebSocket or location exists; connecting explains what is missing', async () => {
    const { setupBridge } = await import('../../src/client/index.js')
    const had = (globalThis as { WebSocket?: unknown }).WebSocket
    delete (globalThis as { WebSocket?: unknown }).WebSocket
    try {
      const { $ws } = setupBridge<Record<'echo', {}>>({ baseUrl: '/api' })
      expect(() => $ws.echo()).toThrow(/no global WebSocket/)
    } finally {
      if (had !== undefined) (globalThis as { WebSocket?: unknown }).WebSocket = had
    }
  })
})
