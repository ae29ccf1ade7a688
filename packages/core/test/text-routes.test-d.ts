import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { setupBridge, type ClientMessageOf, type ServerMessageOf } from '../src/client/index.js'
import { createBridge, defineRoute, routeManifest, tokenAuth, type RouteManifest } from '../src/index.js'

const routes = {
  chat: defineRoute({
    kind: 'ws',
    format: 'text',
    handler: {
      onOpen: (ws) => {
        expectTypeOf(ws.send).parameter(0).toEqualTypeOf<string | Uint8Array | ArrayBuffer>()
        ws.send('Welcome!')
      },
      onMessage: (message, ws) => {
        expectTypeOf(message).toEqualTypeOf<string>()
        ws.send(`Echo: ${message}`)
        // @ts-expect-error a text route sends strings, not values
        ws.send({ echo: message })
        // @ts-expect-error publish too
        ws.publish('t', 42)
        ws.broadcast(message)
      },
    },
  }),
  room: defineRoute({
    kind: 'ws',
    format: 'text',
    path: '/rooms/:roomId',
    auth: tokenAuth((token) => (token ? { id: token } : null)),
    handler: {
      onMessage: (_message, ws) => {
        expectTypeOf(ws.params).toEqualTypeOf<{ roomId: string }>()
        expectTypeOf(ws.user).toEqualTypeOf<{ id: string }>()
      },
      onBinary: (data) => expectTypeOf(data).toEqualTypeOf<Uint8Array>(),
    },
  }),
  json: defineRoute({ kind: 'ws', input: v.string(), handler: { onMessage: () => undefined } }),
}

describe('text routes: types', () => {
  it('refuses what only JSON routes have', () => {
    // @ts-expect-error resume is stamped JSON
    defineRoute({ kind: 'ws', format: 'text', resume: true, handler: { onMessage: () => undefined } })
    // @ts-expect-error typed messages are JSON
    defineRoute({ kind: 'ws', format: 'text', messages: {}, handler: { onMessage: () => undefined } })
    // @ts-expect-error an input schema describes JSON
    defineRoute({ kind: 'ws', format: 'text', input: v.string(), handler: { onMessage: () => undefined } })
    // @ts-expect-error a text route needs onMessage
    defineRoute({ kind: 'ws', format: 'text', handler: { onOpen: () => undefined } })
  })

  it('the client sends and receives strings on a text route, values on a JSON one', () => {
    expectTypeOf<ClientMessageOf<(typeof routes)['chat']>>().toEqualTypeOf<string>()
    expectTypeOf<ServerMessageOf<(typeof routes)['chat']>>().toEqualTypeOf<string>()
    const { $ws } = setupBridge(routes, { baseUrl: 'ws://x' })
    const conn = $ws.chat(undefined, { onMessage: (message) => expectTypeOf(message).toEqualTypeOf<string>() })
    conn.send('Hello!')
    // @ts-expect-error strings only
    conn.send({ text: 'Hello!' })
  })

  it('bridge.publish takes format text', () => {
    const bridge = createBridge(routes)
    bridge.publish('t', 'raw', { format: 'text' })
    // @ts-expect-error not a format
    bridge.publish('t', 'raw', { format: 'xml' })
  })
})

describe('the manifest: the type-only client without restated paths', () => {
  it('routeManifest keeps each literal path (`/<key>` for the default) and format', () => {
    const manifest = routeManifest(routes)
    expectTypeOf(manifest).toEqualTypeOf<RouteManifest<typeof routes>>()
    expectTypeOf(manifest.chat).toEqualTypeOf<{ readonly path: '/chat'; readonly format: 'text' }>()
    expectTypeOf(manifest.room.path).toEqualTypeOf<'/rooms/:roomId'>()
    expectTypeOf(manifest.json.format).toEqualTypeOf<'json'>()
  })

  it('type-only setup takes the manifest (or JSON shaped like it) and then needs no paths', () => {
    const { $ws } = setupBridge<typeof routes>({ baseUrl: 'ws://x', manifest: routeManifest(routes) })
    $ws.room({ roomId: 'r', token: 't' }).send('hi')
    const imported = {} as { chat: { path: string; format: string }; room: { path: string; format: string }; json: { path: string } }
    setupBridge<typeof routes>({ baseUrl: 'ws://x', manifest: imported })
  })

  it('type-only setup with text routes needs the manifest: nothing else says they are text', () => {
    // @ts-expect-error text routes (and custom paths) need the manifest
    setupBridge<typeof routes>({ baseUrl: 'ws://x' })
    // @ts-expect-error paths alone do not say which routes are text
    setupBridge<typeof routes>({ baseUrl: 'ws://x', paths: { room: '/rooms/:roomId' } })
    // @ts-expect-error a manifest missing a route
    setupBridge<typeof routes>({ baseUrl: 'ws://x', manifest: { chat: { path: '/chat' } } })
  })
})
