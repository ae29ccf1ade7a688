import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { expectSilence } from '../helpers.js'

const CONNECTIONS = 50
const MESSAGES = 3

export const isolationGroup = defineCaseGroup({
  name: 'isolation',
  routes: {},
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
        await Promise.all(clients.map((client) => expectSilence(client, 50)))
        const ids = new Set([...ctx.running.bridge.connections].map((c) => c.id))
        expect(ids.size).toBeGreaterThanOrEqual(CONNECTIONS)
      },
    },
  ],
})
