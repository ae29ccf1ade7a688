import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { setupBridge, type ReplyStream } from '../../src/client/index.js'
import { chunks, createRoute, defineRoute, type RequestContext } from '../../src/index.js'
import { createTestBridge } from '../../src/testing/index.js'

const feed = defineRoute({
  kind: 'ws',
  path: '/feed/:room',
  requests: {
    ticks: {
      input: v.object({ from: v.pipe(v.string(), v.transform(Number)) }),
      output: chunks(v.object({ n: v.number() })),
      handler: async function* (data, connection, context) {
        expectTypeOf(data).toEqualTypeOf<{ from: number }>()
        expectTypeOf(connection.params.room).toEqualTypeOf<string>()
        expectTypeOf(context).toEqualTypeOf<RequestContext>()
        yield { n: data.from }
      },
    },
    now: { input: v.null(), output: v.number(), handler: () => Date.now() },
  },
})

describe('streaming replies: types', () => {
  it('types the handler: it must yield the chunk schema input', () => {
    defineRoute({
      kind: 'ws',
      requests: {
        bad: {
          input: v.null(),
          output: chunks(v.number()),
          // @ts-expect-error a chunk must be a number
          handler: async function* () {
            yield 'one'
          },
        },
      },
    })
    defineRoute({
      kind: 'ws',
      requests: {
        // @ts-expect-error a stream handler returns an async iterable, not one chunk
        bad: { input: v.null(), output: chunks(v.number()), handler: () => 1 },
      },
    })
  })

  it('types conn.stream: names, data and chunks; request keeps the plain requests only', () => {
    const { $ws } = setupBridge({ feed }, { baseUrl: 'ws://localhost/api' })
    const conn = $ws.feed({ room: 'a' })
    const stream = conn.stream('ticks', { from: '1' }, { timeout: 1000, signal: new AbortController().signal })
    expectTypeOf(stream).toEqualTypeOf<ReplyStream<{ n: number }>>()
    expectTypeOf(conn.request('now', null)).toEqualTypeOf<Promise<number>>()
    // @ts-expect-error a stream is not a plain request
    void conn.request('ticks', { from: '1' })
    // @ts-expect-error a plain request is not a stream
    void conn.stream('now', null)
    // @ts-expect-error data is typed from input
    void conn.stream('ticks', { from: 1 })
    void (async () => {
      for await (const chunk of stream) expectTypeOf(chunk).toEqualTypeOf<{ n: number }>()
    })
  })

  it('works with the type-only client and the builder', () => {
    const { $ws } = setupBridge<{ feed: typeof feed }>({ baseUrl: 'ws://localhost/api', paths: { feed: '/feed/:room' } })
    expectTypeOf($ws.feed({ room: 'a' }).stream('ticks', { from: '2' })).toEqualTypeOf<ReplyStream<{ n: number }>>()
    const built = createRoute('/b')
      .request('count', {
        input: v.number(),
        output: chunks(v.string()),
        handler: async function* (to) {
          expectTypeOf(to).toEqualTypeOf<number>()
          yield String(to)
        },
      })
      .build()
    expectTypeOf(setupBridge({ built }, { baseUrl: 'ws://x' }).$ws.built().stream('count', 3)).toEqualTypeOf<ReplyStream<string>>()
    void createTestBridge({ feed })
  })
})
