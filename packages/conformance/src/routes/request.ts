import { defineRoute } from '@wsbridge/core'

export const requestRoutes = {
  params: defineRoute({
    kind: 'ws',
    path: '/params/:room/:tab?',
    handler: {
      onOpen: (connection) =>
        connection.send({
          params: { ...connection.params },
          query: connection.query,
          pathname: connection.url.pathname,
          origin: connection.url.origin,
        }),
      onMessage: () => undefined,
    },
  }),
  whoami: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) =>
        connection.send({ id: connection.id, ip: connection.ip, headers: connection.headers, route: connection.route }),
      onMessage: () => undefined,
    },
  }),
}
