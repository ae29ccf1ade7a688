import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { WsError } from '../../src/index.js'
import { createTestBridge } from '../../src/testing/index.js'
import { streamRoutes, type StreamProbe } from './stream-routes.js'

function setup(validateOutput = true) {
  const probe: StreamProbe = { pulled: 0, finished: [] }
  const t = createTestBridge(streamRoutes(probe, validateOutput))
  return { t, probe }
}

async function collect(stream: AsyncIterable<unknown>): Promise<{ chunks: unknown[]; code?: string; message?: string }> {
  const chunks: unknown[] = []
  try {
    for await (const chunk of stream) chunks.push(chunk)
    return { chunks }
  } catch (error) {
    return { chunks, code: (error as WsError).code, message: (error as WsError).message }
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('streaming replies (output: chunks(schema)) in the harness', () => {
  it('delivers every chunk in order, then ends; more chunks than one window', async () => {
    const { t } = setup()
    const client = await t.connect('/ticks')
    const result = await collect(client.stream('count', { to: 100 }))
    expect(result).toEqual({ chunks: Array.from({ length: 100 }, (_, i) => ({ n: i + 1 })) })
    expect(t.errors).toEqual([])
    // Streams and plain requests share one id space and connection.
    expect(await client.request('plain', null)).toBe('ok')
  })

  it('an error thrown mid-stream arrives as the typed error after the chunks before it', async () => {
    const { t } = setup()
    const client = await t.connect('/ticks')
    expect(await collect(client.stream('failAt', 4))).toEqual({ chunks: [1, 2, 3], code: 'FORBIDDEN', message: 'stopped at 4' })
    expect(t.errors.map((error) => error.code)).toEqual(['FORBIDDEN'])
  })

  it('invalid input is VALIDATION_FAILED before any chunk; an unknown name is UNKNOWN_REQUEST', async () => {
    const { t } = setup()
    const client = await t.connect('/ticks')
    expect(await collect(client.stream('count', { to: 'x' }))).toMatchObject({ chunks: [], code: 'VALIDATION_FAILED' })
    expect(await collect(client.stream('nope', null))).toMatchObject({ chunks: [], code: 'UNKNOWN_REQUEST' })
  })

  it('checks every chunk against the schema: OUTPUT_VALIDATION_FAILED ends the stream; off with the route validateOutput: false', async () => {
    const { t } = setup()
    const client = await t.connect('/ticks')
    expect(await collect(client.stream('badChunk', null))).toEqual({
      chunks: ['a', 'b'],
      code: 'OUTPUT_VALIDATION_FAILED',
      message: 'Server tried to send an invalid message',
    })
    expect(t.errors.map((error) => error.code)).toEqual(['OUTPUT_VALIDATION_FAILED'])
    const off = await setup(false).t.connect('/ticks')
    expect(await collect(off.stream('badChunk', null))).toEqual({ chunks: ['a', 'b', 3, 'never'] })
  })

  it('breaking out of the loop cancels the server iterator: its finally runs with the signal aborted', async () => {
    const { t, probe } = setup()
    const client = await t.connect('/ticks')
    const seen: unknown[] = []
    for await (const chunk of client.stream('endless', { ms: 1 })) {
      seen.push(chunk)
      if (seen.length === 3) break
    }
    expect(seen).toEqual([1, 2, 3])
    await until(() => probe.finished.length > 0)
    expect(probe.finished).toEqual(['aborted:REQUEST_CANCELLED'])
    expect(t.errors).toEqual([])
  })

  it('an AbortSignal cancels: the loop throws REQUEST_CANCELLED and the server handler stops', async () => {
    const { probe, t } = setup()
    const client = await t.connect('/ticks')
    const controller = new AbortController()
    const stream = client.stream('endless', { ms: 1 }, { signal: controller.signal })
    expect(await stream.next()).toEqual({ done: false, value: 1 })
    controller.abort()
    expect(await collect(stream)).toMatchObject({ code: 'REQUEST_CANCELLED' })
    await until(() => probe.finished.length > 0)
    expect(probe.finished).toEqual(['aborted:REQUEST_CANCELLED'])
  })

  it('a reader that stops reading holds the server at one window: nothing unbounded is buffered', async () => {
    const { probe, t } = setup()
    const client = await t.connect('/ticks')
    const stream = client.stream('endless', { ms: 0 })
    await until(() => probe.pulled >= 16)
    await new Promise((resolve) => setTimeout(resolve, 50))
    // The server pulled the first window (16) and at most one chunk it is holding for credit.
    expect(probe.pulled).toBeLessThanOrEqual(17)
    // Reading half a window grants more, and the stream goes on in order.
    const read: unknown[] = []
    for (let i = 0; i < 40; i++) read.push((await stream.next()).value)
    expect(read).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    await stream.return()
    await until(() => probe.finished.length > 0)
    expect(probe.finished).toEqual(['aborted:REQUEST_CANCELLED'])
  })

  it('a close aborts the server iterator (CONNECTION_CLOSED) and ends the reader with CONNECTION_CLOSED', async () => {
    const { probe, t } = setup()
    const client = await t.connect('/ticks')
    const stream = client.stream('endless', { ms: 2 })
    expect((await stream.next()).value).toBe(1)
    client.close()
    const rest = await collect(stream)
    expect(rest.code).toBe('CONNECTION_CLOSED')
    await until(() => probe.finished.length > 0)
    expect(probe.finished).toEqual(['aborted:CONNECTION_CLOSED'])
  })

  it('timeout bounds each wait for a chunk', async () => {
    const { t } = setup()
    const client = await t.connect('/ticks')
    expect(await collect(client.stream('endless', { ms: 3000 }, { timeout: 400 }))).toEqual({
      chunks: [1],
      code: 'REQUEST_TIMEOUT',
      message: 'Request timed out',
    })
  })
})

describe('streaming replies and the socket buffer', () => {
  it('holds the stream while the socket is over half the backpressure limit, and resumes when it drains', async () => {
    const { probe, t } = setup()
    const client = await t.connect('/ticks')
    client.bufferedAmount = 10 * 1024 * 1024
    const stream = client.stream('endless', { ms: 0 })
    await new Promise((resolve) => setTimeout(resolve, 60))
    // The handler was asked for its first chunk only once the buffer had room: not at all so far.
    expect(probe.pulled).toBe(0)
    client.bufferedAmount = 0
    expect(await stream.next()).toEqual({ done: false, value: 1 })
    await stream.return()
  })
})

describe('stream frames from a hostile client', () => {
  it('property: any mix of more/cancel/chunk frames never breaks the order of a stream or the connection', async () => {
    const frame = fc.oneof(
      fc.record({
        '~': fc.constant('more'),
        id: fc.integer({ min: -1, max: 3 }),
        w: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.string()),
      }),
      fc.record({ '~': fc.constant('cancel'), id: fc.integer({ min: 2, max: 3 }) }),
      fc.record({ '~': fc.constant('chunk'), id: fc.integer({ min: 0, max: 3 }), d: fc.jsonValue() }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { maxLength: 12 }), async (frames) => {
        const { t } = setup()
        const client = await t.connect('/ticks')
        const stream = client.stream('count', { to: 40 })
        for (const f of frames) client.sendText(JSON.stringify(f))
        const result = await collect(stream)
        // Id 1 is the stream: nothing the client adds can reorder, duplicate or drop its chunks.
        expect(result).toEqual({ chunks: Array.from({ length: 40 }, (_, i) => ({ n: i + 1 })) })
        expect(await client.request('plain', null)).toBe('ok')
      }),
      { numRuns: 40 },
    )
  })
})
