import { WsError } from '../errors.js'

/**
 * The RFC 6455 violations a client can commit, in words that read the same on every runtime.
 * `ws` and Bun (uWebSockets) describe the same violation differently, and lump different ones
 * together (ws calls a stray continuation frame an invalid opcode; Bun has a reason of its own),
 * so each runtime's description is mapped onto these and kept as the error's `cause`.
 */
export const protocolViolations = {
  mask: 'Client frame is not masked',
  reservedBits: 'Reserved bits set without an extension',
  opcode: 'Unknown opcode or continuation out of sequence',
  controlFrame: 'Fragmented or oversized control frame, or a close payload of 1 byte',
  closeCode: 'Invalid close code',
  utf8: 'Invalid UTF-8 in a text frame or close reason',
  fragments: 'Too many fragments in one message',
  compression: 'Invalid compressed data',
  other: 'WebSocket protocol violation',
} as const

export type ProtocolViolation = keyof typeof protocolViolations

/** ws's error codes (lib/receiver.js `createError`) for what the client did wrong. */
const WS_VIOLATIONS: Readonly<Record<string, ProtocolViolation>> = {
  WS_ERR_EXPECTED_MASK: 'mask',
  WS_ERR_UNEXPECTED_RSV_1: 'reservedBits',
  WS_ERR_UNEXPECTED_RSV_2_3: 'reservedBits',
  WS_ERR_INVALID_OPCODE: 'opcode',
  WS_ERR_EXPECTED_FIN: 'controlFrame',
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH: 'controlFrame',
  WS_ERR_INVALID_CLOSE_CODE: 'closeCode',
  WS_ERR_INVALID_UTF8: 'utf8',
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 'fragments',
}

/** ws's codes for a message or frame longer than allowed: core's PAYLOAD_TOO_LARGE. */
const WS_TOO_BIG: ReadonlySet<string> = new Set(['WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH'])

/** The close code ws attached to an error it failed the connection for (a symbol it does not export). */
function wsStatusCode(error: object): number | undefined {
  const key = Object.getOwnPropertySymbols(error).find((symbol) => symbol.description === 'status-code')
  const value = key === undefined ? undefined : (error as Record<symbol, unknown>)[key]
  return typeof value === 'number' ? value : undefined
}

/**
 * A `ws` socket's `'error'` as core reports it. ws emits one only when the peer broke the protocol
 * (it then closes the connection itself, with the status code it attached): an oversized message
 * is PAYLOAD_TOO_LARGE, every other violation PROTOCOL_ERROR, with ws's own error as `cause`.
 * Anything else stays as it is (core reports it as INTERNAL).
 */
export function wsErrorToCore(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && WS_TOO_BIG.has(code)) return new WsError('PAYLOAD_TOO_LARGE', undefined, { cause: error })
  const violation = typeof code === 'string' ? WS_VIOLATIONS[code] : undefined
  if (violation) return protocolError(violation, error)
  // permessage-deflate: zlib's error (Z_DATA_ERROR…), which ws fails the connection for with 1007.
  if (wsStatusCode(error) !== undefined)
    return protocolError(typeof code === 'string' && code.startsWith('Z_') ? 'compression' : 'other', error)
  return error
}

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
  return protocolError(BUN_VIOLATIONS[reason] ?? 'other', reason)
}

function protocolError(violation: ProtocolViolation, cause: unknown): WsError {
  return new WsError('PROTOCOL_ERROR', protocolViolations[violation], { cause })
}
