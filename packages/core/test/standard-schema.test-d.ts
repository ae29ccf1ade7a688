import { type } from 'arktype'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { setupBridge, type ClientMessageOf, type ServerMessageOf } from '../src/client/index.js'
import { createRoute, defineRoute, type InputOf, type OutputOf } from '../src/index.js'

// One protocol, three libraries: a transform makes input and output differ (`n` arrives as a string).
const valibot = {
  out: v.object({ said: v.string(), at: v.optional(v.number()) }),
  say: v.object({ text: v.string(), n: v.pipe(v.string(), v.transform(Number)) }),
}
const zod = {
  out: z.object({ said: z.string(), at: z.number().optional() }),
  say: z.object({ text: z.string(), n: z.string().transform(Number) }),
}
const ark = {
  out: type({ said: 'string', 'at?': 'number' }),
  say: type({ text: 'string', n: 'string.numeric.parse' }),
}

type Said = { said: string; at?: number | undefined }

// Written out per library (a generic helper would defer the schema types and test nothing).
const routes = {
  v: {
    typed: defineRoute({
      kind: 'ws',
      path: '/rooms/:roomId',
      output: valibot.out,
      messages: { say: { schema: valibot.say, handler: () => undefined } },
    }),
    single: defineRoute({ kind: 'ws', input: valibot.say, output: valibot.out, handler: { onMessage: () => undefined } }),
  },
  z: {
    typed: defineRoute({
      kind: 'ws',
      path: '/rooms/:roomId',
      output: zod.out,
      messages: { say: { schema: zod.say, handler: () => undefined } },
    }),
    single: defineRoute({ kind: 'ws', input: zod.say, output: zod.out, handler: { onMessage: () => undefined } }),
  },
  a: {
    typed: defineRoute({
      kind: 'ws',
      path: '/rooms/:roomId',
      output: ark.out,
      messages: { say: { schema: ark.say, handler: () => undefined } },
    }),
    single: defineRoute({ kind: 'ws', input: ark.say, output: ark.out, handler: { onMessage: () => undefined } }),
  },
}

declare const WebSocketImpl: new (url: string, protocols?: string | string[]) => WebSocket

describe('InputOf / OutputOf', () => {
  it('infer input and output alike for valibot, zod and arktype', () => {
    expectTypeOf<InputOf<typeof valibot.say>>().toEqualTypeOf<{ text: string; n: string }>()
    expectTypeOf<OutputOf<typeof valibot.say>>().toEqualTypeOf<{ text: string; n: number }>()
    expectTypeOf<InputOf<typeof zod.say>>().toEqualTypeOf<{ text: string; n: string }>()
    expectTypeOf<OutputOf<typeof zod.say>>().toEqualTypeOf<{ text: string; n: number }>()
    expectTypeOf<InputOf<typeof ark.say>>().toEqualTypeOf<{ text: string; n: string }>()
    expectTypeOf<OutputOf<typeof ark.say>>().toEqualTypeOf<{ text: string; n: number }>()
    expectTypeOf<InputOf<undefined>>().toBeUnknown()
  })
})

describe('handlers and send', () => {
  it('type message handlers from each library’s output', () => {
    defineRoute({
      kind: 'ws',
      input: valibot.say,
      handler: { onMessage: (m) => expectTypeOf(m).toEqualTypeOf<{ text: string; n: number }>() },
    })
    defineRoute({ kind: 'ws', input: zod.say, handler: { onMessage: (m) => expectTypeOf(m).toEqualTypeOf<{ text: string; n: number }>() } })
    defineRoute({ kind: 'ws', input: ark.say, handler: { onMessage: (m) => expectTypeOf(m).toEqualTypeOf<{ text: string; n: number }>() } })
    defineRoute({
      kind: 'ws',
      messages: { say: { schema: zod.say, handler: (data) => expectTypeOf(data).toEqualTypeOf<{ text: string; n: number }>() } },
    })
    defineRoute({
      kind: 'ws',
      messages: { say: { schema: ark.say, handler: (data) => expectTypeOf(data).toEqualTypeOf<{ text: string; n: number }>() } },
    })
  })

  it('type the builder’s .on() and .output() alike', () => {
    createRoute('/b')
      .output(ark.out)
      .on('say', zod.say, (data, c) => {
        expectTypeOf(data).toEqualTypeOf<{ text: string; n: number }>()
        c.send({ said: data.text })
        // @ts-expect-error said must be a string
        c.send({ said: data.n })
      })
      .on('again', ark.say, (data) => expectTypeOf(data).toEqualTypeOf<{ text: string; n: number }>())
      .build()
  })

  it('type send from each library’s output schema input', () => {
    defineRoute({
      kind: 'ws',
      output: zod.out,
      handler: {
        onMessage: (_m, c) => {
          c.send({ said: 'x' })
          // @ts-expect-error said must be a string
          c.send({ said: 1 })
        },
      },
    })
    defineRoute({
      kind: 'ws',
      output: ark.out,
      handler: {
        onMessage: (_m, c) => {
          c.send({ said: 'x', at: 1 })
          // @ts-expect-error said is required
          c.send({ at: 1 })
        },
      },
    })
  })
})

describe('typed client', () => {
  it('infers the same client and server messages from every library', () => {
    type Say = { type: 'say'; text: string; n: string }
    expectTypeOf<ClientMessageOf<typeof routes.v.typed>>().toEqualTypeOf<Say>()
    expectTypeOf<ClientMessageOf<typeof routes.z.typed>>().toEqualTypeOf<Say>()
    expectTypeOf<ClientMessageOf<typeof routes.a.typed>>().toEqualTypeOf<Say>()
    expectTypeOf<ClientMessageOf<typeof routes.z.single>>().toEqualTypeOf<{ text: string; n: string }>()
    expectTypeOf<ClientMessageOf<typeof routes.a.single>>().toEqualTypeOf<{ text: string; n: string }>()
    expectTypeOf<ServerMessageOf<typeof routes.v.typed>>().toEqualTypeOf<Said>()
    expectTypeOf<ServerMessageOf<typeof routes.z.typed>>().toEqualTypeOf<Said>()
    expectTypeOf<ServerMessageOf<typeof routes.a.typed>>().branded.toEqualTypeOf<{ said: string; at?: number }>()

    const { $ws } = setupBridge(routes.z, { baseUrl: 'ws://127.0.0.1:1', WebSocket: WebSocketImpl })
    const conn = $ws.typed({ roomId: 'r' }, { onMessage: (message) => expectTypeOf(message).toEqualTypeOf<Said>() })
    conn.send({ type: 'say', text: 'hi', n: '2' })
    // @ts-expect-error the wire carries n as a string (the schema's input)
    conn.send({ type: 'say', text: 'hi', n: 2 })
    const ark$ = setupBridge(routes.a, { baseUrl: 'ws://127.0.0.1:1', WebSocket: WebSocketImpl }).$ws
    ark$.single({}).send({ text: 'hi', n: '2' })
    // @ts-expect-error text is required
    ark$.single({}).send({ n: '2' })
  })
})
