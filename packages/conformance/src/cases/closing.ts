import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { delay } from '../helpers.js'
import { recorded, waitForRecorded } from '../recorder.js'
import { closingRoutes } from '../routes/closing.js'

const closes = (token: string) => recorded(token).filter((e) => e.type === 'close')

export const closingGroup = defineCaseGroup({
  name: 'closing',
  routes: closingRoutes,
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
        await waitForRecorded(token, () => closes(token).length > 0)
        await delay(100)
        expect(closes(token)).toEqual([{ type: 'close', code: 4001, reason: 'client says bye' }])
      },
    },
    {
      name: 'client close without a code reaches onClose as 1005',
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`/closeLog?t=${token}`)
        client.close()
        await waitForRecorded(token, () => closes(token).length > 0)
        await delay(50)
        expect(closes(token)).toEqual([{ type: 'close', code: 1005, reason: '' }])
      },
    },
    {
      name: 'a dropped client (no close frame) reaches onClose as 1006 exactly once',
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`/closeLog?t=${token}`)
        await waitForRecorded(token, (events) => events.some((e) => e.type === 'open'))
        client.terminate()
        await waitForRecorded(token, () => closes(token).length > 0)
        await delay(50)
        expect(closes(token)).toEqual([{ type: 'close', code: 1006, reason: '' }])
      },
    },
  ],
})
