import type { Context } from 'hono'
import type { WSContext } from 'hono/ws'
import type { Transport } from '@wsbridge/core'

/** The parts of `ws.raw` used when present: `ws`'s WebSocket on Node, ServerWebSocket on Bun. */
export interface RawSocket {
  terminate?(): void
  ping?(): void
  on?(event: 'pong' | 'error', listener: (error?: unknown) => void): unknown
  readonly bufferedAmount?: number
  getBufferedAmount?(): number
  // Bun's ServerWebSocket has native pub/sub; `ws` on Node has none.
  subscribe?(topic: string): void
  unsubscribe?(topic: string): void
  publish?(topic: string, data: string | Uint8Array): number
}

/** `c.env` on Node (`incoming` is the IncomingMessage) and on Bun (the server itself, or `{ server }`). */
interface RuntimeEnv {
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: string } }
  readonly server?: RuntimeEnv
  requestIP?(request: Request): { readonly address: string } | null
}

/** The peer address from whichever runtime serves the request, without importing any runtime. */
export function remoteAddress(c: Context): string | undefined {
  const env = c.env as RuntimeEnv | undefined
  const server = env?.server ?? env
  return env?.incoming?.socket?.remoteAddress ?? server?.requestIP?.(c.req.raw)?.address
}

/**
 * Maps Hono's WSContext onto core's Transport; terminate, ping and bufferedAmount come from `raw`.
 * `canPing` is false unless pongs reach core (core's heartbeat terminates peers that never answer).
 */
export function toTransport(ws: WSContext, canPing: boolean): Transport {
  const raw = ws.raw as RawSocket | undefined
  return {
    // WSContext declares Uint8Array<ArrayBuffer>; core's bytes are always backed by one. `compress`
    // is core's per-frame threshold decision: without it ws (Node) deflates nothing and Bun nothing.
    send: (data, compress) => ws.send(data as string | Uint8Array<ArrayBuffer>, { compress: compress === true }),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => (raw?.terminate ? raw.terminate() : ws.close()),
    ...(canPing && raw?.ping ? { ping: () => raw.ping?.() } : {}),
    get bufferedAmount() {
      return raw?.bufferedAmount ?? raw?.getBufferedAmount?.() ?? 0
    },
    raw: ws.raw,
    // Native fan-out where the runtime has it (Bun); core still decides who receives what.
    ...(raw?.subscribe && raw.unsubscribe && raw.publish
      ? { pubsub: { subscribe: (topic: string) => raw.subscribe?.(topic), unsubscribe: (topic: string) => raw.unsubscribe?.(topic), publish: (topic: string, frame: string | Uint8Array) => void raw.publish?.(topic, frame) } }
      : {}),
  }
}
