import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { recorded, waitForRecorded } from '../recorder.js'

const closes = (token: string) => recorded(token).filter((e) => e.type === 'close')

export const closingGroup = defineCaseGroup({
  name: 'closing',
  cases: [
    {
      name: 'server close with code and reason is seen by the client',
      async run(ctx) {
        const client = await ctx.connect('/closer')
        client.send({ code: 4000, reason: 'server says bye' })
        expect(await client.waitClose()).toEqual({ code: 4000, reason: 'server says bye' })
      },
    },
    {
      name: 'client close with code and reason reaches onClose exactly once',
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`/closeLog?t=${token}`)
        await waitForRecorded(token, (events) => events.some((e) => e.type === 'open'))
        client.close(4001, 'client says bye')
        await ctx.running.released(token)
        expect(closes(token)).toEqual([{ type: 'close', code: 4001, reason: 'client says bye', readyState: 3 }])
      },
    },
    {
      name: 'client close without a code reaches onClose as 1005',
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`/closeLog?t=${token}`)
        client.close()
        await ctx.running.released(token)
        expect(closes(token)).toEqual([{ type: 'close', code: 1005, reason: '', readyState: 3 }])
      },
    },
    {
      name: "server close() and terminate(): readyState leaves OPEN at once, send reports 'closed', onClose runs once after the handler (server's code, or 1006 with no close frame)",
      needs: 'abortiveClose',
      async run(ctx) {
        const cases = [
          { end: 'close', client: { code: 4002, reason: 'server ends it' }, onClose: { code: 4002, reason: 'server ends it' } },
          { end: 'terminate', client: { code: 1006 }, onClose: { code: 1006, reason: '' } },
        ] as const
        for (const { end, client: seen, onClose } of cases) {
          const token = ctx.token()
          const client = await ctx.connect(`/closeLog?t=${token}`)
          client.send({ end })
          expect(await client.waitClose()).toMatchObject(seen)
          await ctx.running.released(token)
          const ended = recorded(token).find((e) => e.type === `server-${end}`)
          expect(ended).toMatchObject({ before: 1, send: 'closed' })
          // CLOSING on Node (ws waits for the peer's close reply); Bun completes the close at once, so CLOSED.
          expect([2, 3]).toContain(ended?.['after'])
          // onClose runs after the handler that ended the connection, never inside it.
          expect(recorded(token).map((e) => e.type)).toEqual(['open', `server-${end}`, 'close'])
          expect(closes(token)).toEqual([{ type: 'close', ...onClose, readyState: 3 }])
        }
      },
    },
    {
      name: 'a dropped client (no close frame) reaches onClose as 1006 exactly once',
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`/closeLog?t=${token}`)
        await waitForRecorded(token, (events) => events.some((e) => e.type === 'open'))
        client.terminate()
        await ctx.running.released(token)
        expect(closes(token)).toEqual([{ type: 'close', code: 1006, reason: '', readyState: 3 }])
      },
    },
  ],
})
