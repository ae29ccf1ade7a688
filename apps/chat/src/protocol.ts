import * as v from 'valibot'

/**
 * The chat's wire protocol, shared by the server routes and the browser script. Client messages
 * are dispatched by their `type` to the per-type handlers in routes.ts; the schemas below describe
 * the rest of each message (valibot's `object` drops the `type` key from the parsed output).
 */

export const RoomName = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[a-z0-9-]{1,32}$/, 'Room names are 1-32 lowercase letters, digits or dashes'),
)

/** A connection can be in several rooms at once: the page shows one and counts unread messages in the others. */
export const JoinRoom = v.object({ room: RoomName })
export const SayText = v.object({ room: RoomName, text: v.pipe(v.string(), v.trim(), v.minLength(1, 'Say something'), v.maxLength(1000)) })
export const Typing = v.object({ room: RoomName, isTyping: v.boolean() })

/** Everything the server sends. One discriminated union, so the client narrows on `type`. */
export const ServerMessage = v.variant('type', [
  // `server`: which host serves this connection (entry point, and instance name when set).
  v.object({ type: v.literal('welcome'), user: v.string(), rooms: v.array(v.string()), server: v.string() }),
  v.object({ type: v.literal('joined'), room: v.string() }),
  v.object({ type: v.literal('message'), room: v.string(), from: v.string(), text: v.string(), at: v.number() }),
  v.object({ type: v.literal('typing'), room: v.string(), user: v.string(), isTyping: v.boolean() }),
  v.object({ type: v.literal('presence'), room: v.string(), users: v.array(v.string()) }),
  // Someone else entered or left a room you are in ("Bob joined" / "Bob left").
  v.object({ type: v.literal('member'), room: v.string(), user: v.string(), joined: v.boolean() }),
  v.object({ type: v.literal('notice'), text: v.string() }),
])

export type ServerMessage = v.InferOutput<typeof ServerMessage>

/** Rooms offered on the welcome screen; any valid room name can be joined. */
export const defaultRooms = ['general', 'random', 'help'] as const
