/**
 * Rooms and route-wide broadcast are topics with reserved names, so one index, one driver and one
 * native fan-out serve both vocabularies:
 *
 * - room `lobby` on route `chat` is the topic `room:chat:lobby`;
 * - everyone connected to route `chat` is the topic `route:chat` (every connection joins it at open).
 *
 * The route key is URI-encoded, so a `:` in a route key cannot make two routes' rooms collide, and
 * room names are scoped per route: `joinRoom('lobby')` on `chat` and on `game` are different rooms.
 */

const ROOM = 'room:'
const ROUTE = 'route:'

/** The topic behind room `room` of route `route`. Use it to publish to a room from outside a handler. */
export function roomTopic(route: string, room: string): string {
  return `${ROOM}${encodeURIComponent(route)}:${room}`
}

/** The topic every connection of route `route` is subscribed to (route-wide broadcast). */
export function routeTopic(route: string): string {
  return `${ROUTE}${encodeURIComponent(route)}`
}

/** The room names of `route` among `topics`. */
export function roomsOf(route: string, topics: Iterable<string>): Set<string> {
  const prefix = roomTopic(route, '')
  const rooms = new Set<string>()
  for (const topic of topics) if (topic.startsWith(prefix)) rooms.add(topic.slice(prefix.length))
  return rooms
}

/** The topics a broadcast targets: the given rooms, or the whole route when `rooms` is absent. */
export function broadcastTopics(route: string, rooms: string | readonly string[] | undefined): string[] {
  if (rooms === undefined) return [routeTopic(route)]
  const list = typeof rooms === 'string' ? [rooms] : rooms
  return [...new Set(list)].map((room) => roomTopic(route, room))
}
