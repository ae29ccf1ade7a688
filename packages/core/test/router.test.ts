import { describe, expect, it } from 'vitest'
import { createBridge, defineRoute } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

const noop = { onMessage: () => undefined }
const routes = {
  chat: defineRoute({ kind: 'ws', handler: noop }),
  room: defineRoute({ kind: 'ws', path: '/rooms/:roomId', handler: noop }),
  doc: defineRoute({ kind: 'ws', path: '/docs/:docId/:rev?', handler: noop }),
  deep: defineRoute({ kind: 'ws', path: '/a/b/c', handler: noop }),
}

describe('router', () => {
  it('mounts every route under the prefix, the key being the default path', () => {
    const bridge = createBridge(routes, { prefix: 'api/' })
    expect(bridge.prefix).toBe('/api')
    expect(bridge.match('/api/chat')?.name).toBe('chat')
    expect(bridge.match('/api/a/b/c')?.name).toBe('deep')
    expect(bridge.match('/chat')).toBeUndefined()
    expect(bridge.match('/api/chat/extra')).toBeUndefined()
    expect(bridge.match('/apichat')).toBeUndefined()
  })

  it('ignores trailing and duplicate slashes and reads absolute URLs', () => {
    const bridge = createBridge(routes, { prefix: '/api' })
    expect(bridge.match('/api/chat/')?.name).toBe('chat')
    expect(bridge.match('ws://example.com:8080/api/rooms/r1?x=1')?.params).toEqual({ roomId: 'r1' })
  })

  it('extracts and decodes params, optional ones only when present', () => {
    const bridge = createBridge(routes)
    expect({ ...bridge.match('/rooms/hello%20world')?.params }).toEqual({ roomId: 'hello world' })
    expect({ ...bridge.match('/rooms/%E0%A4%A')?.params }).toEqual({ roomId: '%E0%A4%A' })
    expect({ ...bridge.match('/docs/d1')?.params }).toEqual({ docId: 'd1', rev: undefined })
    expect({ ...bridge.match('/docs/d1/7')?.params }).toEqual({ docId: 'd1', rev: '7' })
    expect(bridge.match('/docs')).toBeUndefined()
    expect(bridge.match('/docs/d1/7/8')).toBeUndefined()
  })

  it('reads the query string (first value wins) into a plain object', () => {
    const match = createBridge(routes).match('/chat?token=a&token=b&empty=&x=%20y')
    expect(match?.query).toEqual({ token: 'a', empty: '', x: ' y' })
    expect(match?.url.searchParams.getAll('token')).toEqual(['a', 'b'])
  })

  it('never treats __proto__ or prototype keys as routes or params', () => {
    const bridge = createBridge(routes)
    expect(bridge.match('/__proto__')).toBeUndefined()
    expect(bridge.match('/constructor')).toBeUndefined()
    expect(bridge.match('/rooms/__proto__')?.params['roomId']).toBe('__proto__')
  })

  it('answers unknown paths with 404 through the harness, and delivers params and query', async () => {
    const t = createTestBridge(routes, { prefix: '/api' })
    expect(await t.upgrade('/api/nope')).toMatchObject({ ok: false, status: 404 })
    const client = await t.connect('/api/docs/d1/3?mode=edit')
    expect({ ...client.connection.params }).toEqual({ docId: 'd1', rev: '3' })
    expect(client.connection.query).toEqual({ mode: 'edit' })
    expect(client.connection.route).toBe('doc')
    expect(client.connection.url.pathname).toBe('/api/docs/d1/3')
  })

  it('rejects bad patterns at creation with a clear error', () => {
    expect(() => createBridge({ a: defineRoute({ kind: 'ws', path: 'no-slash', handler: noop }) })).toThrow(/must start with "\/"/)
    expect(() => createBridge({ a: defineRoute({ kind: 'ws', path: '/x/:a?/:b', handler: noop }) })).toThrow(
      /optional parameters must come last/,
    )
    expect(() => createBridge({ a: defineRoute({ kind: 'ws', path: '/x/:1bad', handler: noop }) })).toThrow(/invalid parameter name/)
  })
})
