import type { WSContext, WSEvents } from 'hono/ws'
import type { Bridge } from '@wsbridge/core'
import type { AcceptedUpgrade, ConnectionEvents, NativePubSub } from '@wsbridge/core/adapter'
import { bunClosed } from '@wsbridge/adapter-bun/transport'
import { DenoConnection, isDenoSocket } from '@wsbridge/adapter-deno/transport'
import { adoptWsSocket, isWsSocket } from '@wsbridge/adapter-node-ws/transport'
import { createOrderedRunner, toFrame, type IncomingData, type OrderedRunner } from './frames.js'
import { kBunMessage, kPong } from './runtime-options.js'
import { toTransport } from './transport.js'

/** What all connections of one adapter share; each connection holds one reference to it. */
export interface AdapterState {
  readonly bridge: Bridge
  /** On Bun, pongs reach core only through the handler `bunWebSocket` wraps. */
  bunPongsHooked: boolean
}

/**
 * The events object Hono's `upgradeWebSocket` gets for one connection. A class, not an object of
 * closures: on Bun and other runtimes it lives as long as the connection, and its methods are
 * shared by all of them (over `ws` it is garbage once the socket is open, see onOpen). Every
 * Hono helper (hono/bun, @hono/node-server, @hono/node-ws, Deno, Workers) calls these as methods
 * of the object (`events.onMessage(...)`), so `this` is always the connection.
 */
export class HonoSocketEvents {
  readonly #adapter: AdapterState
  // Dropped once the socket is open, so the upgrade's parsed URL and match are not kept alive for
  // the connection's whole life.
  #accepted: AcceptedUpgrade | undefined
  #events: ConnectionEvents | undefined
  // `ws`'s WebSocket underneath (Node): messages, pongs, errors and the close come straight from it.
  #wsRaw = false
  // Deno's WebSocket underneath (hono/deno): adapter-deno's translation of its events.
  #deno: DenoConnection | undefined
  // Created by the first Blob (Deno/Workers with `binaryType: 'blob'`); until then every frame
  // and the close are handled synchronously, in arrival order.
  #order: OrderedRunner | undefined
  // The native fan-out of the Bun server that upgraded the socket (transport.ts, bunServerFanOut).
  readonly #pubsub: NativePubSub | undefined

  constructor(adapter: AdapterState, accepted: AcceptedUpgrade, pubsub?: NativePubSub) {
    this.#adapter = adapter
    this.#accepted = accepted
    this.#pubsub = pubsub
  }

  /** The events object for one connection, typed as what `upgradeWebSocket` takes. */
  static create(adapter: AdapterState, accepted: AcceptedUpgrade, pubsub: NativePubSub | undefined): WSEvents {
    // The cast is for `onMessage`, a getter that is undefined over ws, which WSEvents (an optional
    // property under exactOptionalPropertyTypes) cannot express.
    return new HonoSocketEvents(adapter, accepted, pubsub) as WSEvents
  }

  // Each handler below is synchronous, so no frame can arrive between the upgrade and core
  // listening to it.
  onOpen(_event: Event, ws: WSContext): void {
    this.#open(ws)
    this.#deno?.opened()
  }

  /**
   * Opens the connection, once. A helper that never calls onOpen (`hono/cloudflare-workers`, which
   * the adapter replaces on Workers, see workers-upgrade.ts) would have the first message, close or
   * error open it: the route's onOpen still runs first, exactly once.
   */
  #open(ws: WSContext): void {
    const accepted = this.#accepted
    if (accepted === undefined) return
    this.#accepted = undefined
    if (isWsSocket(ws.raw)) {
      // `ws` on Node (@hono/node-server, @hono/node-ws): adopted whole by adapter-node-ws, whose
      // listeners reach core directly. Once the helpers' own listeners are gone, nothing keeps this
      // object, and an open connection costs no more than over adapter-node-ws.
      this.#wsRaw = true
      this.#events = adoptWsSocket(this.#adapter.bridge, accepted, ws.raw)
      return
    }
    // Deno's socket (hono/deno): adapter-deno's transport, payload limit, error and close words.
    // Its first event is `open` unless the client left before the 101 (an error, then no close),
    // which DenoConnection reports as a close.
    if (isDenoSocket(ws.raw)) {
      this.#deno = new DenoConnection(ws.raw, accepted, this.#adapter.bridge)
      return
    }
    // Bun's pongs come through `bunWebSocket`'s pong handler.
    this.#events = this.#adapter.bridge.open(accepted, toTransport(ws, this.#adapter.bunPongsHooked, this.#pubsub))
  }

  /**
   * With `ws` underneath there is no onMessage: the Node helpers then skip the MessageEvent (and
   * the copy of a text frame's bytes) they would build for every message, and adapter-node-ws's
   * listener takes it straight from ws. The helpers replay through onMessage only what arrived
   * before onOpen, and nothing can: they start buffering and call onOpen in the same synchronous step.
   */
  get onMessage(): ((event: MessageEvent, ws: WSContext) => void) | undefined {
    return this.#wsRaw ? undefined : this.#message
  }

  #message(event: MessageEvent, ws: WSContext): void {
    this.#open(ws)
    if (this.#deno) return this.#deno.message(event)
    this.#received(event.data as IncomingData)
  }

  /** A message straight from Bun's `message` handler (`bunWebSocket`), without hono/bun's MessageEvent and WSContext. */
  [kBunMessage](data: string | Uint8Array): void {
    this.#received(data)
  }

  #received(data: IncomingData): void {
    const order = this.#order
    if (order !== undefined && !order.idle) return order(() => this.#deliver(toFrame(data)))
    // The usual frame, text with nothing async queued ahead of it, goes straight to core.
    if (typeof data === 'string') return this.#events?.message(data, false)
    const frame = toFrame(data)
    if (!(frame instanceof Promise))
      return this.#events?.message(frame[0], frame[1])
      // A Blob is being read: later frames and the close wait behind it.
    ;(this.#order ??= createOrderedRunner((error) => this.#events?.error(error)))(() => this.#deliver(frame))
  }

  // With `ws` underneath, the close comes from `raw` (adoptWsSocket): the helpers' own listener is gone.
  onClose(event: CloseEvent, ws: WSContext): void {
    if (this.#wsRaw) return
    this.#open(ws)
    if (this.#deno) return this.#deno.closed(event)
    const order = this.#order
    if (order !== undefined && !order.idle) return order(() => this.#closed(event.code, event.reason))
    this.#closed(event.code, event.reason)
  }

  // With `ws` underneath, errors come from `raw` (adoptWsSocket): @hono/node-ws 1.3.1 builds an
  // ErrorEvent, which Node 20 lacks, so its onError never fires there.
  onError(event: Event, ws: WSContext): void {
    if (this.#wsRaw) return
    this.#open(ws)
    if (this.#deno) return this.#deno.error(event as Event & { message?: string })
    this.#events?.error((event as Event & { error?: unknown }).error ?? event)
  }

  [kPong](): void {
    this.#events?.pong()
  }

  #deliver(frame: ReturnType<typeof toFrame>): void | Promise<void> {
    if (!(frame instanceof Promise)) return this.#events?.message(frame[0], frame[1])
    return frame.then(([data, isBinary]) => this.#events?.message(data, isBinary))
  }

  #closed(code: number, reason: string): void {
    // On Bun, also reports Bun's own close of an oversized frame (1006) as PAYLOAD_TOO_LARGE.
    bunClosed(this.#events, code, reason)
  }
}
