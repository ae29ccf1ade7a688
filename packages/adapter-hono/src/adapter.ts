import type { MiddlewareHandler } from 'hono'
import type { GetConnInfo } from 'hono/conninfo'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { UpgradeWebSocket } from 'hono/ws'
import { toBridge, upgradeUrl, type Bridge, type BridgeOptions, type Routes } from '@wsbridge/core'
import { wsServerOptions, type WsServerOptions } from '@wsbridge/core/sockets'
import { bunWebSocketOptions, type BunWebSocketFor } from './runtime-options.js'
import { HonoSocketEvents, type AdapterState } from './socket-events.js'
import { remoteAddress } from './transport.js'

export interface HonoWebSocketOptions extends BridgeOptions {
  /** Your runtime's helper: from `hono/bun`, `@hono/node-ws`'s createNodeWebSocket, or `@hono/node-server` 2. */
  readonly upgradeWebSocket: UpgradeWebSocket<any, any, any>
  /** Your runtime's `getConnInfo` (hono/bun, @hono/node-server/conninfo…) for `connection.ip`. Default: read from `c.env` on Bun and Node. */
  readonly getConnInfo?: GetConnInfo
}

export interface HonoWebSocket<R extends Routes> {
  /** Mount with `app.use('/api/:route', middleware)` or `app.get('/api/*', middleware)`. */
  readonly middleware: MiddlewareHandler
  readonly bridge: Bridge<R>
  /** Node: pass to `new WebSocketServer(...)` (node-server 2), or `Object.assign(wss.options, …)` (@hono/node-ws). */
  readonly wsServerOptions: WsServerOptions
  /** Bun: `Bun.serve({ fetch: app.fetch, websocket: bunWebSocket(websocket) })` with hono/bun's `websocket`. */
  bunWebSocket<H extends object>(handler: H): BunWebSocketFor<H>
  /** Closes every connection with 1001 and waits (see `bridge.close`). The server stays up. */
  close(): Promise<void>
}

/**
 * wsbridge as Hono middleware. Brings no runtime: pass the `upgradeWebSocket` of the runtime you
 * serve on. Requests that are not an upgrade for a route fall through to `next()`.
 *
 * @see https://hono.dev/docs/helpers/websocket
 * @example
 * import { upgradeWebSocket, websocket } from 'hono/bun'
 * const ws = createHonoWebSocket(routes, { prefix: '/api', upgradeWebSocket })
 * app.use('/api/:route', ws.middleware)
 * Bun.serve({ fetch: app.fetch, websocket: ws.bunWebSocket(websocket) })
 */
export function createHonoWebSocket<const R extends Routes>(routesOrBridge: R | Bridge<R>, options: HonoWebSocketOptions): HonoWebSocket<R> {
  const { upgradeWebSocket, getConnInfo, ...bridgeOptions } = options
  const bridge = toBridge(routesOrBridge, bridgeOptions)
  // On Bun, pongs reach core only through the handler `bunWebSocket` wraps; until it is in use,
  // transports there get no ping, and Bun's own idle timer and pings keep watch instead.
  const state: AdapterState = { bridge, bunPongsHooked: false }

  // The Node helpers send what our callbacks throw here (core's events never throw) and, in
  // @hono/node-ws 1.3.1 on Node 20, its own `ErrorEvent is not defined`; the real error reaches
  // core through `raw`. Without this they would print to the console.
  const helperOptions = { onError: () => undefined }

  const middleware: MiddlewareHandler = async (c, next) => {
    const match = c.req.header('upgrade')?.toLowerCase() === 'websocket' ? bridge.match(upgradeUrl(c.req.url, c.req.header('host'))) : undefined
    if (!match) return next()
    const ip = getConnInfo ? getConnInfo(c).remote.address : remoteAddress(c)
    // The Request's own Headers: nothing keeps the Request once the socket is open (on Node the
    // helpers' listeners that held it are removed, see helper-listeners.ts), so the sorted copy
    // undici caches on it when they are iterated goes with it.
    const decision = await bridge.authorize({ url: match.url.href, headers: c.req.raw.headers, ip }, match)
    if (!decision.ok) return c.text(decision.message, decision.status as ContentfulStatusCode)
    // The runtime helper echoes the first offered subprotocol itself (ws's default, Bun's default),
    // which is the one core picked in `decision.protocol`.
    return upgradeWebSocket(() => HonoSocketEvents.create(state, decision), helperOptions)(c, next)
  }

  return {
    middleware,
    bridge,
    wsServerOptions: wsServerOptions(bridge),
    bunWebSocket(handler) {
      state.bunPongsHooked = true
      return bunWebSocketOptions(bridge, handler)
    },
    close: () => bridge.close(),
  }
}
