import { defineRoute, type Connection } from '@wsbridge/core'

type Command = { type: 'join'; room: string } | { type: 'say'; text: string; rooms?: string[]; includeSelf?: boolean }

/**
 * A chat route for the multi-instance tests. `?room=` joins a room at open (no round trip, for the
 * 1,000-subscriber burst); `join` and `say` are acknowledged so tests know they took effect.
 */
export const chatRoutes = {
  chat: defineRoute({
    kind: 'ws',
    auth: (request) => ({ name: request.query['name'] ?? 'anonymous' }),
    handler: {
      onOpen: (connection) => {
        const room = connection.query['room']
        if (room) connection.joinRoom(room)
      },
      onMessage: (message, connection: Connection) => {
        const command = message as Command
        if (command.type === 'join') {
          connection.joinRoom(command.room)
          connection.send({ ack: 'join' })
        } else {
          const options = { ...(command.rooms ? { rooms: command.rooms } : {}), includeSelf: command.includeSelf === true }
          connection.broadcast({ text: command.text, from: connection.id }, options)
          connection.send({ ack: 'say' })
        }
      },
    },
  }),
  /** Another route: its route-wide broadcasts and rooms must stay apart from chat's. */
  other: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
}
