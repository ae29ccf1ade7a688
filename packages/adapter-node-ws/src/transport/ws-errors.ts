import { WsError } from '@wsbridge/core'
import { protocolViolations, type ProtocolViolation } from '@wsbridge/core/adapter'
import { wsStatusCode } from './ws-private.js'

/** ws's error codes (lib/receiver.js `createError`, documented in ws.md "Error codes") for what the client did wrong. */
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

/**
 * A `ws` socket's `'error'` as core reports it. ws emits one only when the peer broke the protocol
 * (it then closes the connection itself, with the status code it attached): an oversized message
 * is PAYLOAD_TOO_LARGE, every other violation PROTOCOL_ERROR in core's words (`protocolViolations`,
 * the same on every host), with ws's own error as `cause`. Anything else stays as it is (core
 * reports it as INTERNAL).
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

function protocolError(violation: ProtocolViolation, cause: unknown): WsError {
  return new WsError('PROTOCOL_ERROR', protocolViolations[violation], { cause })
}
