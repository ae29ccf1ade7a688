import type { SendQueue, QueuedFrame } from './send-queue.js'
import type { WebSocketLike } from './socket.js'
import type { ConnectionState, SendStatus } from './types.js'

/** `WebSocket.OPEN`, which not every runtime's WebSocket class carries as a static. */
export const OPEN = 1

/** The WebSocket readyState a logical connection reports in each state: CONNECTING while (re)connecting. */
export const READY_STATE = { connecting: 0, reconnecting: 0, open: 1, closing: 2, closed: 3 } as const

/** What an outgoing frame meets: the open socket (written), a gap between sockets (queued), or a closed connection (dropped). */
export function sendOrQueue(state: ConnectionState, socket: WebSocketLike | undefined, queue: SendQueue, frame: QueuedFrame): SendStatus {
  if (state === 'closing' || state === 'closed') return 'dropped'
  if (state === 'open' && socket?.readyState === OPEN) {
    socket.send(frame)
    return 'sent'
  }
  return queue.push(frame) ? 'queued' : 'dropped'
}
