import { bunCloseError } from './protocol-errors.js'
import { SocketEvents } from '../connection-events.js'
import type { ConnectionEvents, NativePubSub, Transport } from '../transport.js'

/** The parts of Bun's ServerWebSocket a transport calls (duck-typed: core does not import `bun`). */
export interface BunLikeSocket {
  sendText(data: string, compress?: boolean): unknown
  sendBinary(data: Uint8Array, compress?: boolean): unknown
  close(code: number, reason: string): void
  terminate(): void
  ping(): unknown
  getBufferedAmount(): number
  subscribe(topic: string): void
  unsubscribe(topic: string): void
  publish(topic: string, data: string | Uint8Array): unknown
}

/**
 * Core's view of a Bun socket and its native pub/sub (core still decides who receives what: see
 * core/src/pubsub/hub.ts); `pubsub` is the transport itself. A class, not an object of closures: it
 * exists once per connection, and an adapter may extend it so that one object per connection also
 * serves as `ws.data` (adapter-bun). It is also the events object `bridge.open` returns for it
 * (SocketEvents). Without `ping`: core then runs no heartbeat on it.
 */
export class BunTransport<S extends BunLikeSocket = BunLikeSocket> extends SocketEvents implements Transport, NativePubSub {
  // Undefined only until `setSocket`, for a subclass created before Bun creates the socket.
  #socket: S | undefined
  constructor(socket?: S) {
    super()
    this.#socket = socket
  }
  /** For a subclass created at upgrade time: hands it the socket once Bun has opened it. */
  protected setSocket(socket: S): void {
    this.#socket = socket
  }
  get raw(): S {
    return this.#socket!
  }
  get pubsub(): NativePubSub {
    return this
  }
  send(data: string | Uint8Array, compress?: boolean): void {
    if (typeof data === 'string') this.#socket!.sendText(data, compress)
    else this.#socket!.sendBinary(data, compress)
  }
  close(code: number, reason: string): void {
    this.#socket!.close(code, reason)
  }
  terminate(): void {
    this.#socket!.terminate()
  }
  get bufferedAmount(): number {
    return this.#socket!.getBufferedAmount()
  }
  subscribe(topic: string): void {
    this.#socket!.subscribe(topic)
  }
  unsubscribe(topic: string): void {
    this.#socket!.unsubscribe(topic)
  }
  publish(topic: string, frame: string | Uint8Array): void {
    this.#socket!.publish(topic, frame)
  }
}

/**
 * A Bun transport whose pongs the adapter forwards to `events.pong()`. A subclass rather than an
 * optional method: core checks `transport.ping` for presence.
 */
export class BunPingTransport<S extends BunLikeSocket = BunLikeSocket> extends BunTransport<S> {
  ping(): void {
    this.raw.ping()
  }
}

/** Forwards Bun's close to core (nothing when the socket never reached core). */
export function bunClosed(events: ConnectionEvents | undefined, code: number, reason: string): void {
  if (events === undefined) return
  // Bun fails a connection for a protocol violation or an oversized frame itself (the peer gets
  // 1002/1007/1009) and reports it only as this close: core hears it as PROTOCOL_ERROR or
  // PAYLOAD_TOO_LARGE, as from ws's error event on Node.
  const error = bunCloseError(code, reason)
  if (error) events.error(error)
  events.closed(code, reason)
}
