import { SocketEvents, type Transport } from '@wsbridge/core/adapter'
import type { DenoSocket } from './deno-types.js'
import { terminateDenoSocket } from './terminate.js'

/**
 * Core's view of a Deno socket: send, close, terminate and bufferedAmount (read live; core polls it
 * for its backpressure limit and for `onDrain`, as Deno has no drain event). No `ping`: Deno's
 * server WebSocket cannot send one nor report a pong, so the bridge's heartbeat is Deno's own
 * (`idleTimeout`, see heartbeat.ts). Also the events object `bridge.open` returns for it.
 *
 * Core opens the connection as soon as `Deno.upgradeWebSocket` returns, so it counts against the
 * connection caps at once (concurrent handshakes over a cap get their 503), but Deno opens the socket
 * only after the handler's 101 is written and refuses to send before. Until `opened`, what core
 * sends (an `onOpen` welcome) and a close it asks for wait here, in order.
 */
export class DenoTransport extends SocketEvents implements Transport {
  readonly #socket: DenoSocket
  /** Frames sent before Deno opened the socket; undefined once it has. */
  #pending: (string | Uint8Array)[] | undefined = []
  #pendingBytes = 0
  /** A close or terminate asked for before Deno opened the socket. */
  #pendingEnd: (() => void) | undefined

  constructor(socket: DenoSocket) {
    super()
    this.#socket = socket
  }
  get raw(): DenoSocket {
    return this.#socket
  }
  /** Whether Deno has opened the socket (its `open` event). */
  get isOpen(): boolean {
    return this.#pending === undefined
  }
  /** Deno's `open`: sends what waited, then the close asked for meanwhile. */
  opened(): void {
    const pending = this.#pending ?? []
    this.#pending = undefined
    for (const frame of pending) this.#socket.send(frame)
    this.#pendingEnd?.()
    this.#pendingEnd = undefined
  }
  /** Deno picks the frame type from the value: a string is a text frame, bytes a binary one. It has no per-frame compression. */
  send(data: string | Uint8Array): void {
    if (this.#pending === undefined) return this.#socket.send(data)
    this.#pending.push(data)
    this.#pendingBytes += typeof data === 'string' ? data.length : data.byteLength
  }
  /**
   * Deno queues the close frame behind earlier sends, and drops the connection at the peer's next
   * frame once closing (see the `closeWhileReceiving` capability): a peer still sending may read 1006.
   */
  close(code: number, reason: string): void {
    if (this.#pending === undefined) this.#socket.close(code, reason)
    else this.#pendingEnd ??= () => this.#socket.close(code, reason)
  }
  terminate(): void {
    if (this.#pending === undefined) terminateDenoSocket(this.#socket)
    else this.#pendingEnd = () => terminateDenoSocket(this.#socket)
  }
  get bufferedAmount(): number {
    return this.#pending === undefined ? this.#socket.bufferedAmount : this.#pendingBytes
  }
}
