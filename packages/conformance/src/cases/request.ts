import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { rawUpgradeRequest } from '../raw-http.js'

export const requestGroup = defineCaseGroup({
  name: 'request',
  cases: [
    {
      name: ':param, optional :param? and query string reach the connection; connection.url is the ws:// URL the client used',
      async run(ctx) {
        const full = await ctx.connect('/params/lobby/settings?x=1&y=two')
        const origin = new URL(ctx.running.wsUrl).origin
        expect(await full.next()).toEqual({
          params: { room: 'lobby', tab: 'settings' },
          query: { x: '1', y: 'two' },
          pathname: `${ctx.prefix}/params/lobby/settings`,
          origin,
        })
        const short = await ctx.connect('/params/hello%20world')
        const reply = (await short.next()) as { params: Record<string, unknown>; query: unknown }
        expect(reply.params['room']).toBe('hello world')
        expect(reply.params['tab']).toBeUndefined()
        expect(reply.query).toEqual({})
      },
    },
    {
      name: 'a path with too many segments for the pattern is not upgraded',
      async run(ctx) {
        const response = await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}/params/a/b/c`)
        expect(response.status).toBe(404)
      },
    },
    {
      name: 'headers, ip and id are exposed; ids are unique and random-looking',
      async run(ctx) {
        const marker = crypto.randomUUID()
        const replies = await Promise.all(
          [0, 1, 2].map(async () => {
            const client = await ctx.connect('/whoami', { headers: { 'X-Conformance': marker } })
            return (await client.next()) as { id: string; ip: string; headers: Record<string, string>; route: string }
          }),
        )
        for (const reply of replies) {
          expect(reply.headers['x-conformance']).toBe(marker)
          // The handshake's mechanics are not kept for the connection's life (memory per connection).
          expect(reply.headers['sec-websocket-key']).toBeUndefined()
          expect(reply.route).toBe('whoami')
          expect(reply.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/)
          expect(reply.id).toMatch(/^[A-Za-z0-9_-]{16,}$/)
        }
        const ids = replies.map((r) => r.id)
        expect(new Set(ids).size).toBe(ids.length)
        // Not a counter: ids of consecutive connections share no long common prefix.
        expect(ids[0]!.slice(0, 8)).not.toBe(ids[1]!.slice(0, 8))
      },
    },
  ],
})
