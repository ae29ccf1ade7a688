import { defineRoute } from '@wsbridge/core'
import { record } from '../fixture/journal.js'

/** Routes the typed-client cases connect to (`@wsbridge/core/client` against every host). */
export const clientRoutes = {
  /** Records `open` and every message under the `t` token, and echoes. */
  clientLog: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => record(connection.query['t'], { type: 'open' }),
      onMessage: (message, connection) => {
        record(connection.query['t'], { type: 'message', message })
        connection.send({ echo: message })
      },
    },
  }),
  /** Accepts, then closes 4401 (the "accept, then close" auth style a browser can read). */
  clientGuarded: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => {
        record(connection.query['t'], { type: 'open' })
        connection.close(4401, 'token expired')
      },
      onMessage: () => undefined,
    },
  }),
  /** Subscribes to `client-feed:<room>` with resume on; `{ kick: true }` drops the socket like a network loss. */
  clientFeed: defineRoute({
    kind: 'ws',
    path: '/client-feed/:room',
    resume: { buffer: 20 },
    handler: {
      onOpen: (connection) => connection.subscribe(`client-feed:${connection.params.room}`),
      onMessage: (message, connection) => {
        if ((message as { kick?: unknown }).kick === true) connection.terminate()
      },
    },
  }),
}
