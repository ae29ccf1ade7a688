import { defineRoute } from '@wsbridge/core'

/**
 * Routes every run serves whatever groups it includes: any case may use `echo` to prove that a
 * socket (or the server) still works after something went wrong elsewhere.
 */
export const baseRoutes = {
  echo: defineRoute({ kind: 'ws', handler: { onMessage: (message, connection) => connection.send({ echo: message }) } }),
}
