import type { Context, MiddlewareHandler } from 'hono'
import type { GetConnInfo } from 'hono/conninfo'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { UpgradeWebSocket, WSContext, WSEvents } from 'hono/ws'
import { toBridge, type AcceptedUpgrade, type Bridge, type BridgeOptions, type ConnectionEvents, type Routes, type Transport } from '@wsbridge/core'
import { createOrderedRunner, toFrame, type IncomingData } from './frames.js'

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
  /** Closes every connection with 1001 and waits (see `bridge.close`). The server stays up. */
  close(): Promise<void>
}

/** The parts of `ws.raw` used when present: `ws` on Node, ServerWebSocket on Bun. */
interface RawSocket {
  terminate?(): void
  ping?(): void
  on?(event: 'pong', listener: () => void): unknown
  readonly bufferedAmount?: number
  getBufferedAmount?(): number
}

/** `c.env` on Node (`incoming` is the IncomingMessage) and on Bun (the server itself, or `{ server }`). */
interface RuntimeEnv {
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: string } }
  readonly server?: RuntimeEnv
  requestIP?(request: Request): { readonly address: string } | null
}

function remoteAddress(c: Context): string | undefined {
  const env = c.env as RuntimeEnv | undefined
  const server = env?.server ?? env
  return env?.incoming?.socket?.remoteAddress ?? server?.requestIP?.(c.req.raw)?.address
}

function toTransport(ws: WSContext): Transport {
  const raw = ws.raw as RawSocket | undefined
  return {
    // WSContext declares Uint8Array<ArrayBuffer>; core's bytes are always backed by one.
    send: (data) => ws.send(data as string | Uint8Array<ArrayBuffer>),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => (raw?.terminate ? raw.terminate() : ws.close()),
    // Core's heartbeat needs every pong reported. `ws` (Node) emits them; hono/bun gives no pong
    // hook, so there the transport has no ping and Bun's own idleTimeout/sendPings stay in charge.
    ...(raw?.ping && raw.on ? { ping: () => raw.ping?.() } : {}),
    get bufferedAmount() {
      return raw?.bufferedAmount ?? raw?.getBufferedAmount?.() ?? 0
    },
    raw: ws.raw,
  }
}

/**
 * wsbridge as Hono middleware. Brings no runtime: pass the `upgradeWebSocket` of the runtime you
 * serve on. Requests that are not an upgrade for a route fall through to `next()`.
 *
 * @see https://hono.dev/docs/helpers/websocket
 * @example
 * import { upgradeWebSocket, websocket } from 'hono/bun'
 * const { middleware } = createHonoWebSocket(routes, { prefix: '/api', upgradeWebSocket })
 * app.use('/api/:route', middleware)
 * Bun.serve({ fetch: app.fetch, websocket })
 */
export function createHonoWebSocket<const R extends Routes>(routesOrBridge: R | Bridge<R>, options: HonoWebSocketOptions): HonoWebSocket<R> {
  const { upgradeWebSocket, getConnInfo, ...bridgeOptions } = options
  const bridge = toBridge(routesOrBridge, bridgeOptions)

  function connectionEvents(accepted: AcceptedUpgrade): WSEvents {
    let events: ConnectionEvents | undefined
    const inOrder = createOrderedRunner((error) => events?.error(error))
    return {
      // Every Hono runtime calls onOpen before it delivers any message, and each handler below is
      // synchronous, so no frame can arrive between the upgrade and core listening to it.
      onOpen: (_event, ws) => {
        events = bridge.open(accepted, toTransport(ws))
        ;(ws.raw as RawSocket | undefined)?.on?.('pong', () => events?.pong())
      },
      onMessage: (event) =>
        inOrder(() => {
          const frame = toFrame(event.data as IncomingData)
          if (!(frame instanceof Promise)) return events?.message(frame[0], frame[1])
          return frame.then(([data, isBinary]) => events?.message(data, isBinary))
        }),
      onClose: (event) => inOrder(() => events?.closed(event.code, event.reason)),
      onError: (event) => events?.error((event as Event & { error?: unknown }).error ?? event),
    }
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    const match = c.req.header('upgrade')?.toLowerCase() === 'websocket' ? bridge.match(c.req.url) : undefined
    if (!match) return next()
    const ip = getConnInfo ? getConnInfo(c).remote.address : remoteAddress(c)
    const decision = await bridge.authorize({ url: c.req.url, headers: c.req.raw.headers, ip }, match)
    if (!decision.ok) return c.text(decision.message, decision.status as ContentfulStatusCode)
    // The runtime helper echoes the first offered subprotocol itself (ws's default, Bun's default),
    // which is the one core picked in `decision.protocol`.
    return upgradeWebSocket(() => connectionEvents(decision))(c, next)
  }

  return { middleware, bridge, close: () => bridge.close() }
}
