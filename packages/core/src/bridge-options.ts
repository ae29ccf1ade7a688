import type { Connection } from './connection-types.js'
import type { WsError } from './errors.js'
import type { RouteLimits } from './limits.js'
import type { WsLogger } from './logging/logger.js'
import type { BridgeInstrumentation } from './instrumentation.js'
import type { DurableOptions } from './history/durable-options.js'
import type { PubSubDriver } from './pubsub/driver.js'
import type { RequestDedupeStore } from './request-dedupe-store.js'
import type { WsRefusal } from './refusal.js'
import type { UserKey } from './user-index.js'

/** Options of `createBridge` (and every adapter factory). */
export interface BridgeOptions extends RouteLimits {
  /** Mount point for every route, e.g. `/api`. */
  readonly prefix?: string
  /** Bridge-wide limits; a route's own `limits` win. Top-level limit names are accepted too. */
  readonly limits?: RouteLimits
  /**
   * Called for every error on every connection (after the route's own onError), and for failures
   * outside one (a pub/sub backend, an auth or context hook that threw). Every call, unbounded:
   * the logger is what is bounded.
   */
  readonly onError?: (error: WsError, connection: Connection | undefined) => void
  /**
   * Called once for every upgrade refused, on every adapter: 401/403 from auth, 403 origin, 404 no
   * route, 400 malformed handshake, 503 connection caps or shutdown, 500 a hook threw, and the
   * closes of `authFailure: 'close'` (see WsRefusal). Never throws into the adapter.
   */
  readonly onRefused?: (refusal: WsRefusal) => void
  /**
   * Where wsbridge writes its log lines: `console` (the default), a pino/winston-style object
   * (`{ error, warn, debug? }`), or `false` for none. Client-caused errors are one line without a
   * stack, first occurrence per connection and code; lines are capped by `logLimit` (docs/errors.md#logging).
   */
  readonly logger?: WsLogger | false
  /** Most log lines written per second; past it lines are counted and summarised once. 0: no cap. Default 20. */
  readonly logLimit?: number
  /** Default for routes' `validateOutput`. Default: on unless NODE_ENV is `production`. */
  readonly validateOutput?: boolean
  /** Shares topics with other instances (e.g. `createRedisPubSub()`). Default: this instance only. */
  readonly pubsub?: PubSubDriver
  /**
   * Where requests resent after a reconnect are recognised, so their handler runs at most once and
   * the reply is replayed (docs/requests.md#reconnects-sent-once-run-at-most-once). Default: this
   * instance's memory (`createMemoryRequestDedupe()`); `createRedisRequestDedupe()` from
   * `@wsbridge/history-redis` makes it cluster-wide. Closed by `bridge.close()`.
   */
  readonly requestDedupe?: RequestDedupeStore
  /** Durable topics: logged in a shared history so resume works across instances (docs/scaling.md#durable-topics). */
  readonly durable?: DurableOptions
  /**
   * Observes connections, traffic, handler time, errors, drops, pub/sub and driver health
   * (`createOtelInstrumentation()` from `@wsbridge/otel`, or your own). Default: none, at no cost.
   */
  readonly instrumentation?: BridgeInstrumentation
  /**
   * Default `retryWithin` of `close()`: on shutdown, ask clients to come back within this many ms
   * (close 1012 `retry within <ms> ms`; the typed client picks a random moment inside it). Unset: 1001.
   */
  readonly retryWithin?: number
  /**
   * Which user a connection belongs to, for `bridge.sendToUser` and `bridge.disconnectUser`: maps
   * `connection.user` to a string key. Default: a string or number user itself, else its `id`.
   * Connections whose key is undefined are never targeted.
   */
  readonly userKey?: UserKey
}
