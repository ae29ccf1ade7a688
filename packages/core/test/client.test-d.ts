import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { setupBridge, WsError, type ClientMessageOf, type ServerMessageOf } from '../src/client/index.js'
import { defineRoute } from '../src/index.js'

const ChatOut = v.variant('type', [
  v.object({ type: v.literal('said'), from: v.string(), text: v.string() }),
  v.object({ type: v.literal('joined'), user: v.string() }),
])

const routes = {
  echo: defineRoute({ kind: 'ws', handler: { onMessage: (message, connection) => void connection.send({ echo: message }) } }),
  shout: defineRoute({
    kind: 'ws',
    input: v.object({ text: v.string(), loud: v.optional(v.boolean()) }),
    output: v.object({ text: v.string() }),
    handler: { onMessage: (message, connection) => void connection.send({ text: message.text.toUpperCase() }) },
  }),
  chat: defineRoute({
    kind: 'ws',
    path: '/rooms/:roomId/:tab?',
    output: ChatOut,
    messages: {
      say: { schema: v.object({ type: v.literal('say'), text: v.string() }), handler: () => undefined },
      typing: { schema: v.object({ on: v.boolean() }), handler: () => undefined },
    },
  }),
}

declare const WebSocketImpl: new (url: string, protocols?: string | string[]) => WebSocket

describe('setupBridge(routes, options)', () => {
  const { $ws } = setupBridge(routes, { baseUrl: 'ws://127.0.0.1:1/api', WebSocket: WebSocketImpl })

  it('types send from the input schema and onMessage from the output schema', () => {
    const conn = $ws.shout({}, { onMessage: (message) => expectTypeOf(message).toEqualTypeOf<{ text: string }>() })
    conn.send({ text: 'hi' })
    conn.send({ text: 'hi', loud: true })
    // @ts-expect-error text is required
    conn.send({ loud: true })
    // @ts-expect-error text must be a string
    conn.send({ text: 1 })
    expectTypeOf(conn.send).returns.toEqualTypeOf<'sent' | 'queued' | 'dropped'>()
  })

  it('types typed-message routes as a union of their messages, narrowable by type', () => {
    type Client = ClientMessageOf<typeof routes.chat>
    expectTypeOf<Client>().toEqualTypeOf<{ type: 'say'; text: string } | { type: 'typing'; on: boolean }>()
    const conn = $ws.chat(
      { roomId: 'lobby' },
      {
        onMessage(message) {
          expectTypeOf(message).toEqualTypeOf<ServerMessageOf<typeof routes.chat>>()
          if (message.type === 'said') expectTypeOf(message.text).toBeString()
          else expectTypeOf(message).toEqualTypeOf<{ type: 'joined'; user: string }>()
        },
      },
    )
    conn.send({ type: 'say', text: 'hello' })
    conn.send({ type: 'typing', on: true })
    // @ts-expect-error unknown message type
    conn.send({ type: 'shout', text: 'x' })
    // @ts-expect-error `say` needs text
    conn.send({ type: 'say' })
  })

  it('types params from the path: required, optional, and extra keys as query', () => {
    $ws.chat({ roomId: 'a', tab: 'b', token: 'secret', page: 2 })
    $ws.chat({ roomId: 'a' })
    // @ts-expect-error roomId is required
    $ws.chat({ tab: 'b' })
    // @ts-expect-error roomId must be a string
    $ws.chat({ roomId: 1 })
    // @ts-expect-error the params argument is required when the path has required params
    $ws.chat()
    $ws.echo()
    $ws.echo({}, { onOpen: ({ reconnects }) => expectTypeOf(reconnects).toBeNumber() })
  })

  it('leaves untyped routes open and rejects unknown routes', () => {
    const conn = $ws.echo({}, { onMessage: (message) => expectTypeOf(message).toBeUnknown() })
    conn.send('anything')
    // @ts-expect-error no such route
    $ws.nope({})
  })

  it('types handlers', () => {
    $ws.echo(
      {},
      {
        onClose: (code, reason, info) => {
          expectTypeOf(code).toBeNumber()
          expectTypeOf(reason).toBeString()
          expectTypeOf(info.willReconnect).toBeBoolean()
        },
        onError: (error) => expectTypeOf(error).toEqualTypeOf<Error>(),
        onStateChange: (state) => expectTypeOf(state).toEqualTypeOf<'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed'>(),
        reconnect: { initialDelay: 100, maxDelay: 1000 },
        queue: { max: 10, overflow: 'drop-oldest' },
        heartbeat: { interval: 1000 },
      },
    )
    expectTypeOf(new WsError('UNAUTHORIZED').code).toEqualTypeOf<WsError['code']>()
  })
})

describe('setupBridge<typeof routes>(options): type-only', () => {
  it('needs the patterns of routes with a custom path, exactly', () => {
    const { $ws } = setupBridge<typeof routes>({ baseUrl: '/api', paths: { chat: '/rooms/:roomId/:tab?' } })
    $ws.chat({ roomId: 'x' }).send({ type: 'say', text: 'hi' })
    $ws.shout().send({ text: 'x' })
    // @ts-expect-error paths.chat is required
    setupBridge<typeof routes>({ baseUrl: '/api' })
    // @ts-expect-error paths.chat must be the route's pattern
    setupBridge<typeof routes>({ baseUrl: '/api', paths: { chat: '/rooms/:id' } })
  })

  it('needs no paths when every route uses its key', () => {
    const simple = { shout: routes.shout, echo: routes.echo }
    const { $ws } = setupBridge<typeof simple>({ baseUrl: '/api' })
    // @ts-expect-error text is required
    $ws.shout().send({})
  })
})
