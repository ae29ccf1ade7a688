import type { Bridge, Connection, PresenceMember } from '@wsbridge/core'

/** One open connection as the inspector shows it. */
export interface ConnectionView {
  /** The connection's id (`connection.id`), the target of a send from the page. */
  readonly id: string
  /** The key of the route it opened on. */
  readonly route: string
  /** The user the route's auth returned, made JSON-safe (undefined when the route has no auth). */
  readonly user: unknown
  /** The peer's address as the adapter saw it. */
  readonly ip: string
  /** The upgrade path, without the query string (it may carry a token). */
  readonly path: string
  /** Topics it is subscribed to, in subscription order. */
  readonly topics: readonly string[]
  /** Bytes queued for it and not yet written to the socket (0 where the runtime does not say). */
  readonly bufferedAmount: number
}

/** One topic with subscribers on this instance, and who they are. */
export interface TopicView {
  /** The topic's name. */
  readonly topic: string
  /** Its subscribers on this instance, as `bridge.presence(topic)` lists them (users made JSON-safe). */
  readonly members: readonly PresenceMember[]
}

/** What the inspector page shows at one moment. */
export interface InspectorSnapshot {
  /** Every open connection, the inspector's own left out. */
  readonly connections: readonly ConnectionView[]
  /** Every topic with a subscriber here, sorted by name. */
  readonly topics: readonly TopicView[]
}

/**
 * Reads the bridge's public, read-only surface (`connections`, each connection's `topics` and
 * `bufferedAmount`, `presence`): no hook, nothing kept between calls, so it costs nothing until the
 * page asks. Connections of the inspector's own route (`hidden`) are left out.
 */
export function takeSnapshot(bridge: Bridge, hidden: string): InspectorSnapshot {
  const connections: ConnectionView[] = []
  const topics = new Set<string>()
  for (const connection of bridge.connections) {
    if (connection.route === hidden) continue
    connections.push(viewOf(connection))
    for (const topic of connection.topics) topics.add(topic)
  }
  return {
    connections,
    topics: [...topics].sort().map((topic) => ({ topic, members: bridge.presence(topic).map(plainMember) })),
  }
}

function viewOf(connection: Connection): ConnectionView {
  return {
    id: connection.id,
    route: connection.route,
    user: jsonSafe(connection.user),
    ip: connection.ip,
    path: connection.url.pathname,
    topics: [...connection.topics],
    bufferedAmount: connection.bufferedAmount,
  }
}

const plainMember = (member: PresenceMember): PresenceMember => ({ ...member, user: jsonSafe(member.user) })

/** A value JSON can carry: itself when it serializes, else its string form (cycles, bigints). */
export function jsonSafe(value: unknown): unknown {
  if (value === undefined) return undefined
  try {
    return JSON.parse(JSON.stringify(value)) as unknown
  } catch {
    return String(value)
  }
}
