import { WsError } from '@wsbridge/core'
import { protocolViolations, type ConnectionEvents, type ProtocolViolation } from '@wsbridge/core/adapter'

/** Bun's close reasons (uWebSockets) for what the client did wrong. */
const BUN_VIOLATIONS: Readonly<Record<string, ProtocolViolation>> = {
  'Received an incorrectly masked frame': 'mask',
  'Received unexpected RSV1 bit': 'reservedBits',
  'Received unexpected RSV2 or RSV3 bit': 'reservedBits',
  'Received invalid opcode': 'opcode',
  'Received continuation frame outside a fragmented message': 'opcode',
  'Received new message inside a fragmented message': 'opcode',
  'Received fragmented control frame': 'controlFrame',
  'Received too big control frame': 'controlFrame',
  'Received invalid close payload': 'controlFrame',
  'Received invalid close code': 'closeCode',
  'Received invalid UTF-8': 'utf8',
}

/** The close reason Bun reports when a frame exceeded `maxPayloadLength`. */
const BUN_TOO_BIG = 'Received too big message'

/**
 * The error behind a Bun close, if Bun failed the connection for a protocol violation. Bun reports
 * those nowhere but its `close` handler: code 1006 (the peer got the real code, 1002/1007/1009)
 * and uWebSockets' description as the reason, which always starts with "Received". A peer cannot
 * send 1006, and a dropped connection has no reason, so nothing else looks like this.
 */
export function bunCloseError(code: number, reason: string): WsError | undefined {
  if (code !== 1006 || !reason.startsWith('Received ')) return undefined
  if (reason === BUN_TOO_BIG) return new WsError('PAYLOAD_TOO_LARGE', undefined, { cause: reason })
  return new WsError('PROTOCOL_ERROR', protocolViolations[BUN_VIOLATIONS[reason] ?? 'other'], { cause: reason })
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
