/**
 * What `import { routes } from './routes.js'` gives a docs block when its page declares no
 * `<!-- fixture: ./routes.ts -->` of its own: an echo route and a typed chat room route.
 */
export const defaultRoutesFixture = `import { defineRoute } from '@wsbridge/core'
import * as v from 'valibot'

export const routes = {
  echo: defineRoute({ kind: 'ws', handler: { onMessage: (message, connection) => connection.send({ echo: message }) } }),
  chat: defineRoute({
    kind: 'ws',
    path: '/rooms/:roomId',
    output: v.variant('type', [
      v.object({ type: v.literal('joined'), roomId: v.string() }),
      v.object({ type: v.literal('said'), from: v.string(), text: v.string() }),
    ]),
    messages: {
      join: { schema: v.object({}), handler: (_data, connection) => connection.joinRoom(connection.params.roomId) },
      say: {
        schema: v.object({ text: v.pipe(v.string(), v.maxLength(500)) }),
        handler: ({ text }, connection) => connection.broadcast({ type: 'said', from: connection.id, text }, { rooms: connection.params.roomId, includeSelf: true }),
      },
    },
  }),
}
`
