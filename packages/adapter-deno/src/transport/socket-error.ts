import { WsError } from '@wsbridge/core'
import { protocolViolations, type ProtocolViolation } from '@wsbridge/core/adapter'

/** Deno's words (fastwebsockets' errors) for what the client did wrong. */
const DENO_VIOLATIONS: Readonly<Record<string, ProtocolViolation>> = {
  'Reserved bits are not zero': 'reservedBits',
  'Invalid value': 'opcode',
  'Invalid continuation frame': 'opcode',
  'Invalid fragment': 'opcode',
  'Control frame must not be fragmented': 'controlFrame',
  'Ping frame too large': 'controlFrame',
  'Invalid close frame': 'controlFrame',
  'Invalid close code': 'closeCode',
  'Invalid UTF-8': 'utf8',
}

/** Deno's error for a frame over its own, fixed message limit (64 MiB). */
const DENO_TOO_BIG = 'Frame too large'

/**
 * The error behind Deno's `error` event, in core's words, or undefined when it is none of the
 * client's doing. Deno fails a connection for a protocol violation by dropping it (no close frame)
 * after this event; it also reports a peer that went away as one ("Unexpected EOF", an I/O error),
 * which on every host is only a close (1006), so that is not reported.
 */
export function denoSocketError(message: string | undefined): WsError | undefined {
  if (message === undefined) return undefined
  if (message === DENO_TOO_BIG) return new WsError('PAYLOAD_TOO_LARGE', undefined, { cause: message })
  const violation = DENO_VIOLATIONS[message]
  return violation === undefined ? undefined : new WsError('PROTOCOL_ERROR', protocolViolations[violation], { cause: message })
}
