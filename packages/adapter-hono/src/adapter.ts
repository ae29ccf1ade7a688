import type { MiddlewareHandler } from 'hono'
import type { GetConnInfo } from 'hono/conninfo'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { UpgradeWebSocket, WSEvents } from 'hono/ws'
import { toBridge, upgradeUrl, WsError, type AcceptedUpgrade, type Bridge, type BridgeOptions, type ConnectionEvents, type Routes } from '@wsbridge/core'
import { createOrderedRunner, toFrame, type IncomingData } from './frames.js'
import { bunWebSocketOptions, kPong, wsServerOptions, type BunWebSocketFor, type WsServerOptions } from './runtime-options.js'
import { remoteAddress, toTransport, type RawSocket } from './transport.js'

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

/** The close reason Bun reports when a frame exceeded `maxPayloadLength`. */
const BUN_TOO_BIG = 'Received too big message'

/** `ws` closes an oversized message with 1009 itself; report it under core's code, not as INTERNAL. */
function asCoreError(error: unknown): unknown {
  const tooBig = (error as { code?: unknown } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
  return tooBig ? new WsError('PAYLOAD_TOO_LARGE', undefined, { cause: error }) : error
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
  let bunPongsHooked = false

  function connectionEvents(decision: AcceptedUpgrade): WSEvents & { [kPong]: () => void } {
    // Dropped once the socket is open, so the upgrade's parsed URL and match are not kept alive by
    // these handlers for the connection's whole life.
    let accepted: AcceptedUpgrade | undefined = decision
    let events: ConnectionEvents | undefined
    let rawEvents = false
    const inOrder = createOrderedRunner((error) => events?.error(error))
    return {
      // Every Hono runtime calls onOpen before it delivers any message, and each handler below is
      // synchronous, so no frame can arrive between the upgrade and core listening to it.
      onOpen: (_event, ws) => {
        const raw = ws.raw as RawSocket | undefined
        rawEvents = raw?.on !== undefined
        // `ws` on Node emits pongs itself; Bun's come through `bunWebSocket`'s pong handler.
        events = bridge.open(accepted!, toTransport(ws, rawEvents || bunPongsHooked))
        accepted = undefined
        raw?.on?.('pong', () => events?.pong())
        raw?.on?.('error', (error) => events?.error(asCoreError(error)))
      },
      onMessage: (event) => {
        // The usual frame, text with nothing async queued ahead of it, goes straight to core.
        if (inOrder.idle && typeof event.data === 'string') return events?.message(event.data, false)
        inOrder(() => {
          const frame = toFrame(event.data as IncomingData)
          if (!(frame instanceof Promise)) return events?.message(frame[0], frame[1])
          return frame.then(([data, isBinary]) => events?.message(data, isBinary))
        })
      },
      onClose: (event) =>
        inOrder(() => {
          // Bun enforces maxPayloadLength itself (the peer gets 1009) and reports it only as this close.
          if (event.code === 1006 && event.reason === BUN_TOO_BIG) events?.error(new WsError('PAYLOAD_TOO_LARGE'))
          events?.closed(event.code, event.reason)
        }),
      // With `ws` underneath, errors come from `raw` above: @hono/node-ws 1.3.1 builds an ErrorEvent,
      // which Node 20 lacks, so its onError never fires there.
      onError: (event) => {
        if (!rawEvents) events?.error((event as Event & { error?: unknown }).error ?? event)
      },
      [kPong]: () => events?.pong(),
    }
  }

  // The Node helpers send what our callbacks throw here (core's events never throw) and, in
  // @hono/node-ws 1.3.1 on Node 20, its own `ErrorEvent is not defined`; the real error reaches
  // core through `raw`. Without this they would print to the console.
  const helperOptions = { onError: () => undefined }

  const middleware: MiddlewareHandler = async (c, next) => {
    const match = c.req.header('upgrade')?.toLowerCase() === 'websocket' ? bridge.match(upgradeUrl(c.req.url, c.req.header('host'))) : undefined
    if (!match) return next()
    const ip = getConnInfo ? getConnInfo(c).remote.address : remoteAddress(c)
    const decision = await bridge.authorize({ url: match.url.href, headers: c.req.raw.headers, ip }, match)
    if (!decision.ok) return c.text(decision.message, decision.status as ContentfulStatusCode)
    // The runtime helper echoes the first offered subprotocol itself (ws's default, Bun's default),
    // which is the one core picked in `decision.protocol`.
    return upgradeWebSocket(() => connectionEvents(decision), helperOptions)(c, next)
  }

  return {
    middleware,
    bridge,
    wsServerOptions: wsServerOptions(bridge),
    bunWebSocket(handler) {
      bunPongsHooked = true
      return bunWebSocketOptions(bridge, handler)
    },
    close: () => bridge.close(),
  }
}
