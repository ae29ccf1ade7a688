import type { Server, ServerWebSocket, WebSocketHandler } from 'bun'
import { WsError, type Bridge, type BridgeOptions, type Routes } from '@wsbridge/core'
import {
  handshakeError,
  isWebSocketUpgrade,
  refusalResponse,
  refuseRequestTarget,
  toBridge,
  type AcceptedUpgrade,
  type ConnectionEvents,
  type UpgradeDecision,
} from '@wsbridge/core/adapter'
import { BunPingTransport, bunClosed, bunNativePubSub, bunSocketOptions, type BunNativePubSub } from './transport/index.js'

/** What the adapter keeps on each Bun socket (`ws.data`). */
export interface BunSocketData {
  /** The upgrade core accepted; dropped in `open` so its parsed URL and match are not kept for the connection's life. */
  accepted: AcceptedUpgrade | undefined
  /** Set synchronously in `open`; Bun calls no other handler before `open` returns. */
  events?: ConnectionEvents
}

/**
 * The Bun server `fetch` receives, typed with the data the adapter keeps on each socket; the type a
 * `fallback` gets as its second argument.
 */
export type BunServer = Server<BunSocketData>

export interface BunWebSocketOptions extends BridgeOptions {
  /**
   * Answers every plain HTTP request, and upgrades outside the prefix. Default: 404. An upgrade under
   * the prefix is always the bridge's: a path with no route gets its 404, as on every other host.
   */
  readonly fallback?: (request: Request, server: BunServer) => Response | Promise<Response>
}

/**
 * What `createBunWebSocket` returns: the `fetch` and `websocket` halves to pass to `Bun.serve`, the
 * bridge behind them (to publish or read presence from outside a route), and `close` for shutdown.
 */
export interface BunWebSocket<R extends Routes> {
  /** Pass to `Bun.serve({ fetch })`. A promise only for the fallback or routes with auth or context hooks. */
  fetch(request: Request, server: BunServer): Response | undefined | Promise<Response | undefined>
  /** Pass to `Bun.serve({ websocket })`. */
  readonly websocket: WebSocketHandler<BunSocketData>
  /** The core bridge behind the adapter: `publish`, `connections`, presence and graceful `close`. */
  readonly bridge: Bridge<R>
  /** Closes every connection with 1001 and waits (see `bridge.close`). The Bun server stays up. */
  close(): Promise<void>
}

/** Answers an upgrade request with core's decision: Bun's upgrade, or the refusal's status. */
function upgrade(
  request: Request,
  server: BunServer,
  decision: UpgradeDecision,
  bridge: Bridge,
  ip: string | undefined,
): Response | undefined {
  if (!decision.ok) return refusalResponse(decision)
  const headers = decision.protocol ? { 'Sec-WebSocket-Protocol': decision.protocol } : undefined
  const data = new BunSocket(decision, bunNativePubSub(server))
  if (server.upgrade(request, headers ? { data, headers } : { data })) return undefined
  // Bun refused the handshake itself (no or a bad Sec-WebSocket-Key, wrong version): reported like every other refusal.
  const error = handshakeError(request.method, request.headers) ?? new WsError('INVALID_HANDSHAKE')
  return refusalResponse(bridge.refuse({ url: request.url, headers: request.headers, ip }, error, decision.match))
}

/**
 * A Bun socket's `ws.data` and, once it is open, core's view of the socket (BunPingTransport: send,
 * close, terminate, ping, bufferedAmount, and its server's native pub/sub). One object per
 * connection serves all three roles, and it is a class, not objects of closures.
 */
class BunSocket extends BunPingTransport<ServerWebSocket<BunSocketData>> implements BunSocketData {
  accepted: AcceptedUpgrade | undefined
  events?: ConnectionEvents
  // The upgrade creates this object before Bun has created the socket: `opened` hands it over.
  constructor(accepted: AcceptedUpgrade, pubsub: BunNativePubSub) {
    super(undefined, pubsub)
    this.accepted = accepted
  }
  /** Called once from Bun's `open` handler: hands the socket to core. */
  opened(ws: ServerWebSocket<BunSocketData>, bridge: Bridge): void {
    this.setSocket(ws)
    const accepted = this.accepted!
    // Dropped so its parsed URL and match are not kept for the connection's life.
    this.accepted = undefined
    this.events = bridge.open(accepted, this)
  }
}

/**
 * wsbridge on `Bun.serve`. Returns the `fetch` and `websocket` handlers Bun expects.
 *
 * Topic fan-out uses Bun's native pub/sub (`ws.subscribe`, `server.publish`) through core's
 * `NativePubSub` capability; core keeps the topic index, so includeSelf, `bridge.publish`, `topics`
 * and `subscriberCount` behave exactly as on every other adapter (docs/pubsub.md).
 *
 * @see https://bun.sh/docs/api/websockets
 * @example
 * const { fetch, websocket } = createBunWebSocket(routes, { prefix: '/api' })
 * Bun.serve({ port: 3000, fetch, websocket })
 */
export function createBunWebSocket<const R extends Routes>(
  routesOrBridge: R | Bridge<R>,
  options: BunWebSocketOptions = {},
): BunWebSocket<R> {
  const { fallback, ...bridgeOptions } = options
  const bridge = toBridge(routesOrBridge, bridgeOptions)
  const notFound = (request: Request, server: BunServer) =>
    fallback ? fallback(request, server) : new Response('Not Found', { status: 404 })

  function fetch(request: Request, server: BunServer): Response | undefined | Promise<Response | undefined> {
    // `Upgrade: websocket` with `Connection: upgrade`, as Node decides (Bun would upgrade without the
    // latter): anything else is plain HTTP, the fallback's.
    if (!isWebSocketUpgrade(request.headers)) return notFound(request, server)
    const ip = server.requestIP(request)?.address
    // A broken `%` escape or a `\` in the query is core's 400 before routing. Bun hands over only the
    // URL it parsed: a `\` in the path is already `/` here, non-ASCII bytes percent-encoded.
    const badTarget = refuseRequestTarget(bridge, { url: request.url, headers: request.headers, ip }, request.url)
    if (badTarget) return refusalResponse(badTarget)
    const match = bridge.match(request.url)
    if (!match) {
      // Under the prefix, an upgrade for no route is the bridge's 404 (reported to onRefused); elsewhere the fallback's.
      const refused = bridge.notFound({ url: request.url, headers: request.headers, ip })
      return refused ? refusalResponse(refused) : notFound(request, server)
    }
    // Before any hook: Bun answers a bad key or method itself, in its own words ("WebSocket upgrade failed").
    const malformed = handshakeError(request.method, request.headers)
    if (malformed) return refusalResponse(bridge.refuse({ url: request.url, headers: request.headers, ip }, malformed, match))
    const decision = bridge.authorize({ url: match.url.href, headers: request.headers, ip }, match)
    // Without auth or context hooks the decision is synchronous, and so is the upgrade: a `fetch`
    // that returns a promise costs Bun ~10 µs more per handshake (docs/benchmarks.md, finding 14).
    return decision instanceof Promise
      ? decision.then((settled) => upgrade(request, server, settled, bridge, ip))
      : upgrade(request, server, decision, bridge, ip)
  }

  const websocket: WebSocketHandler<BunSocketData> = {
    // Core owns payload size per route, idle timeout, heartbeat and backpressure: Bun's are off.
    ...bunSocketOptions(bridge),
    open(ws) {
      ws.binaryType = 'uint8array'
      ;(ws.data as BunSocket).opened(ws, bridge)
    },
    message(ws, message) {
      // Bun hands binary frames over as the socket's `binaryType`; `open` sets `uint8array`.
      if (typeof message === 'string') ws.data.events?.message(message, false)
      else ws.data.events?.message(message instanceof Uint8Array ? message : new Uint8Array(message), true)
    },
    close(ws, code, reason) {
      // Also reports Bun's own close of an oversized frame (1006) as PAYLOAD_TOO_LARGE.
      bunClosed(ws.data.events, code, reason)
    },
    drain(ws) {
      ws.data.events?.drain()
    },
    pong(ws) {
      ws.data.events?.pong()
    },
  }

  return { fetch, websocket, bridge, close: () => bridge.close() }
}
