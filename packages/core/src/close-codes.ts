/**
 * WebSocket close codes wsbridge sends, and the RFC 6455 validity rule for any code a user passes.
 * @see https://www.rfc-editor.org/rfc/rfc6455#section-7.4
 */
export const CloseCode = {
  /** Normal closure: the work is done. */
  NORMAL: 1000,
  /** The server is shutting down (`bridge.close()`) or the connection was idle too long. */
  GOING_AWAY: 1001,
  /** A binary frame on a route without `onBinary`. */
  UNSUPPORTED_DATA: 1003,
  /** Reported to `onClose` when the peer's close frame carried no code. Never sent on the wire. */
  NO_STATUS: 1005,
  /** Reported to `onClose` when the socket dropped without a close frame. Never sent on the wire. */
  ABNORMAL: 1006,
  /** A message that is not JSON or fails validation, on a route with `onInvalid: 'close'`. */
  INVALID_PAYLOAD: 1007,
  /** A policy was broken: rate limit, origin, or a refusal after the upgrade. */
  POLICY_VIOLATION: 1008,
  /** A message over the route's `maxPayloadLength`. */
  MESSAGE_TOO_BIG: 1009,
  /** The server's own code failed where the only answer is to close (an internal error). */
  INTERNAL_ERROR: 1011,
  /** The server is restarting: come back within the window the reason names (restart-window.ts). */
  SERVICE_RESTART: 1012,
  /** Overload: too many connections, or a client not reading fast enough (backpressure). */
  TRY_AGAIN_LATER: 1013,
  /** Auth refused after the upgrade (`authFailure: 'close'`); the client does not reconnect. */
  UNAUTHORIZED: 4401,
  /** Forbidden after the upgrade (`authFailure: 'close'`); the client does not reconnect. */
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
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII, control characters included.
  return /^[\x00-\x7f]*$/.test(reason) ? reason.length : encoder.encode(reason).length
}

/** UTF-8 length of one code point; a lone surrogate is sent as U+FFFD (3 bytes) by every runtime. */
function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
}

/**
 * The longest prefix of `reason` that fits in a close frame (123 UTF-8 bytes), cut between
 * characters: runtimes throw on a longer reason (ws: RangeError) instead of trimming it, and
 * reasons often come from user strings (error messages, auth rejections) in any script.
 * A lone surrogate counts as the 3 bytes of the U+FFFD that runtimes send in its place.
 */
export function trimCloseReason(reason: string): string {
  if (reason.length <= MAX_CLOSE_REASON_BYTES / 3 || closeReasonBytes(reason) <= MAX_CLOSE_REASON_BYTES) return reason
  let bytes = 0
  let end = 0
  for (const char of reason) {
    const size = utf8Length(char.codePointAt(0)!)
    if (bytes + size > MAX_CLOSE_REASON_BYTES) break
    bytes += size
    end += char.length
  }
  return reason.slice(0, end)
}

/** The part of a runtime socket core closes: the Transport's close and terminate. */
interface Closable {
  close(code: number, reason: string): void
  terminate(): void
}

/**
 * Closes with a code and reason core did not choose itself (policy errors, auth refusals): the
 * reason is trimmed to fit, an invalid code becomes 1011, and if the runtime still throws the
 * socket is dropped instead. A close must never throw into a message handler or an upgrade.
 */
export function closeSafely(socket: Closable, code: number, reason: string): void {
  try {
    socket.close(isValidCloseCode(code) ? code : CloseCode.INTERNAL_ERROR, trimCloseReason(reason))
  } catch {
    socket.terminate()
  }
}
