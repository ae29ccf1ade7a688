import { defineRoute, type Connection } from '@wsbridge/core'

/**
 * A small pub/sub protocol the conformance cases drive over real sockets. Every command is
 * acknowledged with `{ ack: <type> }` after it has taken effect, so a client knows, for example,
 * that its subscription exists before another client publishes. A publish with includeSelf
 * delivers to the sender before the ack arrives.
 */
type Command =
  | { type: 'sub' | 'unsub'; topic: string }
  | { type: 'pub'; topic: string; data: unknown; includeSelf?: boolean }
  | { type: 'join' | 'leave'; room: string }
  | { type: 'broadcast'; data: unknown; rooms?: string[]; includeSelf?: boolean }
  | { type: 'state' }

function run(command: Command, connection: Connection): void {
  switch (command.type) {
    case 'sub':
      connection.subscribe(command.topic)
      return void connection.send({ ack: 'sub' })
    case 'unsub':
      connection.unsubscribe(command.topic)
      return void connection.send({ ack: 'unsub' })
    case 'pub': {
      const delivered = connection.publish(command.topic, command.data, command.includeSelf ? { includeSelf: true } : {})
      return void connection.send({ ack: 'pub', delivered })
    }
    case 'join':
      connection.joinRoom(command.room)
      return void connection.send({ ack: 'join' })
    case 'leave':
      connection.leaveRoom(command.room)
      return void connection.send({ ack: 'leave' })
    case 'broadcast': {
      const delivered = connection.broadcast(command.data, {
        ...(command.rooms ? { rooms: command.rooms } : {}),
        includeSelf: command.includeSelf === true,
      })
      return void connection.send({ ack: 'broadcast', delivered })
    }
    case 'state':
      return void connection.send({
        ack: 'state',
        id: connection.id,
        topics: [...connection.topics].sort(),
        rooms: [...connection.rooms].sort(),
      })
  }
}

const pubsubHandler = { onMessage: (message: unknown, connection: Connection) => run(message as Command, connection) }

export const pubsubRoutes = {
  /** The pub/sub protocol above; `?name=` becomes `connection.user.name` (for presence). */
  pubsub: defineRoute({
    kind: 'ws',
    auth: (request) => ({ name: request.query['name'] ?? 'anonymous' }),
    handler: pubsubHandler,
  }),
  /** The same protocol on a second route: its rooms and route-wide broadcasts are separate. */
  pubsubOther: defineRoute({ kind: 'ws', handler: pubsubHandler }),
}
