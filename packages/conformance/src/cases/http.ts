import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { expectEchoes } from '../helpers.js'
import { rawHttpRequest, rawUpgradeRequest } from '../raw-http.js'

export const httpGroup = defineCaseGroup({
  name: 'http',
  cases: [
    {
      name: 'an unknown path under the prefix is answered 404 and not upgraded',
      async run(ctx) {
        const refused = await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}/no-such-route`)
        expect(refused.status).toBe(404)
        // The same raw request to a real route is upgraded: the 404 is about the path, not the client.
        const accepted = await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}/echo`)
        expect(accepted.status).toBe(101)
        await expectEchoes(await ctx.connect('/echo'), 'server still fine')
      },
    },
    {
      name: 'a route path without the prefix is not upgraded',
      async run(ctx) {
        // Not wsbridge's: the host answers (Node: 404, no other upgrade listener; Bun and Hono: the app's own answer).
        expect((await rawUpgradeRequest(ctx.running.httpUrl, '/echo')).status).not.toBe(101)
        expect((await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}echo`)).status).not.toBe(101)
        expect(await ctx.running.connectionCount()).toBe(0)
      },
    },
    {
      name: "the host's own HTTP routes keep answering on the same port",
      needs: 'httpRoutes',
      async run(ctx) {
        const response = await rawHttpRequest(ctx.running.httpUrl, { path: '/health' })
        expect(response.status).toBe(200)
        expect(response.body).toBe('ok')
      },
    },
  ],
})
