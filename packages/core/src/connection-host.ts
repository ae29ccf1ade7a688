import type { WsError } from './errors.js'
import type { Limits } from './limits.js'
import type { RouteMatch } from './router.js'
import type { ConnectionImpl } from './connection.js'

/** What a connection needs from the bridge that owns it. */
export interface ConnectionHost {
  reportError(error: WsError, connection: ConnectionImpl): void
  subscribe(connection: ConnectionImpl, topic: string): void
  unsubscribe(connection: ConnectionImpl, topic: string): void
  publish(topic: string, frame: string | Uint8Array, exclude: ConnectionImpl | undefined): number
  /** Publishes to several topics at once; a member of more than one receives the frame once. */
  publishTopics(topics: readonly string[], frame: string | Uint8Array, exclude: ConnectionImpl | undefined): number
  released(connection: ConnectionImpl): void
  /** Called after onClose has finished (graceful shutdown waits for it). */
  finished?(connection: ConnectionImpl): void
}

export interface ConnectionInit {
  readonly match: RouteMatch
  readonly headers: Readonly<Record<string, string>>
  readonly ip: string
  readonly user: unknown
  readonly context: unknown
  readonly limits: Limits
  readonly validateOutput: boolean
}
