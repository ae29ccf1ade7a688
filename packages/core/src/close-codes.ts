/**
 * WebSocket close codes wsbridge sends, and the RFC 6455 validity rule for any code a user passes.
 * @see https://www.rfc-editor.org/rfc/rfc6455#section-7.4
 */
export const CloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  UNSUPPORTED_DATA: 1003,
  /** Reported to `onClose` when the peer's close frame carried no code. Never sent on the wire. */
  NO_STATUS: 1005,
  /** Reported to `onClose` when the socket dropped without a close frame. Never sent on the wire. */
  ABNORMAL: 1006,
  INVALID_PAYLOAD: 1007,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  TRY_AGAIN_LATER: 1013,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
} as const

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** True when `code` may appear in a close frame (1005, 1006 and 1015 are reserved for reporting). */
export function isValidCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false
  if (code >= 3000 && code <= 4999) return true
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
}

/** A close reason must fit in a control frame: 125 bytes minus the 2-byte code. */
export const MAX_CLOSE_REASON_BYTES = 123

const encoder = new TextEncoder()

export function closeReasonBytes(reason: string): number {
  // Fast path: ASCII-only strings are their own byte length, and most reasons are ASCII.
  return /^[\x00-\x7f]*$/.test(reason) ? reason.length : encoder.encode(reason).length
}
