import { setupBridge, type WebSocketConstructor, type WsError } from '@wsbridge/core/client'
import WS from 'ws'
import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import type { SuiteContext } from '../context.js'
import { delay } from '../helpers.js'
import { recorded, waitForRecorded } from '../recorder.js'
import { requestsRoutes } from '../routes/requests.js'

const WebSocketImpl = ((globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? WS) as WebSocketConstructor

/** The typed client for this host, with quick reconnects. */
const client = (ctx: SuiteContext) =>
  setupBridge(requestsRoutes, {
    baseUrl: ctx.running.wsUrl + ctx.prefix,
    WebSocket: WebSocketImpl,
    reconnect: { initialDelay: 30, maxDelay: 200, random: () => 0 },
  }).$ws

const req = (id: number, n: string, d: unknown, s?: string) =>
  JSON.stringify(s === undefined ? { '~': 'req', id, n, d } : { '~': 'req', id, n, d, s })
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: WsError) => ({ code: error.code, message: error.message }),
  )
const aborted = (t: string) => recorded(t).filter((e) => e.type === 'aborted')

export const requestsGroup = defineCaseGroup({
  name: 'requests',
  cases: [
    {
      name: 'request frames are answered by id; many in flight are answered as they finish',
      async run(ctx) {
        const client = await ctx.connect('/reqCalc')
        client.sendText(req(1, 'wait', { ms: 150, tag: 'slow' }))
        client.sendText(req(2, 'wait', { ms: 1, tag: 'fast' }))
        client.sendText(req(3, 'add', { a: 40, b: 2 }))
        const replies = await client.take(3)
        expect(replies).toContainEqual({ '~': 'res', id: 2, d: 'fast' })
        expect(replies).toContainEqual({ '~': 'res', id: 3, d: 42 })
        expect(replies[2]).toEqual({ '~': 'res', id: 1, d: 'slow' })
      },
    },
    {
      name: 'error replies: VALIDATION_FAILED with issues, UNKNOWN_REQUEST, a thrown WsError keeps its code, INTERNAL hides the message, OUTPUT_VALIDATION_FAILED for an invalid reply',
      async run(ctx) {
        const client = await ctx.connect('/reqCalc')
        const ask = async (id: number, n: string, d: unknown) => {
          client.sendText(req(id, n, d))
          return (await client.next()) as { id: number; e: { code: string; message: string; issues?: unknown[] } }
        }
        const invalid = await ask(1, 'add', { a: 'x', b: 1 })
        expect(invalid).toMatchObject({ id: 1, e: { code: 'VALIDATION_FAILED', issues: [{ path: ['a'], expected: 'number' }] } })
        expect(await ask(2, 'nope', null)).toMatchObject({ id: 2, e: { code: 'UNKNOWN_REQUEST' } })
        expect(await ask(3, 'deny', null)).toEqual({ '~': 'res', id: 3, e: { code: 'FORBIDDEN', message: 'Not yours' } })
        expect(await ask(4, 'crash', null)).toEqual({ '~': 'res', id: 4, e: { code: 'INTERNAL', message: 'Internal error' } })
        expect(await ask(5, 'liar', null)).toEqual({
          '~': 'res',
          id: 5,
          e: { code: 'OUTPUT_VALIDATION_FAILED', message: 'Server tried to send an invalid message' },
        })
        // Still open and answering.
        client.sendText(req(6, 'add', { a: 1, b: 1 }))
        expect(await client.next()).toEqual({ '~': 'res', id: 6, d: 2 })
      },
    },
    {
      name: "a cancel frame aborts the handler's signal (REQUEST_CANCELLED) and no reply follows; a close aborts it with CONNECTION_CLOSED",
      async run(ctx) {
        const t = ctx.token()
        const client = await ctx.connect(`/reqCalc?t=${t}`)
        client.sendText(req(1, 'wait', { ms: 10_000, tag: 'cancelled' }))
        await delay(50)
        client.sendText('{"~":"cancel","id":1}')
        await waitForRecorded(t, () => aborted(t).length === 1)
        client.sendText(req(2, 'add', { a: 1, b: 2 }))
        expect(await client.next()).toEqual({ '~': 'res', id: 2, d: 3 })
        client.sendText(req(3, 'wait', { ms: 10_000, tag: 'closed' }))
        await delay(50)
        client.close()
        await waitForRecorded(t, () => aborted(t).length === 2)
        expect(aborted(t).map((e) => [e['tag'], e['code']])).toEqual([
          ['cancelled', 'REQUEST_CANCELLED'],
          ['closed', 'CONNECTION_CLOSED'],
        ])
      },
    },
    {
      name: 'a request resent with the same session and id runs once; the reply is replayed, on another connection too',
      async run(ctx) {
        const key = ctx.token()
        const session = ctx.token()
        const first = await ctx.connect('/reqCalc')
        first.sendText(req(1, 'once', { key, ms: 1 }, session))
        expect(await first.next()).toEqual({ '~': 'res', id: 1, d: 1 })
        first.close()
        const second = await ctx.connect('/reqCalc')
        second.sendText(req(1, 'once', { key, ms: 1 }, session))
        expect(await second.next()).toEqual({ '~': 'res', id: 1, d: 1 })
        // Another id of the session, and the same id without a session, do run.
        second.sendText(req(2, 'once', { key, ms: 1 }, session))
        expect(await second.next()).toEqual({ '~': 'res', id: 2, d: 2 })
        second.sendText(req(1, 'once', { key, ms: 1 }))
        expect(await second.next()).toEqual({ '~': 'res', id: 1, d: 3 })
      },
    },
    {
      name: 'a requests-only route answers requests and refuses plain messages with UNKNOWN_TYPE',
      async run(ctx) {
        const client = await ctx.connect('/reqOnly')
        client.send({ hello: true })
        expect(await client.next()).toMatchObject({ type: 'error', code: 'UNKNOWN_TYPE' })
        client.sendText(req(1, 'ping', 'ping'))
        expect(await client.next()).toEqual({ '~': 'res', id: 1, d: 'pong' })
      },
    },
    {
      name: 'typed client: conn.request resolves the reply, rejects with the server code, times out with REQUEST_TIMEOUT and cancels the handler',
      async run(ctx) {
        const t = ctx.token()
        const conn = client(ctx).reqCalc({ t })
        expect(await Promise.all([conn.request('add', { a: 2, b: 3 }), conn.request('wait', { ms: 1, tag: 'x' })])).toEqual([5, 'x'])
        expect(await failure(conn.request('deny', null))).toEqual({ code: 'FORBIDDEN', message: 'Not yours' })
        expect(await failure(conn.request('wait', { ms: 10_000, tag: 'late' }, { timeout: 100 }))).toMatchObject({
          code: 'REQUEST_TIMEOUT',
        })
        const controller = new AbortController()
        const cancelled = failure(conn.request('wait', { ms: 10_000, tag: 'aborted' }, { signal: controller.signal }))
        setTimeout(() => controller.abort(), 50)
        expect(await cancelled).toMatchObject({ code: 'REQUEST_CANCELLED' })
        await waitForRecorded(t, () => aborted(t).length === 2)
        expect(aborted(t).map((e) => e['code'])).toEqual(['REQUEST_CANCELLED', 'REQUEST_CANCELLED'])
        conn.close()
      },
    },
    {
      name: "the server's connection.request is answered by the typed client's handler; no handler → UNKNOWN_REQUEST; too slow → REQUEST_TIMEOUT",
      async run(ctx) {
        const received: unknown[] = []
        const onMessage = (m: unknown) => void received.push(m)
        const conn = client(ctx).reqCalc({}, { onMessage, requests: { confirm: ({ q }) => ({ ok: q === 'yes' }) } })
        conn.send('yes')
        const bare = client(ctx).reqCalc({}, { onMessage })
        await expect.poll(() => received).toEqual([{ reply: { ok: true } }])
        bare.send('?')
        await expect.poll(() => received.length).toBe(2)
        const slow = client(ctx).reqCalc({}, { onMessage, requests: { confirm: () => new Promise(() => undefined) } })
        slow.send(100)
        await expect.poll(() => received.length).toBe(3)
        expect(received.slice(1)).toEqual([{ reply: 'UNKNOWN_REQUEST' }, { reply: 'REQUEST_TIMEOUT' }])
        for (const c of [conn, bare, slow]) c.close()
      },
    },
    {
      name: 'typed client: a request whose reply was lost to a disconnect is resent with its id, and the handler runs once',
      async run(ctx) {
        const key = ctx.token()
        const conn = client(ctx).reqCalc()
        await conn.opened()
        const reply = conn.request('once', { key, ms: 300 }, { timeout: 5000 })
        await delay(50)
        conn.send('kick')
        expect(await reply).toBe(1)
        expect(conn.reconnects).toBe(1)
        // Sent before the socket opened: queued, then sent once.
        const fresh = client(ctx).reqCalc()
        expect(await fresh.request('once', { key: `${key}-queued`, ms: 1 })).toBe(1)
        conn.close()
        fresh.close()
      },
    },
  ],
})
