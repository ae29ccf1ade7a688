import { defineRoute } from '@wsbridge/core'
import { record } from '../fixture/journal.js'

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
      onMessage: (message, connection) => {
        // `{ end: 'close' | 'terminate' }` ends the connection from the server side and records readyState around it.
        const end = (message as { end?: unknown }).end
        if (end !== 'close' && end !== 'terminate') return connection.send({ echo: message })
        const before = connection.readyState
        if (end === 'close') connection.close(4002, 'server ends it')
        else connection.terminate()
        record(connection.query['t'], {
          type: `server-${end}`,
          before,
          after: connection.readyState,
          send: connection.send({ late: true }),
        })
        return undefined
      },
      onClose: (connection, code, reason) =>
        record(connection.query['t'], { type: 'close', code, reason, readyState: connection.readyState }),
    },
  }),
}
