import type { ParamsOf } from '../path.js'
import type { ClientConnection } from './client-connection.js'
import type { ClientRequestHandlers } from './request-handlers.js'
import type { BackoffOptions } from './backoff.js'
import type { HeartbeatOptions } from './heartbeat.js'
import type { RestoreHook } from './restore.js'
import type { QueueOptions } from './send-queue.js'
import type { RefreshTokenSource } from './token-refresh.js'
import type { WebSocketConstructor } from './socket.js'

export type {
  ClientManifest,
  ClientMessageOf,
  ClientRequestsOf,
  ClientRoute,
  RequestsOf,
  RoutePathOf,
  ServerMessageOf,
  TypesOf,
} from './route-carrier.js'
import type { ClientMessageOf, ClientRequestsOf, RequestsOf, RoutePathOf, ServerMessageOf } from './route-carrier.js'

export type { ClientRequestHandlers } from './request-handlers.js'

type QueryValue = string | number | boolean | null | undefined
/** Values for the query string; `undefined` and `null` entries are left out. */
export type QueryInput = { readonly [key: string]: QueryValue }

/** Path parameters typed from the pattern (optional ones optional); every other key goes to the query string. */
export type ParamsAndQuery<R> = (string extends RoutePathOf<R> ? {} : ParamsOf<RoutePathOf<R>>) & QueryInput

/**
 * Where a client connection is in its life: `connecting` to the first open, `open`, `reconnecting`
 * after an unexpected close (during backoff and the next attempt), then `closing` and `closed` once
 * `close()` was called or the server refused a reconnect. Read it as `connection.state`.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed'

/** What `send` did with a message: written to the socket, queued until the socket opens, or dropped. */
export type SendStatus = 'sent' | 'queued' | 'dropped'

/** What `onOpen` receives: whether this open is the first connection or a reconnect. */
export interface OpenInfo {
  /** 0 for the first connection, then 1, 2, … for each successful reconnect. */
  readonly reconnects: number
}

/** What `onClose` receives besides the code and reason: whether the client is about to reconnect. */
export interface CloseInfo {
  /** True when the client will try again (after a backoff delay). */
  readonly willReconnect: boolean
}

/**
 * Messages of a topic a resuming client could not get back: the server's replay buffer no longer held
 * them. Reported to `onResumeGap` so the app can refetch state instead of silently missing updates.
 */
export interface ResumeGap {
  /** The topic (or room) whose messages were lost. */
  readonly topic: string
  /** Last sequence number this client saw (0 when the server's buffer was replaced). */
  readonly after: number
  /** First sequence number the server still had: messages in between were lost. */
  readonly next: number
}

/** Callbacks for one connection. Every one is optional. */
export interface ConnectionHandlers<TServer, TClient = unknown> {
  /**
   * Every open (the first included), before the connection counts as open: re-create what the server
   * forgot (joins, subscriptions) with `context.send`, which goes ahead of the queue. Return a promise
   * to hold the queue until it settles; a throw or rejection drops the socket and reconnects.
   */
  onRestore?: RestoreHook<TClient>
  /** The socket opened (first time and after every reconnect). Sends here go out before the queue flushes. */
  onOpen?: (info: OpenInfo) => void
  /** Runs after a reconnect, before `onOpen` (and after `onRestore`, the place for re-joins). */
  onReconnect?: (info: OpenInfo) => void
  /** Every message from the server, typed from the route (strings on a text route); error frames go to `onError` instead. */
  onMessage?: (message: TServer) => void
  /** Binary frames from the server. */
  onBinary?: (data: ArrayBuffer) => void
  /** Every socket close, with the real code and reason; `info.willReconnect` says what happens next. */
  onClose?: (code: number, reason: string, info: CloseInfo) => void
  /** Transport errors, unparseable frames, and the server's error frames (as WsError, with `code`). */
  onError?: (error: Error) => void
  /** Every change of `connection.state`, with the state it left: drive a connection indicator with it. */
  onStateChange?: (state: ConnectionState, previous: ConnectionState) => void
  /** On resume, the server no longer had some messages for `topic`. Refetch state if it matters. */
  onResumeGap?: (gap: ResumeGap) => void
}

/** Client behaviour; set for every route in `setupBridge` and overridable per connection. */
export interface ClientOptions {
  /** Reconnect with exponential backoff and full jitter; `false` turns it off. */
  readonly reconnect?: false | BackoffOptions
  /** Bounded queue for messages sent while not open. */
  readonly queue?: QueueOptions
  /** Client heartbeat (off by default). */
  readonly heartbeat?: false | HeartbeatOptions
  /** Decides whether a server close leads to a reconnect. Default: not after 1000, 1008, 4401, 4403. */
  readonly shouldReconnect?: (code: number, reason: string) => boolean
  /** Subprotocols to offer (e.g. for token auth). */
  readonly protocols?: string | string[]
  /** Send last seen topic positions when reconnecting, for routes with `resume`. Default true. */
  readonly resume?: boolean
  /**
   * Renews an expiring token on the open socket: when the server announces an expiry, called at 80%
   * of the token's remaining life or 5 s before it ends, whichever is later; the token goes to the
   * route's auth hook as `request.token`. A throw or rejection goes to `onError`, and the server
   * closes with 4401 when the old token runs out.
   */
  readonly refreshToken?: RefreshTokenSource
}

export interface BridgeClientOptions extends ClientOptions {
  /** `/api` (resolved against `location`, http→ws, https→wss), `ws://host/api` or `http://host/api`. */
  readonly baseUrl: string
  /** A WebSocket implementation; default `globalThis.WebSocket`. Pass `ws` on Node 20. */
  readonly WebSocket?: WebSocketConstructor
  /** Query parameters for every connection; a function runs before each (re)connect (fresh tokens). */
  readonly query?: QueryInput | (() => QueryInput)
}

/**
 * The second argument of a route's connect function: the connection's handlers (`onMessage`, `onOpen`,
 * …), its options (reconnect, queue, heartbeat, query) over the defaults `setupBridge` was given, and
 * `requests`: handlers that answer the server's requests.
 */
export type ConnectOptions<TServer, TClient = unknown, TAnswers = {}> = ConnectionHandlers<TServer, TClient> &
  ClientOptions & {
    /** Answers the server's `connection.request(name, data)`: one handler per `clientRequests` entry. */
    readonly requests?: ClientRequestHandlers<TAnswers>
  }

export type { ClientConnection, ReplyStream, StreamNames } from './client-connection.js'

/** `$ws.<route>(paramsAndQuery, handlers)`; the first argument may be left out when no param is required. */
export type RouteConnector<R> =
  {} extends ParamsAndQuery<R>
    ? (params?: ParamsAndQuery<R>, options?: RouteConnectOptions<R>) => ClientConnection<ClientMessageOf<R>, RequestsOf<R>>
    : (params: ParamsAndQuery<R>, options?: RouteConnectOptions<R>) => ClientConnection<ClientMessageOf<R>, RequestsOf<R>>

/** The connect options of route `R`: typed messages, and handlers for its `clientRequests`. */
export type RouteConnectOptions<R> = ConnectOptions<ServerMessageOf<R>, ClientMessageOf<R>, ClientRequestsOf<R>>

/**
 * The typed client `setupBridge` returns (`$ws`): one connect function per route key, typed with that
 * route's params, query, and the messages it sends and receives.
 */
export type BridgeClient<R> = { readonly [K in keyof R & string]: RouteConnector<R[K]> }

export type { ManifestFor, TypeOnlyOptions } from './type-only-options.js'
