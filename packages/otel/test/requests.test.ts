import { chunks, defineRoute, WsError } from '@wsbridge/core'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { attributeNames as a, metricNames as m, spanNames } from '../src/index.js'
import { type ObservedInstance, points, startObservedInstance } from './two-instances.js'

const routes = {
  calc: defineRoute({
    kind: 'ws',
    requests: {
      add: { input: v.object({ x: v.number(), y: v.number() }), output: v.number(), handler: ({ x, y }) => x + y },
      deny: {
        input: v.object({}),
        output: v.number(),
        handler: () => {
          throw new WsError('FORBIDDEN', 'No')
        },
      },
      wait: {
        input: v.object({}),
        output: v.number(),
        handler: (_data, _connection, { signal }) =>
          new Promise<number>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      },
      count: {
        input: v.object({ to: v.number() }),
        output: chunks(v.number()),
        handler: async function* ({ to }) {
          for (let i = 1; i <= to; i++) yield i
        },
      },
    },
  }),
}

/** A raw socket speaking the request frames, collecting the replies by id. */
async function open(url: string) {
  const socket = new WebSocket(url)
  const frames: Record<string, unknown>[] = []
  socket.on('message', (data) => frames.push(JSON.parse(String(data))))
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  return {
    send: (frame: unknown) => socket.send(JSON.stringify(frame)),
    reply: async (id: number) => {
      for (let i = 0; i < 300; i++) {
        const found = frames.find((frame) => frame['~'] === 'res' && frame['id'] === id)
        if (found) return found
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      throw new Error(`no reply to ${id}`)
    },
    close: () => socket.close(),
  }
}

describe('@wsbridge/otel request spans and the request latency histogram (real socket, in-memory exporters)', () => {
  let one: ObservedInstance
  beforeAll(async () => {
    one = await startObservedInstance(routes, `otel-requests-${process.pid}-${Date.now()}:`)
  })
  afterAll(async () => {
    await one?.close()
  })

  it('records each request with its route, name, outcome, error code and chunk count', async () => {
    const client = await open(one.url('/calc'))
    client.send({ '~': 'req', id: 1, n: 'add', d: { x: 2, y: 3 }, s: 'session-1' })
    expect(await client.reply(1)).toEqual({ '~': 'res', id: 1, d: 5 })
    // The same id and session again (a resend): answered from the dedupe window, not run.
    client.send({ '~': 'req', id: 1, n: 'add', d: { x: 2, y: 3 }, s: 'session-1' })
    client.send({ '~': 'req', id: 2, n: 'deny', d: {} })
    expect(await client.reply(2)).toMatchObject({ e: { code: 'FORBIDDEN' } })
    client.send({ '~': 'req', id: 3, n: 'count', d: { to: 3 } })
    expect(await client.reply(3)).toEqual({ '~': 'res', id: 3 })
    client.send({ '~': 'req', id: 4, n: 'wait', d: {} })
    await new Promise((resolve) => setTimeout(resolve, 50))
    client.send({ '~': 'cancel', id: 4 })
    client.send({ '~': 'req', id: 5, n: 'invented-name', d: {} })
    expect(await client.reply(5)).toMatchObject({ e: { code: 'UNKNOWN_REQUEST' } })
    const requestSpans = () => one.spans().filter((span) => span.name.startsWith(spanNames.request))
    for (let i = 0; i < 100 && requestSpans().length < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10))

    const spans = requestSpans().map((span) => ({
      name: span.name,
      outcome: span.attributes[a.requestOutcome],
      error: span.attributes[a.errorType],
      chunks: span.attributes[a.requestChunks],
      streaming: span.attributes[a.requestStreaming],
      route: span.attributes[a.route],
      status: span.status.code,
      linked: span.links.length,
    }))
    expect(spans).toEqual([
      {
        name: `${spanNames.request} calc add`,
        outcome: 'ok',
        error: undefined,
        chunks: undefined,
        streaming: false,
        route: 'calc',
        status: 0,
        linked: 1,
      },
      {
        name: `${spanNames.request} calc add`,
        outcome: 'replayed',
        error: undefined,
        chunks: undefined,
        streaming: false,
        route: 'calc',
        status: 0,
        linked: 1,
      },
      {
        name: `${spanNames.request} calc deny`,
        outcome: 'error',
        error: 'FORBIDDEN',
        chunks: undefined,
        streaming: false,
        route: 'calc',
        status: 2,
        linked: 1,
      },
      {
        name: `${spanNames.request} calc count`,
        outcome: 'ok',
        error: undefined,
        chunks: 3,
        streaming: true,
        route: 'calc',
        status: 0,
        linked: 1,
      },
      {
        name: `${spanNames.request} calc wait`,
        outcome: 'cancelled',
        error: 'REQUEST_CANCELLED',
        chunks: undefined,
        streaming: false,
        route: 'calc',
        status: 0,
        linked: 1,
      },
    ])

    const durations = points(await one.metrics(), m.requestDuration) as [Record<string, unknown>, { count: number; sum: number }][]
    const byName = (name: string, outcome: string) =>
      durations.find(([attributes]) => attributes[a.requestName] === name && attributes[a.requestOutcome] === outcome)
    expect(byName('add', 'ok')?.[0]).toEqual({ [a.route]: 'calc', [a.requestName]: 'add', [a.requestOutcome]: 'ok' })
    expect(byName('add', 'ok')?.[1].count).toBe(1)
    expect(byName('add', 'replayed')?.[1].count).toBe(1)
    expect(byName('deny', 'error')?.[0][a.errorType]).toBe('FORBIDDEN')
    expect(byName('wait', 'cancelled')?.[1].sum).toBeGreaterThanOrEqual(0.04)
    expect(durations.some(([attributes]) => attributes[a.requestName] === 'invented-name')).toBe(false)
    client.close()
  })
})
