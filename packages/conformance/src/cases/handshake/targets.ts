import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import { rawUpgradeRequest } from '../../raw-http.js'
import { recorded } from '../../recorder.js'
import { expectRefusal } from './answers.js'

const INVALID = 'Invalid request target'

/**
 * Request targets RFC 3986 does not allow, under the prefix: one answer wherever wsbridge sees the
 * target, decided before routing (so 400, not 404, for a path with no route) and before any hook.
 * See docs/security.md ("Request targets").
 */
export const targetCases: readonly ConformanceCase[] = [
  {
    name: 'an invalid request target under the prefix (a % without two hex digits, a \\ in the query) is refused 400 before routing and any hook; valid escapes still upgrade',
    async run(ctx) {
      const t = ctx.token()
      const upgrade = (target: string) => rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}${target}`)
      const query = `t=${t}&token=good`
      for (const target of [
        `/hsAuth?${query}&x=%zz`,
        `/hsAuth?${query}&x=%`,
        `/hsAuth?${query}&x=%4`,
        `/hsAuth?${query}&x=\\`,
        `/hsAuth%zz?${query}`,
        '/no-such-route%',
        '/no-such-route?x=%g0',
      ]) {
        expectRefusal(ctx, await upgrade(target), 400, INVALID)
      }
      expect(recorded(t)).toEqual([])
      expect((await upgrade(`/hsAuth?${query}&x=%41%c3%A9%2F`)).status).toBe(101)
    },
  },
  {
    name: 'a \\ in the path is refused 400 like any invalid target, never read as /; control characters, DEL and non-ASCII bytes are refused 400 before any handler',
    needs: 'rawRequestTarget',
    async run(ctx) {
      const opened = await ctx.running.connectionCount()
      for (const target of [`${ctx.prefix}/echo\\`, `${ctx.prefix}\\echo`, `${ctx.prefix}/no-such-route\\x`]) {
        expectRefusal(ctx, await rawUpgradeRequest(ctx.running.httpUrl, target), 400, INVALID)
      }
      // Node's HTTP parser answers these itself (a bare 400) before any listener; a runtime that hands them on gets core's.
      for (const target of [
        `${ctx.prefix}/echo\x01`,
        `${ctx.prefix}/echo\x7f`,
        `${ctx.prefix}/echo?x=\t`,
        `${ctx.prefix}/echo\u00e9`,
        `${ctx.prefix}/echo?x=\u{1f600}`,
      ]) {
        expect((await rawUpgradeRequest(ctx.running.httpUrl, target)).status, JSON.stringify(target)).toBe(400)
      }
      expect(await ctx.running.connectionCount()).toBe(opened)
    },
  },
]
