import { describe, expect, it } from 'vitest'
import { WsError } from '../src/index.js'
import { handshakeError, isWebSocketUpgrade, refusalAnswer, refusalHttp } from '../src/adapter/index.js'
import { serverWideLimit, withDeadline } from '../src/security/handshake-limits.js'
import { defaultLimits } from '../src/limits.js'

const valid = {
  upgrade: 'websocket',
  connection: 'Upgrade',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
}

describe('what counts as a WebSocket handshake', () => {
  it('needs Upgrade: websocket and Connection: upgrade (tokens, any case), from a Node object or web Headers', () => {
    expect(isWebSocketUpgrade(valid)).toBe(true)
    expect(isWebSocketUpgrade(new Headers({ Upgrade: 'WebSocket', Connection: 'keep-alive, Upgrade' }))).toBe(true)
    expect(isWebSocketUpgrade({ upgrade: 'websocket' })).toBe(false)
    expect(isWebSocketUpgrade({ upgrade: 'h2c', connection: 'upgrade' })).toBe(false)
    expect(isWebSocketUpgrade({ connection: 'upgrade' })).toBe(false)
  })

  it('refuses a malformed one with the error its answer comes from, the version before method and key (as Bun checks it)', () => {
    expect(handshakeError('GET', valid)).toBeUndefined()
    const error = (method: string, headers: Record<string, string | undefined>) => {
      const found = handshakeError(method, headers)
      return found && { code: found.code, status: found.status, message: found.message }
    }
    expect(error('GET', { ...valid, 'sec-websocket-key': undefined })).toEqual({
      code: 'INVALID_HANDSHAKE',
      status: 400,
      message: 'Missing or invalid Sec-WebSocket-Key header',
    })
    expect(error('GET', { ...valid, 'sec-websocket-key': 'short' })).toEqual({
      code: 'INVALID_HANDSHAKE',
      status: 400,
      message: 'Missing or invalid Sec-WebSocket-Key header',
    })
    expect(error('POST', valid)).toEqual({ code: 'INVALID_HANDSHAKE', status: 400, message: 'Invalid HTTP method' })
    expect(error('GET', { ...valid, upgrade: undefined })).toEqual({
      code: 'INVALID_HANDSHAKE',
      status: 400,
      message: 'Invalid Upgrade header',
    })
    expect(error('POST', { ...valid, 'sec-websocket-version': '8' })).toEqual({
      code: 'UNSUPPORTED_VERSION',
      status: 426,
      message: 'Unsupported WebSocket version',
    })
    expect(error('GET', { ...valid, 'sec-websocket-version': undefined })?.status).toBe(426)
  })
})

describe('the answer to a refused upgrade', () => {
  it('is the status, the message as a plain-text body with its UTF-8 length, and Connection: close', () => {
    const text = refusalHttp({ status: 403, message: 'Pas à toi\r\nSet-Cookie: x=1', error: new WsError('FORBIDDEN') })
    const body = 'Pas à toi Set-Cookie: x=1'
    expect(text).toBe(
      `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
  })

  it('is 426 with Sec-WebSocket-Version: 13 and no body for another version, as Bun answers it', () => {
    expect(refusalAnswer({ status: 426, message: 'Unsupported WebSocket version', error: new WsError('UNSUPPORTED_VERSION') })).toEqual({
      status: 426,
      statusText: 'Upgrade Required',
      headers: [
        ['Connection', 'close'],
        ['Sec-WebSocket-Version', '13'],
        ['Content-Length', '0'],
      ],
      body: '',
    })
  })
})

describe('handshake limits', () => {
  it('take the largest value of the bridge and its routes for the runtime, and 0 (off) when any is 0', () => {
    expect(serverWideLimit({ ...defaultLimits, maxFragments: 8 }, [undefined, { maxFragments: 32 }, {}], 'maxFragments')).toBe(32)
    expect(serverWideLimit({ ...defaultLimits, handshakeTimeout: 0 }, [{ handshakeTimeout: 5 }], 'handshakeTimeout')).toBe(0)
    expect(serverWideLimit(defaultLimits, [{ handshakeTimeout: 0 }], 'handshakeTimeout')).toBe(0)
    expect(serverWideLimit(defaultLimits, [], 'handshakeTimeout')).toBe(10_000)
  })

  it('give a hook that never settles the deadline’s answer, and one that settles in time its own', async () => {
    expect(await withDeadline(new Promise<string>(() => undefined), 20, () => 'expired')).toBe('expired')
    expect(await withDeadline(Promise.resolve('done'), 1000, () => 'expired')).toBe('done')
    const never = new Promise<string>(() => undefined)
    expect(withDeadline(never, 0, () => 'expired')).toBe(never)
  })
})
