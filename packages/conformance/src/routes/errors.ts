import { defineRoute, WsError } from '@wsbridge/core'
import { record } from '../fixture/journal.js'

/** Thrown by the `throws` route; it must never appear in anything a client receives. */
export const SECRET = 'conformance-internal-detail-must-not-leak'

/** `sync` throws in the handler's own frame; `async` rejects after a real await. */
async function rejectLater(): Promise<never> {
  await new Promise((resolve) => setTimeout(resolve, 1))
  throw new Error(SECRET)
}

function throwNow(): never {
  throw new Error(SECRET)
}

export const errorsRoutes = {
  /**
   * Fails in the handler named by `:where` (`open-sync`, `open-async`, `message-sync`,
   * `message-async`); message handlers fail only for `{ fail: true }` and echo anything else.
   */
  throws: defineRoute({
    kind: 'ws',
    path: '/throws/:where',
    handler: {
      onOpen: (connection) => {
        if (connection.params.where === 'open-sync') throwNow()
        if (connection.params.where === 'open-async') return rejectLater()
        return undefined
      },
      onMessage: (message, connection) => {
        if ((message as { fail?: unknown }).fail === true) {
          if (connection.params.where === 'message-sync') throwNow()
          if (connection.params.where === 'message-async') return rejectLater()
        }
        return connection.send({ echo: message })
      },
      onError: (connection, error) => record(connection.query['t'], { type: 'route-error', code: error.code }),
    },
  }),
  /** Tries `connection.close(code, reason)` and reports whether it threw a WsError. */
  closeCodes: defineRoute({
    kind: 'ws',
    handler: {
      onMessage: (message, connection) => {
        const { code, reason } = message as { code: number; reason?: string }
        try {
          connection.close(code, reason)
          return undefined
        } catch (error) {
          return connection.send({ threw: true, isWsError: error instanceof WsError, code: (error as { code?: unknown }).code })
        }
      },
    },
  }),
}
