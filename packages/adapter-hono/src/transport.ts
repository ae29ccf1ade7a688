import type { Context } from 'hono'
import type { WSContext } from 'hono/ws'
import type { NativePubSub, Transport } from '@wsbridge/core/adapter'
import { BunPingTransport, BunTransport, bunNativePubSub, type BunLikeSocket, type BunPublisher } from '@wsbridge/adapter-bun/transport'

/** The close code of `terminate()` where the runtime has no abortive close (Workers), as adapter-cloudflare's. */
const TERMINATE_CODE = 1011

/** The parts of `ws.raw` used when present: Bun's ServerWebSocket, or whatever another runtime hands over. */
export interface RawSocket {
  terminate?(): void
  ping?(): void
  readonly bufferedAmount?: number
  getBufferedAmount?(): number
}

/**
 * `c.env` on Node (`incoming` is the IncomingMessage), on Bun (the server itself, or `{ server }`)
 * and on Deno (`Deno.serve`'s handler info).
 */
interface RuntimeEnv {
  readonly remoteAddr?: { readonly hostname?: string }
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: string } }
  readonly server?: RuntimeEnv
  requestIP?(request: Request): { readonly address: string } | null
  // Bun's Server (hono/bun): its `publish` is the native fan-out of every socket it upgrades.
  readonly publish?: BunPublisher['publish']
  readonly upgrade?: unknown
}

/** The peer address from whichever runtime serves the request, without importing any runtime. */
export function remoteAddress(c: Context): string | undefined {
  const env = c.env as RuntimeEnv | undefined
  const server = env?.server ?? env
  return env?.incoming?.socket?.remoteAddress ?? env?.remoteAddr?.hostname ?? server?.requestIP?.(c.req.raw)?.address
}

/**
 * The native fan-out of the Bun server behind `c` (hono/bun passes it as `c.env`), shared by every
 * socket that server upgrades; undefined on other runtimes, where core sends to each subscriber.
 */
export function bunServerFanOut(c: Context): NativePubSub | undefined {
  const env = c.env as RuntimeEnv | undefined
  const server = env?.server ?? env
  return typeof server?.publish === 'function' && typeof server.upgrade === 'function' ? bunNativePubSub(server as BunPublisher) : undefined
}

/**
 * Hands core a Transport for one socket that is not `ws`'s (that one is adopted whole, see
 * socket-events.ts). Where `ws.raw` is Bun's ServerWebSocket, the transport calls it directly,
 * exactly as the helper's WSContext would: hono/bun builds a new WSContext (with its own parsed
 * URL) for every event, so keeping the one from onOpen would hold ~0.5 KB per connection for
 * nothing. Anything else goes through the WSContext. `canPing` says whether pongs reach core
 * (core's heartbeat terminates peers that never answer); `pubsub` is the Bun server's fan-out
 * (bunServerFanOut).
 */
export function toTransport(ws: WSContext, canPing: boolean, pubsub: NativePubSub | undefined): Transport {
  const raw = ws.raw as RawSocket | undefined
  if (isBunSocket(raw)) return canPing && typeof raw.ping === 'function' ? new BunPingTransport(raw, pubsub) : new BunTransport(raw, pubsub)
  return new HonoTransport(ws, canPing)
}

// Bun's ServerWebSocket: hono/bun's `raw`.
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

/**
 * Any other runtime (Deno, Workers): Hono's WSContext onto core's Transport, with terminate, ping
 * and bufferedAmount from `raw` where it has them. `ping` is an own property only when available:
 * core tests it for presence.
 */
class HonoTransport implements Transport {
  readonly #ws: WSContext
  readonly #raw: RawSocket | undefined
  declare readonly ping?: () => void

  constructor(ws: WSContext, canPing: boolean) {
    this.#ws = ws
    const raw = (this.#raw = ws.raw as RawSocket | undefined)
    if (canPing && raw?.ping) this.ping = pingRaw.bind(raw)
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
    else {
      // No abortive close: Workers take 1011, so the frame says the server gave up; Deno follows the
      // WHATWG rule (only 1000 and 3000-4999 from script) and throws, so it gets a plain close.
      try {
        this.#ws.close(TERMINATE_CODE, '')
      } catch {
        this.#ws.close()
      }
    }
  }

  get bufferedAmount(): number {
    return this.#raw?.bufferedAmount ?? this.#raw?.getBufferedAmount?.() ?? 0
  }
}

function pingRaw(this: RawSocket): void {
  this.ping?.()
}
