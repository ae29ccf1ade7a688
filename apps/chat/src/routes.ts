import { defineRoute, tokenAuth, type Connection } from '@wsbridge/core'
import { defaultRooms, JoinRoom, SayText, ServerMessage, Typing } from './protocol.js'
import { verifyDemoToken, type ChatUser } from './users.js'

// The member list of each room is published by src/presence.ts from the bridge's presence
// (every instance's members when Redis is on); the routes only join and leave rooms.
export { publishRoomPresence } from './presence.js'

/** Per-connection state: the room the user is in (one at a time, like a chat client's tab). */
export interface ChatContext {
  room: string | undefined
}

type ChatConnection = Connection<ServerMessage, Readonly<Record<string, string | undefined>>, ChatUser, ChatContext>

// Hoisted: written inline inside defineRoute({...}), TypeScript currently infers `user` as undefined.
const auth = tokenAuth(verifyDemoToken)

function leaveCurrentRoom(connection: ChatConnection): void {
  const room = connection.context.room
  if (room === undefined) return
  connection.context.room = undefined
  connection.leaveRoom(room)
  // Clear a pending "is typing…" for the others.
  connection.broadcast({ type: 'typing', room, user: connection.user.name, isTyping: false }, { rooms: room })
}

function enterRoom(connection: ChatConnection, room: string): void {
  if (connection.context.room === room) return
  leaveCurrentRoom(connection)
  connection.context.room = room
  connection.joinRoom(room)
  connection.send({ type: 'joined', room })
}

/** Messages that need a room are answered with a notice until the user has joined one. */
function currentRoom(connection: ChatConnection): string | undefined {
  const room = connection.context.room
  if (room === undefined) connection.send({ type: 'notice', text: 'Join a room first' })
  return room
}

export const routes = {
  chat: defineRoute({
    kind: 'ws',
    output: ServerMessage,
    // `?token=alice`. A bad token is accepted and closed with 4401 and a reason, so the browser
    // can show why (a plain HTTP 401 reaches a page only as close code 1006).
    auth,
    authFailure: 'close',
    context: (): ChatContext => ({ room: undefined }),
    messages: {
      join: { schema: JoinRoom, handler: ({ room }, connection) => enterRoom(connection, room) },
      say: {
        schema: SayText,
        handler: ({ text }, connection) => {
          const room = currentRoom(connection)
          if (room === undefined) return
          connection.broadcast(
            { type: 'message', room, from: connection.user.name, text, at: Date.now() },
            { rooms: room, includeSelf: true },
          )
        },
      },
      typing: {
        schema: Typing,
        handler: ({ isTyping }, connection) => {
          const room = currentRoom(connection)
          if (room !== undefined) connection.broadcast({ type: 'typing', room, user: connection.user.name, isTyping }, { rooms: room })
        },
      },
    },
    handler: {
      onOpen: (connection) => void connection.send({ type: 'welcome', user: connection.user.name, rooms: [...defaultRooms] }),
      onClose: (connection) => leaveCurrentRoom(connection),
    },
  }),
}
