import type { WsError } from './errors.js'
import type { BridgeInstrumentation } from './instrumentation.js'
import type { AcceptedUpgrade } from './bridge-types.js'
import type { Limits } from './limits.js'
import type { RequestDedupeStore } from './request-dedupe-store.js'
import type { AnyRoute } from './route.js'
import type { GuardPolicy } from './security/guard.js'

/**
 * What a connection needs from the bridge that owns it. `C` is the connection the bridge is told
 * about (core's ConnectionImpl): a type parameter, so this module imports nothing from
 * connection.ts, which is built on it.
 */
export interface ConnectionHost<C> {
  reportError(error: WsError, connection: C): void
  subscribe(connection: C, topic: string): void
  unsubscribe(connection: C, topic: string): void
  publish(topic: string, frame: string | Uint8Array, exclude: C | undefined): number
  /** Publishes to several topics at once; a member of more than one receives the frame once. */
  publishTopics(topics: readonly string[], frame: string | Uint8Array, exclude: C | undefined): number
  /** A socket with native pub/sub was handed `bytes` directly (pubsub/native-clearance.ts counts them). */
  nativeQueued(bytes: number): void
  /** A connection with native pub/sub left OPEN: native fan-out stops counting it (pubsub/native-fanout.ts). */
  closing(connection: C): void
  released(connection: C): void
  /** A token refresh frame on a route with auth (security/token-lifetimes.ts). */
  refreshAuth?(connection: C, text: string): void
  /** Called after onClose has finished (graceful shutdown waits for it). */
  finished?(connection: C): void
  /** The bridge's observer, hook failures already caught (instrumentation-guard.ts). */
  readonly instrumentation?: BridgeInstrumentation | undefined
  /** Where resent requests are deduplicated (request-dedupe-flow.ts); undefined: this instance's memory. */
  readonly requestDedupe?: RequestDedupeStore | undefined
}

/**
 * Everything connections of one route on one bridge share: built once per route (per limits
 * object), so a connection holds one reference instead of six fields (idle memory per connection).
 */
export interface ConnectionSite<C> {
  /** The route's key in the routes object. */
  readonly name: string
  /** The route's broadcast topic (every connection joins it at open), built once. */
  readonly topic: string
  readonly route: AnyRoute
  readonly limits: Limits
  /** Sends are checked: against `output` (the resolved validateOutput setting, and a schema exists), or as a text route's strings. */
  readonly validateOutput: boolean
  /** The route reads and writes raw text frames (`format: 'text'`, text-route.ts). */
  readonly text: boolean
  readonly policy: GuardPolicy
  readonly host: ConnectionHost<C>
  /** `host.instrumentation`, one load closer: every message and send checks it. */
  readonly instrumentation: BridgeInstrumentation | undefined
}

/** What a connection is built from: the accepted upgrade's per-connection fields. */
export type ConnectionInit = Pick<AcceptedUpgrade, 'match' | 'headers' | 'ip' | 'user' | 'context'> & {
  /** The id a restored connection keeps (bridge.restore); new connections get a random one on first read. */
  readonly id?: string
}
