import { SocketEvents, type Transport } from '@wsbridge/core/adapter'
import type { DenoSocket } from './deno-types.js'
import { terminateDenoSocket } from './terminate.js'

/**
 * Core's view of a Deno socket: send, close, terminate and bufferedAmount (read live; core polls it
 * for its backpressure limit and for `onDrain`, as Deno has no drain event). No `ping`: Deno's
 * server WebSocket cannot send one nor report a pong, so the bridge's heartbeat is Deno's own
 * (`idleTimeout`, see heartbeat.ts). Also the events object `bridge.open` returns for it.
 */
export class DenoTransport extends SocketEvents implements Transport {
  readonly #socket: DenoSocket

  constructor(socket: DenoSocket) {
    super()
    this.#socket = socket
  }
  get raw(): DenoSocket {
    return this.#socket
  }
  /** Deno picks the frame type from the value: a string is a text frame, bytes a binary one. It has no per-frame compression. */
  send(data: string | Uint8Array): void {
    this.#socket.send(data)
  }
  close(code: number, reason: string): void {
    this.#socket.close(code, reason)
  }
  terminate(): void {
    terminateDenoSocket(this.#socket)
  }
  get bufferedAmount(): number {
    return this.#socket.bufferedAmount
  }
}
