import { WsError, type Bridge } from '@wsbridge/core'
import type { AcceptedUpgrade } from '@wsbridge/core/adapter'
import type { DenoSocket } from './deno-types.js'
import { denoClose } from './heartbeat.js'
import { overLimit, TOO_BIG_REASON } from './payload-limit.js'
import { denoSocketError } from './socket-error.js'
import { DenoTransport } from './transport.js'

/**
 * Hands a socket `Deno.upgradeWebSocket` just returned to core and wires its events, in the same
 * tick as the upgrade, before the 101 goes out. Deno dispatches `open` once the 101 is written and
 * reads frames only after it, so no message can be missed; until then the transport holds what core
 * sends (see transport.ts).
 */
export function wireDenoSocket(socket: DenoSocket, accepted: AcceptedUpgrade, bridge: Bridge): void {
  socket.binaryType = 'arraybuffer'
  const transport = new DenoTransport(socket)
  const events = bridge.open(accepted, transport)
  // Set once the adapter closed the socket for an oversized message: nothing but its close reaches core then.
  let refused = false
  socket.addEventListener('open', () => transport.opened())
  socket.addEventListener('message', ({ data }) => {
    if (refused || (typeof data !== 'string' && !(data instanceof ArrayBuffer))) return
    if (overLimit(data, bridge.maxPayloadLength)) {
      events.error(new WsError('PAYLOAD_TOO_LARGE', undefined, { cause: TOO_BIG_REASON }))
      transport.close(1009, TOO_BIG_REASON)
      refused = true
      return
    }
    if (typeof data === 'string') events.message(data, false)
    else events.message(new Uint8Array(data), true)
  })
  socket.addEventListener('error', (event) => {
    // The client went away before Deno wrote the 101: Deno reports only this error, never `close`.
    if (!transport.isOpen) return events.closed(1006, '')
    const error = denoSocketError(event.message)
    if (error) events.error(error)
  })
  // Not always dispatched: a close the peer never answers, or a peer that vanished without a FIN,
  // leaves Deno waiting. Core's close timeout and heartbeat end those connections themselves
  // (onClose with 1006) and `terminate` frees the socket; `closed` is idempotent, so Deno's late
  // report of the same socket is ignored.
  socket.addEventListener('close', ({ code, reason, wasClean }) => {
    const [closeCode, closeReason] = denoClose(code, reason, wasClean)
    events.closed(closeCode, closeReason)
  })
}
