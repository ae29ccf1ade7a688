import { WsError, type Bridge, type BridgeOptions, type Routes, type UpgradeRequest } from '@wsbridge/core'
import {
  handshakeError,
  isWebSocketUpgrade,
  refusalResponse,
  refuseRequestTarget,
  toBridge,
  type RouteMatch,
  type UpgradeDecision,
} from '@wsbridge/core/adapter'
import { detachedHeaders } from './detached-headers.js'
import { denoUpgradeWebSocket, type DenoServeInfo } from './transport/deno-types.js'
import { denoIdleTimeout } from './transport/heartbeat.js'
import { wireDenoSocket } from './transport/socket-events.js'

/** The path and query of `url` as written: what follows its origin. */
function requestTarget(url: string): string {
  const path = url.indexOf('/', url.indexOf('//') + 2)
  return path === -1 ? '/' : url.slice(path)
}

export interface DenoWebSocketOptions extends BridgeOptions {
  /**
   * Answers every plain HTTP request, and upgrades outside the prefix. Default: 404. An upgrade under
   * the prefix is always the bridge's: a path with no route gets its 404, as on every other host.
   */
  readonly fallback?: (request: Request, info: DenoServeInfo) => Response | Promise<Response>
}

/**
 * What `createDenoWebSocket` returns: the `fetch` handler for `Deno.serve`, the bridge behind it (to
 * publish or read presence from outside a route), and `close` for shutdown.
 */
export interface DenoWebSocket<R extends Routes> {
  /** Pass to `Deno.serve`, or call from your own handler. A promise only for the fallback or routes with auth or context hooks. */
  fetch(request: Request, info: DenoServeInfo): Response | Promise<Response>
  /** The core bridge behind the adapter: `publish`, `connections`, presence and graceful `close`. */
  readonly bridge: Bridge<R>
  /** Closes every connection with 1001 and waits (see `bridge.close`). The Deno server stays up. */
  close(): Promise<void>
}

/**
 * wsbridge on `Deno.serve`: a handler that upgrades the bridge's routes with
 * `Deno.upgradeWebSocket` and hands every other request to `fallback`.
 *
 * @see https://docs.deno.com/api/deno/~/Deno.upgradeWebSocket
 * @example
 * const { fetch } = createDenoWebSocket(routes, { prefix: '/api' })
 * Deno.serve({ port: 3000 }, fetch)
 */
export function createDenoWebSocket<const R extends Routes>(
  routesOrBridge: R | Bridge<R>,
  options: DenoWebSocketOptions = {},
): DenoWebSocket<R> {
  const { fallback, ...bridgeOptions } = options
  const bridge = toBridge(routesOrBridge, bridgeOptions)
  const notFound = (request: Request, info: DenoServeInfo) =>
    fallback ? fallback(request, info) : new Response('Not Found', { status: 404 })

  /** Core's decision as Deno's answer: the upgrade's 101, or the refusal's status. */
  function upgrade(request: Request, upgradeRequest: UpgradeRequest, match: RouteMatch, decision: UpgradeDecision): Response {
    if (!decision.ok) return refusalResponse(decision)
    try {
      const { socket, response } = denoUpgradeWebSocket()(request, { idleTimeout: denoIdleTimeout(decision) })
      // Set here rather than through Deno's `protocol` option, which splits the client's offer on
      // ", " only and throws for "a,b" (how the ws client and others send it).
      if (decision.protocol) response.headers.set('Sec-WebSocket-Protocol', decision.protocol)
      wireDenoSocket(socket, decision, bridge)
      return response
    } catch (cause) {
      // The handshake was checked above: a throw here is the adapter's or Deno's own failure.
      const error = new WsError('INTERNAL', '[@wsbridge/adapter-deno] upgrade failed', { cause, expose: false })
      return refusalResponse(bridge.refuse(upgradeRequest, error, match))
    }
  }

  function fetch(request: Request, info: DenoServeInfo): Response | Promise<Response> {
    // `Upgrade: websocket` with `Connection: upgrade`: anything else is plain HTTP, the fallback's.
    if (!isWebSocketUpgrade(request.headers)) return notFound(request, info)
    // Read now: Deno refuses `remoteAddr` once the request is upgraded.
    const ip = info.remoteAddr.hostname
    const upgradeRequest: UpgradeRequest = { url: request.url, headers: request.headers, ip }
    // Deno's `request.url` is the origin followed by the request target as the client sent it (a `\`
    // stays a `\`, non-ASCII is not escaped): an invalid target is core's 400 before routing.
    const badTarget = refuseRequestTarget(bridge, upgradeRequest, requestTarget(request.url))
    if (badTarget) return refusalResponse(badTarget)
    const match = bridge.match(request.url)
    if (!match) {
      // Under the prefix, an upgrade for no route is the bridge's 404 (reported to onRefused); elsewhere the fallback's.
      const refused = bridge.notFound(upgradeRequest)
      return refused ? refusalResponse(refused) : notFound(request, info)
    }
    // Before any hook, so a malformed handshake gets core's words, not Deno's TypeError.
    const malformed = handshakeError(request.method, request.headers)
    if (malformed) return refusalResponse(bridge.refuse(upgradeRequest, malformed, match))
    const decision = bridge.authorize({ url: match.url.href, headers: detachedHeaders(request), ip }, match)
    return decision instanceof Promise
      ? decision.then((settled) => upgrade(request, upgradeRequest, match, settled))
      : upgrade(request, upgradeRequest, match, decision)
  }

  return { fetch, bridge, close: () => bridge.close() }
}
