import type { Connection } from './connection-types.js'
import type { ConnectionSnapshot } from './connection-snapshot.js'
import type { WsError } from './errors.js'
import type { BridgeInstrumentation } from './instrumentation.js'
import type { WsLogger } from './logging/logger.js'
import type { Limits, RouteLimits } from './limits.js'
import type { PubSubDriver } from './pubsub/driver.js'
import type { PresenceListener, PresenceMember } from './pubsub/presence.js'
import type { WsRefusal } from './refusal.js'
import type { Routes } from './route.js'
import type { RouteFormat } from './text-route.js'
import type { RouteMatch } from './router.js'
import type { CompressionOptions } from './security/options.js'
import type { ConnectionEvents, Transport } from './transport.js'
import type { UpgradeRequest } from './upgrade.js'

/** The bridge's public contract: what adapters drive and what applications call. */

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
   * Observes connections, traffic, handler time, errors, drops, pub/sub and driver health
   * (`createOtelInstrumentation()` from `@wsbridge/otel`, or your own). Default: none, at no cost.
   */
  readonly instrumentation?: BridgeInstrumentation
}

/** An upgrade core has accepted; the adapter performs the runtime upgrade and then calls `open`. */
export interface AcceptedUpgrade {
  readonly ok: true
  readonly match: RouteMatch
  readonly headers: Readonly<Record<string, string>>
  readonly ip: string
  readonly user: unknown
  readonly context: unknown
  readonly limits: Limits
  /** The subprotocol to echo in the handshake response, when the client offered some. */
  readonly protocol: string | undefined
  /** Auth failed on a route with `authFailure: 'close'`: `open` closes with this code and reason, runs no handler. */
  readonly refusal?: { readonly code: number; readonly reason: string }
}

/** An upgrade core refused: the adapter answers with this HTTP status and body, and no socket. */
export interface RejectedUpgrade {
  readonly ok: false
  readonly status: number
  readonly message: string
  readonly error: WsError
}

/**
 * Core's answer to an upgrade request (`bridge.authorize`): accepted, with the route, user and
 * context the adapter opens the socket with, or rejected, with the HTTP status and body to answer.
 */
export type UpgradeDecision = AcceptedUpgrade | RejectedUpgrade

/** Options of `bridge.publish`: how `data` is encoded for the subscribers. */
export interface BridgePublishOptions {
  /**
   * `'text'`: `data` is a string that goes out unchanged, as a text route's `send` does (for the
   * subscribers of text routes). Default `'json'`: `data` is JSON-encoded (a string becomes `"…"`).
   */
  readonly format?: RouteFormat
}

/**
 * Options of `bridge.close()` (graceful shutdown): the close code and reason sent to every
 * connection (default 1001, going away) and how long to wait for clean closes.
 */
export interface CloseOptions {
  readonly code?: number
  readonly reason?: string
  /** Milliseconds to wait for clean closes before terminating stragglers. Default: the `closeTimeout` limit (5000). */
  readonly timeout?: number
}

/**
 * The runtime-independent server every adapter wraps (`createBridge`): it holds the routes and
 * options, decides upgrades, runs connections, and serves `publish`, presence and graceful `close`
 * from outside a route. Apps reach it as `adapter.bridge`; adapter authors drive it directly.
 */
export interface Bridge<R extends Routes = Routes> {
  readonly routes: R
  readonly prefix: string
  /** The largest maxPayloadLength of any route, for runtimes that take one global limit. */
  readonly maxPayloadLength: number
  /** The largest maxFragments of the bridge and any route (0: no cap), for runtimes that take one per server (ws). */
  readonly maxFragments: number
  /**
   * The largest handshakeTimeout of the bridge and any route (0: none): the deadline a Node adapter
   * puts on every upgrade socket it is handed before a route is known (adapter-node-ws's
   * `UpgradeGuard`, behind adapter-hono's `guardUpgrades`).
   */
  readonly handshakeTimeout: number
  /** permessage-deflate for the runtime: enabled when the bridge or any route enables it (negotiation is per server). */
  readonly compression: Required<CompressionOptions>
  /** Finds the route for an upgrade URL, or undefined (the adapter then does not upgrade). */
  match(url: string): RouteMatch | undefined
  /**
   * Runs origin, limit and auth checks for a matched upgrade. Returns the decision itself when the
   * route has no `auth` or `context` hook, else a promise of it, which never rejects.
   */
  authorize(request: UpgradeRequest, match: RouteMatch): UpgradeDecision | Promise<UpgradeDecision>
  /**
   * For an upgrade request `match` found no route for. When its path is under the prefix (with no
   * prefix: every path), reports a ROUTE_NOT_FOUND refusal and returns the 404 to answer; else
   * undefined: the request is not this bridge's, hand it on.
   */
  notFound(request: UpgradeRequest): RejectedUpgrade | undefined
  /**
   * Reports a refusal the adapter or runtime made itself (a malformed handshake: INVALID_HANDSHAKE;
   * the adapter's own failure: INTERNAL, answered with the table's message only) and returns the
   * answer to send. `match` when the request had matched a route.
   */
  refuse(request: UpgradeRequest, error: WsError, match?: RouteMatch): RejectedUpgrade
  /** Wires an accepted socket into core. Call synchronously once the runtime has upgraded. */
  open(accepted: AcceptedUpgrade, transport: Transport): ConnectionEvents
  /**
   * Takes over a socket opened by an earlier instance of this bridge (a Durable Object woken from
   * hibernation) from the snapshot the adapter kept (`connectionSnapshot`): same id, user, context,
   * params, query and topics; headers are not kept. Runs no upgrade check and no `onOpen`.
   */
  restore(snapshot: ConnectionSnapshot, transport: Transport): ConnectionEvents
  /**
   * Sends to every subscriber of `topic` (no sender to exclude), here and through the pub/sub
   * driver on every other instance. Encodes once. Returns the number of local deliveries.
   * Rooms and route-wide broadcast are topics too: see `roomTopic` and `routeTopic`.
   */
  publish(topic: string, data: unknown, options?: BridgePublishOptions): number
  /** Local subscribers of `topic`. */
  subscriberCount(topic: string): number
  /** Local subscribers of `topic` as `{ id, user }`: "who is in this room" on this instance. */
  presence(topic: string): PresenceMember[]
  /** Members of `topic` on every instance, when the pub/sub driver shares presence (Redis with `presence: true`); else as `presence`. */
  clusterPresence(topic: string): Promise<PresenceMember[]>
  /** Calls `listener` on every join and leave of any topic; returns the function that removes it. */
  onPresence(listener: PresenceListener): () => void
  /** Open connections (a read-only view). */
  readonly connections: ReadonlySet<Connection>
  /** Number of topics with subscribers (0 once everyone left: a leak check). */
  readonly topicCount: number
  readonly closing: boolean
  /** Stops accepting upgrades, closes every connection with 1001 and resolves when all are gone. */
  close(options?: CloseOptions): Promise<void>
}
