import { createRoute, tokenAuth } from '@wsbridge/core'
import * as v from 'valibot'

/**
 * Seed 002's (BunKit) "Complete Example: Chat Application", as a demo route every host serves.
 * Written with the BunKit-style builder; the `messages`-map twin lives in core's type-checked
 * fixtures (packages/core/test/fixtures/chat-app.ts) and docs/typed-messages.md.
 * Tokens are `user-<anything>` and name the user, so concurrent hosts never share a user.
 */
const wsAuth = tokenAuth(async (token) => (token.startsWith('user-') ? { id: token, email: `${token}@example.com` } : null))

const RoomId = v.pipe(v.string(), v.minLength(1), v.maxLength(50))
const ServerMessage = v.variant('type', [
  v.object({ type: v.literal('room_joined'), roomId: v.string(), userId: v.string(), userEmail: v.string(), timestamp: v.number() }),
  v.object({ type: v.literal('room_left'), roomId: v.string(), userId: v.string(), timestamp: v.number() }),
  v.object({
    type: v.literal('message'),
    roomId: v.string(),
    userId: v.string(),
    userEmail: v.string(),
    message: v.string(),
    timestamp: v.number(),
  }),
  v.object({ type: v.literal('typing'), roomId: v.string(), userId: v.string(), isTyping: v.boolean() }),
  v.object({ type: v.literal('error'), message: v.string() }),
])

const userRooms = new Map<string, Set<string>>()

export const seedChatRoutes = {
  seedChat: createRoute('/seed/chat')
    .output(ServerMessage)
    .auth(wsAuth)
    .options({ validateOutput: true })
    .onOpen((ws) => void userRooms.set(ws.user.id, new Set()))
    .on('join_room', v.object({ roomId: RoomId }), (data, ws) => {
      userRooms.get(ws.user.id)?.add(data.roomId)
      ws.subscribe(`room:${data.roomId}`)
      ws.publish(`room:${data.roomId}`, {
        type: 'room_joined',
        roomId: data.roomId,
        userId: ws.user.id,
        userEmail: ws.user.email,
        timestamp: Date.now(),
      })
    })
    .on('leave_room', v.object({ roomId: RoomId }), (data, ws) => {
      userRooms.get(ws.user.id)?.delete(data.roomId)
      ws.unsubscribe(`room:${data.roomId}`)
      ws.publish(`room:${data.roomId}`, { type: 'room_left', roomId: data.roomId, userId: ws.user.id, timestamp: Date.now() })
    })
    .on('chat_message', v.object({ roomId: RoomId, message: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)) }), (data, ws) => {
      ws.publish(`room:${data.roomId}`, {
        type: 'message',
        roomId: data.roomId,
        userId: ws.user.id,
        userEmail: ws.user.email,
        message: data.message,
        timestamp: Date.now(),
      })
    })
    .on('typing', v.object({ roomId: v.string(), isTyping: v.boolean() }), (data, ws) => {
      ws.publish(`room:${data.roomId}`, { type: 'typing', roomId: data.roomId, userId: ws.user.id, isTyping: data.isTyping })
    })
    .onClose((ws) => {
      for (const roomId of userRooms.get(ws.user.id) ?? []) {
        ws.publish(`room:${roomId}`, { type: 'room_left', roomId, userId: ws.user.id, timestamp: Date.now() })
      }
      userRooms.delete(ws.user.id)
    })
    .build(),
}
