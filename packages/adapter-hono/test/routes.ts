import { defineRoute, type Connection } from '@wsbridge/core'

/** Routes the adapter tests drive; each one exposes one piece of connection state to the client. */
export const closes: { route: string; code: number; reason: string }[] = []

const recordClose = (connection: Connection, code: number, reason: string) => void closes.push({ route: connection.route, code, reason })

export const routes = {
  echo: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => connection.send({ welcome: connection.route }),
      onMessage: (message, connection) => {
        if (message === 'close-me') connection.close(4001, 'asked to')
        else connection.send({ echo: message })
      },
      onBinary: (data, connection) => connection.send(data),
      onClose: recordClose,
    },
  }),
  whoami: defineRoute({
    kind: 'ws',
    path: '/who/:name',
    handler: {
      onOpen: (connection) => connection.send({ params: connection.params, query: connection.query, ip: connection.ip, header: connection.headers['x-test'] ?? null, scheme: connection.url.protocol }),
      onMessage: () => undefined,
    },
  }),
  secret: defineRoute({
    kind: 'ws',
    auth: ({ query }) => (query['token'] === 'good' ? { name: 'ada' } : query['token'] === 'banned' ? { success: false, code: 403, reason: 'banned' } : null),
    handler: {
      onOpen: (connection) => connection.send({ user: connection.user }),
      onMessage: () => undefined,
    },
  }),
}
