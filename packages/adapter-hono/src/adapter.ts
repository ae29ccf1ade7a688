import type { MiddlewareHandler } from 'hono'
import type { GetConnInfo } from 'hono/conninfo'
import type { UpgradeWebSocket } from 'hono/ws'
import { WsError, type Bridge, type BridgeOptions, type Routes } from '@wsbridge/core'
import { handshakeError, isWebSocketUpgrade, refuseRequestTarget, toBridge, upgradeUrl } from '@wsbridge/core/adapter'
import { UpgradeGuard, wsServerOptions, type UpgradeServer, type WsServerOptions } from '@wsbridge/adapter-node-ws/transport'
import { nodeUpgradeSocket, refuse, requestMethod, requestTarget } from './refusal.js'
import { helperOptions, withProtocol } from './helper-options.js'
import { bunWebSocketOptions, type BunWebSocketFor } from './runtime-options.js'
import { HonoSocketEvents, type AdapterState } from './socket-events.js'
import { bunServerFanOut, remoteAddress } from './transport.js'
import { runtimeUpgradeWebSocket } from './workers-upgrade.js'

export interface HonoWebSocketOptions extends BridgeOptions {
  /**
   * Your runtime's helper: from `hono/bun`, `hono/deno`, `hono/cloudflare-workers`, `@hono/node-ws`'s
   * createNodeWebSocket, or `@hono/node-server` 2. On Cloudflare Workers the adapter upgrades with
   * the same Hono helper API plus the open event `hono/cloudflare-workers` never sends.
   */
  readonly upgradeWebSocket: UpgradeWebSocket<any, any, any>
  /** Your runtime's `getConnInfo` (hono/bun, hono/cloudflare-workers, @hono/node-server/conninfo…) for `connection.ip`. Default: read from `c.env` on Bun, Deno and Node. */
  readonly getConnInfo?: GetConnInfo
}

/**
 * What `createHonoWebSocket` returns: the middleware to mount on a Hono app, the bridge behind it, and
 * the runtime-specific pieces (the `ws` server options on Node, the `websocket` wrapper on Bun) that
 * make the host enforce the bridge's limits.
 */
export interface HonoWebSocket<R extends Routes> {
  /** Mount with `app.use('/api/:route', middleware)` or `app.get('/api/*', middleware)`. */
  readonly middleware: MiddlewareHandler
  /** The core bridge behind the adapter: `publish`, `connections`, presence and graceful `close`. */
  readonly bridge: Bridge<R>
  /** Node: pass to `new WebSocketServer(...)` (node-server 2), or `Object.assign(wss.options, …)` (@hono/node-ws). */
  readonly wsServerOptions: WsServerOptions
  /** Bun: `Bun.serve({ fetch: app.fetch, websocket: bunWebSocket(websocket) })` with hono/bun's `websocket`. */
  bunWebSocket<H extends object>(handler: H): BunWebSocketFor<H>
  /**
   * Node: puts `handshakeTimeout` on every upgrade socket `server` hands out. One nobody has answered
   * by then gets 503 and is closed: Node stops timing upgrade sockets, and @hono/node-server 2
   * ignores an upgrade whose `Upgrade` header is not `websocket` (or was dropped by Node after 2,000
   * raw header entries), which would otherwise stay open forever. It also answers an invalid request
   * target under the prefix with core's 400 before node-server, which sends a bare 400 of its own for
   * a `\` in the path. Returns `server`.
   */
  guardUpgrades<S extends UpgradeServer>(server: S): S
  /** Closes every connection with 1001 and waits (see `bridge.close`). The server stays up. */
  close(): Promise<void>
}

/**
 * wsbridge as Hono middleware. Brings no runtime: pass the `upgradeWebSocket` of the runtime you
 * serve on. Plain requests and upgrades outside the prefix fall through to `next()`; an upgrade
 * under the prefix for no route gets the bridge's 404. Refusals are core's answer on every runtime.
 *
 * @see https://hono.dev/docs/helpers/websocket
 * @example
 * import { upgradeWebSocket, websocket } from 'hono/bun'
 * const ws = createHonoWebSocket(routes, { prefix: '/api', upgradeWebSocket })
 * app.use('/api/:route', ws.middleware)
 * Bun.serve({ fetch: app.fetch, websocket: ws.bunWebSocket(websocket) })
 */
export function createHonoWebSocket<const R extends Routes>(
  routesOrBridge: R | Bridge<R>,
  options: HonoWebSocketOptions,
): HonoWebSocket<R> {
  const { getConnInfo, ...bridgeOptions } = options
  // On Cloudflare Workers, a helper that runs onOpen (hono/cloudflare-workers never does, see workers-upgrade.ts).
  const upgradeWebSocket = runtimeUpgradeWebSocket(options.upgradeWebSocket)
  const bridge = toBridge(routesOrBridge, bridgeOptions)
  // On Bun, pongs reach core only through the handler `bunWebSocket` wraps; until it is in use,
  // transports there get no ping, and Bun's own idle timer and pings keep watch instead.
  const state: AdapterState = { bridge, bunPongsHooked: false }

  const guard = new UpgradeGuard(bridge)

  const middleware: MiddlewareHandler = async (c, next) => {
    // The Request's own Headers: nothing keeps the Request once the socket is open (on Node the
    // helpers' listeners that held it are removed, see adapter-node-ws's transport/helper-listeners.ts),
    // so the sorted copy undici caches on it when they are iterated goes with it.
    const headers = c.req.raw.headers
    // `Upgrade: websocket` with `Connection: upgrade`, as Node decides: anything else is the app's.
    if (!isWebSocketUpgrade(headers)) return next()
    const url = upgradeUrl(c.req.url, c.req.header('host'))
    const ip = getConnInfo ? getConnInfo(c).remote.address : remoteAddress(c)
    // An invalid request target under the prefix (a `\`, a broken `%` escape) is core's 400, before routing.
    const badTarget = refuseRequestTarget(bridge, { url, headers, ip }, requestTarget(c))
    if (badTarget) return refuse(c, badTarget, guard)
    const match = bridge.match(url)
    if (!match) {
      // Under the prefix, an upgrade for no route is the bridge's 404 (reported to onRefused); elsewhere the app's.
      const refused = bridge.notFound({ url, headers, ip })
      return refused ? refuse(c, refused, guard) : next()
    }
    // Before any hook and before the helper: each runtime answers a malformed handshake its own way.
    const malformed = handshakeError(requestMethod(c), headers)
    if (malformed) return refuse(c, bridge.refuse({ url, headers, ip }, malformed, match), guard)
    const decision = await bridge.authorize({ url: match.url.href, headers, ip }, match)
    if (!decision.ok) return refuse(c, decision, guard)
    // On Node the helper upgrades (or ws refuses) in the same step once this returns: no deadline from here.
    const socket = nodeUpgradeSocket(c)
    if (socket) guard.settle(socket)
    // The Node helpers and hono/bun echo the first offered subprotocol (ws's and Bun's default), which
    // is the one core picked in `decision.protocol`; on Deno and Workers `withProtocol` answers it.
    // The helper hands on to `next` only when the runtime did not upgrade (hono/bun: Bun refused a
    // malformed handshake): then it is a refusal like the others, not a request for the app's routes.
    let declined = false
    const response = await upgradeWebSocket(() => HonoSocketEvents.create(state, decision, bunServerFanOut(c)), helperOptions(decision))(
      c,
      async () => void (declined = true),
    )
    if (!declined) return response && withProtocol(response, decision)
    const error = handshakeError(requestMethod(c), headers) ?? new WsError('INVALID_HANDSHAKE')
    return refuse(c, bridge.refuse({ url, headers, ip }, error, match), guard)
  }

  return {
    middleware,
    bridge,
    wsServerOptions: wsServerOptions(bridge),
    bunWebSocket(handler) {
      state.bunPongsHooked = true
      return bunWebSocketOptions(bridge, handler)
    },
    guardUpgrades: (server) => guard.watch(server),
    close: () => bridge.close(),
  }
}
