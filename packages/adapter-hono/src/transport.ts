import type { Context } from 'hono'
import type { WSContext } from 'hono/ws'
import type { NativePubSub, Transport } from '@wsbridge/core'

/** The parts of `ws.raw` used when present: `ws`'s WebSocket on Node, ServerWebSocket on Bun. */
export interface RawSocket {
  terminate?(): void
  ping?(): void
  on?(event: 'message' | 'pong' | 'error', listener: (...args: never[]) => void): unknown
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
  if (isBunSocket(raw)) return canPing && raw.ping ? new BunPingTransport(raw) : new BunTransport(raw)
  if (isWsSocket(raw)) return canPing ? new WsPingTransport(raw) : new WsTransport(raw)
  return new HonoTransport(ws, canPing)
}

/** `ws`'s WebSocket: what @hono/node-server and @hono/node-ws hand over as `raw`. */
interface WsSocket extends RawSocket {
  on(event: 'message' | 'pong' | 'error', listener: (...args: never[]) => void): unknown
  send(data: string | Uint8Array, options: { readonly binary: boolean; readonly compress: boolean }): void
  close(code: number, reason: string): void
  terminate(): void
  ping(): void
  readonly bufferedAmount: number
}

/** Bun's ServerWebSocket, hono/bun's `raw`. */
interface BunSocket extends RawSocket {
  send(data: string | Uint8Array, compress: boolean): unknown
  close(code: number, reason: string): void
  terminate(): void
  getBufferedAmount(): number
  subscribe(topic: string): void
  unsubscribe(topic: string): void
  publish(topic: string, data: string | Uint8Array): number
}

export function isWsSocket<R extends RawSocket>(raw: R | undefined): raw is R & WsSocket {
  return typeof raw?.on === 'function' && typeof raw.terminate === 'function' && typeof raw.ping === 'function' && typeof (raw as Partial<WsSocket>).send === 'function'
}

// Bun's ServerWebSocket is the only raw socket with native pub/sub.
function isBunSocket(raw: RawSocket | undefined): raw is BunSocket {
  return typeof raw?.publish === 'function' && typeof raw.subscribe === 'function' && typeof raw.unsubscribe === 'function' && typeof raw.getBufferedAmount === 'function' && typeof raw.terminate === 'function'
}

// `compress` is core's per-frame threshold decision; the helpers' WSContext passes it on too, and
// without it ws (Node) deflates nothing and Bun nothing. ws copies the options it is given
// (`{ ...options }`), so these four serve every send: no object per message. `binary` is explicit
// because a text frame may be handed over as bytes (textFrame).
const TEXT = Object.freeze({ binary: false, compress: false })
const TEXT_COMPRESSED = Object.freeze({ binary: false, compress: true })
const BINARY = Object.freeze({ binary: true, compress: false })
const BINARY_COMPRESSED = Object.freeze({ binary: true, compress: true })

// Core hands every subscriber of a publish the same string; ws would UTF-8-encode it once per
// socket. The second time in a row a string is sent, it is encoded once and the bytes are reused
// for the rest of the fan-out (a lone send, such as an echo, stays a string and costs nothing extra).
let lastText: string | undefined
let lastBytes: Uint8Array | undefined

function textFrame(text: string): string | Uint8Array {
  if (text !== lastText) {
    lastText = text
    lastBytes = undefined
    return text
  }
  // Only reached over ws, that is on Node (or a runtime with Node's Buffer): ws sends a Buffer as is.
  return (lastBytes ??= Buffer.from(text, 'utf8'))
}

class WsTransport implements Transport {
  readonly raw: WsSocket
  constructor(raw: WsSocket) {
    this.raw = raw
  }
  send(data: string | Uint8Array, compress?: boolean): void {
    if (typeof data === 'string') this.raw.send(textFrame(data), compress === true ? TEXT_COMPRESSED : TEXT)
    else this.raw.send(data, compress === true ? BINARY_COMPRESSED : BINARY)
  }
  close(code: number, reason: string): void {
    this.raw.close(code, reason)
  }
  terminate(): void {
    this.raw.terminate()
  }
  get bufferedAmount(): number {
    return this.raw.bufferedAmount
  }
}

class WsPingTransport extends WsTransport {
  ping(): void {
    this.raw.ping()
  }
}

/** `pubsub` is the transport itself: Bun's native fan-out (core still decides who receives what). */
class BunTransport implements Transport, NativePubSub {
  readonly raw: BunSocket
  constructor(raw: BunSocket) {
    this.raw = raw
  }
  get pubsub(): NativePubSub {
    return this
  }
  send(data: string | Uint8Array, compress?: boolean): void {
    this.raw.send(data, compress === true)
  }
  close(code: number, reason: string): void {
    this.raw.close(code, reason)
  }
  terminate(): void {
    this.raw.terminate()
  }
  get bufferedAmount(): number {
    return this.raw.bufferedAmount ?? this.raw.getBufferedAmount()
  }
  subscribe(topic: string): void {
    this.raw.subscribe(topic)
  }
  unsubscribe(topic: string): void {
    this.raw.unsubscribe(topic)
  }
  publish(topic: string, frame: string | Uint8Array): void {
    this.raw.publish(topic, frame)
  }
}

class BunPingTransport extends BunTransport {
  ping(): void {
    this.raw.ping?.()
  }
}

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
