import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { setupBridge, type ClientMessageOf, type RestoreContext, type RestoreHook } from '../src/client/index.js'
import { defineRoute } from '../src/index.js'

const routes = {
  chat: defineRoute({
    kind: 'ws',
    messages: {
      join: { schema: v.object({ room: v.string() }), handler: () => undefined },
      say: { schema: v.object({ text: v.string() }), handler: () => undefined },
    },
  }),
  echo: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
}

declare const WebSocketImpl: new (url: string, protocols?: string | string[]) => WebSocket

describe('onRestore', () => {
  const { $ws } = setupBridge<typeof routes>({ baseUrl: 'ws://127.0.0.1:1/api', WebSocket: WebSocketImpl })

  it("types the restore context's send from the route's client messages", () => {
    $ws.chat(
      {},
      {
        onRestore: (context) => {
          expectTypeOf(context).toEqualTypeOf<RestoreContext<ClientMessageOf<typeof routes.chat>>>()
          expectTypeOf(context.reconnects).toBeNumber()
          expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>()
          expectTypeOf(context.send({ type: 'join', room: 'general' })).toEqualTypeOf<'sent' | 'queued' | 'dropped'>()
          // @ts-expect-error not one of the route's messages
          context.send({ type: 'leave' })
          // @ts-expect-error room must be a string
          context.send({ type: 'join', room: 1 })
        },
      },
    )
  })

  it('may return nothing or a promise, and nothing else', () => {
    $ws.chat({}, { onRestore: async ({ send }) => void send({ type: 'say', text: 'back' }) })
    $ws.echo({}, { onRestore: ({ send }) => void send('anything: the route has no input schema') })
    // @ts-expect-error a restore hook returns void or a promise
    $ws.echo({}, { onRestore: () => 42 })
    expectTypeOf<RestoreHook<string>>().returns.toEqualTypeOf<void | PromiseLike<void>>()
  })
})
