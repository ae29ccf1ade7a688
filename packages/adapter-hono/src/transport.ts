import type { Context } from 'hono'
import type { WSContext } from 'hono/ws'
import type { NativePubSub, Transport } from '@wsbridge/core/adapter'
import {
  BunPingTransport,
  BunTransport,
  createWsPreFraming,
  createWsTransports,
  type BunLikeSocket,
  type WsEventSource,
  type WsLikeSocket,
} from '@wsbridge/core/sockets'
import type { ListenerOwner } from './helper-listeners.js'

/** The parts of `ws.raw` used when present: `ws`'s WebSocket on Node, ServerWebSocket on Bun. */
export interface RawSocket {
  terminate?(): void
  ping?(): void
  on?(event: 'message' | 'pong' | 'error' | 'close', listener: (...args: never[]) => void): unknown
  listeners?(event: string): Function[]
  off?(event: string, listener: (...args: any[]) => void): unknown
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
 * Hands core a Transport for one socket. Where `ws.raw` is a socket this package knows (`ws`'s
 * WebSocket on Node, Bun's ServerWebSocket), the transport calls it directly, exactly as the
 * helpers' WSContext would: hono/bun builds a new WSContext (with its own parsed URL) for every
 * event, so keeping the one from onOpen would hold ~0.5 KB per connection for nothing, and on Node
 * it saves a call and an options object per message. Anything else goes through the WSContext.
 * `canPing` says whether pongs reach core (core's heartbeat terminates peers that never answer).
 */
export function toTransport(ws: WSContext, canPing: boolean): Transport {
  const raw = ws.raw as RawSocket | undefined
  if (isBunSocket(raw)) return canPing && typeof raw.ping === 'function' ? new BunPingTransport(raw) : new BunTransport(raw)
  if (isWsSocket(raw)) return canPing ? new WsPingTransport(raw) : new WsTransport(raw)
  return new HonoTransport(ws, canPing)
}

/** `ws`'s WebSocket: what @hono/node-server and @hono/node-ws hand over as `raw`. */
type WsSocket = RawSocket & WsLikeSocket & WsEventSource & ListenerOwner

export function isWsSocket<R extends RawSocket>(raw: R | undefined): raw is R & WsSocket {
  return (
    typeof raw?.on === 'function' &&
    typeof raw.listeners === 'function' &&
    typeof raw.off === 'function' &&
    typeof raw.terminate === 'function' &&
    typeof raw.ping === 'function' &&
    typeof (raw as Partial<WsSocket>).send === 'function'
  )
}

// Bun's ServerWebSocket (hono/bun's `raw`) is the only raw socket with native pub/sub.
function isBunSocket(raw: RawSocket | undefined): raw is RawSocket & BunLikeSocket {
  const bun = raw as Partial<BunLikeSocket> | undefined
  return (
    typeof bun?.publish === 'function' &&
    typeof bun.subscribe === 'function' &&
    typeof bun.unsubscribe === 'function' &&
    typeof bun.getBufferedAmount === 'function' &&
    typeof bun.terminate === 'function' &&
    typeof bun.sendText === 'function' &&
    typeof bun.sendBinary === 'function'
  )
}

// Created once for this module. The encoder runs only over ws, that is on Node (or a runtime with
// Node's Buffer): text goes out as frames built in a Buffer, once per publish for all subscribers
// (core's ws-pre-framing.ts), and ws sends a Buffer as is.
const { WsTransport, WsPingTransport } = createWsTransports((text) => Buffer.from(text, 'utf8'), createWsPreFraming(Buffer))

/**
 * Any other runtime (Deno, Workers): Hono's WSContext onto core's Transport, with terminate, ping
 * and bufferedAmount from `raw` where it has them. `ping` and `pubsub` are own properties only when
 * available: core tests them for presence.
 */
class HonoTransport implements Transport, NativePubSub {
  readonly #ws: WSContext
  readonly #raw: RawSocket | undefined
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

  // WSContext declares Uint8Array<ArrayBuffer>; core's bytes are always backed by one.
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
