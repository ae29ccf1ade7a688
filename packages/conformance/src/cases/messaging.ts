import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { expectEchoes } from '../helpers.js'

export const messagingGroup = defineCaseGroup({
  name: 'messaging',
  cases: [
    {
      name: 'echo round trip',
      async run(ctx) {
        const client = await ctx.connect('/echo')
        await expectEchoes(client, { text: 'hi' })
        await expectEchoes(client, 'second')
      },
    },
    {
      name: 'onOpen can send a welcome message',
      async run(ctx) {
        const client = await ctx.connect('/welcome')
        const welcome = await client.next()
        expect(welcome).toMatchObject({ type: 'welcome' })
        expect(typeof (welcome as { id: unknown }).id).toBe('string')
        await expectEchoes(client, 'after welcome')
      },
    },
    {
      name: 'a message sent in the client open callback is never lost',
      async run(ctx) {
        const client = await ctx.connect('/echo', { onOpen: (c) => c.send({ first: true }) })
        expect(await client.next()).toEqual({ echo: { first: true } })
      },
    },
    {
      name: 'several messages sent back-to-back on open all arrive, in order',
      async run(ctx) {
        const client = await ctx.connect('/echo', { onOpen: (c) => Array.from({ length: 10 }, (_, n) => c.send({ n })) })
        expect(await client.take(10)).toEqual(Array.from({ length: 10 }, (_, n) => ({ echo: { n } })))
      },
    },
    {
      name: 'messages that arrive during an async onOpen wait for it',
      async run(ctx) {
        const client = await ctx.connect('/slowOpen', { onOpen: (c) => c.send('early') })
        expect(await client.take(2)).toEqual([{ type: 'ready' }, { echo: 'early' }])
      },
    },
    {
      name: 'async handlers run in order per connection',
      async run(ctx) {
        const client = await ctx.connect('/ordered')
        const waits = [60, 0, 30, 0, 10]
        waits.forEach((wait, seq) => client.send({ seq, wait }))
        expect(await client.take(waits.length)).toEqual(waits.map((_, seq) => ({ seq })))
      },
    },
  ],
})
