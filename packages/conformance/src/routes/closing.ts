import { defineRoute } from '@wsbridge/core'
import { record } from '../recorder.js'

export const closingRoutes = {
  /** Closes with the `{ code, reason }` the client asks for. */
  closer: defineRoute({
    kind: 'ws',
    handler: {
      onMessage: (message, connection) => {
        const { code, reason } = message as { code: number; reason: string }
        connection.close(code, reason)
      },
    },
  }),
  /** Records onOpen and every onClose call (with code and reason) under the `t` query token. */
  closeLog: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => record(connection.query['t'], { type: 'open' }),
      onMessage: (message, connection) => connection.send({ echo: message }),
      onClose: (connection, code, reason) => record(connection.query['t'], { type: 'close', code, reason }),
    },
  }),
}
