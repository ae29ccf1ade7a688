import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../src/client/backoff.js'
import { buildRouteUrl } from '../../src/client/url.js'
import { createBridge, defineRoute, type AuthRejection } from '../../src/index.js'
import { upgradeUrl } from '../../src/adapter/index.js'
import { createTestBridge } from '../../src/testing/index.js'

// The shrunk counterexamples the fuzz suites found, pinned as plain tests so they stay fixed
// whatever seed a later run uses.

const noop = { onMessage: () => undefined }
const routes = {
  chat: defineRoute({ kind: 'ws', handler: noop }),
  room: defineRoute({ kind: 'ws', path: '/rooms/:roomId/:tab?', handler: noop }),
}
const bridge = createBridge(routes, { prefix: '/api', logger: false })

describe('fuzz counterexamples', () => {
  it('urls: `//api/chat` reaches chat with or without a usable Host header', () => {
    expect(bridge.match('//api/chat')?.name).toBe('chat')
    expect(bridge.match(upgradeUrl('//api/chat', ''))?.name).toBe('chat')
    expect(bridge.match(upgradeUrl('//api/chat', '127.0.0.1:3000'))?.name).toBe('chat')
    expect(bridge.match('/\\evil/api/chat')).toBeUndefined()
  })

  it('urls: a Host header that is no host (`.0`) does not turn a route into a 404', () => {
    expect(bridge.match(upgradeUrl('/api/rooms/$', '.0'))?.name).toBe('room')
    expect(bridge.match('http://.0/api/chat?x=1')?.query).toEqual({ x: '1' })
  })

  it('urls: `?__proto__=x` is a query value like any other', () => {
    const query = bridge.match('/api/chat?__proto__=x&a=1')!.query
    // biome-ignore lint/suspicious/noProto: the test reads an own property named __proto__, not the accessor.
    expect(Object.hasOwn(query, '__proto__') && query['__proto__']).toBe('x')
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype)
  })

  it("client urls: '', '.' and '..' path parameters are refused; lone surrogates are sent as U+FFFD", () => {
    const base = new URL('ws://h/api/')
    for (const roomId of ['', '.', '..'])
      expect(() => buildRouteUrl(base, '/rooms/:roomId/:tab?', { roomId }, {})).toThrow(/^\[wsbridge\] path parameter "roomId"/)
    expect(() => buildRouteUrl(base, '/rooms/:roomId/:tab?', { roomId: 'r', tab: '' }, {})).toThrow(TypeError)
    expect(bridge.match(buildRouteUrl(base, '/rooms/:roomId', { roomId: '\uD800' }, {}))?.params).toEqual({
      roomId: '\uFFFD',
      tab: undefined,
    })
  })

  it('client: backoffDelay never returns NaN (no initial delay, thousands of attempts)', () => {
    expect(backoffDelay(309, { initialDelay: 0, maxDelay: 0, factor: 9.94, random: () => 0 })).toBe(0)
    expect(backoffDelay(2000, { initialDelay: 0, random: () => 0.5 })).toBe(0)
  })

  it("auth close: a refusal's code that is not an integer 4000-4999 falls back to 4401", async () => {
    const refuser = defineRoute({
      kind: 'ws',
      authFailure: 'close',
      auth: (): AuthRejection | { id: string } => ({ success: false, code: 4000.0000000000005 }),
      handler: noop,
    })
    const result = await createTestBridge({ refuser }).upgrade('/refuser')
    expect(result.ok && (await result.client.waitForClose())).toMatchObject({ code: 4401, reason: 'Unauthorized' })
  })
})
