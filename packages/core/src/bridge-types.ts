import type { Connection } from './connection-types.js'
import type { ConnectionSnapshot } from './connection-snapshot.js'
import type { WsError } from './errors.js'
import type { Limits } from './limits.js'
import type { PresenceListener, PresenceMember } from './pubsub/presence.js'
import type { Routes } from './route.js'
import type { RouteFormat } from './text-route.js'
import type { RouteMatch } from './router.js'
import type { CompressionOptions } from './security/options.js'
import type { ConnectionEvents, Transport } from './transport.js'
import type { UpgradeRequest } from './upgrade.js'

/** The bridge's public contract: what adapters drive and what applications call. */

export type { BridgeOptions } from './bridge-options.js'

/** An upgrade core has accepted; the adapter performs the runtime upgrade and then calls `open`. */
export interface AcceptedUpgrade {
  /** Always `true`: tells an accepted upgrade from a rejected one. */
  readonly ok: true
  /** The route the URL matched, with its params and query. */
  readonly match: RouteMatch
  /** The upgrade request's headers, lower-cased names; the connection's `headers`. */
  readonly headers: Readonly<Record<string, string>>
  /** The client's address as the adapter reported it; the connection's `ip`. */
  readonly ip: string
  /** What the route's auth hook returned (undefined without auth); the connection's `user`. */
  readonly user: unknown
  /** What the route's context hook built; the connection's `context`. */
  readonly context: unknown
  /** The limits that apply to this connection (payload, rate, backpressure, heartbeat). */
  readonly limits: Limits
  /** The subprotocol to echo in the handshake response, when the client offered some. */
  readonly protocol: string | undefined
  /** When the auth hook said the credential expires (epoch ms): the connection is closed with 4401 then. */
  readonly expiresAt?: number | undefined
  /** Auth failed on a route with `authFailure: 'close'`: `open` closes with this code and reason, runs no handler. */
  readonly refusal?: {
    /** The close code (4401 or 4403). */
    readonly code: number
    /** The close reason the client reads. */
    readonly reason: string
  }
}

/** An upgrade core refused: the adapter answers with this HTTP status and body, and no socket. */
export interface RejectedUpgrade {
  /** Always `false`: tells a rejected upgrade from an accepted one. */
  readonly ok: false
  /** The HTTP status to answer with (from the error's code, e.g. 401, 403, 404). */
  readonly status: number
  /** The response body: the error's message when exposed, else the table's. */
  readonly message: string
  /** Why: the error reported to `onRefused` and the log. */
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

/** Options of `bridge.disconnectUser`: the close every connection of the user gets. */
export interface DisconnectUserOptions {
  /** Default 4403; the typed client does not reconnect after 4401, 4403, 1008 or 1000. */
  readonly code?: number
  /** Default `Disconnected by the server`; trimmed to 123 bytes. */
  readonly reason?: string
}

/**
 * Options of `bridge.close()` (graceful shutdown): the close code and reason sent to every
 * connection (default 1001, going away) and how long to wait for clean closes.
 */
export interface CloseOptions {
  /** Close code sent to every connection; default 1001 (going away). */
  readonly code?: number
  /** Close reason sent with it, trimmed to 123 bytes; default `'Server is shutting down'`. */
  readonly reason?: string
  /**
   * Calm deploys: close with 1012 (Service Restart) and the reason `retry within <ms> ms`, so typed
   * clients spread their reconnects uniformly over this window instead of all returning at once.
   * Overrides `code` and `reason`. Capped at 600000. Default: the bridge's `retryWithin`, else plain 1001.
   */
  readonly retryWithin?: number
  /** Milliseconds to wait for clean closes before terminating stragglers. Default: the `closeTimeout` limit (5000). */
  readonly timeout?: number
}

/**
 * The runtime-independent server every adapter wraps (`createBridge`): it holds the routes and
 * options, decides upgrades, runs connections, and serves `publish`, presence and graceful `close`
 * from outside a route. Apps reach it as `adapter.bridge`; adapter authors drive it directly.
 */
export interface Bridge<R extends Routes = Routes> {
  /** The route table the bridge was created with, for adapters, tooling and the typed client. */
  readonly routes: R
  /** The path prefix every route is served under (`''` when none). */
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
  /**
   * Sends `data` to every connection of `user` (see `BridgeOptions.userKey`) on every instance:
   * here at once, elsewhere through the pub/sub driver's control channel. Returns local deliveries.
   */
  sendToUser(user: string, data: unknown, options?: BridgePublishOptions): number
  /** Closes every connection of `user` on every instance (default 4403). Returns how many were open here. */
  disconnectUser(user: string, options?: DisconnectUserOptions): number
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
  /** True once `close()` has started: new upgrades are refused with 503. */
  readonly closing: boolean
  /** Stops accepting upgrades, closes every connection with 1001 (1012 with `retryWithin`) and resolves when all are gone. */
  close(options?: CloseOptions): Promise<void>
}
