import type { Bridge } from '@wsbridge/core'
import { bunSocketOptions, type BunSocketOptions } from '@wsbridge/core/sockets'

/** Where the events object for a socket lives on Bun: hono/bun stores it in `ws.data.events`. */
interface BunSocketLike {
  readonly data: unknown
}

/** The key under which each connection's events object carries its pong callback. */
export const kPong: unique symbol = Symbol('wsbridge.pong')

/** The socket type of a Bun handler, so `Bun.serve` still infers its `ws.data` type from the result. */
type SocketOf<H> = H extends { open?(ws: infer W): unknown } ? W : BunSocketLike

export interface BunWebSocketOptions<W = BunSocketLike> extends BunSocketOptions {
  pong(ws: W, data: unknown): void
}

/** Bun socket options for the hono/bun handler; see `bunWebSocketOptions`. */
export type BunWebSocketFor<H extends object> = Omit<H, keyof BunWebSocketOptions> & BunWebSocketOptions<SocketOf<H>>

/**
 * Adds the bridge's limits and a pong hook to hono/bun's `websocket` handler. Bun's own idle
 * timer and pings are turned off because core's heartbeat (which needs the pongs) takes over.
 */
export function bunWebSocketOptions<H extends object>(bridge: Bridge, handler: H): BunWebSocketFor<H> {
  const original = (handler as { pong?: (ws: SocketOf<H>, data: unknown) => unknown }).pong
  return {
    ...handler,
    ...bunSocketOptions(bridge),
    pong(ws, data) {
      const events = ((ws as BunSocketLike).data as { events?: { [kPong]?: () => void } } | undefined)?.events
      events?.[kPong]?.()
      original?.(ws, data)
    },
  }
}
