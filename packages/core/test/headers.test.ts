import { describe, expect, it } from 'vitest'
import { connectionHeaders, normalizeHeaders } from '../src/headers.js'

describe('normalizeHeaders', () => {
  const node = {
    Host: 'example.com',
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Extensions': 'permessage-deflate',
    'Sec-WebSocket-Protocol': 'chat, v2',
    Cookie: ['a=1', 'b=2'],
    'X-Missing': undefined,
  }

  it('lower-cases names and joins repeated values, for Node objects and web Headers', () => {
    expect(normalizeHeaders(node)).toEqual({
      host: 'example.com',
      upgrade: 'websocket',
      connection: 'Upgrade',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'sec-websocket-version': '13',
      'sec-websocket-extensions': 'permessage-deflate',
      'sec-websocket-protocol': 'chat, v2',
      cookie: 'a=1, b=2',
    })
    expect(normalizeHeaders(new Headers({ Host: 'example.com', 'Sec-WebSocket-Key': 'k' }))).toEqual({
      host: 'example.com',
      'sec-websocket-key': 'k',
    })
  })

  it('forConnection keeps exactly what connectionHeaders keeps (no handshake mechanics)', () => {
    const web = new Headers(
      Object.entries(node).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v] as [string, string]])),
    )
    for (const headers of [node, web]) {
      const kept = normalizeHeaders(headers, true)
      expect(kept).toEqual(connectionHeaders(normalizeHeaders(headers)))
      expect(Object.keys(kept).sort()).toEqual(['cookie', 'host', 'sec-websocket-protocol'])
    }
  })
})
