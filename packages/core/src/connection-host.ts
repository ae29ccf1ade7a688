import type { WsError } from './errors.js'
import type { AcceptedUpgrade } from './bridge-types.js'
import type { ConnectionImpl } from './connection.js'

/** What a connection needs from the bridge that owns it. */
export interface ConnectionHost {
  reportError(error: WsError, connection: ConnectionImpl): void
  subscribe(connection: ConnectionImpl, topic: string): void
  unsubscribe(connection: ConnectionImpl, topic: string): void
  publish(topic: string, frame: string | Uint8Array, exclude: ConnectionImpl | undefined): number
  /** Publishes to several topics at once; a member of more than one receives the frame once. */
  publishTopics(topics: readonly string[], frame: string | Uint8Array, exclude: ConnectionImpl | undefined): number
  /** A socket with native pub/sub was handed `bytes` directly (pubsub/native-clearance.ts counts them). */
  nativeQueued(bytes: number): void
  released(connection: ConnectionImpl): void
  /** Called after onClose has finished (graceful shutdown waits for it). */
  finished?(connection: ConnectionImpl): void
}

/** What a connection is built from: the accepted upgrade, plus the resolved output-check setting. */
export interface ConnectionInit extends Pick<AcceptedUpgrade, 'match' | 'headers' | 'ip' | 'user' | 'context' | 'limits'> {
  readonly validateOutput: boolean
}
