import { defineRoute, tokenAuth, type Connection } from '@wsbridge/core'
import { defaultRooms, JoinRoom, SayText, ServerMessage, Typing } from './protocol.js'
import { verifyDemoToken, type ChatUser } from './users.js'

// The member list of each room is published by src/presence.ts from the bridge's presence
// (every instance's members when Redis is on); the routes only join and leave rooms.
export { publishRoomPresence } from './presence.js'

/**
 * Per-connection state: the rooms the user is in. An array, not a Set: on Cloudflare the context
 * travels in the socket's attachment, which must be structured-clonable and small.
 */
export interface ChatContext {
  rooms: string[]
}

type ChatConnection = Connection<ServerMessage, Readonly<Record<string, string | undefined>>, ChatUser, ChatContext>

// Hoisted: written inline inside defineRoute({...}), TypeScript currently infers `user` as undefined.
const auth = tokenAuth(verifyDemoToken)

function enterRoom(connection: ChatConnection, room: string): void {
  if (!connection.context.rooms.includes(room)) {
    connection.context.rooms = [...connection.context.rooms, room]
    connection.joinRoom(room)
    connection.broadcast({ type: 'member', room, user: connection.user.name, joined: true }, { rooms: room })
  }
  // Confirmed even when already in the room: a page that restores its rooms after a reconnect
  // (or opens a second tab) always hears back.
  connection.send({ type: 'joined', room })
}

function leaveAllRooms(connection: ChatConnection): void {
  for (const room of connection.context.rooms) {
    connection.leaveRoom(room)
    // Clear a pending "is typing…" for the others, and say goodbye.
    connection.broadcast({ type: 'typing', room, user: connection.user.name, isTyping: false }, { rooms: room })
    connection.broadcast({ type: 'member', room, user: connection.user.name, joined: false }, { rooms: room })
  }
  connection.context.rooms = []
}

/** Messages for a room the user has not joined are answered with a notice. */
function inRoom(connection: ChatConnection, room: string): boolean {
  const member = connection.context.rooms.includes(room)
  if (!member) connection.send({ type: 'notice', text: `Join #${room} first` })
  return member
}

/**
 * The chat's one route. `server` names the host serving it (entry point, plus the instance name
 * when several run), and reaches the page in `welcome`.
 */
export function chatRoutes(server: string) {
  return {
    chat: defineRoute({
      kind: 'ws',
      output: ServerMessage,
      // `?token=alice`. A bad token is accepted and closed with 4401 and a reason, so the browser
      // can show why (a plain HTTP 401 reaches a page only as close code 1006).
      auth,
      authFailure: 'close',
      context: (): ChatContext => ({ rooms: [] }),
      messages: {
        join: { schema: JoinRoom, handler: ({ room }, connection) => enterRoom(connection, room) },
        say: {
          schema: SayText,
          handler: ({ room, text }, connection) => {
            if (!inRoom(connection, room)) return
            connection.broadcast(
              { type: 'message', room, from: connection.user.name, text, at: Date.now() },
              { rooms: room, includeSelf: true },
            )
          },
        },
        typing: {
          schema: Typing,
          handler: ({ room, isTyping }, connection) => {
            if (inRoom(connection, room))
              connection.broadcast({ type: 'typing', room, user: connection.user.name, isTyping }, { rooms: room })
          },
        },
      },
      handler: {
        onOpen: (connection) => void connection.send({ type: 'welcome', user: connection.user.name, rooms: [...defaultRooms], server }),
        onClose: (connection) => leaveAllRooms(connection),
      },
    }),
  }
}

/** The routes' type, for the browser client: `setupBridge<ChatRoutes>(…)` bundles no server code. */
export type ChatRoutes = ReturnType<typeof chatRoutes>
