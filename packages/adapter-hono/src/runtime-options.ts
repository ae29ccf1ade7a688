import type { Bridge } from '@wsbridge/core'
import { bunSocketOptions, type BunSocketOptions } from '@wsbridge/adapter-bun/transport'

/** Where the events object for a socket lives on Bun: hono/bun stores it in `ws.data.events`. */
interface BunSocketLike {
  readonly data: unknown
}

/** The key under which each connection's events object carries its pong callback. */
export const kPong: unique symbol = Symbol('wsbridge.pong')

/** The key under which each connection's events object takes a message straight from Bun's handler. */
export const kBunMessage: unique symbol = Symbol('wsbridge.bunMessage')

/** The socket type of a Bun handler, so `Bun.serve` still infers its `ws.data` type from the result. */
type SocketOf<H> = H extends { open?(ws: infer W): unknown } ? W : BunSocketLike

/**
 * The members wsbridge sets on hono/bun's `websocket` handler (Bun's `WebSocketHandler`): the
 * bridge's limits, and `message`/`pong` routed to wsbridge's sockets. Not adapter-bun's
 * `BunWebSocketOptions`, which are the options of `createBunWebSocket`.
 */
export interface BunWebSocketHandler<W = BunSocketLike> extends BunSocketOptions {
  /** Hands each frame to the wsbridge socket of `ws`. */
  message(ws: W, message: string | Uint8Array): void
  /** Hands each pong to core's heartbeat for `ws`. */
  pong(ws: W, data: unknown): void
}

/** What `ws.data.events` is on a hono/bun socket: wsbridge's events object, or another route's Hono events. */
interface SocketEvents {
  [kPong]?: () => void
  [kBunMessage]?: (data: string | Uint8Array) => void
}

function eventsOn(ws: unknown): SocketEvents | undefined {
  return ((ws as BunSocketLike).data as { readonly events?: SocketEvents } | undefined)?.events
}

/** Bun socket options for the hono/bun handler; see `bunWebSocketOptions`. */
export type BunWebSocketFor<H extends object> = Omit<H, keyof BunWebSocketHandler> & BunWebSocketHandler<SocketOf<H>>

/**
 * Adds the bridge's limits and a pong hook to hono/bun's `websocket` handler. Bun's own idle
 * timer and pings are turned off because core's heartbeat (which needs the pongs) takes over.
 * Messages for wsbridge's sockets go straight to the connection: hono/bun would build a
 * MessageEvent and a WSContext (with closures) for every message. Other Hono WebSocket routes on
 * the same server still get hono/bun's handler.
 */
export function bunWebSocketOptions<H extends object>(bridge: Bridge, handler: H): BunWebSocketFor<H> {
  const original = handler as {
    pong?: (ws: SocketOf<H>, data: unknown) => unknown
    message?: (ws: SocketOf<H>, message: string | Uint8Array) => unknown
  }
  return {
    ...handler,
    ...bunSocketOptions(bridge),
    message(ws, message) {
      const events = eventsOn(ws)
      if (events?.[kBunMessage]) events[kBunMessage](message)
      else original.message?.(ws, message)
    },
    pong(ws, data) {
      eventsOn(ws)?.[kPong]?.()
      original.pong?.(ws, data)
    },
  }
}
