import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { expectQuiet } from '../helpers.js'

const CONNECTIONS = 50
const MESSAGES = 3

export const isolationGroup = defineCaseGroup({
  name: 'isolation',
  cases: [
    {
      name: `${CONNECTIONS} concurrent connections each receive only their own messages`,
      timeout: 20000,
      async run(ctx) {
        const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => ctx.connect('/echo')))
        clients.forEach((client, from) => {
          for (let n = 0; n < MESSAGES; n++) client.send({ from, n })
        })
        const replies = await Promise.all(clients.map((client) => client.take(MESSAGES, 5000)))
        replies.forEach((got, from) => {
          expect(got).toEqual(Array.from({ length: MESSAGES }, (_, n) => ({ echo: { from, n } })))
        })
        await Promise.all(clients.map((client, from) => expectQuiet(client, { probe: from }, { echo: { probe: from } })))
        const ids = new Set((await ctx.running.connections()).map((c) => c.id))
        expect(ids.size).toBeGreaterThanOrEqual(CONNECTIONS)
      },
    },
  ],
})
