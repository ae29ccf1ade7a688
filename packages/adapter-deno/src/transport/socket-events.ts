import { WsError, type Bridge } from '@wsbridge/core'
import type { AcceptedUpgrade, ConnectionEvents } from '@wsbridge/core/adapter'
import type { DenoSocket } from './deno-types.js'
import { denoClose } from './heartbeat.js'
import { overLimit, TOO_BIG_REASON } from './payload-limit.js'
import { denoSocketError } from './socket-error.js'
import { DenoTransport } from './deno-transport.js'

/**
 * One Deno socket's events in core's words, for whoever receives them: `wireDenoSocket` listens on
 * the socket itself, adapter-hono is handed them by hono/deno's helper. Opens the connection in
 * core as it is created.
 */
export class DenoConnection {
  readonly #bridge: Bridge
  readonly #transport: DenoTransport
  readonly #events: ConnectionEvents
  // Set once the adapter closed the socket for an oversized message: nothing but its close reaches core then.
  #refused = false

  constructor(socket: DenoSocket, accepted: AcceptedUpgrade, bridge: Bridge) {
    socket.binaryType = 'arraybuffer'
    this.#bridge = bridge
    this.#transport = new DenoTransport(socket)
    this.#events = bridge.open(accepted, this.#transport)
  }

  /** Deno's `open`: the 101 is out, what core sent meanwhile goes now. */
  opened(): void {
    this.#transport.opened()
  }

  /** The socket's `message` event: hands text or binary data to core; one over the size limit is a PAYLOAD_TOO_LARGE error instead. */
  message({ data }: { readonly data: unknown }): void {
    if (this.#refused || (typeof data !== 'string' && !(data instanceof ArrayBuffer))) return
    if (overLimit(data, this.#bridge.maxPayloadLength)) {
      this.#events.error(new WsError('PAYLOAD_TOO_LARGE', undefined, { cause: TOO_BIG_REASON }))
      this.#transport.close(1009, TOO_BIG_REASON)
      this.#refused = true
      return
    }
    if (typeof data === 'string') this.#events.message(data, false)
    else this.#events.message(new Uint8Array(data), true)
  }

  /** The socket's `error` event: maps Deno's message onto core's errors (a client gone before the 101 closes as 1006). */
  error({ message }: { readonly message?: string }): void {
    // The client went away before Deno wrote the 101: Deno reports only this error, never `close`.
    if (!this.#transport.isOpen) return this.#events.closed(1006, '')
    const error = denoSocketError(message)
    if (error) this.#events.error(error)
  }

  // Not always dispatched: a close the peer never answers, or a peer that vanished without a FIN,
  // leaves Deno waiting. Core's close timeout and heartbeat end those connections themselves
  // (onClose with 1006) and `terminate` frees the socket; `closed` is idempotent, so Deno's late
  // report of the same socket is ignored.
  /** The socket's `close` event: reports the code and reason to core (Deno's heartbeat timeout and code 0 become 1006). */
  closed({ code, reason, wasClean }: { readonly code: number; readonly reason: string; readonly wasClean: boolean }): void {
    const [closeCode, closeReason] = denoClose(code, reason, wasClean)
    this.#events.closed(closeCode, closeReason)
  }
}

/**
 * Hands a socket `Deno.upgradeWebSocket` just returned to core and wires its events, in the same
 * tick as the upgrade, before the 101 goes out. Deno dispatches `open` once the 101 is written and
 * reads frames only after it, so no message can be missed; until then the transport holds what core
 * sends (see deno-transport.ts).
 */
export function wireDenoSocket(socket: DenoSocket, accepted: AcceptedUpgrade, bridge: Bridge): void {
  const connection = new DenoConnection(socket, accepted, bridge)
  // Once: Deno opens a socket once, and each listener Deno keeps costs memory for the connection's life.
  socket.addEventListener('open', () => connection.opened(), { once: true })
  socket.addEventListener('message', (event) => connection.message(event))
  socket.addEventListener('error', (event) => connection.error(event))
  socket.addEventListener('close', (event) => connection.closed(event))
}
