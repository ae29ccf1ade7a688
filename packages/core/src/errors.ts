import { CloseCode } from './close-codes.js'

/**
 * Who caused an error. `'client'`: the peer sent something wsbridge refuses (bad JSON, a protocol
 * violation, too much, too fast, bad credentials): expected on any public server, logged as one
 * line without a stack. `'server'`: the application or its backends failed: logged with the stack.
 */
export type ErrorBlame = 'client' | 'server'

/**
 * One row of `errorCodes`. The literal close code and status stay in the type, so the reference and
 * editors show each code's values.
 */
export interface ErrorCodeEntry<Close extends number = number, Status extends number = number> {
  /** The close code used when a route's policy closes the connection for this error. */
  readonly close: Close
  /** The HTTP status used when this error refuses an upgrade. */
  readonly status: Status
  /** What a client is shown when the error's own message is not exposed. */
  readonly message: string
  /** Who caused it, which decides how the bridge logs it (see ErrorBlame). */
  readonly blame: ErrorBlame
}

// Through a function so each row's type is the documented ErrorCodeEntry, not an anonymous literal.
const entry = <const Close extends number, const Status extends number>(
  close: Close,
  status: Status,
  message: string,
  blame: ErrorBlame,
): ErrorCodeEntry<Close, Status> => ({ close, status, message, blame })

/**
 * Every error wsbridge produces or reports, with the close code, HTTP status, client message and
 * blame of each (see ErrorCodeEntry). docs/errors.md holds the same table, with when each is raised.
 */
export const errorCodes = {
  /** A text frame is not JSON. */
  INVALID_JSON: entry(CloseCode.INVALID_PAYLOAD, 400, 'Message is not valid JSON', 'client'),
  /** The route's `input` or the message type's schema rejects a message; `issues` say where. */
  VALIDATION_FAILED: entry(CloseCode.INVALID_PAYLOAD, 400, 'Message failed validation', 'client'),
  /** A typed-messages route gets a `type` it has no entry for (or no `type`). */
  UNKNOWN_TYPE: entry(CloseCode.POLICY_VIOLATION, 400, 'Unknown message type', 'client'),
  /** A binary frame on a route without `onBinary`. */
  UNSUPPORTED_DATA: entry(CloseCode.UNSUPPORTED_DATA, 400, 'Binary messages are not accepted on this route', 'client'),
  /** A frame above `maxPayloadLength`, caught by core or by the runtime. */
  PAYLOAD_TOO_LARGE: entry(CloseCode.MESSAGE_TOO_BIG, 413, 'Message is too large', 'client'),
  /** JSON nested deeper than `maxDepth` (checked before parsing). */
  TOO_DEEP: entry(CloseCode.MESSAGE_TOO_BIG, 413, 'Message is nested too deeply', 'client'),
  // 1002 is RFC 6455's protocol error: the runtime sends it (1007 for invalid UTF-8), never core.
  /** The peer broke RFC 6455 (unmasked frame, reserved bits, bad opcode, invalid UTF-8, …); the runtime closed. */
  PROTOCOL_ERROR: entry(1002, 400, 'WebSocket protocol violation', 'client'),
  /** The connection went over its per-connection message rate limit. */
  RATE_LIMITED: entry(CloseCode.POLICY_VIOLATION, 429, 'Too many messages', 'client'),
  /** A slow consumer went past `backpressureLimit`. */
  BACKPRESSURE: entry(CloseCode.TRY_AGAIN_LATER, 503, 'Client is not reading fast enough', 'client'),
  /** An upgrade request that is not a valid RFC 6455 handshake, or whose request target is malformed. */
  INVALID_HANDSHAKE: entry(1002, 400, 'Invalid WebSocket handshake', 'client'),
  // 426 with `Sec-WebSocket-Version: 13` (RFC 6455 §4.4): what Bun's own upgrade answers, so every host answers it so.
  /** A `Sec-WebSocket-Version` other than 13. */
  UNSUPPORTED_VERSION: entry(1002, 426, 'Unsupported WebSocket version', 'client'),
  /** The route's `auth` refused the credentials (or found none). */
  UNAUTHORIZED: entry(CloseCode.UNAUTHORIZED, 401, 'Unauthorized', 'client'),
  /** The route's `auth` refused with 403/4403, or a hook threw `WsError('FORBIDDEN')`. */
  FORBIDDEN: entry(CloseCode.FORBIDDEN, 403, 'Forbidden', 'client'),
  /** A browser `Origin` outside the allow-list. */
  ORIGIN_NOT_ALLOWED: entry(CloseCode.POLICY_VIOLATION, 403, 'Origin not allowed', 'client'),
  /** A connection cap is reached, or an upgrade arrives during shutdown. */
  TOO_MANY_CONNECTIONS: entry(CloseCode.TRY_AGAIN_LATER, 503, 'Too many connections', 'client'),
  /** An `auth` or `context` hook still running after `handshakeTimeout` (a backend that hangs). */
  HANDSHAKE_TIMEOUT: entry(CloseCode.TRY_AGAIN_LATER, 503, 'Handshake timed out', 'server'),
  /** No route matches an upgrade URL under the prefix. */
  ROUTE_NOT_FOUND: entry(CloseCode.POLICY_VIOLATION, 404, 'Not found', 'client'),
  /** An operation on a connection that is already closed. */
  CONNECTION_CLOSED: entry(CloseCode.NORMAL, 410, 'Connection is closed', 'server'),
  /** A pub/sub driver (Redis, NATS) failed; reported to the bridge's hook. */
  PUBSUB_ERROR: entry(CloseCode.INTERNAL_ERROR, 503, 'Pub/sub backend error', 'server'),
  /** `connection.close(code, reason)` with a code RFC 6455 forbids or a reason over 123 bytes. */
  INVALID_CLOSE_CODE: entry(CloseCode.INTERNAL_ERROR, 500, 'Invalid close code', 'server'),
  /** `send`, `publish` or `broadcast` was given a value the route's `output` schema rejects. */
  OUTPUT_VALIDATION_FAILED: entry(CloseCode.INTERNAL_ERROR, 500, 'Server tried to send an invalid message', 'server'),
  /** Anything else thrown by a handler or hook; its message is never shown to the client. */
  INTERNAL: entry(CloseCode.INTERNAL_ERROR, 500, 'Internal error', 'server'),
  // Request/response (docs/requests.md): error replies and the asker's own rejections; they never close a connection.
  /** A request names no entry of the route's `requests` (or the client's handlers); an error reply, never a close. */
  UNKNOWN_REQUEST: entry(CloseCode.POLICY_VIOLATION, 404, 'Unknown request', 'client'),
  /** No reply within the request's `timeout`; the asker rejects and sends a cancel. */
  REQUEST_TIMEOUT: entry(CloseCode.TRY_AGAIN_LATER, 504, 'Request timed out', 'server'),
  // The asker's own doing: reaches the hooks only when the server's own `connection.request` was cancelled and not caught.
  /** The asker's `AbortSignal` aborted, or the peer cancelled the request. */
  REQUEST_CANCELLED: entry(CloseCode.NORMAL, 499, 'Request cancelled', 'server'),
} as const

/**
 * Every error code wsbridge puts on the wire (`INVALID_JSON`, `UNAUTHORIZED`, `RATE_LIMITED`, …): the
 * keys of `errorCodes`, and what a client switches on in an error frame.
 */
export type WsErrorCode = keyof typeof errorCodes

/** One structured validation issue, as valibot reports it, safe to put on the wire. */
export interface WsIssue {
  /** What is wrong, in words (valibot's message). */
  readonly message: string
  /** Where in the message: object keys and array indexes from the root; absent for the root itself. */
  readonly path?: readonly (string | number)[]
  /** What the schema expected there (`"string"`, `"3"`), when valibot says. */
  readonly expected?: string | null
  /** What was there instead, when valibot says. */
  readonly received?: string
}

/** The optional parts of a `WsError`: its cause, validation issues and whether clients see its message. */
export interface WsErrorOptions {
  /** The underlying error, kept as `error.cause` for logs; never sent to the client. */
  readonly cause?: unknown
  /** Validation issues sent in the error frame (path, message, expected, received). */
  readonly issues?: readonly WsIssue[]
  /** When true the message is shown to clients as-is. Defaults to true for every code but INTERNAL. */
  readonly expose?: boolean
}

/**
 * The error wsbridge raises and routes throw: a code from `errorCodes` (which fixes the close code,
 * HTTP status and default message), optional validation issues, and whether the message may be shown
 * to the client. Throw one from a handler or hook to send that error frame (or refuse the upgrade)
 * instead of a generic `INTERNAL`; anything else thrown becomes `INTERNAL` with its message hidden.
 */
export class WsError extends Error {
  /** Always `'WsError'`, so logs and `instanceof`-free checks can recognise it. */
  override readonly name = 'WsError'
  /** The code from `errorCodes`: fixes the close code, the HTTP status and the default message. */
  readonly code: WsErrorCode
  /** Validation issues, when the error is a failed validation. */
  readonly issues: readonly WsIssue[] | undefined
  /** Whether the message may be shown to clients (false only for INTERNAL by default). */
  readonly expose: boolean

  /** An error with `code`; `message` defaults to the table's message for it. */
  constructor(code: WsErrorCode, message?: string, options: WsErrorOptions = {}) {
    super(message ?? errorCodes[code].message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.issues = options.issues
    this.expose = options.expose ?? code !== 'INTERNAL'
  }

  /** The close code a route uses when its policy closes the connection for this error. */
  get closeCode(): number {
    return errorCodes[this.code].close
  }

  /** The HTTP status used when this error rejects an upgrade. */
  get status(): number {
    return errorCodes[this.code].status
  }

  /** Who caused it: `'client'` errors are logged as one line, `'server'` errors with the stack. */
  get blame(): ErrorBlame {
    return errorCodes[this.code].blame
  }

  /** Normalises anything thrown into a WsError, keeping the original as `cause` (and its stack). */
  static from(value: unknown): WsError {
    if (value instanceof WsError) return value
    const message = value instanceof Error ? value.message : typeof value === 'string' ? value : 'Unknown error'
    const error = new WsError('INTERNAL', message, { cause: value, expose: false })
    if (value instanceof Error && value.stack) error.stack = value.stack
    return error
  }
}

/** The error frame clients receive. Internals never leak: unexposed errors use the table's message. */
export interface ErrorFrame {
  /** Always `'error'`: what tells an error frame from an application message. */
  readonly type: 'error'
  /** What went wrong, from `errorCodes`: what a client switches on. */
  readonly code: WsErrorCode
  /** The error's message when exposed, otherwise the table's message for the code. */
  readonly message: string
  /** Validation issues, when the code is `VALIDATION_FAILED`. */
  readonly issues?: readonly WsIssue[]
}

/**
 * Turns anything thrown into the error frame a client may see: a `WsError` keeps its code and issues
 * (and its message when `expose`), anything else becomes `INTERNAL` with the generic message, so
 * internal details never leak. Useful when a custom handler reports errors over its own channel.
 */
export function toErrorFrame(thrown: unknown): ErrorFrame {
  // Accepts anything thrown: the one place a value becomes what a client may see.
  const error = WsError.from(thrown)
  const message = error.expose ? error.message : errorCodes[error.code].message
  return error.issues ? { type: 'error', code: error.code, message, issues: error.issues } : { type: 'error', code: error.code, message }
}
