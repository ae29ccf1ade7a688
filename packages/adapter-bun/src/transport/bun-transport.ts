import { SocketEvents, type NativePubSub, type Transport } from '@wsbridge/core/adapter'

/** The parts of Bun's ServerWebSocket a transport calls (duck-typed: nothing here imports `bun`). */
export interface BunLikeSocket {
  /** Sends a text frame; `compress` asks for permessage-deflate when the socket negotiated it. */
  sendText(data: string, compress?: boolean): unknown
  /** Sends a binary frame; `compress` as for `sendText`. */
  sendBinary(data: Uint8Array, compress?: boolean): unknown
  /** Starts the closing handshake with a code and reason core has already validated. */
  close(code: number, reason: string): void
  /** Drops the connection without a closing handshake. */
  terminate(): void
  /** Sends a ping; Bun reports the pong to the server's `pong` handler, which the adapter forwards to core. */
  ping(): unknown
  /** Bytes queued in Bun but not yet written to the network, which core compares with `backpressureLimit`. */
  getBufferedAmount(): number
  /** Adds the socket to a topic of Bun's native pub/sub. */
  subscribe(topic: string): void
  /** Removes the socket from a topic of Bun's native pub/sub. */
  unsubscribe(topic: string): void
  /** Sends to every subscriber of `topic` but this socket (`publishToSelf: false`, see socket-options.ts). */
  publish(topic: string, data: string | Uint8Array, compress?: boolean): unknown
}

/**
 * Core's view of a Bun socket: send, close, terminate, bufferedAmount, and its server's native
 * pub/sub (`pubsub`, see native-pubsub.ts; core still decides who receives what). A class, not an
 * object of closures: it exists once per connection, and an adapter may extend it so that one
 * object per connection also serves as `ws.data` (adapter-bun). It is also the events object
 * `bridge.open` returns for it (core's SocketEvents). Without `ping`: core then runs no heartbeat on it.
 */
export class BunTransport<S extends BunLikeSocket = BunLikeSocket> extends SocketEvents implements Transport {
  // Undefined only until `setSocket`, for a subclass created before Bun creates the socket.
  #socket: S | undefined
  readonly #pubsub: NativePubSub | undefined

  /** `pubsub`: the fan-out of the server the socket belongs to; without it core sends to each subscriber. */
  constructor(socket?: S, pubsub?: NativePubSub) {
    super()
    this.#socket = socket
    this.#pubsub = pubsub
  }
  /** For a subclass created at upgrade time: hands it the socket once Bun has opened it. */
  protected setSocket(socket: S): void {
    this.#socket = socket
  }
  get raw(): S {
    return this.#socket!
  }
  get pubsub(): NativePubSub | undefined {
    return this.#pubsub
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
}

/**
 * A Bun transport whose pongs the adapter forwards to `events.pong()`. A subclass rather than an
 * optional method: core checks `transport.ping` for presence.
 */
export class BunPingTransport<S extends BunLikeSocket = BunLikeSocket> extends BunTransport<S> {
  /** Sends a ping, so core runs its heartbeat on this socket. */
  ping(): void {
    this.raw.ping()
  }
}
