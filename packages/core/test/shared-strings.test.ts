import { describe, expect, it } from 'vitest'
import { connectionHeaders, normalizeHeaders } from '../src/headers.js'
import { isShared, shareString, sharedCount } from '../src/shared-strings.js'

describe('shared strings', () => {
  it('keeps one copy of short values, in a bounded table', () => {
    expect(shareString('10.0.0.1')).toBe('10.0.0.1')
    expect(isShared('10.0.0.1')).toBe(true)
    const long = 'x'.repeat(300)
    expect(shareString(long)).toBe(long)
    expect(isShared(long)).toBe(false)
    for (let i = 0; i < 2000; i++) shareString(`value-${i}`)
    expect(sharedCount()).toBeLessThanOrEqual(512)
  })

  it('shares the repeated header values a connection keeps, never cookies, credentials or custom headers', () => {
    const request = {
      host: 'chat.example.com',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) wsbridge-test',
      cookie: 'session=never-shared',
      authorization: 'Bearer never-shared',
      'x-api-key': 'k-never-shared',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    }
    const viaCopy = connectionHeaders(normalizeHeaders(request))
    const direct = normalizeHeaders(request, true)
    expect(direct).toEqual(viaCopy)
    expect(viaCopy['sec-websocket-key']).toBeUndefined()
    expect(viaCopy['cookie']).toBe('session=never-shared')
    expect(isShared('chat.example.com')).toBe(true)
    expect(isShared('Mozilla/5.0 (X11; Linux x86_64) wsbridge-test')).toBe(true)
    for (const secret of ['session=never-shared', 'Bearer never-shared', 'k-never-shared', 'dGhlIHNhbXBsZSBub25jZQ=='])
      expect(isShared(secret)).toBe(false)
  })
})
