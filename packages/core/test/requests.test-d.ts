import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { setupBridge, type ClientRequestsOf, type RequestsOf } from '../src/client/index.js'
import { createRoute, defineRoute, type RequestContext } from '../src/index.js'

const Sum = v.object({ sum: v.number() })

const calc = defineRoute({
  kind: 'ws',
  path: '/calc/:room',
  requests: {
    add: {
      input: v.object({ a: v.number(), b: v.pipe(v.string(), v.transform(Number)) }),
      output: Sum,
      handler: async (data, connection, context) => {
        expectTypeOf(data).toEqualTypeOf<{ a: number; b: number }>()
        expectTypeOf(connection.params.room).toEqualTypeOf<string>()
        expectTypeOf(context).toEqualTypeOf<RequestContext>()
        expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>()
        // The server asks the client back, typed from `clientRequests`.
        const confirmed = await connection.request('confirm', { question: 'add?' }, { timeout: 1000 })
        expectTypeOf(confirmed).toEqualTypeOf<{ ok: boolean }>()
        return { sum: data.a + data.b }
      },
    },
    now: { input: v.null(), output: v.number(), handler: () => Date.now() },
  },
  clientRequests: {
    confirm: { input: v.object({ question: v.string() }), output: v.object({ ok: v.boolean() }) },
  },
  handler: {
    onOpen: (connection) => {
      // @ts-expect-error the client declares no such request
      void connection.request('other', {})
      // @ts-expect-error data must match the clientRequests input
      void connection.request('confirm', { question: 1 })
    },
    onMessage: () => undefined,
  },
})

describe('route requests', () => {
  it('checks the handler reply against `output`', () => {
    defineRoute({
      kind: 'ws',
      requests: {
        // @ts-expect-error the reply must be the output schema's input type
        bad: { input: v.string(), output: v.number(), handler: (text) => text },
      },
    })
  })

  it('works with a messages map and with a requests-only route', () => {
    const typed = defineRoute({
      kind: 'ws',
      messages: { hi: { schema: v.object({ type: v.literal('hi') }), handler: () => undefined } },
      requests: { echo: { input: v.string(), output: v.string(), handler: (text) => text.toUpperCase() } },
    })
    const only = defineRoute({ kind: 'ws', requests: { one: { input: v.number(), output: v.number(), handler: (n) => n + 1 } } })
    const { $ws } = setupBridge<{ typed: typeof typed; only: typeof only }>({ baseUrl: 'ws://x' })
    expectTypeOf<keyof RequestsOf<typeof typed>>().toEqualTypeOf<'echo'>()
    expectTypeOf($ws.typed().request('echo', 'x')).toEqualTypeOf<Promise<string>>()
    expectTypeOf($ws.only().request('one', 1)).toEqualTypeOf<Promise<number>>()
  })
})

describe('the client', () => {
  const { $ws } = setupBridge({ calc }, { baseUrl: 'ws://localhost/api' })

  it('infers the name union, the input and the reply', async () => {
    const conn = $ws.calc({ room: 'r1' })
    expectTypeOf<keyof RequestsOf<typeof calc>>().toEqualTypeOf<'add' | 'now'>()
    expectTypeOf<keyof ClientRequestsOf<typeof calc>>().toEqualTypeOf<'confirm'>()
    // The client sends the input schema's input type (`b` is transformed on the server).
    expectTypeOf(conn.request<'add'>)
      .parameter(1)
      .toEqualTypeOf<{ a: number; b: string }>()
    expectTypeOf(await conn.request('add', { a: 1, b: '2' }, { timeout: 500, signal: AbortSignal.timeout(10) })).toEqualTypeOf<{
      sum: number
    }>()
    expectTypeOf(conn.request('now', null)).toEqualTypeOf<Promise<number>>()
    // @ts-expect-error unknown request name
    void conn.request('sub', {})
    // @ts-expect-error wrong input
    void conn.request('add', { a: '1', b: '2' })
  })

  it('types the handlers for the server requests', () => {
    $ws.calc(
      { room: 'r1' },
      {
        requests: {
          confirm: async (data, { signal }) => {
            expectTypeOf(data).toEqualTypeOf<{ question: string }>()
            expectTypeOf(signal).toEqualTypeOf<AbortSignal>()
            return { ok: true }
          },
        },
      },
    )
    // @ts-expect-error the reply must match the clientRequests output
    $ws.calc({ room: 'r1' }, { requests: { confirm: () => ({ ok: 'yes' }) } })
    // @ts-expect-error no such client request
    $ws.calc({ room: 'r1' }, { requests: { other: () => null } })
  })
})

describe('createRoute', () => {
  it('declares requests and clientRequests with the same inference as defineRoute', () => {
    const built = createRoute('/b/:id')
      .clientRequests({ confirm: { input: v.string(), output: v.boolean() } })
      .request('double', {
        input: v.number(),
        output: v.number(),
        handler: async (n, connection, { signal }) => {
          expectTypeOf(n).toEqualTypeOf<number>()
          expectTypeOf(signal).toEqualTypeOf<AbortSignal>()
          expectTypeOf(connection.params.id).toEqualTypeOf<string>()
          expectTypeOf(await connection.request('confirm', 'ok?')).toEqualTypeOf<boolean>()
          return n * 2
        },
      })
      .request('name', { input: v.null(), output: v.string(), handler: () => 'b' })
      .build()
    expectTypeOf<keyof RequestsOf<typeof built>>().toEqualTypeOf<'double' | 'name'>()
    const { $ws } = setupBridge({ built }, { baseUrl: 'ws://x' })
    expectTypeOf($ws.built({ id: '1' }).request('double', 2)).toEqualTypeOf<Promise<number>>()
    // @ts-expect-error the reply must be the output schema's input type
    createRoute('/x').request('bad', { input: v.string(), output: v.number(), handler: (s) => s })
  })
})
