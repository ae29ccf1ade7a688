import { setupBridge, type WebSocketConstructor, type WsError } from '@wsbridge/core/client'
import WS from 'ws'
import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import type { SuiteContext } from '../context.js'
import { recorded, waitForRecorded } from '../recorder.js'
import { streamsRoutes } from '../routes/streams.js'

const WebSocketImpl = ((globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? WS) as WebSocketConstructor

const client = (ctx: SuiteContext) => setupBridge(streamsRoutes, { baseUrl: ctx.running.wsUrl + ctx.prefix, WebSocket: WebSocketImpl }).$ws

const req = (id: number, n: string, d: unknown, w?: number) => JSON.stringify({ '~': 'req', id, n, d, ...(w === undefined ? {} : { w }) })
const ended = (t: string) => recorded(t).filter((e) => e.type === 'streamEnded')
const pulled = (t: string) => recorded(t).filter((e) => e.type === 'streamPulled').length

export const streamsGroup = defineCaseGroup({
  name: 'streams',
  cases: [
    {
      name: 'a streaming reply: chunk frames in order, then an end frame; the window holds the server until `more` grants credit',
      async run(ctx) {
        const conn = await ctx.connect('/reqStream')
        conn.sendText(req(1, 'count', { to: 5 }, 2))
        expect(await conn.take(2)).toEqual([
          { '~': 'chunk', id: 1, d: { n: 1 } },
          { '~': 'chunk', id: 1, d: { n: 2 } },
        ])
        // Out of credit: nothing more until the asker grants it.
        await expect(conn.next(150)).rejects.toThrow()
        conn.sendText('{"~":"more","id":1,"w":10}')
        expect(await conn.take(4)).toEqual([
          { '~': 'chunk', id: 1, d: { n: 3 } },
          { '~': 'chunk', id: 1, d: { n: 4 } },
          { '~': 'chunk', id: 1, d: { n: 5 } },
          { '~': 'res', id: 1 },
        ])
      },
    },
    {
      name: 'an error thrown mid-stream ends it with an error reply after the chunks before it; a bad chunk ends it with OUTPUT_VALIDATION_FAILED',
      async run(ctx) {
        const conn = await ctx.connect('/reqStream')
        conn.sendText(req(1, 'failAt', 3))
        expect(await conn.take(3)).toEqual([
          { '~': 'chunk', id: 1, d: 1 },
          { '~': 'chunk', id: 1, d: 2 },
          { '~': 'res', id: 1, e: { code: 'FORBIDDEN', message: 'stopped at 3' } },
        ])
        conn.sendText(req(2, 'badChunk', null))
        expect(await conn.take(3)).toEqual([
          { '~': 'chunk', id: 2, d: 'a' },
          { '~': 'chunk', id: 2, d: 'b' },
          { '~': 'res', id: 2, e: { code: 'OUTPUT_VALIDATION_FAILED', message: 'Server tried to send an invalid message' } },
        ])
      },
    },
    {
      name: "a cancel stops the server's iterator (its finally runs, signal REQUEST_CANCELLED); a close stops it with CONNECTION_CLOSED",
      async run(ctx) {
        const t = ctx.token()
        const conn = await ctx.connect(`/reqStream?t=${t}`)
        conn.sendText(req(1, 'endless', { ms: 5 }))
        await conn.take(2)
        conn.sendText('{"~":"cancel","id":1}')
        await waitForRecorded(t, () => ended(t).length === 1)
        conn.sendText(req(2, 'endless', { ms: 5 }))
        await waitForRecorded(t, () => pulled(t) > 0 && ended(t).length === 1 && recorded(t).at(-1)?.type === 'streamPulled')
        conn.close()
        await waitForRecorded(t, () => ended(t).length === 2)
        expect(ended(t).map((e) => e['code'])).toEqual(['REQUEST_CANCELLED', 'CONNECTION_CLOSED'])
      },
    },
    {
      name: 'typed client: for await reads every chunk; a thrown error arrives typed; break cancels the server iterator',
      async run(ctx) {
        const t = ctx.token()
        const conn = client(ctx).reqStream({ t })
        const counted: number[] = []
        for await (const { n } of conn.stream('count', { to: 40 })) counted.push(n)
        expect(counted).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
        const before: number[] = []
        const error = await (async () => {
          for await (const n of conn.stream('failAt', 3)) before.push(n)
        })().then(
          () => undefined,
          (thrown: WsError) => ({ code: thrown.code, message: thrown.message }),
        )
        expect([before, error]).toEqual([[1, 2], { code: 'FORBIDDEN', message: 'stopped at 3' }])
        for await (const n of conn.stream('endless', { ms: 2 })) if (n === 3) break
        await waitForRecorded(t, () => ended(t).length === 1)
        expect(ended(t)[0]?.['code']).toBe('REQUEST_CANCELLED')
        conn.close()
      },
    },
  ],
})
