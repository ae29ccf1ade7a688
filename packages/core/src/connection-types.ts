import type { AnyRequests, RequestInputOf, RequestOptions, RequestReplyOf } from './requests-types.js'

/** `readyState` values, as in the browser's WebSocket. */
export const ReadyState = {
  /** The handshake has not finished: nothing can be sent yet. */
  CONNECTING: 0,
  /** Open: frames flow both ways. */
  OPEN: 1,
  /** A close frame was sent or received; the closing handshake is under way. */
  CLOSING: 2,
  /** Closed: `send` drops frames and `onClose` has run or is about to. */
  CLOSED: 3,
} as const
export type ReadyState = (typeof ReadyState)[keyof typeof ReadyState]

/**
 * What `send` did: `'sent'` handed to the runtime, `'backpressure'` queued beyond the limit
 * (and the route's policy applied), `'dropped'` not sent because of the backpressure policy,
 * `'closed'` not sent because the connection is closing or closed.
 */
export type SendResult = 'sent' | 'backpressure' | 'dropped' | 'closed'

/** Options of `connection.publish` (and the base of `broadcast`'s). */
export interface PublishOptions {
  /** Deliver to the sender too, when it is subscribed. Default false. */
  readonly includeSelf?: boolean
}

/**
 * Options of `connection.broadcast`: whether the sender gets it too, and which rooms of the route to reach.
 */
export interface BroadcastOptions extends PublishOptions {
  /** Rooms of this route to send to (a connection in several receives it once). Default: everyone on the route. */
  readonly rooms?: string | readonly string[]
}

/**
 * The connection every handler receives, identical on every runtime. At runtime it has exactly
 * these members: core's own machinery (its queue, guard and socket events) is not reachable from it.
 * `TSend` is what `send` and `publish` accept (the route's `output` input type).
 */
export interface Connection<
  TSend = unknown,
  TParams = Record<string, string | undefined>,
  TUser = unknown,
  TContext = Record<string, unknown>,
  TRequests = AnyRequests,
> {
  /** Unique, unguessable id (a random UUID). */
  readonly id: string
  /** Client IP address as the runtime reports it (no proxy headers are trusted). */
  readonly ip: string
  /** Upgrade request headers, lower-cased names. */
  readonly headers: Readonly<Record<string, string>>
  /** The full upgrade URL. */
  readonly url: URL
  /** The route's key in the routes object. */
  readonly route: string
  /** Path parameters, typed from the route's path (`/rooms/:roomId` → `{ roomId: string }`). */
  readonly params: TParams
  /** Query string of the upgrade URL, one value per key (the last one wins). */
  readonly query: Readonly<Record<string, string>>
  /** What the route's `auth` hook returned for this connection (`undefined` without one). */
  readonly user: TUser
  /** Shared per-connection state, filled at upgrade by the route's `context` hook. */
  context: TContext
  /** The socket's state, as `ReadyState` values; `send` only delivers while it is `OPEN`. */
  readonly readyState: ReadyState
  /** Bytes queued by the runtime but not yet sent: the measure for backpressure. */
  readonly bufferedAmount: number
  /** Topics this connection is subscribed to. */
  readonly topics: ReadonlySet<string>
  /** Values are sent as JSON (a string is JSON-stringified); Uint8Array/ArrayBuffer as binary frames. */
  send(data: TSend | Uint8Array | ArrayBuffer): SendResult
  /** Closes with a valid RFC 6455 code (default 1000). Throws a WsError for an invalid code. */
  close(code?: number, reason?: string): void
  /** Drops the socket without a closing handshake. `onClose` still runs with 1006. */
  terminate(): void
  /** Sends a WebSocket ping now (the heartbeat does this on its own schedule); no-op when closed or when the runtime cannot ping. */
  ping(): void
  /** Receives what is published to `topic` from now on, on this instance and (with a pub/sub driver) every other. */
  subscribe(topic: string): void
  /** Stops receiving `topic`. Closing unsubscribes from everything, so this is only for leaving early. */
  unsubscribe(topic: string): void
  /** Sends to every subscriber of `topic` except this connection (unless `includeSelf`). Returns local deliveries. */
  publish(topic: string, data: TSend | Uint8Array | ArrayBuffer, options?: PublishOptions): number
  /** Rooms of this route the connection is in (room `r` is the topic `room:<route>:r`). */
  readonly rooms: ReadonlySet<string>
  /** Joins a room of this route (subscribes to its topic). */
  joinRoom(room: string): void
  /** Leaves a room of this route (unsubscribes from its topic); presence listeners see the leave. */
  leaveRoom(room: string): void
  /** Sends to the given rooms of this route, or to everyone on the route; the sender is excluded unless `includeSelf`. */
  broadcast(data: TSend | Uint8Array | ArrayBuffer, options?: BroadcastOptions): number
  /**
   * The runtime's own socket (ws's WebSocket, Bun's ServerWebSocket, …), an escape hatch for what
   * wsbridge does not wrap. What you do with it is outside wsbridge's guarantees.
   */
  readonly raw: unknown
  /**
   * Asks the client (a handler its `clientRequests` declares) and resolves with its validated reply.
   * Rejects with a WsError: REQUEST_TIMEOUT, REQUEST_CANCELLED, CONNECTION_CLOSED, or the client's error.
   */
  request<K extends keyof TRequests & string>(
    name: K,
    data: RequestInputOf<TRequests[K]>,
    options?: RequestOptions,
  ): Promise<RequestReplyOf<TRequests[K]>>
  /** The id. */
  toString(): string
}
