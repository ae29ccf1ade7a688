import type { Connection } from './connection-types.js'
import type { WsError } from './errors.js'
import type { Limits, RouteLimits } from './limits.js'
import type { PubSubDriver } from './pubsub/driver.js'
import type { PresenceListener, PresenceMember } from './pubsub/presence.js'
import type { Routes } from './route.js'
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
  /** Called for every error on every connection (after the route's own onError). */
  readonly onError?: (error: WsError, connection: Connection | undefined) => void
  /** Default for routes' `validateOutput`. Default: on unless NODE_ENV is `production`. */
  readonly validateOutput?: boolean
  /** Shares topics with other instances (e.g. `createRedisPubSub()`). Default: this instance only. */
  readonly pubsub?: PubSubDriver
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

export type UpgradeDecision = AcceptedUpgrade | RejectedUpgrade

export interface CloseOptions {
  readonly code?: number
  readonly reason?: string
  /** Milliseconds to wait for clean closes before terminating stragglers. Default: the `closeTimeout` limit (5000). */
  readonly timeout?: number
}

export interface Bridge<R extends Routes = Routes> {
  readonly routes: R
  readonly prefix: string
  /** The largest maxPayloadLength of any route, for runtimes that take one global limit. */
  readonly maxPayloadLength: number
  /** permessage-deflate for the runtime: enabled when the bridge or any route enables it (negotiation is per server). */
  readonly compression: Required<CompressionOptions>
  /** Finds the route for an upgrade URL, or undefined (the adapter then does not upgrade). */
  match(url: string): RouteMatch | undefined
  /**
   * Runs origin, limit and auth checks for a matched upgrade. Returns the decision itself when the
   * route has no `auth` or `context` hook, else a promise of it, which never rejects.
   */
  authorize(request: UpgradeRequest, match: RouteMatch): UpgradeDecision | Promise<UpgradeDecision>
  /** Wires an accepted socket into core. Call synchronously once the runtime has upgraded. */
  open(accepted: AcceptedUpgrade, transport: Transport): ConnectionEvents
  /**
   * Sends to every subscriber of `topic` (no sender to exclude), here and through the pub/sub
   * driver on every other instance. Encodes once. Returns the number of local deliveries.
   * Rooms and route-wide broadcast are topics too: see `roomTopic` and `routeTopic`.
   */
  publish(topic: string, data: unknown): number
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
