import type { Bridge } from '@wsbridge/core'
import type { AcceptedUpgrade, ConnectionEvents } from '@wsbridge/core/adapter'
import type { DenoSocket } from './deno-types.js'
import { denoClose } from './heartbeat.js'
import { denoSocketError } from './socket-error.js'
import { DenoTransport } from './transport.js'

/**
 * Wires a socket `Deno.upgradeWebSocket` just returned to core. Listeners are attached in the same
 * tick as the upgrade, before the response goes out: Deno dispatches `open` once the handshake is
 * written and starts reading frames only after it, so no message can be missed. `bridge.open` runs
 * in `open` because Deno refuses `send` before it.
 */
export function wireDenoSocket(socket: DenoSocket, accepted: AcceptedUpgrade, bridge: Bridge): void {
  socket.binaryType = 'arraybuffer'
  const transport = new DenoTransport(socket)
  let events: ConnectionEvents | undefined
  socket.addEventListener('open', () => {
    events = bridge.open(accepted, transport)
  })
  socket.addEventListener('message', ({ data }) => {
    if (typeof data === 'string') events?.message(data, false)
    else if (data instanceof ArrayBuffer) events?.message(new Uint8Array(data), true)
  })
  socket.addEventListener('error', (event) => {
    const error = denoSocketError(event.message)
    if (error) events?.error(error)
  })
  // Not always dispatched: a close the peer never answers, or a peer that vanished without a FIN,
  // leaves Deno waiting. Core's close timeout and heartbeat end those connections themselves
  // (onClose with 1006) and `terminate` frees the socket; `closed` is idempotent, so Deno's late
  // report of the same socket is ignored.
  socket.addEventListener('close', ({ code, reason, wasClean }) => {
    const [closeCode, closeReason] = denoClose(code, reason, wasClean)
    events?.closed(closeCode, closeReason)
  })
}
