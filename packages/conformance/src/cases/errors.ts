import { expect } from 'vitest'
import type { ConformanceCase } from '../case.js'
import { defineCaseGroup } from '../case.js'
import { expectEchoes, expectErrorFrame } from '../helpers.js'
import { waitForRecorded } from '../recorder.js'
import { SECRET } from '../routes/errors.js'

const failurePoints = ['open-sync', 'open-async', 'message-sync', 'message-async'] as const

/** A handler failure is reported to both hooks, answered with a generic INTERNAL frame, and contained. */
function handlerFailureCase(where: (typeof failurePoints)[number]): ConformanceCase {
  const [stage, mode] = where.split('-') as ['open' | 'message', 'sync' | 'async']
  return {
    name: `${mode === 'sync' ? 'an exception' : 'a rejected promise'} in ${stage === 'open' ? 'onOpen' : 'onMessage'} reaches onError and the bridge hook, leaks nothing, and is contained`,
    async run(ctx) {
      const bystander = await ctx.connect('/echo')
      const token = ctx.token()
      const client = await ctx.connect(`/throws/${where}?t=${token}`)
      if (stage === 'message') client.send({ fail: true })
      const frame = await client.next()
      expectErrorFrame(frame, 'INTERNAL')
      expect(JSON.stringify(frame)).not.toContain(SECRET)
      await waitForRecorded(token, (events) => events.some((e) => e.type === 'route-error' && e['code'] === 'INTERNAL'))
      // The hook's event comes on the host's own output, which may trail the route's record (workerd under load).
      await ctx.running.sync()
      const hookCalls = ctx.bridgeErrors.filter((e) => e.token === token)
      expect(hookCalls.map((e) => e.error.code)).toEqual(['INTERNAL'])
      expect(hookCalls[0]!.route).toBe('throws')
      // The failing connection stays open and usable, and other connections never notice.
      await expectEchoes(client, 'still here')
      await expectEchoes(bystander, 'unaffected')
    },
  }
}

export const errorsGroup = defineCaseGroup({
  name: 'errors',
  cases: [
    {
      name: 'invalid JSON gets an INVALID_JSON error frame and the socket stays open',
      async run(ctx) {
        const client = await ctx.connect('/echo')
        client.sendText('{"not": json')
        const frame = expectErrorFrame(await client.next(), 'INVALID_JSON')
        expect(frame.message.length).toBeGreaterThan(0)
        await expectEchoes(client, { after: 'invalid' })
      },
    },
    ...failurePoints.map(handlerFailureCase),
    {
      name: 'connection.close with an invalid code or reason throws a WsError the handler can catch',
      async run(ctx) {
        const client = await ctx.connect('/closeCodes')
        for (const attempt of [
          { code: 999 },
          { code: 1005 },
          { code: 1006 },
          { code: 2000 },
          { code: 5000 },
          { code: 4000, reason: 'x'.repeat(124) },
        ]) {
          client.send(attempt)
          expect(await client.next()).toEqual({ threw: true, isWsError: true, code: 'INVALID_CLOSE_CODE' })
        }
        client.send({ code: 4000, reason: 'valid after all' })
        expect(await client.waitClose()).toEqual({ code: 4000, reason: 'valid after all' })
      },
    },
  ],
})
