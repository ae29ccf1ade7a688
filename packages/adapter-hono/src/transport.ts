import type { Context } from 'hono'
import type { WSContext } from 'hono/ws'
import type { NativePubSub, Transport } from '@wsbridge/core'

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
 * A class rather than an object of closures: it exists once per connection. `ping` exists only when
 * pongs reach core (core's heartbeat terminates peers that never answer), and `pubsub` only where
 * the runtime has native fan-out (Bun); core still decides who receives what.
 */
class HonoTransport implements Transport, NativePubSub {
  readonly #ws: WSContext
  readonly #raw: RawSocket | undefined
  // Own properties only when available: core tests `transport.ping` / `transport.pubsub` for presence.
  declare readonly ping?: () => void
  declare readonly pubsub?: NativePubSub

  constructor(ws: WSContext, canPing: boolean) {
    this.#ws = ws
    const raw = (this.#raw = ws.raw as RawSocket | undefined)
    if (canPing && raw?.ping) this.ping = pingRaw.bind(raw)
    if (raw?.subscribe && raw.unsubscribe && raw.publish) this.pubsub = this
  }

  get raw(): unknown {
    return this.#ws.raw
  }

  // WSContext declares Uint8Array<ArrayBuffer>; core's bytes are always backed by one. `compress`
  // is core's per-frame threshold decision: without it ws (Node) deflates nothing and Bun nothing.
  send(data: string | Uint8Array, compress?: boolean): void {
    this.#ws.send(data as string | Uint8Array<ArrayBuffer>, { compress: compress === true })
  }

  close(code: number, reason: string): void {
    this.#ws.close(code, reason)
  }

  terminate(): void {
    if (this.#raw?.terminate) this.#raw.terminate()
    else this.#ws.close()
  }

  get bufferedAmount(): number {
    return this.#raw?.bufferedAmount ?? this.#raw?.getBufferedAmount?.() ?? 0
  }

  subscribe(topic: string): void {
    this.#raw?.subscribe?.(topic)
  }

  unsubscribe(topic: string): void {
    this.#raw?.unsubscribe?.(topic)
  }

  publish(topic: string, frame: string | Uint8Array): void {
    this.#raw?.publish?.(topic, frame)
  }
}

function pingRaw(this: RawSocket): void {
  this.ping?.()
}

export function toTransport(ws: WSContext, canPing: boolean): Transport {
  return new HonoTransport(ws, canPing)
}
